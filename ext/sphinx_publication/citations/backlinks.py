"""Backlinks: every bibliography entry lists the places that cite it, across pages.

sphinxcontrib-bibtex adds backrefs only when the citation and the
bibliography share a page (upstream issue #389). We read its domain data —
the citation references recorded per document, in reading order — so any
directive that creates a normal cite reference (``{cite:p}``, a chart's
``:source:``, a review note) is covered without knowing about it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode
from sphinxcontrib.bibtex.domain import get_docnames

from ..i18n import translator

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.roles import CitationRef

_ = translator("sphinx_publication.citations")
BACKLINKS_CLASS = "citation-backlinks"


def places_citing(cite_domain, key: str, reading_order: list[str]) -> OrderedDict:
    """docname -> [citation references to *key*], pages in reading order."""
    position = {docname: index for index, docname in enumerate(reading_order)}
    refs = [
        ref
        for ref in cite_domain.citation_refs
        if key in {target.key for target in ref.targets}
    ]
    # stable sort: within a page, references stay in reading order
    refs.sort(key=lambda ref: position.get(ref.docname, len(position)))
    grouped: OrderedDict[str, list[CitationRef]] = OrderedDict()
    for ref in refs:
        grouped.setdefault(ref.docname, []).append(ref)
    return grouped


class CitationBacklinks(SphinxPostTransform):
    """Append "Cité dans : page ; page (2)" to each entry of a bibliography.

    Runs after sphinxcontrib-bibtex filled the bibliography (priority 5)
    and before references are resolved (10).
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        cite = self.env.get_domain("cite")
        key_of = {citation.citation_id: citation.key for citation in cite.citations}
        reading_order = list(get_docnames(self.env))
        for entry in list(self.document.findall(nodes.citation)):
            if not entry.get("ids") or entry["ids"][0] not in key_of:
                continue
            places = places_citing(cite, key_of[entry["ids"][0]], reading_order)
            if places:
                entry += self.backlinks(entry["docname"], places)

    def backlinks(self, fromdocname: str, places: OrderedDict) -> nodes.paragraph:
        paragraph = nodes.paragraph(classes=[BACKLINKS_CLASS])
        paragraph += nodes.Text(_("Cited in:") + " ")
        for index, (docname, refs) in enumerate(places.items()):
            if index:
                paragraph += nodes.Text(_("; "))
            title = self.env.titles[docname].astext() if docname in self.env.titles else docname
            paragraph += self.link(fromdocname, docname, refs[0], title)
            if len(refs) > 1:
                paragraph += nodes.Text(" (")
                for number, ref in enumerate(refs[1:], start=2):
                    if number > 2:
                        paragraph += nodes.Text(", ")
                    paragraph += self.link(fromdocname, docname, ref, str(number))
                paragraph += nodes.Text(")")
        return paragraph

    def link(self, fromdocname: str, docname: str, ref: CitationRef, text: str):
        node = make_refnode(
            self.env._app.builder,  # what Sphinx's own post-transforms use (9.x)
            fromdocname,
            docname,
            ref.citation_ref_id,
            nodes.inline(text, text),
            title=_("Citation in “{page}”").format(page=self.env.titles[docname].astext())
            if docname in self.env.titles
            else None,
        )
        node["classes"].append("citation-backlink")
        return node


class LatexCitationAnchors(SphinxPostTransform):
    """Give each in-text citation a LaTeX label, the target of its backlinks.

    In HTML the resolved citation keeps the id of its role as an anchor;
    the LaTeX writer emits no label for an inline, so its ids move to a
    target node just before it (``\\phantomsection\\label{page:id}``).
    """

    default_priority = 11  # after ReferencesResolver
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for citation in list(self.document.findall(nodes.inline)):
            if "bibtex-citation" in citation["classes"] and citation["ids"]:
                target = nodes.target("", "", ids=citation["ids"])
                citation["ids"] = []
                citation.parent.insert(citation.parent.index(citation), target)
