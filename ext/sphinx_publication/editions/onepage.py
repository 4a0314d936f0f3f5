"""The one-page reading edition: the whole article on one HTML page of the site.

The HTML builder writes it beside the article's pages (``one_page_edition``
names it, in the folder of ``root_doc``), with the site's theme and sidebars,
from the pages' own HTML (:mod:`.written_pages`), so that it costs the joining
of pages already written, not a second setting of the article:

1. *the pages as written*: each page's body, kept where it is written, cut
   where the edition differs (toctrees, cards, the link to the edition);
   a page this build did not write keeps what the build that wrote it kept;
2. *join*: the root page with every page of its toctrees inlined in reading
   order, their headings as many levels down as sections hold the toctree,
   minus ``one_page_exclude`` (:func:`join_written_pages`);
3. *one page*: an id repeated from one page to another gets the page's name
   as prefix, and every link to a part of the article becomes an in-page
   fragment (:class:`Relinker`); the pages' cards are held once, in one set;
4. *render*: the theme's ``page.html``, with the edition's table of contents
   drawn from the pages' own.

The tracked-changes edition (:mod:`sphinx_publication.revisions`) joins
resolved doctrees instead, with :func:`assemble`, :func:`keep_links_inside`
and :func:`render`: it marks changes in the joined tree before writing it.

The ``one-page-link`` directive puts the link to the edition on a page
(removed where there is no edition: EPUB, LaTeX, singlehtml…); templates get
``one_page_edition`` (target page and label) for a sidebar link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from fnmatch import fnmatch
from html import escape, unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from sphinx_publication import priorities
from sphinx_publication.citations.cards import card_templates
from sphinx_publication.derived_outputs import up_to_date
from sphinx_publication.diagnostics import warn
from sphinx_publication.i18n import translator
from sphinx_publication.ids import renamed_ids, walk_by_page
from sphinx_publication.links import PAGE_PREFIX
from sphinx_publication.reading_order import reading_order
from sphinx_publication.typography import space_new_nodes

from . import written_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = translator("sphinx_publication.editions")
SUBTYPE = "editions"
LINK_CLASS = "one-page-link"


# -- configuration ---------------------------------------------------------------------


def edition_pagename(config: Any) -> str:
    """``<folder of root_doc>/<one_page_edition>``, or "" when there is no edition."""
    if not config.one_page_edition:
        return ""
    return posixpath.join(posixpath.dirname(config.root_doc), config.one_page_edition)


def builds_edition(builder: Any) -> bool:
    """Builders that write a multi-page site in flat files (not a book, not one page)."""
    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(
        builder, (SingleFileHTMLBuilder, DirectoryHTMLBuilder, Epub3Builder))


def label_to_edition() -> str:
    return str(_("Read the article on one page"))


def label_to_pages() -> str:
    return str(_("Read the article page by page"))


# -- the link on a page ----------------------------------------------------------------


class one_page_link(nodes.General, nodes.Element):
    """Where the link to the one-page edition goes (replaced when resolving)."""


class OnePageLinkDirective(SphinxDirective):
    """``one-page-link``: the link to the one-page edition, where there is one."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = one_page_link()
        self.set_source_info(node)
        return [node]


def resolve_one_page_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the link to the one-page edition, where the builder writes one."""
    pagename = edition_pagename(app.config)
    for node in list(doctree.findall(one_page_link)):
        if pagename and builds_edition(app.builder):
            link = one_page_link_paragraph(app.builder.get_relative_uri(docname, pagename))
            node.replace_self(link)
            space_new_nodes(app, link)
        else:
            node.parent.remove(node)


def one_page_link_paragraph(uri: str) -> nodes.paragraph:
    text = label_to_edition()
    reference = nodes.reference(text, text, refuri=uri, internal=True)
    return nodes.paragraph("", "", reference, classes=[LINK_CLASS])


def _skip(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


# -- 1. the pages as written ------------------------------------------------------------


def article_pages(env: BuildEnvironment, config: Any) -> list[str]:
    """The pages of the edition in reading order, minus ``one_page_exclude``."""
    return reading_order(config.root_doc, env.toctree_includes, config.one_page_exclude)


def mark_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after every other handler: where the edition will differ
    from the page, marked for :func:`keep_written_page` (:mod:`.written_pages`)."""
    if not edition_pagename(app.config) or not builds_edition(app.builder):
        return
    if any(fnmatch(docname, pattern) for pattern in app.config.one_page_exclude):
        return
    written_pages.mark(app, doctree, _link_to_edition)


def keep_written_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                      doctree: Any) -> None:
    """``html-page-context``, first: the page's body kept for the edition, markers removed."""
    written_pages.keep(app, pagename, context)


def rewrite_pages_without_parts(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                                removed: set[str]) -> list[str]:
    """``env-get-outdated``: a page of the edition whose written parts are missing
    (a new build folder for the edition, a change of their format) is written again."""
    if not edition_pagename(app.config) or not builds_edition(app.builder) or not env.all_docs:
        return []
    order = article_pages(env, app.config)
    return [docname for docname in written_pages.pages_without_parts(app, order) if docname in env.all_docs]


# -- 2. assemble -----------------------------------------------------------------------


def assemble(root_doc: str, order: list[str],
             page_tree: Callable[[str], nodes.document]) -> tuple[nodes.document, list[str]]:
    """The root page with the pages of *order* inlined where its toctrees list them
    (``start_of_file`` nodes, as Sphinx's singlehtml does), each tree from
    *page_tree*; the pages in the order they were placed."""
    pages = set(order)
    placed = [root_doc]
    tree = page_tree(root_doc)
    _inline_toctrees(tree, pages, placed, page_tree)
    for node in list(tree.findall(_link_to_edition)):
        node.parent.remove(node)
    _one_set_of_cards(tree)
    tree["docname"] = root_doc
    return tree, placed


def _link_to_edition(node: nodes.Node) -> bool:
    """The edition links to itself nowhere: the directive, or the paragraph it resolved to."""
    return isinstance(node, one_page_link) or (
        isinstance(node, nodes.paragraph) and LINK_CLASS in node["classes"])


def _one_set_of_cards(tree: nodes.document) -> None:
    """Each page brings its cards; the edition holds each card once, in one set
    at its end, as a page does (the script reads the first set)."""
    holders = list(tree.findall(card_templates))
    if len(holders) < 2:
        return
    cards = {}
    for holder in holders:
        for card in holder.children:
            cards.setdefault(card["target"], card)
        holder.parent.remove(holder)
    merged = card_templates(classes=list(holders[0]["classes"]))
    merged.extend(cards[target] for target in sorted(cards))
    tree += merged


def _inline_toctrees(tree: nodes.Element, pages: set[str], placed: list[str],
                     page_tree: Callable[[str], nodes.document]) -> None:
    """Each toctree of *tree* becomes the pages it lists (those of *pages* not placed yet)."""
    for toctree in list(tree.findall(addnodes.toctree)):
        parts = []
        for docname in toctree["includefiles"]:
            if docname not in pages or docname in placed:
                continue
            placed.append(docname)
            subtree = page_tree(docname)
            _inline_toctrees(subtree, pages, placed, page_tree)
            start = addnodes.start_of_file(docname=docname)
            start.extend(subtree.children)
            parts.append(start)
        wrapper = toctree.parent
        toctree.replace_self(parts)
        if not wrapper.children and wrapper.parent is not None:
            wrapper.parent.remove(wrapper)  # the toctree-wrapper of excluded pages


# -- 3. one page -----------------------------------------------------------------------


class Relinker:
    """Where a link written on a page of the article goes on the edition: to a part of
    the article, an in-page fragment (ids as *renamed*, a page to *top*, its first
    section); another relative address, rebased from its page's folder on the
    edition's (beside ``root_doc``); None where the address means the same."""

    def __init__(self, builder: Any, root_doc: str, pages: list[str],
                 renamed: dict[tuple[str, str], str], top: dict[str, str]) -> None:
        self.builder, self.renamed, self.top = builder, renamed, top
        self.page_of_uri = {builder.get_target_uri(page): page for page in pages}
        self.edition_uri = builder.get_target_uri(root_doc)
        self._known: dict[tuple[str, str], str | None] = {}

    def __call__(self, refuri: str, docname: str) -> str | None:
        # Worked out once per address and page, whatever the fragment: the
        # backlinks alone make thousands of links to a few pages.
        address, _, fragment = refuri.partition("#")
        key = (address, docname)
        if key not in self._known:
            self._known[key] = self._where(address, docname)
        where = self._known[key]
        if where is None:
            return None
        page, rebased = where
        if page is not None:
            return "#" + (self.renamed.get((page, fragment), fragment) if fragment else self.top[page])
        return rebased + (f"#{fragment}" if fragment else "")

    def _where(self, address: str, docname: str) -> tuple[str | None, str] | None:
        """(the page of the article *address* leads to, "") or (None, the address
        rebased on the edition's folder); None where it means the same there."""
        from_uri = self.builder.get_target_uri(docname)
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or address.startswith("/"):
            return None
        path = from_uri if not parts.path else posixpath.normpath(
            posixpath.join(posixpath.dirname(from_uri), parts.path))
        page = self.page_of_uri.get(path)
        if page is not None:
            return page, ""
        if not parts.path or posixpath.dirname(from_uri) == posixpath.dirname(self.edition_uri):
            return None  # means the same from the edition
        return None, relative_uri(self.edition_uri, path)


def keep_links_inside(tree: nodes.document, builder: Any, root_doc: str, pages: list[str],
                      renamed: dict[tuple[str, str], str]) -> None:
    """Links to a page of the article (or a place on it) become in-page fragments;
    other relative links are rebased on the edition's folder (:class:`Relinker`)."""
    relink = Relinker(builder, root_doc, pages, renamed, first_section_ids(tree, root_doc, pages))
    for element, docname in walk_by_page(tree, root_doc):
        if isinstance(element, nodes.raw) and "html" in element.get("format", "").split():
            _relink_raw_html(element, lambda href, page=docname: relink(unescape(href), page))
        if not isinstance(element, nodes.reference) or "refuri" not in element:
            continue
        uri = relink(element["refuri"], docname)
        if uri is not None:
            element["refuri"] = uri
            if uri.startswith("#"):
                element["internal"] = True


_HREF = re.compile(r'(\shref=")([^"]*)(")')


def _relink_raw_html(raw: nodes.raw, relink) -> None:
    """The links of raw HTML (a citation card's « Cité dans », rendered once per
    build) go where :func:`keep_links_inside` sends the others."""
    markup = raw.astext()

    def replace(match: re.Match[str]) -> str:
        anchor = relink(match[2])
        return match[0] if anchor is None else f"{match[1]}{escape(anchor)}{match[3]}"

    fixed = _HREF.sub(replace, markup)
    if fixed != markup:
        raw.replace(raw[0], nodes.Text(fixed))


def first_section_ids(tree: nodes.document, root_doc: str, pages: list[str]) -> dict[str, str]:
    """Where each page starts on the edition: its first section's id (one walk)."""
    first: dict[str, str] = {}
    for element, docname in walk_by_page(tree, root_doc):
        if docname not in first and isinstance(element, nodes.section) and element["ids"]:
            first[docname] = element["ids"][0]
    # else the anchor the HTML translator writes at a page's start
    return {page: first.get(page, PAGE_PREFIX[1:] + page) for page in pages}


# -- 2 and 3 from the written pages ------------------------------------------------------


class MissingPage(Exception):
    def __init__(self, docname: str) -> None:
        super().__init__(docname)
        self.docname = docname


#: attributes that hold ids (one, or a list) or addresses, as the HTML writer quotes them
_ATTRIBUTE = re.compile(
    r'(\s)(id|for|headers|aria-labelledby|aria-describedby|aria-controls|href|src)="([^"]*)"')
_SECTION_ID = re.compile(r'<section\s+id="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


_HEADING = re.compile(r"<(/?)h([1-6])\b")


def headings_down(html: str, levels: int) -> str:
    """A page's headings as sections of the page that lists it: *levels* lower (h6 at most)."""
    if not levels:
        return html
    return _HEADING.sub(lambda match: f"<{match[1]}h{min(int(match[2]) + levels, 6)}", html)


class JoinedPages:
    """The article's written pages joined (:mod:`.written_pages`): ids made unique,
    links kept on the page, one set of cards, and what the edition's context needs."""

    def __init__(self, chunks: list[tuple[str, str]], stored: dict[str, written_pages.WrittenPage],
                 placed: list[str], relinker: Relinker, renamed: dict[tuple[str, str], str]) -> None:
        self.placed, self.renamed, self.relinker = placed, renamed, relinker
        # Each chunk is let go once rewritten: a book's edition is a page of
        # hundreds of megabytes, and every copy kept whole adds its size.
        html = []
        for index, (docname, text) in enumerate(chunks):
            chunks[index] = (docname, "")
            html.append(self._rewrite(text, docname))
        html.append(self._cards(stored))
        self.body = "".join(html)
        html.clear()
        root = stored[placed[0]]
        self.metatags = root.metatags
        self.has_maths = any(page.has_maths for page in stored.values())

    def _rewrite(self, html: str, docname: str) -> str:
        def attribute(match: re.Match[str]) -> str:
            space, name, value = match.groups()
            if name in ("href", "src"):
                uri = self.relinker(unescape(value), docname)
                return match[0] if uri is None else f'{space}{name}="{escape(uri)}"'
            ids = [self.renamed.get((docname, unescape(i)), unescape(i)) for i in value.split()]
            return f'{space}{name}="{escape(" ".join(ids))}"'

        return _ATTRIBUTE.sub(attribute, html)

    def _cards(self, stored: dict[str, written_pages.WrittenPage]) -> str:
        """Each page's cards, once each, in one set at the end, as a page holds them."""
        cards: dict[str, tuple[str, str]] = {}
        opening = ""
        for docname in self.placed:
            page = stored[docname]
            opening = opening or page.cards_open
            for card_id, html in page.cards.items():
                cards.setdefault(card_id, (docname, html))
        if not cards:
            return ""
        return opening + "".join(self._rewrite(*reversed(cards[i])) for i in sorted(cards)) + "</template>\n"

    def toc(self, env: BuildEnvironment, root_doc: str, depth: int = 3) -> nodes.bullet_list:
        """The edition's sections, from each page's table of contents in the environment."""
        placed = set(self.placed)

        def anchor(docname: str, reference: nodes.reference) -> str:
            fragment = reference.get("anchorname", "")[1:]
            if not fragment:
                return "#" if docname == root_doc else "#" + self.relinker.top[docname]
            return "#" + self.renamed.get((docname, fragment), fragment)

        def entries(docname: str, bullet: nodes.Element, level: int) -> list[nodes.list_item]:
            items = []
            for child in bullet.children:
                if isinstance(child, addnodes.toctree):
                    for included in child["includefiles"]:
                        if included in placed and included in env.tocs:
                            items += entries(included, env.tocs[included], level)
                    continue
                if not isinstance(child, nodes.list_item) or not child.children:
                    continue
                reference = next(child[0].findall(nodes.reference), None)
                if reference is None:
                    continue
                link = nodes.reference("", "", *[node.deepcopy() for node in reference.children],
                                       refuri=anchor(docname, reference), internal=True)
                item = nodes.list_item("", addnodes.compact_paragraph("", "", link))
                if level < depth:  # deeper sections are not listed: not walked either
                    below = [entry for sub in child.children[1:] for entry in entries(docname, sub, level + 1)]
                    if below:
                        item += nodes.bullet_list("", *below)
                items.append(item)
            return items

        return nodes.bullet_list("", *entries(root_doc, env.tocs[root_doc], 1))


def join_written_pages(app: Sphinx, root_doc: str, order: list[str]) -> JoinedPages:
    """The root page's written parts with the pages of *order* in place of the
    toctrees listing them, in reading order."""
    pages, placed = set(order), [root_doc]
    chunks: list[tuple[str, str]] = []
    stored: dict[str, written_pages.WrittenPage] = {}

    def place(docname: str, levels: int) -> None:
        page = written_pages.load(app, docname)
        if page is None:
            raise MissingPage(docname)
        stored[docname] = page
        if docname != root_doc:  # where a page starts, as singlehtml marks it
            chunks.append((docname, f'<span id="{escape(PAGE_PREFIX[1:] + docname)}"></span>'))
        parts, page.parts = page.parts, []  # the chunks hold the text now (a book's memory)
        for part in parts:
            if isinstance(part, str):
                chunks.append((docname, headings_down(part, levels)))
                continue
            for included in part["pages"]:
                if included in pages and included not in placed:
                    placed.append(included)
                    place(included, levels + part["depth"])

    place(root_doc, 0)
    renamed = renamed_ids((docname, unescape(i)) for docname, text in chunks for i in _ID.findall(text))
    first: dict[str, str] = {}
    for docname, text in chunks:
        if docname not in first and (section := _SECTION_ID.search(text)):
            first[docname] = renamed.get((docname, unescape(section[1])), unescape(section[1]))
    top = {page: first.get(page, PAGE_PREFIX[1:] + page) for page in placed}
    relinker = Relinker(app.builder, root_doc, placed, renamed, top)
    return JoinedPages(chunks, stored, placed, relinker, renamed)


# -- 4. render -------------------------------------------------------------------------


def local_toc(tree: nodes.document, title: str, depth: int = 3) -> nodes.bullet_list:
    """The page's sections, as Sphinx's own per-page table of contents."""

    def entries(parent: nodes.Element, level: int) -> nodes.bullet_list | None:
        items = nodes.bullet_list()
        for section in _child_sections(parent):
            text = section[0].astext() if section.children else ""
            reference = nodes.reference(text, text, refuri=f"#{section['ids'][0]}", internal=True)
            item = nodes.list_item("", addnodes.compact_paragraph("", "", reference))
            if level < depth and (children := entries(section, level + 1)) is not None:
                item += children
            items += item
        return items if items.children else None

    root = nodes.bullet_list()
    reference = nodes.reference(title, title, refuri="#", internal=True)
    item = nodes.list_item("", addnodes.compact_paragraph("", "", reference))
    top = next(iter(_child_sections(tree)), None)
    if top is not None and (children := entries(top, 2)) is not None:
        item += children
    root += item
    return root


def _child_sections(parent: nodes.Element) -> Iterator[nodes.section]:
    """The sections directly under *parent*, looking through wrappers."""
    for child in parent.children:
        if isinstance(child, nodes.section):
            if child["ids"]:
                yield child
        elif isinstance(child, nodes.Element):
            yield from _child_sections(child)


def render(builder: Any, tree: nodes.document, root_doc: str, pages: list[str],
           renamed: dict[tuple[str, str], str]) -> dict[str, Any]:
    """The page's context, as ``write_doc`` makes it for a document."""
    # What write_doc sets for the translator, from the page's own name: no public
    # call translates a tree for a page other than the document's own file.
    tree.settings = builder.docsettings
    builder.secnumbers = {}
    builder.fignumbers = _figure_numbers(builder.env, pages, renamed)
    builder.imgpath = relative_uri(builder.get_target_uri(root_doc), builder.imagedir)
    builder.dlpath = relative_uri(builder.get_target_uri(root_doc), "_downloads")
    builder.current_docname = root_doc
    builder.post_process_images(tree)
    visitor = builder.create_translator(tree, builder)
    tree.walkabout(visitor)
    title = builder.env.titles[root_doc].astext()
    # what Sphinx's HTML translator notes while visiting (privately), read off the tree
    has_maths = any(tree.findall(lambda node: isinstance(node, (nodes.math, nodes.math_block))))
    return edition_context(builder, root_doc, "".join(visitor.fragment), "".join(visitor.meta[2:]),
                           local_toc(tree, title), has_maths)


def edition_context(builder: Any, root_doc: str, body: str, metatags: str, toc: nodes.bullet_list,
                    has_maths: bool) -> dict[str, Any]:
    """The page's context, as ``write_doc`` makes it for a document, from its body."""
    context = builder.get_doc_context(root_doc, body, metatags)
    context.update(
        toc=builder.render_partial(toc)["fragment"],
        display_toc=True,
        prev=None,
        next=None,
        rellinks=[],
        sourcename="",  # no source file of its own
        has_maths_elements=has_maths,
        # Furo would look the page's table of contents up in the environment,
        # where this page is not: it reads hide-toc first (see page_context).
        meta={**(context.get("meta") or {}), "hide-toc": ""},
    )
    return context


def _figure_numbers(env: BuildEnvironment, pages: list[str],
                    renamed: dict[tuple[str, str], str]) -> dict[str, dict[str, tuple[int, ...]]]:
    """Every page's figure numbers, under the ids the figures have on the edition
    (a figure id repeated on two pages would otherwise get one page's number twice)."""
    merged: dict[str, dict[str, tuple[int, ...]]] = {}
    for page in pages:
        for figtype, numbers in env.toc_fignumbers.get(page, {}).items():
            merged.setdefault(figtype, {}).update(
                {renamed.get((page, figure_id), figure_id): number for figure_id, number in numbers.items()})
    return merged


# -- Sphinx events ---------------------------------------------------------------------


def edition_to_write(app: Sphinx) -> tuple[str, dict[str, Any]] | None:
    """The edition's page name and context, or None: no edition here, or the one on disk is current."""
    pagename = edition_pagename(app.config)
    if not pagename or not builds_edition(app.builder):
        return None
    root_doc = app.config.root_doc
    if pagename in app.env.all_docs:
        warn(_("one_page_edition: “{page}” is already a document; choose another name").format(
            page=pagename), location=root_doc, subtype=SUBTYPE)
        return None
    order = article_pages(app.env, app.config)
    if up_to_date(app.builder.get_output_path(pagename), [app.builder.get_output_path(page) for page in order]):
        return None  # none of its pages was written again: the edition on disk is current
    try:
        joined = join_written_pages(app, root_doc, order)
    except MissingPage as missing:
        warn(_("one_page_edition: the page “{page}” was not kept as written; build again with -E "
               "to write the edition").format(page=missing.docname), location=root_doc, subtype=SUBTYPE)
        return None
    return pagename, edition_context(app.builder, root_doc, joined.body, joined.metatags,
                                     joined.toc(app.env, root_doc), joined.has_maths)


def collect_page(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    if app.config.one_page_edition_on_request:
        return []  # written by write_on_request, when the page is asked for
    page = edition_to_write(app)
    return [(*page, "page.html")] if page else []


def write_on_request(app: Sphinx) -> bool:
    """After a build: write the edition now if it is out of date; True if written.

    With ``one_page_edition_on_request``, builds leave the edition for later:
    the live preview calls this when a reader asks for the page, so an edit
    elsewhere is served without waiting for the whole article to be set again.
    """
    page = edition_to_write(app)
    if page is None:
        return False
    app.builder.handle_page(*page, "page.html")
    return True


def pages_on_request(app: Sphinx) -> list[str]:
    """Output paths (``docs/lire-en-une-page.html``) of the pages :func:`write_on_request` writes."""
    if "one_page_edition" not in app.config:
        return []  # asked by another layer of the package, loaded without this one
    pagename = edition_pagename(app.config)
    if not pagename or not app.config.one_page_edition_on_request or not builds_edition(app.builder):
        return []
    return [app.builder.get_target_uri(pagename)]


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """``one_page_edition`` for templates; the edition's own table of contents shown."""
    edition = edition_pagename(app.config)
    if not edition or not builds_edition(app.builder):
        return
    if pagename == edition:
        context["one_page_edition"] = {"target": app.config.root_doc, "label": label_to_pages()}
        context["furo_hide_toc"] = not context.get("toc")
    else:
        context["one_page_edition"] = {"target": edition, "label": label_to_edition()}


def setup(app: Sphinx) -> None:
    app.add_config_value("one_page_edition", "", "html", types=frozenset({str}))
    app.add_config_value("one_page_exclude", [], "html", types=frozenset({list, tuple}))
    # Set by the live preview, not by authors: builds skip the edition (see write_on_request).
    app.add_config_value("one_page_edition_on_request", False, "", types=frozenset({bool}))
    skip = (_skip, None)
    app.add_node(one_page_link, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_directive("one-page-link", OnePageLinkDirective)
    app.connect("doctree-resolved", resolve_one_page_links, priority=priorities.ONE_PAGE_LINKS)
    app.connect("doctree-resolved", mark_page, priority=priorities.ONE_PAGE_MARKS)
    app.connect("html-page-context", keep_written_page, priority=priorities.ONE_PAGE_KEEP_WRITTEN)
    app.connect("env-get-outdated", rewrite_pages_without_parts)
    app.connect("html-collect-pages", collect_page)
    app.connect("html-page-context", page_context, priority=priorities.ONE_PAGE_CONTEXT)
