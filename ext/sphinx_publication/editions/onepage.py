"""The one-page reading edition: the whole article on one HTML page of the site.

The HTML builder writes it beside the article's pages (``one_page_edition``
names it, in the folder of ``root_doc``), with the site's theme and sidebars:

1. *assemble*: the root document with every page of its toctrees inlined in
   reading order (``start_of_file`` nodes, as Sphinx's singlehtml does), minus
   ``one_page_exclude``; read from the pickled doctrees, so the article's pages
   are untouched;
2. *resolve*: Sphinx's post-transforms and ``doctree-resolved`` on the whole,
   as for a page (citations, backlinks, French spacing, editorial mode);
3. *one page*: an id repeated from one page to another gets the page's name
   as prefix, and every link to a part of the article becomes an in-page
   fragment;
4. *render*: the HTML translator and the theme's ``page.html``.

The ``one-page-link`` directive puts the link to the edition on a page
(removed where there is no edition: EPUB, LaTeX, singlehtml…); templates get
``one_page_edition`` (target page and label) for a sidebar link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from html import escape, unescape
from contextlib import contextmanager
from fnmatch import fnmatch
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
from sphinx_publication.derived_outputs import up_to_date
from sphinx_publication.diagnostics import warn
from sphinx_publication.i18n import translator
from sphinx_publication.typography import space_new_nodes

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


# -- 1. assemble -----------------------------------------------------------------------


def assemble(env: BuildEnvironment, root_doc: str, order: list[str]) -> tuple[nodes.document, list[str]]:
    """The root doctree with the pages of *order* (:func:`reading_order`) inlined
    where its toctrees list them; the pages in the order they were placed."""
    pages = set(order)
    placed = [root_doc]
    tree = env.get_doctree(root_doc)
    _inline_toctrees(env, tree, pages, placed)
    for node in list(tree.findall(one_page_link)):
        node.parent.remove(node)
    tree["docname"] = root_doc
    return tree, placed


def reading_order(env: BuildEnvironment, root_doc: str, excluded: list[str]) -> list[str]:
    """The pages of the edition in reading order, from the toctree index alone:
    each page once, where a toctree first lists it, minus ``one_page_exclude``."""
    order = [root_doc]

    def visit(docname: str) -> None:
        for included in env.toctree_includes.get(docname, []):
            if included in order or any(fnmatch(included, pattern) for pattern in excluded):
                continue
            order.append(included)
            visit(included)

    visit(root_doc)
    return order


def _inline_toctrees(env: BuildEnvironment, tree: nodes.Element, pages: set[str],
                     placed: list[str]) -> None:
    """Each toctree of *tree* becomes the pages it lists (those of *pages* not placed yet)."""
    for toctree in list(tree.findall(addnodes.toctree)):
        parts = []
        for docname in toctree["includefiles"]:
            if docname not in pages or docname in placed:
                continue
            placed.append(docname)
            subtree = env.get_doctree(docname)
            _inline_toctrees(env, subtree, pages, placed)
            start = addnodes.start_of_file(docname=docname)
            start.extend(subtree.children)
            parts.append(start)
        wrapper = toctree.parent
        toctree.replace_self(parts)
        if not wrapper.children and wrapper.parent is not None:
            wrapper.parent.remove(wrapper)  # the toctree-wrapper of excluded pages


# -- 2. resolve -----------------------------------------------------------------------


@contextmanager
def fresh_bibtex_entries(env: BuildEnvironment) -> Iterator[None]:
    """Let sphinxcontrib-bibtex fill its bibliography entries once more.

    Its post-transform appends each entry's text to a node kept in its domain
    data, so resolving the bibliography page a second time in the same process
    (a serial build wrote that page already) would print every entry twice.
    It gets attribute-only copies while the edition is resolved.
    """
    saved = []
    domain = env.domains.get("cite") if hasattr(env.domains, "get") else None
    for bibliography in getattr(domain, "bibliographies", {}).values():
        entries = bibliography.citation_nodes
        for key, node in list(entries.items()):
            saved.append((entries, key, node))
            entries[key] = node.copy()
    try:
        yield
    finally:
        for entries, key, node in saved:
            entries[key] = node


# -- 3. one page -----------------------------------------------------------------------


def walk_by_page(node: nodes.Node, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element with the page it comes from."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    if isinstance(node, nodes.Element):
        yield node, docname
        for child in node.children:
            yield from walk_by_page(child, docname)


def unique_ids(tree: nodes.document, root_doc: str) -> dict[tuple[str, str], str]:
    """Rename the ids a page repeats from an earlier page; ``(page, id) -> id on the page``."""
    used: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for element, docname in walk_by_page(tree, root_doc):
        new_ids = []
        for old in element.get("ids", []):
            new = renamed.get((docname, old))
            if new is None:
                new = old
                if new in used:
                    base = f"{nodes.make_id(docname)}-{old}"
                    new, serial = base, 1
                    while new in used:
                        serial += 1
                        new = f"{base}-{serial}"
                renamed[(docname, old)] = new
                used.add(new)
            new_ids.append(new)
        if element.get("ids"):
            element["ids"] = new_ids
    for element, docname in walk_by_page(tree, root_doc):
        if "refid" in element:
            element["refid"] = renamed.get((docname, element["refid"]), element["refid"])
        if element.get("backrefs"):
            element["backrefs"] = [renamed.get((docname, i), i) for i in element["backrefs"]]
    return renamed


def keep_links_inside(tree: nodes.document, builder: Any, root_doc: str, pages: list[str],
                      renamed: dict[tuple[str, str], str]) -> None:
    """Links to a page of the article (or a place on it) become in-page fragments."""
    page_of_uri = {builder.get_target_uri(page): page for page in pages}
    top = {page: _first_section_id(tree, root_doc, page) for page in pages}

    def in_page(refuri: str, docname: str) -> str | None:
        target = _target(refuri, builder.get_target_uri(docname), page_of_uri)
        if target is None:
            return None
        page, fragment = target
        return "#" + (renamed.get((page, fragment), fragment) if fragment else top[page])

    for element, docname in walk_by_page(tree, root_doc):
        if isinstance(element, nodes.raw) and "html" in element.get("format", "").split():
            _relink_raw_html(element, lambda href, page=docname: in_page(unescape(href), page))
        if not isinstance(element, nodes.reference) or "refuri" not in element:
            continue
        anchor = in_page(element["refuri"], docname)
        if anchor is not None:
            element["refuri"] = anchor
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


def _target(refuri: str, from_uri: str, page_of_uri: dict[str, str]) -> tuple[str, str] | None:
    parts = urlsplit(refuri)
    if parts.scheme or parts.netloc or refuri.startswith("/"):
        return None
    if not parts.path:
        path = from_uri
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), parts.path))
    page = page_of_uri.get(path)
    return (page, parts.fragment) if page else None


def _first_section_id(tree: nodes.document, root_doc: str, page: str) -> str:
    for element, docname in walk_by_page(tree, root_doc):
        if docname == page and isinstance(element, nodes.section) and element["ids"]:
            return element["ids"][0]
    return f"document-{page}"  # the anchor the HTML translator writes at a page's start


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


def render(builder: Any, tree: nodes.document, root_doc: str, pages: list[str]) -> dict[str, Any]:
    """The page's context, as ``write_doc`` makes it for a document."""
    tree.settings = builder.docsettings
    builder.secnumbers = {}
    builder.fignumbers = _figure_numbers(builder.env, pages)
    builder.imgpath = relative_uri(builder.get_target_uri(root_doc), builder.imagedir)
    builder.dlpath = relative_uri(builder.get_target_uri(root_doc), "_downloads")
    builder.current_docname = root_doc
    builder.post_process_images(tree)
    visitor = builder.create_translator(tree, builder)
    tree.walkabout(visitor)
    context = builder.get_doc_context(root_doc, "".join(visitor.fragment), "".join(visitor.meta[2:]))
    title = builder.env.titles[root_doc].astext()
    context.update(
        toc=builder.render_partial(local_toc(tree, title))["fragment"],
        display_toc=True,
        prev=None,
        next=None,
        rellinks=[],
        sourcename="",  # no source file of its own
        # what Sphinx's HTML translator notes while visiting (privately), read off the tree
        has_maths_elements=any(tree.findall(lambda node: isinstance(node, (nodes.math, nodes.math_block)))),
        # Furo would look the page's table of contents up in the environment,
        # where this page is not: it reads hide-toc first (see page_context).
        meta={**(context.get("meta") or {}), "hide-toc": ""},
    )
    return context


def _figure_numbers(env: BuildEnvironment, pages: list[str]) -> dict[str, dict[str, tuple[int, ...]]]:
    merged: dict[str, dict[str, tuple[int, ...]]] = {}
    for page in pages:
        for figtype, numbers in env.toc_fignumbers.get(page, {}).items():
            merged.setdefault(figtype, {}).update(numbers)
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
    order = reading_order(app.env, root_doc, list(app.config.one_page_exclude))
    if up_to_date(app.builder.get_output_path(pagename), [app.builder.get_output_path(page) for page in order]):
        return None  # none of its pages was written again: the edition on disk is current
    tree, pages = assemble(app.env, root_doc, order)
    with fresh_bibtex_entries(app.env):
        app.env.resolve_references(tree, root_doc, app.builder)
    renamed = unique_ids(tree, root_doc)
    keep_links_inside(tree, app.builder, root_doc, pages, renamed)
    return pagename, render(app.builder, tree, root_doc, pages)


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
    app.connect("html-collect-pages", collect_page)
    app.connect("html-page-context", page_context, priority=priorities.ONE_PAGE_CONTEXT)
