"""Citation cards: preview a cited entry, or a referenced figure, in place.

Each HTML page carries, in an inert ``<template>``, one card per
bibliography entry it cites and per figure or table it references with
``{numref}``: the entry as the bibliography prints it, its links and the
places citing it; or the figure's number and caption. Everything is built
here, at build time; ``static/sphinx-publication-cards.js`` only shows a
card when a reader hovers, focuses or taps the link, and without JavaScript
the link stays a plain link to the entry.

Links that get a card carry the class ``publication-card-trigger``; a card
is found by the link's fragment (the target's id, unique in a project:
citation ids come from ``bibtex_cite_id``, figure ids from labels).

EPUB gets no cards: reading systems run scripts unevenly, and the links
work there as they are.
"""

from __future__ import annotations

import posixpath
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.util.docutils import new_document
from sphinxcontrib.bibtex.transforms import BibliographyTransform, node_text_transform

from .. import priorities
from ..builders import builder_state, is_web_html
from ..diagnostics import setting_location, warn
from ..i18n import translator
from ..links import fragment, reference_to
from ..typography import space_new_nodes
from .backlinks import backlinks_paragraph
from .bibfiles import WARNING_SUBTYPE
from .citation_index import CitationIndexDomain
from .unsafe_links import unlink_unsafe

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import Citation

_ = translator("sphinx_publication.citations")
TRIGGER_CLASS = "publication-card-trigger"
SCRIPT = "sphinx-publication-cards.js"
STYLESHEET = "sphinx-publication-cards.css"
#: the pages a card lists by default (``citation_card_places``): what fits a card
CARD_PLACES = 5


# -- nodes ---------------------------------------------------------------------------


class card_templates(nodes.General, nodes.Element):
    """The page's cards, written as an inert ``<template>``."""


class card(nodes.General, nodes.Element):
    """One card; ``target`` is the id of the entry or figure it previews."""


def visit_card_templates_html(self, node: card_templates) -> None:
    self.body.append('<template class="publication-cards">')


def depart_card_templates_html(self, node: card_templates) -> None:
    self.body.append("</template>\n")


def visit_card_html(self, node: card) -> None:
    self.body.append(
        f'<div class="publication-card-content" data-card="{self.attval(node["target"])}"'
        f' data-label="{self.attval(node["label"])}">'
    )


def depart_card_html(self, node: card) -> None:
    self.body.append("</div>")


# -- what a card shows ---------------------------------------------------------------


def formatted_entry(env: BuildEnvironment, citation: Citation) -> nodes.paragraph:
    """The entry's text exactly as the bibliography prints it.

    sphinxcontrib-bibtex formatted the entry once for the build; this renders
    that formatted entry with the same docutils backend and text fix-ups as
    its bibliography transform. The one place cards read entry text from.
    """
    paragraph = BibliographyTransform.backend.paragraph(citation.formatted_entry)
    node_text_transform(paragraph)
    unlink_unsafe(paragraph)  # as in the bibliography: only http(s) links
    return paragraph


class FigureTarget(NamedTuple):
    docname: str
    number: str  #: "Fig. 1", in the document language
    caption: str
    figtype: str


def figure_targets(env: BuildEnvironment) -> dict[str, FigureTarget]:
    """Numbered figures and tables by id: what ``{numref}`` links to."""
    std = env.domains.standard_domain
    targets = {}
    for docname, labelid, title in std.labels.values():
        for figtype, numbers in env.toc_fignumbers.get(docname, {}).items():
            if labelid in numbers:
                number = ".".join(map(str, numbers[labelid]))
                template = env.config.numfig_format.get(figtype, "%s")
                targets[labelid] = FigureTarget(docname, template % number, title, figtype)
    return targets


def go_to_text(figtype: str) -> str:
    return _("Go to the table") if figtype == "table" else _("Go to the figure")


def citation_card(app: Sphinx, fromdocname: str, citation: Citation) -> card:
    label = f"[{citation.formatted_entry.label}]"
    node = card(target=citation.citation_id, label=_("Reference {label}").format(label=label))
    node += nodes.raw("", citation_card_html(app, posixpath.dirname(fromdocname), citation, label),
                      format="html")
    return node


#: a page name no document has, for links as any page of a folder sees them
_ANY_PAGE = "\x00card"

def rendered_cards(builder) -> dict:
    """For the builder's lifetime: (citation id, folder) -> (what the card shows, its HTML).
    A live preview rebuilds in one application; a card is rendered again only when what
    it shows changed."""
    return builder_state(builder, "rendered_cards", dict)


def citation_card_html(app: Sphinx, folder: str, citation: Citation, label: str) -> str:
    """A citation card's content, rendered once for every page of *folder*:
    the entry as the bibliography prints it, where it is cited, the way to it.

    Every page citing an entry repeats its card, places included; built as
    nodes page by page, they cost the square of the citations (a 50-page
    corpus with 2,000 citations: 22,000 backlinks, half the build). The HTML
    is the same on every page of a folder, so it is rendered once, as seen
    from a page of the folder that holds no citation: a citation on the page
    itself is then ``page.html#id`` rather than ``#id``, which browsers
    follow in place all the same. The builder's translator renders it, so
    the markup is the bibliography's. It is rendered again when the entry,
    its label, the places citing it or its bibliography page change (the
    build's snapshot, :mod:`.citation_index`), not on every build.
    """
    snapshot = app.env.get_domain(CitationIndexDomain.name).data
    most = app.config.citation_card_places
    shows = (label, snapshot["entries"].get(citation.key), snapshot["backlinks"].get(citation.key),
             citation.bibliography_key.docname, most)
    rendered = rendered_cards(app.builder)
    known = rendered.get((citation.citation_id, folder))
    if known is not None and known[0] == shows:
        return known[1]
    builder, env = app.builder, app.env
    page = posixpath.join(folder, _ANY_PAGE)
    entry = formatted_entry(env, citation)
    entry.insert(0, nodes.Text(" "))
    entry.insert(0, nodes.strong(label, label))
    parts = [entry]
    places = snapshot["backlinks"].get(citation.key)
    if places:
        parts.append(backlinks_paragraph(builder, page, places, most))
    parts.append(go_to(builder, page, citation.bibliography_key.docname, citation.citation_id,
                       _("Go to the bibliography entry")))
    html = html_of(app, parts)
    rendered[citation.citation_id, folder] = (shows, html)
    return html


def forget_old_cards(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: drop the rendered cards of citations this build no longer has,
    and the previous build's card targets."""
    builder_state(app.builder, "card_targets", dict).clear()
    rendered = rendered_cards(app.builder)
    if rendered:
        current = {citation.citation_id for citation in env.get_domain("cite").citations}
        for key in [key for key in rendered if key[0] not in current]:
            del rendered[key]
    return []


def html_of(app: Sphinx, parts: list[nodes.Element]) -> str:
    """*parts* as the builder's translator writes them, French spacing included
    (one walk: ``render_partial`` publishes a whole document per call)."""
    document = new_document("<card>", app.builder.docsettings)
    document.extend(parts)
    space_new_nodes(app, document)
    translator = app.builder.create_translator(document, app.builder)
    document.walkabout(translator)
    return "".join(translator.fragment)


def figure_card(builder, fromdocname: str, target_id: str, figure: FigureTarget) -> card:
    node = card(target=target_id, label=figure.number)
    caption = nodes.paragraph()
    caption += nodes.strong(figure.number, figure.number)
    caption += nodes.Text(" – " + figure.caption)
    node += caption
    node += go_to(builder, fromdocname, figure.docname, target_id, go_to_text(figure.figtype))
    return node


def go_to(builder, fromdocname: str, docname: str, target_id: str, text: str) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["publication-card-go"])
    paragraph += reference_to(builder, fromdocname, docname, target_id, nodes.inline(text, text))
    return paragraph


# -- the handler -----------------------------------------------------------------------


def is_citation_link(reference: nodes.reference) -> bool:
    parent = reference.parent
    return isinstance(parent, nodes.inline) and "bibtex-citation" in parent["classes"]


def is_numref_link(reference: nodes.reference) -> bool:
    return any(
        isinstance(child, nodes.Element) and "std-numref" in child["classes"]
        for child in reference.children
    )


def add_card_templates(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: mark the links that get a card and append the page's cards.

    References are resolved by then; runs on the whole page (in singlehtml, on
    the joined document) and after the backlinks, which a citation card repeats.
    """
    builder = app.builder
    if not is_web_html(builder):
        return
    fromdocname = doctree.get("docname") or docname
    targets = card_targets(app)
    cards: dict[str, card] = {}
    for reference in list(doctree.findall(nodes.reference)):
        target_id = reference.get("refid") or fragment(reference.get("refuri", ""))
        if not target_id or not reference.get("internal"):
            continue
        if not targets.previews(reference, target_id):
            continue
        if target_id not in cards:
            cards[target_id] = targets.card(app, fromdocname, target_id)
        reference["classes"].append(TRIGGER_CLASS)
    if cards:
        # "no-search": Sphinx's search index skips it; a page must not be found
        # for words that only its hidden cards hold (and indexing them cost a
        # fifth of the citation layer's build time).
        holder = card_templates(classes=["no-search"])
        holder.extend(cards[target_id] for target_id in sorted(cards))
        doctree += holder
        space_new_nodes(app, holder)


def card_targets(app: Sphinx) -> CardTargets:
    """The build's :class:`CardTargets`, looked up once per build, not once per page
    (:func:`forget_old_cards` drops it after each read phase)."""
    state = builder_state(app.builder, "card_targets", dict)
    if "targets" not in state:
        state["targets"] = CardTargets(app.env)
    return state["targets"]


class CardTargets:
    """What a link may preview: cited entries and numbered figures."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env

    @cached_property
    def citations(self) -> dict[str, Citation]:
        return {citation.citation_id: citation for citation in self.env.get_domain("cite").citations}

    @cached_property
    def figures(self) -> dict[str, FigureTarget]:
        return figure_targets(self.env)

    def previews(self, reference: nodes.reference, target_id: str) -> bool:
        """Whether *reference* is a citation or a ``{numref}`` with something to show."""
        if is_citation_link(reference):
            return target_id in self.citations
        return is_numref_link(reference) and target_id in self.figures

    def card(self, app: Sphinx, fromdocname: str, target_id: str) -> card:
        if target_id in self.citations:
            return citation_card(app, fromdocname, self.citations[target_id])
        return figure_card(app.builder, fromdocname, target_id, self.figures[target_id])


# -- set-up --------------------------------------------------------------------------


def add_assets(app: Sphinx, package_file: str) -> None:
    """The style on every HTML-family page (it also hides the backlinks'
    screen-reader words); the script only where cards are written."""
    from pathlib import Path

    static_dir = str(Path(package_file).resolve().parent / "static")

    def on_builder_inited(app: Sphinx) -> None:
        if app.builder.format != "html":
            return
        if static_dir not in app.config.html_static_path:
            app.config.html_static_path.append(static_dir)
        if is_web_html(app.builder):
            app.add_js_file(SCRIPT, defer="defer")

    app.add_css_file(STYLESHEET)
    app.connect("builder-inited", on_builder_inited)


def check_card_places(app: Sphinx, config) -> None:
    """``citation_card_places`` is a count of pages, at least one."""
    value = config.citation_card_places
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return
    warn(_("citation_card_places must be a whole number of pages, at least 1; got {value!r} "
           "(using {default})").format(value=value, default=CARD_PLACES),
         location=setting_location(app.confdir, config.overrides, "citation_card_places"),
         subtype=WARNING_SUBTYPE)
    config.citation_card_places = CARD_PLACES


def setup(app: Sphinx) -> None:
    app.add_node(card_templates, html=(visit_card_templates_html, depart_card_templates_html))
    app.add_node(card, html=(visit_card_html, depart_card_html))
    # a card lists the first places citing its entry; the bibliography lists them all
    app.add_config_value("citation_card_places", CARD_PLACES, "html", types=frozenset({int}))
    app.connect("config-inited", check_card_places)
    app.connect("doctree-resolved", add_card_templates, priority=priorities.CARD_TEMPLATES)
    app.connect("env-updated", forget_old_cards, priority=priorities.FORGET_OLD_CARDS)
    add_assets(app, __file__)
