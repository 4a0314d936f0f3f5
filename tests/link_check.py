"""A small checker of internal links in built HTML/XHTML pages (no Sphinx here).

``dead_links(folder)`` reads every ``.html``/``.xhtml`` page under *folder*
and returns, for each ``<a href>`` that stays inside the output, the ones that
do not land: a missing file, a fragment no element of the target page carries
as ``id`` (or ``name`` on an ``<a>``), or a URI with two fragments
(``#document-x#id``, which no browser resolves). Links inside ``<template>``
elements count too: the citation cards are shown from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PAGE_SUFFIXES = (".html", ".xhtml")


@dataclass(frozen=True, order=True)
class DeadLink:
    page: str  #: the page holding the link, relative to the checked folder
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} ({self.reason})"


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a":
            if values.get("name"):
                self.ids.add(values["name"])
            if values.get("href") is not None:
                self.hrefs.append(values["href"])

    handle_startendtag = handle_starttag


@cache
def _read(path: Path) -> tuple[frozenset[str], tuple[str, ...]]:
    reader = _PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return frozenset(reader.ids), tuple(reader.hrefs)


def page_ids(path: Path) -> frozenset[str]:
    """Every id (and ``<a name>``) of the page at *path*."""
    return _read(Path(path).resolve())[0]


def page_links(path: Path) -> tuple[str, ...]:
    """Every ``<a href>`` of the page at *path*, in document order."""
    return _read(Path(path).resolve())[1]


def is_internal(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and bool(href)


def check_link(page: Path, href: str) -> str | None:
    """Why *href*, written in *page*, does not land; None when it does."""
    if href.count("#") > 1:
        return "two fragments"
    path, _sep, fragment = href.partition("#")
    target = page if not path else (page.parent / unquote(path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "no such file"
    if not fragment:
        return None
    if target.suffix not in PAGE_SUFFIXES:
        return None  # a fragment in a CSV or PDF file is not ours to check
    if unquote(fragment) not in page_ids(target):
        return "no such id in the target page"
    return None


def dead_links(folder: Path, pages: Iterable[Path] | None = None) -> list[DeadLink]:
    """Internal links of *pages* (default: every page under *folder*) that do not land."""
    folder = Path(folder).resolve()
    if pages is None:
        pages = sorted(p for p in folder.rglob("*") if p.suffix in PAGE_SUFFIXES)
    found = []
    for page in pages:
        page = Path(page).resolve()
        for href in page_links(page):
            if not is_internal(href):
                continue
            reason = check_link(page, href)
            if reason:
                found.append(DeadLink(str(page.relative_to(folder)), href, reason))
    return found
