"""The article's pages as the HTML builder wrote them, kept for the one-page edition.

The edition joins the HTML of the pages instead of setting the whole article
a second time: at 100 pages, translating the joined doctree again took 3 s
of a 17 s build, and keeping a copy of every resolved page for it 0.8 s more.

1. *mark* (``doctree-resolved``, last, where pages are resolved): each page
   starts with a marker, and markers stand around each toctree (with the
   pages it lists), the page's cards and the link to the edition. A marker is
   an HTML comment holding a nonce of the build: page text cannot write one
   (docutils escapes ``<``) and raw HTML cannot guess it;
2. *keep* (``html-page-context``, first, where pages are written: a ``-j N``
   writer process too): the body is cut at the markers into a
   :class:`WrittenPage`, stored as JSON beside the doctrees, and the markers
   are taken out of the page, which is written as before;
3. *join* (:mod:`.onepage`): the parts of every page in reading order.

A page this build does not write keeps the parts stored by the build that
wrote it: they are what its HTML file holds. A page whose parts are missing
is read and written again (``env-get-outdated``).
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from docutils import nodes
from sphinx import addnodes

from sphinx_publication.builders import builder_state
from sphinx_publication.citations.cards import card, card_templates

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

#: bumped when the stored form changes: older files are read as missing
FORMAT = 1
#: a part of a page: its HTML, or where a toctree stands: the pages it lists
#: (``pages``) and how many sections hold it (``depth``: its pages' headings go
#: that many levels down on the edition)
Part = str | dict[str, Any]


@dataclass
class WrittenPage:
    """A page's body as written, cut where the edition changes it."""

    parts: list[Part] = field(default_factory=list)
    #: card id -> the card's HTML; the ``<template>`` tag that holds them
    cards: dict[str, str] = field(default_factory=dict)
    cards_open: str = ""
    metatags: str = ""
    has_maths: bool = False

    def add_html(self, text: str) -> None:
        if not text:
            return
        if self.parts and isinstance(self.parts[-1], str):
            self.parts[-1] += text
        else:
            self.parts.append(text)


# -- where the pages are kept -----------------------------------------------------------


def store(app: Sphinx) -> Path:
    """The folder of the builder's written pages, beside the doctrees (one per
    stored form: a page stored in an older form is a missing page)."""
    return Path(app.doctreedir) / "one-page-edition" / f"v{FORMAT}" / app.builder.name


def page_file(app: Sphinx, docname: str) -> Path:
    return store(app) / f"{docname}.json"


def load(app: Sphinx, docname: str) -> WrittenPage | None:
    try:
        data = json.loads(page_file(app, docname).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    try:
        return WrittenPage(**data)
    except TypeError:
        return None


def save(app: Sphinx, docname: str, page: WrittenPage) -> None:
    path = page_file(app, docname)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(page), ensure_ascii=False), encoding="utf-8")


def pages_without_parts(app: Sphinx, docnames: Iterable[str]) -> list[str]:
    """Pages whose written parts are not stored (a new store, a new stored form)."""
    return [docname for docname in docnames if not page_file(app, docname).is_file()]


# -- 1. mark ---------------------------------------------------------------------------


def nonce(app: Sphinx) -> str:
    """The build's marker nonce: made where pages are resolved, before any writer forks."""
    return builder_state(app.builder, "written_pages_nonce", lambda: secrets.token_hex(8))


def _marker(app: Sphinx, kind: str, value: str = "") -> nodes.raw:
    return nodes.raw("", f"<!--{nonce(app)}:{kind}:{quote(value, safe='')}-->", format="html")


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _around(app: Sphinx, node: nodes.Element, kind: str, value: str = "") -> None:
    parent = node.parent
    index = parent.index(node)
    parent.insert(index + 1, _marker(app, "/" + kind))
    parent.insert(index, _marker(app, kind, value))


def mark(app: Sphinx, doctree: nodes.document, is_link_to_edition) -> None:
    """Markers where the edition differs from the page (the toctrees are still unresolved).

    Walks found by node class (a walk with a callable condition costs several
    times more); the cards are the page's last child (:mod:`..citations.cards`).
    """
    doctree.insert(0, _marker(app, "page"))
    for toctree in list(doctree.findall(addnodes.toctree)):
        depth = sum(1 for ancestor in _ancestors(toctree) if isinstance(ancestor, nodes.section))
        _around(app, toctree, "toctree", json.dumps({"pages": toctree["includefiles"], "depth": depth}))
    for holder in [child for child in doctree.children if isinstance(child, card_templates)]:
        for child in list(holder.children):
            if isinstance(child, card):
                holder.insert(holder.index(child), _marker(app, "card", child["target"]))
        _around(app, holder, "cards")
    for paragraph in [node for node in doctree.findall(nodes.paragraph) if is_link_to_edition(node)]:
        _around(app, paragraph, "drop")


# -- 2. keep ---------------------------------------------------------------------------


def keep(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Cut the page's body at its markers, store the parts, and write the page without them."""
    marks = builder_state(app.builder, "written_pages_nonce", lambda: None)
    body = context.get("body")
    if not marks or not isinstance(body, str) or f"<!--{marks}:page:" not in body:
        return
    pattern = re.compile(rf"<!--{marks}:(/?[a-z]+):([^>]*)-->")
    page = cut(body, pattern)
    page.metatags = context.get("metatags") or ""
    page.has_maths = bool(context.get("has_maths_elements"))
    save(app, pagename, page)
    context["body"] = pattern.sub("", body)


def cut(body: str, pattern: re.Pattern[str]) -> WrittenPage:
    """*body* as parts: HTML outside markers; a toctree's pages instead of its list;
    the cards apart; what is marked "drop" left out."""
    page = WrittenPage()
    inside, card_id, position = None, None, 0
    for match in pattern.finditer(body):
        text, position = body[position:match.start()], match.end()
        kind, value = match[1], unquote(match[2])
        if inside is None:
            page.add_html(text)
        elif inside == "cards":
            if kind == "/cards":
                text = text.rsplit("</template>", 1)[0]  # the holder's closing tag
            if card_id is None:
                page.cards_open += text
            else:
                page.cards[card_id] = text
        if kind in ("toctree", "cards", "drop"):
            inside = kind
            if kind == "toctree":
                page.parts.append(json.loads(value))
        elif kind == "card":
            card_id = value
        elif kind.startswith("/"):
            inside, card_id = None, None
    page.add_html(body[position:])
    return page

