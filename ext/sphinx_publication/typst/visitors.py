"""Typst renderings of the extension's own nodes (charts, editorial layer),
registered for the ``typst`` format the way the other sub-extensions
register theirs for html, latex and text."""

from __future__ import annotations

from docutils import nodes

from ..editorial import editorial_nodes as ed
from ..editorial.messages import data_needed_label, prefix
from ..editorial.render import note_title
from ..editorial.statuses import BY_KEY
from ..figures.nodes import chart_node
from ..figures.render import number_format, wording
from ..figures.svg import render_svg, summary
from . import markup
from .translator import TypstTranslator, typst_length

# SVG user units are CSS pixels: 0.75 pt each, the size cairosvg gives the
# LaTeX edition's charts (13-unit chart text is then about 10 pt).
PT_PER_PX = 0.75


def visit_chart(self: TypstTranslator, node: chart_node) -> None:
    """The chart as SVG with literal colours; its description is the alt text."""
    chart = node["chart"]
    numbers = number_format(chart, self.config.language)
    words = wording()
    drawing = render_svg(chart, numbers, uid=node["uid"], for_screen=False, wording=words)
    alt = chart.description or summary(chart, numbers, words)
    natural = f"{drawing.width * PT_PER_PX:g}pt"
    width = typst_length(node.get("width", "")) if node.get("width") else None
    self.body.append(
        f"{self.anchors(node)}#chart({markup.string(drawing.text)}, alt: {markup.string(alt)},"
        f" natural: {width or natural})"
    )
    raise nodes.SkipNode


def _blocking(node: nodes.Element) -> bool:
    status = BY_KEY.get(node.get("status", ""))
    return bool(status and status.blocks_release)


def visit_data_needed(self: TypstTranslator, node: ed.data_needed) -> None:
    label = prefix(data_needed_label()) if node.get("description") else data_needed_label()
    self.body.append(f"{self.anchors(node)}#data-needed([{markup.text(str(label))}], [")


def depart_data_needed(self: TypstTranslator, node: ed.data_needed) -> None:
    self.body.append("])")


def visit_data_needed_block(self: TypstTranslator, node: ed.data_needed_block) -> None:
    self.body.append(
        f"\n\n{self.source_mark(node)}{self.anchors(node)}"
        f"#note-box([{markup.text(str(data_needed_label()))}], blocking: true, ["
    )


def visit_review_note(self: TypstTranslator, node: ed.review_note) -> None:
    title = markup.text(str(note_title(node)))
    blocking = "true" if _blocking(node) else "false"
    self.body.append(
        f"\n\n{self.source_mark(node)}{self.anchors(node)}#note-box([{title}], blocking: {blocking}, ["
    )


def depart_box(self: TypstTranslator, node: nodes.Element) -> None:
    self.body.append("])\n\n")


HANDLERS = {
    chart_node: (visit_chart, None),
    ed.data_needed: (visit_data_needed, depart_data_needed),
    ed.data_needed_block: (visit_data_needed_block, depart_box),
    ed.review_note: (visit_review_note, depart_box),
}


def add_handlers(app) -> None:
    for node_class, handlers in HANDLERS.items():
        app.add_node(node_class, override=True, typst=handlers)
