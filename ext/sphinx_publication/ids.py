"""Ids for generated elements: stable between builds, unique across pages.

Builders that join pages (singlehtml, LaTeX) need ids that do not repeat
from one page to the next, and reviewers' links need them not to change from
one build to the next: the page's name plus a serial number in source order.
Where pages written with ids of their own are joined afterwards (the one-page
and tracked-changes editions), a repeated id gets the page's name as prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes


def page_scoped_id(env: Any, prefix: str) -> str:
    """``<prefix>-<page>-<n>``: the n-th *prefix* id of the current page."""
    return f"{prefix}-{nodes.make_id(env.docname)}-{env.new_serialno(prefix) + 1}"


# -- pages joined into one -------------------------------------------------------------


def walk_by_page(node: nodes.Node, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element of a joined tree with the page it comes from (``start_of_file``)."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    if isinstance(node, nodes.Element):
        yield node, docname
        for child in node.children:
            yield from walk_by_page(child, docname)


def renamed_ids(ids: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """``(page, id) -> id on the joined page`` for the ids of pages joined in the order
    given: an id an earlier page holds becomes ``<page>-<id>``, then with a serial
    number if taken."""
    used: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for docname, old in ids:
        if (docname, old) in renamed:
            continue
        new = old
        if new in used:
            base = f"{nodes.make_id(docname)}-{old}"
            new, serial = base, 1
            while new in used:
                serial += 1
                new = f"{base}-{serial}"
        renamed[(docname, old)] = new
        used.add(new)
    return renamed


def unique_across_pages(tree: nodes.document, root_doc: str) -> dict[tuple[str, str], str]:
    """Rename the ids a joined page repeats from an earlier page (:func:`renamed_ids`), and
    the references to them (``refid``, ``backrefs``). Answers ``(page, id) -> id on the joined page``."""
    renamed = renamed_ids((docname, old) for element, docname in walk_by_page(tree, root_doc)
                          for old in element.get("ids", []))
    for element, docname in walk_by_page(tree, root_doc):
        if element.get("ids"):
            element["ids"] = [renamed[(docname, old)] for old in element["ids"]]
        if "refid" in element:
            element["refid"] = renamed.get((docname, element["refid"]), element["refid"])
        if element.get("backrefs"):
            element["backrefs"] = [renamed.get((docname, i), i) for i in element["backrefs"]]
    return renamed
