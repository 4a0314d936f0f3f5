"""Finding charts and tables of the figures layer in a doctree, without importing it.

The interface (agreed with the figures layer): an element carrying a
``chart_kind`` attribute is a chart or a table; its ``title`` attribute names
it and its ``sources`` attribute lists bibliography keys (a list, or a
comma-separated string). No ``sources``, or an empty one, means no source.

Until every figure node carries those attributes, the shape the figures layer
produces today is read as well: an element whose ``chart`` attribute has
``kind`` and ``title``, or a table with the ``sp-data-table`` class, whose
source, if any, is a following ``sp-source`` paragraph (possibly in a legend).
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

SOURCE_CLASS = "sp-source"
TABLE_CLASS = "sp-data-table"


@dataclass(frozen=True)
class FigureFacts:
    kind: str
    title: str
    sources: tuple[str, ...]


def _split(sources) -> tuple[str, ...]:
    if isinstance(sources, str):
        sources = sources.split(",")
    return tuple(str(s).strip() for s in sources or () if str(s).strip())


def _clean(text) -> str:
    return " ".join(str(text or "").split())


def _has_source_paragraph(node: nodes.Element) -> bool:
    """A ``sp-source`` paragraph among the siblings after *node* (captions skipped)."""
    sibling = node.next_node(descend=False, siblings=True, ascend=False)
    while sibling is not None:
        if isinstance(sibling, nodes.caption):
            pass
        elif isinstance(sibling, nodes.Element) and (
            SOURCE_CLASS in sibling.get("classes", ())
            or any(SOURCE_CLASS in p.get("classes", ()) for p in sibling.findall(nodes.paragraph))
        ):
            return True
        elif not isinstance(sibling, nodes.legend):
            return False
        sibling = sibling.next_node(descend=False, siblings=True, ascend=False)
    return False


def figure_facts(node: nodes.Node) -> FigureFacts | None:
    """What the editorial layer needs to know about a chart or table, or None."""
    if not isinstance(node, nodes.Element):
        return None
    if node.get("chart_kind"):
        return FigureFacts(str(node["chart_kind"]), _clean(node.get("title")), _split(node.get("sources")))
    chart = node.get("chart")
    if chart is not None and hasattr(chart, "kind") and hasattr(chart, "title"):
        sources = ("?",) if _has_source_paragraph(node) else ()
        return FigureFacts(str(chart.kind), _clean(chart.title), sources)
    if isinstance(node, nodes.table) and TABLE_CLASS in node.get("classes", ()):
        title = next(iter(node.findall(nodes.title)), None)
        sources = ("?",) if _has_source_paragraph(node) else ()
        return FigureFacts("table", _clean(title.astext() if title else ""), sources)
    return None


def is_source_note(node: nodes.Node) -> bool:
    """The "Source : …" line the figures layer adds under a chart or table."""
    return isinstance(node, nodes.paragraph) and SOURCE_CLASS in node.get("classes", ())
