"""Document model of an imported draft: plain dataclasses, no Sphinx.

The parser fills it, the emitter reads it; every element keeps the place it
came from in the draft so that later stages can report located problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Location:
    """A place in the draft: 1-based line and column (in characters)."""

    line: int
    column: int = 1


# -- Inline content --------------------------------------------------------------


@dataclass
class Text:
    text: str


@dataclass
class DataNeeded:
    """``[DONNÉES NÉCESSAIRES]``, optionally ``[DONNÉES NÉCESSAIRES : what]``."""

    description: str
    location: Location


@dataclass
class Citation:
    """One group of adjacent numeric citations, such as ``[2][3]``.

    ``keys`` is filled by :mod:`.citations` once the mapping file is applied.
    """

    numbers: list[int]
    location: Location
    keys: list[str] = field(default_factory=list)


Inline = Union[Text, DataNeeded, Citation]


# -- Blocks ----------------------------------------------------------------------


@dataclass
class Paragraph:
    inlines: list[Inline]
    location: Location


@dataclass
class BulletList:
    items: list[list[Inline]]
    location: Location


@dataclass
class Chart:
    """A ``[CHART_BAR|CHART_PIE|CHART_LINE: title | x : y | label : value, ...]`` marker.

    With more than two headers (``x : series 1 : series 2``) each row holds
    one value per series.
    """

    kind: str  # "bar", "pie" or "line"
    title: str
    headers: list[str]  # x-label, then one name per series
    rows: list[tuple[str, list[str]]]  # label, canonical values ("1.7T", "65%")
    location: Location
    name: str = ""  # the :name: label, given by the emitter

    @property
    def x_label(self) -> str:
        return self.headers[0]

    @property
    def y_label(self) -> str:
        """The value axis is named after the series when there is only one."""
        return self.headers[1] if len(self.headers) == 2 else ""


@dataclass
class Table:
    """A ``[TABLEAU : title | header, header | label : cell, ...]`` marker."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    location: Location
    name: str = ""


@dataclass
class WordCount:
    """The draft's "Nombre de mots : N (…)" line; the stated number is discarded."""

    stated: int | None
    suffix: str  # e.g. "(hors références)", kept as written
    location: Location


Block = Union[Paragraph, BulletList, Chart, Table, WordCount]


# -- Structure -------------------------------------------------------------------


@dataclass
class Section:
    """A subsection of a part (level 2)."""

    title: str
    location: Location
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Part:
    """A top-level part: one page of the publication."""

    title: str
    location: Location
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    slug: str = ""  # page name, given by the emitter


@dataclass
class Document:
    title: str
    author: str
    lede: Paragraph | None
    preamble: list[Block] = field(default_factory=list)  # blocks between lede and first part
    parts: list[Part] = field(default_factory=list)

    def iter_blocks(self):
        """Every block in reading order."""
        if self.lede is not None:
            yield self.lede
        yield from self.preamble
        for part in self.parts:
            yield from part.blocks
            for section in part.sections:
                yield from section.blocks

    def iter_citations(self):
        """Every citation group in reading order."""
        for block in self.iter_blocks():
            for inlines in _inline_runs(block):
                for inline in inlines:
                    if isinstance(inline, Citation):
                        yield inline


def _inline_runs(block: Block):
    if isinstance(block, Paragraph):
        yield block.inlines
    elif isinstance(block, BulletList):
        yield from block.items


# -- Diagnostics -----------------------------------------------------------------


@dataclass(frozen=True)
class Diagnostic:
    """A located problem (``severity`` "error") or information ("notice")."""

    severity: str
    location: Location
    message: str
    marker: str = ""  # the offending text, as written
    expected: str = ""  # what would have been accepted

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass
class ParseResult:
    document: Document | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.errors
