"""Internal links that also work where pages are joined into one (singlehtml).

Sphinx's ``make_refnode`` appends ``#id`` to the target page's URI; a
single-page builder answers ``#document-x`` for that URI, giving
``#document-x#id``, which no browser resolves. On a single page the id alone
is the right fragment. The package's own links are made right
(:func:`reference_to`); every other link of the single page — ``{numref}``,
``{ref}``, ``{doc}``, citations — is made right once the page is assembled
(:func:`single_page_links`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: what ``SingleFileHTMLBuilder.get_target_uri`` answers for a page, before its name
PAGE_PREFIX = "#document-"


def reference_to(builder, fromdocname: str, docname: str, target_id: str, child: nodes.Node) -> nodes.reference:
    """A reference to *target_id* in *docname*, as seen from *fromdocname*."""
    node = make_refnode(builder, fromdocname, docname, target_id, child)
    uri = node.get("refuri", "")
    if uri.startswith("#") and target_id:
        del node["refuri"]
        node["refid"] = target_id
    return node


def fragment(uri: str) -> str:
    """The id an internal URI points at (the last fragment: see the module's doc)."""
    return uri.rpartition("#")[2] if "#" in uri else ""


# -- the single page -------------------------------------------------------------------


def single_page_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, single-page builders: every link to a page of the book
    becomes one in-page fragment that exists.

    * ``#document-x#id`` (``{numref}``, ``{ref}``, citations) -> ``#id``;
    * ``#document-x`` (``{doc}``) stays: Sphinx marks where each joined page
      starts with that id — except the root page, which starts the document:
      its first section gets the id;
    * a link to a page the single page does not hold (an orphan, a page no
      toctree lists) keeps its text and loses the link: there is nothing to go to.

    Why here rather than in the builder's ``get_relative_uri``: ``make_refnode``
    appends the id to whatever the builder answers, and ``{doc}`` links and the
    toctrees ask the same question without an id, so the builder cannot answer
    both; overriding it also means replacing the registered ``singlehtml``
    builder, which any theme or extension subclassing it would undo or break.
    After resolution, the one assembled page is known: which pages it holds,
    and every link whatever made it (runs after the package's other handlers).
    """
    if not isinstance(app.builder, SingleFileHTMLBuilder):
        return
    root = app.config.root_doc
    joined = {node["docname"] for node in doctree.findall(addnodes.start_of_file)} | {root}
    mark_root_page(doctree, root)
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri", "")
        if not uri.startswith(PAGE_PREFIX):
            continue
        page, _sep, target_id = uri[len(PAGE_PREFIX):].partition("#")
        if page not in joined:
            reference.replace_self(reference.children)
        elif target_id:
            del reference["refuri"]
            reference["refid"] = target_id


def mark_root_page(doctree: nodes.document, root: str) -> None:
    """Give the root page's first section the id ``document-<root>`` that Sphinx
    gives every other joined page (``{doc}`` links to the root point there)."""
    page_id = PAGE_PREFIX[1:] + root
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and page_id not in section["ids"]:
        section["ids"].append(page_id)


def setup(app: Sphinx):
    from . import priorities
    from .package_info import extension_metadata

    app.connect("doctree-resolved", single_page_links, priority=priorities.SINGLE_PAGE_LINKS)
    return extension_metadata()
