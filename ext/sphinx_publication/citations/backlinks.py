"""Backlinks: every bibliography entry lists the places that cite it, across pages.

sphinxcontrib-bibtex adds backrefs only when the citation and the
bibliography share a page (upstream issue #389). We read its domain data —
the citation references recorded per document, in reading order — so any
directive that creates a normal cite reference (``{cite:p}``, a chart's
``:source:``, a review note) is covered without knowing about it. The
places citing each key are indexed once per build, after reading
(:mod:`.citation_index`); writing a page only looks them up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..i18n import plural, translator
from ..links import reference_to
from ..typography import space_new_nodes
from .citation_index import CitationIndexDomain
from .queries import Places

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DOMAIN = "sphinx_publication.citations"
_ = translator(DOMAIN)
BACKLINKS_CLASS = "citation-backlinks"
#: hidden on screen, read by screen readers (style in static/sphinx-publication-cards.css)
VISUALLY_HIDDEN = "publication-visually-hidden"
BACK_ARROW = "↩"


def add_citation_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: append "Cité dans : page ↩ a, b ; page ↩ a" to each entry
    of a bibliography (the builder, which makes the links, is known here)."""
    entries = [entry for entry in doctree.findall(nodes.citation) if entry.get("ids")]
    if not entries:
        return
    index = app.env.get_domain(CitationIndexDomain.name).data
    key_of, places_of = index["citation_keys"], index["backlinks"]
    for entry in entries:
        places = places_of.get(key_of.get(entry["ids"][0]))
        if places:
            paragraph = backlinks_paragraph(app.builder, entry["docname"], places)
            insert_before_trailing_raw(entry, paragraph)
            space_new_nodes(app, paragraph)


def insert_before_trailing_raw(entry: nodes.Element, paragraph: nodes.paragraph) -> None:
    """Append *paragraph*, but before the raw nodes post-transforms appended (the COinS
    span of metadata.pages.AddCoins): where the backlinks always stood."""
    index = len(entry)
    while index and isinstance(entry[index - 1], nodes.raw):
        index -= 1
    entry.insert(index, paragraph)


def backlinks_paragraph(builder, fromdocname: str, places: Places, most: int | None = None) -> nodes.paragraph:
    """Cited in: Page ↩ a, b; Other page ↩ a — one lettered link per citation.

    Letters, not numbers: numbers would read as reference labels. In HTML each
    link's accessible name also says which citation of which page it returns to.
    With *most*, the first *most* pages only, then « and N other pages »: a
    card repeats its places on every page citing the entry, and all of them
    would make each page's size grow with the length of the book.
    """
    paragraph = nodes.paragraph(classes=[BACKLINKS_CLASS])
    paragraph += nodes.Text(_("Cited in:") + " ")
    shown = places if most is None else places[:most]
    for index, (docname, title, ref_ids) in enumerate(shown):
        if index:
            paragraph += nodes.Text(_("; "))
        page = title or docname
        paragraph += nodes.inline(page, page, classes=["citation-backlinks-page"])
        paragraph += nodes.Text(" " + BACK_ARROW + "\u00a0")
        address = None
        for number, ref_id in enumerate(ref_ids, start=1):
            if number > 1:
                paragraph += nodes.Text(", ")
            link = backlink(builder, fromdocname, docname, ref_id, page, number, len(ref_ids), address)
            address = address or link
            paragraph += link
    if len(shown) < len(places):
        others = len(places) - len(shown)
        paragraph += nodes.Text(
            plural(DOMAIN, "; and {n} other page", "; and {n} other pages", others).format(n=others)
        )
    return paragraph


def letter(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the label of the n-th citation of a page."""
    label = ""
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def backlink(builder, fromdocname: str, docname: str, ref_id: str, page: str, number: int, total: int,
             same_page: nodes.reference | None = None):
    """A lettered link back to citation *ref_id*; *same_page*, an earlier link to the
    same page, gives the page's address (the builder works it out once per page)."""
    content = nodes.inline()
    content += nodes.Text(letter(number))
    if builder.format == "html":  # visually hidden words; other formats print every word
        hidden = _(", back to citation {number} of {total} on the page “{page}”").format(
            number=number, total=total, page=page
        )
        content += nodes.inline(hidden, hidden, classes=[VISUALLY_HIDDEN])
    if same_page is None:
        node = reference_to(builder, fromdocname, docname, ref_id, content)
    else:
        node = nodes.reference("", "", content, internal=True)
        if "refid" in same_page:
            node["refid"] = ref_id
        else:
            node["refuri"] = same_page["refuri"].rpartition("#")[0] + "#" + ref_id
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
