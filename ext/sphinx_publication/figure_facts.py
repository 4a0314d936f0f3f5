"""The contract between the figures layer and the editorial layer.

A chart or a table is a doctree element on which the figures layer writes
(:func:`describe_figure`) what other layers may read (:func:`figure_facts`):
its kind, its title and the bibliography keys of its ``:source:``. The
"Source : …" line under it carries :data:`SOURCE_CLASS`. Both layers import
this module, so neither restates the attribute names of the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docutils import nodes

KIND = "chart_kind"  # "bar", "pie", "line" or "table"
TITLE = "title"
SOURCES = "sources"  # a list of bibliography keys
SOURCE_CLASS = "sp-source"


@dataclass(frozen=True)
class FigureFacts:
    kind: str
    title: str
    sources: tuple[str, ...]


def describe_figure(node: nodes.Element, kind: str, title: str, sources: Iterable[str]) -> None:
    """Mark *node* as a chart or table of *kind*, titled *title*, sourced by *sources*."""
    node[KIND] = kind
    node[TITLE] = title
    node[SOURCES] = [key for key in sources if key]


def figure_facts(node: nodes.Node) -> FigureFacts | None:
    """What :func:`describe_figure` wrote on *node*, or None for any other node.

    The title is the one the page shows: the text of the figure's caption or
    the table's title when it has one, so that a translated edition (whose
    ``Locale`` transform translated that caption) reports it translated; the
    title given to :func:`describe_figure` otherwise.
    """
    if not isinstance(node, nodes.Element) or not node.get(KIND):
        return None
    shown = next((child for child in node.children if isinstance(child, (nodes.caption, nodes.title))), None)
    title = " ".join((shown.astext() if shown is not None else str(node.get(TITLE) or "")).split())
    return FigureFacts(str(node[KIND]), title, tuple(node.get(SOURCES) or ()))


def is_source_note(node: nodes.Node) -> bool:
    """The "Source : …" line the figures layer adds under a chart or table."""
    return isinstance(node, nodes.paragraph) and SOURCE_CLASS in node.get("classes", ())
