"""What the editorial layer records per document. Plain dataclasses, no Sphinx.

The records are pickled with the build environment, so they hold only
strings, numbers and booleans.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..reading_order import reading_order


@dataclass(frozen=True)
class Marker:
    """A ``{data-needed}`` role or directive."""

    target_id: str
    line: int | None
    description: str


@dataclass(frozen=True)
class Note:
    """A ``{review-note}``: a reviewer's fact-check of a claim."""

    target_id: str
    line: int | None
    status: str
    summary: str


@dataclass(frozen=True)
class UnsourcedFigure:
    """A chart or table (from the figures layer) that names no source."""

    target_id: str
    line: int | None
    title: str
    kind: str


@dataclass
class DocRecord:
    markers: list[Marker] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unsourced_figures: list[UnsourcedFigure] = field(default_factory=list)
    words: int = 0
    holds_report: bool = False
    holds_word_count: bool = False
    holds_bibliography: bool = False


def toctree_order(root: str, includes: Mapping[str, Sequence[str]], known: Iterable[str]) -> list[str]:
    """Documents in reading order (:func:`~sphinx_publication.reading_order.reading_order`),
    then the others sorted.

    *includes* maps a document to the documents its toctrees list
    (``env.toctree_includes``); *known* is every document of the project.
    """
    order = reading_order(root, includes)
    return order + sorted(set(known) - set(order))


def summarise(text: str, limit: int = 140) -> str:
    """One line of at most *limit* characters, cut at a word boundary."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
