"""One renderer per builder for :class:`chart_node`.

* html, dirhtml, singlehtml, epub (format "html"): inline SVG + the data as a
  real HTML table in a ``<details>`` element; no JavaScript.
* latex: the SVG converted to a vector PDF, ``\\sphinxincludegraphics`` inside
  the figure that the directive built (so numbering and caption are Sphinx's).
* every other builder (text, man, texinfo, gettext, xml, third-party…): the
  chart node is replaced by a docutils table of its data before writing.
"""

from __future__ import annotations

from html import escape as html_escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..i18n import translator
from .model import Chart
from .nodes import chart_node
from .numbers import NumberFormat
from .pdf import write_chart_pdf
from .svg import render_svg

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

_ = translator("sphinx_publication.figures")

DRAWN_FORMATS = ("html", "latex")


def number_format(chart: Chart, language: str | None) -> NumberFormat:
    return NumberFormat(language, chart.values, chart.unit)


def table_headers(chart: Chart) -> list[str]:
    first = chart.x_label or str(_("Label"))
    if chart.has_legend:
        names = [s.name or f"{index}" for index, s in enumerate(chart.series, start=1)]
    else:
        names = [chart.y_label or str(_("Value"))]
    if _has_share_column(chart):
        names.append(str(_("Share")))
    return [first, *names]


def _has_share_column(chart: Chart) -> bool:
    """Pie values given as percentages already are the shares."""
    return chart.kind == "pie" and not chart.is_percent


def table_rows(chart: Chart, numbers: NumberFormat) -> list[list[str]]:
    rows = []
    total = sum(v.as_float for v in chart.values) if chart.kind == "pie" else 0.0
    for index, label in enumerate(chart.labels):
        cells = [numbers.exact(series.values[index]) for series in chart.series]
        if _has_share_column(chart):
            cells.append(numbers.share(chart.series[0].values[index].as_float / total))
        rows.append([label, *cells])
    return rows


# -- HTML ---------------------------------------------------------------------


def data_table_html(chart: Chart, numbers: NumberFormat) -> str:
    head = "".join(f'<th scope="col">{html_escape(h)}</th>' for h in table_headers(chart))
    body = "".join(
        f'<tr><th scope="row">{html_escape(row[0])}</th>'
        + "".join(f"<td>{html_escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in table_rows(chart, numbers)
    )
    return (
        f'<details class="sp-chart-data"><summary>{html_escape(str(_("Chart data")))}</summary>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )


def visit_chart_html(self: HTML5Translator, node: chart_node) -> None:
    chart: Chart = node["chart"]
    numbers = number_format(chart, self.config.language)
    drawing = render_svg(chart, numbers, uid=node["uid"], theme=True)
    style = f' style="width:{html_escape(node["width"])}"' if node.get("width") else ""
    self.body.append(
        f'<div class="sp-chart"{style}>{drawing.text}{data_table_html(chart, numbers)}</div>\n'
    )
    raise nodes.SkipNode


# -- LaTeX --------------------------------------------------------------------


def visit_chart_latex(self: LaTeXTranslator, node: chart_node) -> None:
    chart: Chart = node["chart"]
    numbers = number_format(chart, self.config.language)
    drawing = render_svg(chart, numbers, uid=node["uid"], theme=False)
    name = write_chart_pdf(drawing.text, self.builder.outdir)
    options = ""
    if node.get("width"):
        options = f"[width={self.latex_image_length(node['width'])}]"
    self.body.append(f"\n\\sphinxincludegraphics{options}{{{name}}}\n")
    raise nodes.SkipNode


def depart_nothing(self, node: nodes.Element) -> None:
    pass


# -- every other builder ------------------------------------------------------


def data_table_node(chart: Chart, numbers: NumberFormat) -> nodes.table:
    """The chart's data as a docutils table (generated text: not translatable)."""
    headers = table_headers(chart)
    rows = table_rows(chart, numbers)
    table = nodes.table(classes=["sp-chart-data"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in column_widths([headers, *rows]):
        group += nodes.colspec(colwidth=width)

    def row(cells: list[str]) -> nodes.row:
        result = nodes.row()
        for cell in cells:
            paragraph = nodes.paragraph("", "", nodes.Text(cell), translatable=False)
            result += nodes.entry("", paragraph)
        return result

    group += nodes.thead("", row(headers))
    group += nodes.tbody("", *(row(cells) for cells in rows))
    return table


def column_widths(rows: list[list[str]], cap: int = 40) -> list[int]:
    """Text widths of the columns (the text writer wraps cells at these)."""
    return [min(max(len(cell) for cell in column), cap) for column in zip(*rows)]


class ChartToTable(SphinxPostTransform):
    """Replace charts by their data table for builders that cannot draw them."""

    default_priority = 400

    def is_supported(self) -> bool:
        # Sphinx's own is_supported() reads the builder class from the env.
        builder = getattr(self.env, "_builder_cls", None) or self.app.builder
        return builder.format not in DRAWN_FORMATS

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(chart_node)):
            chart = node["chart"]
            node.replace_self(data_table_node(chart, number_format(chart, self.config.language)))
