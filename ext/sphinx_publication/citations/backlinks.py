"""Backlinks: every bibliography entry lists the places that cite it, across pages.

sphinxcontrib-bibtex adds backrefs only when the citation and the
bibliography share a page (upstream issue #389). We read its domain data —
the citation references recorded per document, in reading order — so any
directive that creates a normal cite reference (``{cite:p}``, a chart's
``:source:``, a review note) is covered without knowing about it. The
places citing each key are indexed once per build, after reading
(:mod:`.backlinks_index`); writing a page only looks them up.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..i18n import translator
from .backlinks_index import CitationSnapshotDomain
from .queries import Places

_ = translator("sphinx_publication.citations")
BACKLINKS_CLASS = "citation-backlinks"


class CitationBacklinks(SphinxPostTransform):
    """Append "Cité dans : page ; page (2)" to each entry of a bibliography.

    Runs after sphinxcontrib-bibtex filled the bibliography (priority 5)
    and before references are resolved (10).
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        entries = [entry for entry in self.document.findall(nodes.citation) if entry.get("ids")]
        if not entries:
            return
        index = self.env.get_domain(CitationSnapshotDomain.name).data
        key_of, places_of = index["citation_keys"], index["backlinks"]
        for entry in entries:
            places = places_of.get(key_of.get(entry["ids"][0]))
            if places:
                entry += self.backlinks(entry["docname"], places)

    def backlinks(self, fromdocname: str, places: Places) -> nodes.paragraph:
        paragraph = nodes.paragraph(classes=[BACKLINKS_CLASS])
        paragraph += nodes.Text(_("Cited in:") + " ")
        for index, (docname, title, ref_ids) in enumerate(places):
            if index:
                paragraph += nodes.Text(_("; "))
            paragraph += self.link(fromdocname, docname, ref_ids[0], title or docname, title)
            if len(ref_ids) > 1:
                paragraph += nodes.Text(" (")
                for number, ref_id in enumerate(ref_ids[1:], start=2):
                    if number > 2:
                        paragraph += nodes.Text(", ")
                    paragraph += self.link(fromdocname, docname, ref_id, str(number), title)
                paragraph += nodes.Text(")")
        return paragraph

    def link(self, fromdocname: str, docname: str, ref_id: str, text: str, title: str | None):
        node = make_refnode(
            self.env._app.builder,  # what Sphinx's own post-transforms use (9.x)
            fromdocname,
            docname,
            ref_id,
            nodes.inline(text, text),
            title=_("Citation in “{page}”").format(page=title) if title is not None else None,
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
