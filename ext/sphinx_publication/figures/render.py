"""One renderer per output format for :class:`chart_node`.

* format "html" (html, dirhtml, singlehtml, epub…): inline SVG + the data as
  a real HTML table in a ``<details>`` element; no JavaScript.
* format "latex": the SVG converted to a vector PDF, ``\\sphinxincludegraphics``
  inside the figure that the directive built (so numbering and caption are
  Sphinx's); if the conversion fails, the data as a tabular, and a warning.
* every other builder (text, man, texinfo, xml, third-party…), and any
  builder whose translator has no chart visitor: the chart node is replaced
  by a docutils table of its data before writing (:func:`charts_as_tables`).

Visitors are registered under format names only (see
:mod:`sphinx_publication.builders`).
"""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import TYPE_CHECKING

from docutils import nodes

from ..builders import replace_unrendered
from ..diagnostics import warn
from ..i18n import translator
from pathlib import Path

from .downloads import download_node, html_links, label_chart, latex_mention, table_csv
from .limits import MAX_TABLE_ROWS
from .model import Chart
from .nodes import chart_node
from .numbers import NumberFormat
from .pdf import write_chart_pdf
from .svg import Wording, panel_numbers, render_svg
from .table_nodes import table_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

_ = translator("sphinx_publication.figures")

_UNITLESS = re.compile(r"^\d+(\.\d*)?$|^\.\d+$")


def number_format(chart: Chart, language: str | None) -> NumberFormat:
    if chart.plot is not None and chart.plot.value_axis.type == "date":
        return NumberFormat(language, (), chart.unit)  # milliseconds: no "Md" magnitude
    return NumberFormat(language, chart.values, chart.unit)


def wording() -> Wording:
    """The chart's punctuation in the build language."""
    return Wording(
        pair=str(_("{label}: {value}")),
        separator=str(_("; ")),
        simplified=str(_("Drawing simplified: {count} points, too many to draw one by one (each pixel column"
                         " keeps its extremes); every value is in the data file.")),
        not_drawn_rows=str(_("Not drawn: {count} rows, more than the {limit} this chart can show."
                             " The data table and the data file give every value.")),
        not_drawn_bars=str(_("Not drawn: {count} bars, more than the {limit} this chart can show."
                             " The data table and the data file give every value.")),
        not_drawn_slices=str(_("Not drawn: {count} slices, more than the {limit} a pie can show."
                               " The data table and the data file give every value.")),
        not_drawn_cells=str(_("Not drawn: {count} cells, more than the {limit} a heatmap can show."
                              " The data table and the data file give every value.")),
        more_rows=str(_("… and {count} more rows in the data table")),
    )


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


def table_rows(chart: Chart, numbers: NumberFormat, limit: int | None = None) -> list[list[str]]:
    """The data table's rows (the first *limit* ones), each cell as the chart says it."""
    labels = chart.labels if limit is None else chart.labels[:limit]
    if chart.plot is not None:
        from .svg_plot import plot_columns  # the drawing and the table say the same

        columns = plot_columns(chart, numbers, len(labels))
    else:
        columns = [["" if value is None else numbers.exact(value) for value in series.values[:len(labels)]]
                   for series in chart.series]
    total = sum(v.as_float for v in chart.values) if chart.kind == "pie" else 0.0
    shares = _has_share_column(chart)  # once: it reads every value
    rows = []
    for index, label in enumerate(labels):
        cells = [column[index] for column in columns]
        if shares:
            cells.append(numbers.share(chart.series[0].values[index].as_float / total))
        rows.append([label, *cells])
    return rows


def rows_note(shown: int, count: int, numbers: NumberFormat) -> str:
    """Under a table that shows only its first rows (:data:`.limits.MAX_TABLE_ROWS`)."""
    return str(_("The first {shown} rows of {count}; the data file holds them all.")).format(
        shown=numbers.count(shown), count=numbers.count(count))


# -- HTML ---------------------------------------------------------------------


def css_length(width: str) -> str:
    """A CSS length: unitless numbers are pixels, as docutils does for images."""
    return f"{width}px" if _UNITLESS.match(width) else width


def data_tables(chart: Chart, numbers: NumberFormat) -> list[tuple[str, list[str], list[list[str]], str]]:
    """The chart's data as (caption, headers, rows, note): one table, or one per
    panel; past :data:`.limits.MAX_TABLE_ROWS` rows, the first ones and a note."""
    panels = [(panel.title, panel, panel_numbers(panel, numbers)) for panel in chart.panels] or [("", chart, numbers)]
    tables = []
    for caption, panel, panel_format in panels:
        count = len(panel.labels)
        note = rows_note(MAX_TABLE_ROWS, count, panel_format) if count > MAX_TABLE_ROWS else ""
        tables.append((caption, table_headers(panel), table_rows(panel, panel_format, MAX_TABLE_ROWS), note))
    return tables


def data_table_html(chart: Chart, numbers: NumberFormat) -> str:
    tables = []
    for caption, headers, rows, note in data_tables(chart, numbers):
        head = "".join(f'<th scope="col">{html_escape(h)}</th>' for h in headers)
        body = "".join(
            f'<tr><th scope="row">{html_escape(row[0])}</th>'
            + "".join(f"<td>{html_escape(cell)}</td>" for cell in row[1:])
            + "</tr>"
            for row in rows
        )
        title = f"<caption>{html_escape(caption)}</caption>" if caption else ""
        tables.append(f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if note:
            tables.append(f'<p class="sp-rows-note">{html_escape(note)}</p>')
    return (
        f'<details class="sp-chart-data"><summary>{html_escape(str(_("Chart data")))}</summary>'
        f'{"".join(tables)}</details>'
    )


def chart_files(chart: Chart, node: chart_node) -> list[tuple[str, bytes]]:
    """The chart's data as CSV (exact values, not localised) and its Plotly JSON."""
    stem = node.get("download_name") or node["uid"]
    files = [(f"{stem}.csv", chart_csv(chart).encode("utf-8"))]
    if node.get("figure_json"):
        try:
            files.append((f"{stem}.json", Path(node["figure_json"]).read_bytes()))
        except OSError:
            pass  # read at parse time; a file deleted since then is no longer offered
    return files


def chart_csv(chart: Chart) -> str:
    if chart.panels:  # small multiples: one row per value, the panel named
        rows = [[panel.title, label, series.name, "" if value is None else format(value.number, "f")]
                for panel in chart.panels
                for series in panel.series
                for label, value in zip(panel.labels, series.values)]
        return table_csv(["panel", "label", "series", "value"], rows)
    headers = [chart.x_label or "label", *(s.name or f"{n}" for n, s in enumerate(chart.series, start=1))]
    if chart.plot is not None and chart.plot.value_axis.type == "category":  # names, not their ranks
        from .svg_plot import plot_columns

        columns = plot_columns(chart, NumberFormat("en"))
        return table_csv(headers, [[label, *(column[i] for column in columns)] for i, label in enumerate(chart.labels)])
    rows = []
    for index, label in enumerate(chart.labels):
        cells = []
        for series in chart.series:
            value = series.values[index]
            cells.append("" if value is None else format(value.number, "f"))
        rows.append([label, *cells])
    return table_csv(headers, rows)


def visit_chart_html(self: HTML5Translator, node: chart_node) -> None:
    chart: Chart = node["chart"]
    numbers = number_format(chart, self.config.language)
    drawing = render_svg(chart, numbers, uid=node["uid"], for_screen=True, wording=wording())
    styles = []
    if node.get("width"):
        styles.append(f"width:{css_length(node['width'])}")
    svg = drawing.text
    if node.get("height"):  # sphinx-charts' :height:, the drawing keeps its proportions
        svg = svg.replace(' class="sp-chart-svg"',
                          f' class="sp-chart-svg" style="height:{html_escape(css_length(node["height"]))};width:auto"', 1)
    style = f' style="{html_escape(";".join(styles))}"' if styles else ""
    downloads = html_links(self, chart_files(chart, node), label_chart())
    self.body.append(
        f'<div class="sp-chart"{style}>{svg}{data_table_html(chart, numbers)}{downloads}</div>\n'
    )
    raise nodes.SkipNode


# -- LaTeX --------------------------------------------------------------------


def visit_chart_latex(self: LaTeXTranslator, node: chart_node) -> None:
    chart: Chart = node["chart"]
    numbers = number_format(chart, self.config.language)
    drawing = render_svg(chart, numbers, uid=node["uid"], for_screen=False, wording=wording())
    try:
        name = write_chart_pdf(drawing.text, self.builder.outdir)
    except Exception as error:  # noqa: BLE001 - cairosvg and its C library fail in many ways
        warn(
            str(_("cannot convert the chart to PDF ({error}); the PDF shows its data instead."
                  " Install cairosvg and the Cairo library to draw it")).format(
                error=f"{type(error).__name__}: {error}"
            ),
            location=node,
            subtype="figures",
        )
        for _caption, headers, rows, note in data_tables(chart, numbers):
            self.body.append(latex_tabular(self, headers, rows))
            if note:
                self.body.append(f"\n\\par{{\\small {self.encode(note)}}}\n")
        raise nodes.SkipNode from None
    options = []
    if node.get("width"):
        options.append(f"width={self.latex_image_length(node['width'])}")
    if node.get("height"):
        options += [f"height={self.latex_image_length(css_length(node['height']))}", "keepaspectratio"]
    option_text = f"[{','.join(options)}]" if options else ""
    self.body.append(f"\n\\sphinxincludegraphics{option_text}{{{name}}}\n")
    self.body.append(latex_mention(self, chart_files(chart, node), label_chart(link=False)))
    raise nodes.SkipNode


def latex_tabular(self: LaTeXTranslator, headers: list[str], rows: list[list[str]]) -> str:
    """The data as a plain tabular, which (unlike Sphinx's tables) fits in a figure."""

    def line(cells: list[str]) -> str:
        return " & ".join(self.encode(cell) for cell in cells) + r" \\"

    body = "\n".join(line(cells) for cells in rows)
    return (
        f"\n\\begin{{tabular}}{{l{'r' * (len(headers) - 1)}}}\n\\hline\n"
        f"{line(headers)}\n\\hline\n{body}\n\\hline\n\\end{{tabular}}\n"
    )


def depart_nothing(self, node: nodes.Element) -> None:
    pass


# -- every other builder ------------------------------------------------------


def data_table_node(chart: Chart, numbers: NumberFormat) -> nodes.Element:
    """The chart's data as a docutils table, one per panel of small multiples
    (generated text: not translatable)."""
    tables = data_tables(chart, numbers)
    if len(tables) == 1 and not tables[0][3]:
        return table_node(tables[0][1], tables[0][2], ["sp-chart-data"])
    container = nodes.container(classes=["sp-chart-data"])
    for caption, headers, rows, note in tables:
        if caption:
            container += nodes.paragraph("", "", nodes.strong(text=caption), translatable=False)
        container += table_node(headers, rows, ["sp-chart-data"])
        if note:
            container += nodes.paragraph("", note, translatable=False)
    return container


def charts_as_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: charts become data tables where no visitor draws them."""
    language = app.config.language
    # the data files are linked from HTML and named in the PDF only
    replace_unrendered(app, doctree, download_node, lambda node: nodes.inline())
    replace_unrendered(
        app, doctree, chart_node,
        lambda node: data_table_node(node["chart"], number_format(node["chart"], language)),
    )
