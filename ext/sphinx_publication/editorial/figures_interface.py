"""Finding charts and tables of the figures layer in a doctree, without importing it.

The interface agreed with the figures layer: an element carrying a
``chart_kind`` attribute is a chart or a table; its ``title`` attribute names
it and its ``sources`` attribute lists bibliography keys (a list, or a
comma-separated string). No ``sources``, or an empty one, means no source.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

SOURCE_CLASS = "sp-source"


@dataclass(frozen=True)
class FigureFacts:
    kind: str
    title: str
    sources: tuple[str, ...]


def _split(sources) -> tuple[str, ...]:
    if isinstance(sources, str):
        sources = sources.split(",")
    return tuple(str(s).strip() for s in sources or () if str(s).strip())


def figure_facts(node: nodes.Node) -> FigureFacts | None:
    """What the editorial layer needs to know about a chart or table, or None."""
    if not isinstance(node, nodes.Element) or not node.get("chart_kind"):
        return None
    title = " ".join(str(node.get("title") or "").split())
    return FigureFacts(str(node["chart_kind"]), title, _split(node.get("sources")))


def is_source_note(node: nodes.Node) -> bool:
    """The "Source : …" line the figures layer adds under a chart or table."""
    return isinstance(node, nodes.paragraph) and SOURCE_CLASS in node.get("classes", ())
