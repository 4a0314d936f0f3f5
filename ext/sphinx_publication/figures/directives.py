"""Directives ``chart-bar``, ``chart-pie``, ``chart-line``, ``chart`` and ``data-table``.

They only parse and check: a chart becomes a standard ``figure`` (numbered by
numfig, caption extracted by gettext) holding a builder-neutral
:class:`chart_node`; a data table becomes a standard, numbered ``table``.
Bad input gives a located warning and a visible error box instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..diagnostics import warn
from ..figure_facts import SOURCE_CLASS, describe_figure
from ..i18n import translator
from ..ids import page_scoped_id
from ..translatable import is_words
from .limits import MAX_TABLE_ROWS, TABLE_TOO_LONG, TOO_LARGE, drawing_limits
from .model import Chart, Table
from .nodes import chart_node
from .parse import DataError, Row, build_chart, build_table, parse_csv, parse_lines, split_headers
from .downloads import download_node, download_stem, table_csv
from .plotly import parse_plotly
from .table_nodes import table_node

_ = translator("sphinx_publication.figures")

_CITATION_KEY = re.compile(r"^[\w.:+/-]+$")


def _align(argument: str) -> str:
    return directives.choice(argument, ("left", "center", "right"))


def _scale(argument: str) -> str:
    return directives.choice(argument, ("linear", "log"))


COMMON_OPTIONS = {
    "name": directives.unchanged,
    "class": directives.class_option,
    "width": directives.length_or_percentage_or_unitless,
    "align": _align,
    "source": directives.unchanged,
    "file": directives.path,
    "headers": directives.unchanged,
}
CHART_OPTIONS = {
    **COMMON_OPTIONS,
    "x-label": directives.unchanged,
    "y-label": directives.unchanged,
    "unit": directives.unchanged,
    "scale": _scale,
    "description": directives.unchanged,
}


class _DataDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    # -- locations and errors --------------------------------------------------

    @property
    def _is_myst(self) -> bool:
        return type(self.state).__module__.startswith("myst_parser")

    def _body_line(self, offset: int) -> int:
        """1-based line in the document of the body line at *offset*."""
        if self._is_myst:
            # MyST numbers the body from 0 and gives its offset from the fence line.
            return self.lineno + 1 + self.content_offset + offset
        try:
            return self.content.info(offset)[1] + 1
        except (IndexError, TypeError):
            return self.lineno

    data_path: Path | None = None  # set once a data file is read: offsets refer to it

    def _localized(self, error: DataError) -> str:
        return error.localized(lambda message: str(_(message)))

    def _fail(self, error: DataError) -> list[nodes.Node]:
        """Warn at ``file:line``, quoting the faulty line; return an error box."""
        data_path = self.data_path
        message = self._localized(error)
        if error.line.strip():
            message = str(_("{message} (line: {line!r})")).format(message=message, line=error.line.strip())
        if data_path is not None and error.offset is not None:
            location: object = f"{data_path}:{error.offset + 1}"
        elif error.offset is not None:
            location = (self.env.docname, self._body_line(error.offset))
        else:
            location = (self.env.docname, self.lineno)
        warn(f"{self.name}: {message}", location=location, subtype="figures")
        box = nodes.error(classes=["sp-chart-error"])
        paragraph = nodes.paragraph(translatable=False)
        paragraph += nodes.Text(str(_("This figure could not be drawn:")) + " ")
        paragraph += nodes.literal(text=message)
        box += paragraph
        self.set_source_info(box)
        return [box]

    # -- inputs ---------------------------------------------------------------

    def _data_file(self, name: str) -> tuple[Path, str]:
        """Resolve the data file *name* within the source directory and read it."""
        relative, absolute = self.env.relfn2path(name, self.env.docname)
        path = Path(absolute).resolve()
        srcdir = Path(self.env.srcdir).resolve()
        if not path.is_relative_to(srcdir):
            raise DataError(_("{name!r} is outside the source directory"), name=name)
        self.env.note_dependency(relative)
        try:
            return path, path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise DataError(_("file not found: {name!r}"), name=name) from None
        except (OSError, UnicodeDecodeError) as error:
            raise DataError(
                _("cannot read {name!r}: {error} (save it as UTF-8)"), name=name, error=str(error)
            ) from None

    def _rows(self) -> tuple[list[str] | None, list[Row], Path | None]:
        """Headers and rows from ``:file:`` (CSV) or from the body."""
        headers_option = split_headers(self.options["headers"]) if "headers" in self.options else None
        if "file" in self.options:
            if any(line.strip() for line in self.content):
                raise DataError(_("give the data inline or with :file:, not both"))
            path, text = self._data_file(self.options["file"])
            self.data_path = path
            headers, rows = parse_csv(text)
            return headers_option or headers, rows, path
        return headers_option, parse_lines(list(self.content)), None

    # -- outputs --------------------------------------------------------------

    def _caption_nodes(self, text: str) -> list[nodes.Node]:
        # Plain text on purpose: MyST would pass "<script>" through as raw HTML.
        return [nodes.Text(text)]

    def _source_keys(self) -> list[str]:
        return [key.strip() for key in self.options.get("source", "").split(",") if key.strip()]

    def _describe(self, node: nodes.Element, kind: str, title: str) -> None:
        """What other layers read (the editorial report lists figures without a source)."""
        describe_figure(node, kind, title, self._source_keys())

    def _source_paragraph(self) -> nodes.paragraph | None:
        """``Source : [1, 2]``, citations made as the ``{cite:p}`` role makes them."""
        keys = self._source_keys()
        if not keys:
            return None
        paragraph = nodes.paragraph(classes=[SOURCE_CLASS])
        paragraph += nodes.Text(str(_("Source:")) + " ")
        bad = [key for key in keys if not _CITATION_KEY.match(key)]
        if bad or "cite" not in self.env.domains:
            if bad:
                warn(
                    str(_("{directive}: invalid citation key(s) in :source: {keys}")).format(
                        directive=self.name, keys=", ".join(map(repr, bad))
                    ),
                    location=(self.env.docname, self.lineno),
                    subtype="figures",
                )
            paragraph += nodes.Text(", ".join(keys))
            return paragraph
        joined = ",".join(keys)
        markup = f"{{cite:p}}`{joined}`" if self._is_myst else f":cite:p:`{joined}`"
        inline, messages = self.parse_inline(markup, lineno=self.lineno)
        paragraph.extend([*inline, *messages])
        return paragraph

    def _uid(self) -> str:
        return page_scoped_id(self.env, "sp-chart")

    def _size_prefix(self) -> str:
        return ""

    def _warn_size(self, template: str, count: int, limit: int) -> None:
        """A located warning that names the limit (see :mod:`.limits`)."""
        message = str(template).format(count=count, limit=limit)
        warn(f"{self.name}: {self._size_prefix()}{message}", location=(self.env.docname, self.lineno),
             subtype="figures")


class ChartDirective(_DataDirective):
    """``chart-bar``, ``chart-pie``, ``chart-line``: data inline or from CSV."""

    kind = "bar"
    option_spec = CHART_OPTIONS

    def load_chart(self) -> tuple[Chart, str]:
        title = self.arguments[0].strip()
        headers, rows, _path = self._rows()
        chart = build_chart(
            self.kind,
            title,
            headers,
            rows,
            x_label=self.options.get("x-label", ""),
            y_label=self.options.get("y-label", ""),
            unit=self.options.get("unit", ""),
            scale=self.options.get("scale", "linear"),
            description=self.options.get("description", ""),
        )
        return chart, title

    def run(self) -> list[nodes.Node]:
        try:
            chart, caption_text = self.load_chart()
        except DataError as error:
            return self._fail(error) + self._refused_data(error)
        for note in chart.notes:  # left out of the drawing without changing its meaning: said aloud
            warn(f"{self.name}: {self._size_prefix()}{self._localized(note)}",
                 location=(self.env.docname, self.lineno), subtype="figures")
        for what, count, limit in drawing_limits(chart):  # drawn as a notice; table and CSV give the data
            self._warn_size(_(TOO_LARGE[what]), count, limit)
        figure = nodes.figure(classes=["sp-figure", f"sp-chart-{chart.kind}", *self.options.get("class", [])])
        if "align" in self.options:
            figure["align"] = self.options["align"]
        self.set_source_info(figure)
        self.add_name(figure)
        self._describe(figure, chart.kind, caption_text)
        node = chart_node(chart=chart, uid=self._uid(), width=self.options.get("width", ""),
                          **self._node_attributes(chart))
        self.set_source_info(node)
        figure += node
        caption = nodes.caption(caption_text, "", *self._caption_nodes(caption_text))
        self.set_source_info(caption)
        figure += caption
        legend = [*self._legend_nodes()]
        source = self._source_paragraph()
        if source is not None:
            legend.append(source)
        if legend:
            figure += nodes.legend("", *legend)
        return [figure]

    def _refused_data(self, error: DataError) -> list[nodes.Node]:
        """A figure that cannot be drawn still gives its data: a table (its first
        rows) and the CSV file of every row, so the reader loses the picture only."""
        model: Table | None = getattr(error, "data_table", None)
        if model is None or not model.rows:
            return []
        shown = model.rows[:MAX_TABLE_ROWS]
        table = table_node(model.headers, shown, ["sp-data-table", "sp-chart-data"])
        self.set_source_info(table)
        stem = download_stem(self.options.get("download_name") or Path(self.arguments[0].strip()).stem,
                             self._uid_hint())
        return [table, download_node(files=[(f"{stem}.csv", table_csv(model.headers, model.rows))])]

    def _node_attributes(self, chart: Chart) -> dict:
        """What the renderers need beyond the chart: the name of its data download."""
        return {"download_name": download_stem(self.options.get("download_name") or chart.title, self._uid_hint())}

    def _uid_hint(self) -> str:
        return f"chart-{self.lineno}"

    def _legend_nodes(self) -> list[nodes.Node]:
        return []


class BarChart(ChartDirective):
    kind = "bar"


class PieChart(ChartDirective):
    kind = "pie"


class LineChart(ChartDirective):
    kind = "line"


class PlotlyChart(ChartDirective):
    """``chart``: a Plotly figure JSON file (sphinx-charts' input and options).

    The file is looked up beside the page, then from the source directory
    (sphinx-charts' convention). The body is the caption, parsed as MyST or
    reStructuredText: its first paragraph is the caption (and the chart's
    accessible name), further paragraphs the figure's legend.
    """

    option_spec = {
        **{key: value for key, value in CHART_OPTIONS.items() if key not in ("file", "headers")},
        "height": directives.length_or_unitless,
        "download_name": directives.unchanged,
    }
    _caption_paragraph: nodes.paragraph | None = None
    _more_paragraphs: list[nodes.Node] = []

    def _plotly_file(self, name: str) -> tuple[Path, str]:
        """The JSON file beside the page, else relative to the source directory."""
        if not name.startswith("/"):
            _relative, beside = self.env.relfn2path(name, self.env.docname)
            if not Path(beside).exists() and (Path(self.env.srcdir) / name).exists():
                name = "/" + name
        return self._data_file(name)

    def load_chart(self) -> tuple[Chart, str]:
        name = self.arguments[0].strip()
        self.data_path, text = self._plotly_file(name)
        self._parse_caption()
        caption = self._caption_paragraph.astext().strip() if self._caption_paragraph is not None else ""
        overrides = {
            attribute: self.options[option]
            for option, attribute in (("x-label", "x_label"), ("y-label", "y_label"), ("unit", "unit"),
                                      ("scale", "scale"), ("description", "description"))
            if option in self.options
        }
        try:
            chart = parse_plotly(text, title=caption, **overrides)
        except DataError as error:
            if error.offset is not None:
                raise
            located = DataError(_("{file}: {error}"), file=name, error=error)
            located.data_table = getattr(error, "data_table", None)  # a refused figure's data
            raise located from None
        if not chart.title:
            raise DataError(_("give a caption in the body or a layout title in the figure"))
        return chart, chart.title

    def _parse_caption(self) -> None:
        if not any(line.strip() for line in self.content):
            return
        parsed = [node for node in self.parse_content_to_nodes() if not isinstance(node, nodes.raw)]
        for node in parsed:
            for raw in list(node.findall(nodes.raw)):  # no raw HTML in a caption
                raw.parent.remove(raw)
        if parsed and isinstance(parsed[0], nodes.paragraph):
            self._caption_paragraph, self._more_paragraphs = parsed[0], parsed[1:]
        else:
            self._more_paragraphs = parsed

    def _size_prefix(self) -> str:
        return str(_("{file}: {error}")).format(file=self.arguments[0].strip(), error="")

    def _caption_nodes(self, text: str) -> list[nodes.Node]:
        if self._caption_paragraph is None:
            return super()._caption_nodes(text)
        return list(self._caption_paragraph.children)

    def _legend_nodes(self) -> list[nodes.Node]:
        return list(self._more_paragraphs)

    def _node_attributes(self, chart: Chart) -> dict:
        # sphinx-charts named the image download "name.svg": the data files keep the stem
        stem = re.sub(r"\.(svg|png|csv|json)$", "", self.options.get("download_name", ""), flags=re.I)
        stem = stem or Path(self.arguments[0].strip()).stem
        attributes = {"download_name": download_stem(stem, self._uid_hint()), "figure_json": str(self.data_path)}
        if "height" in self.options:
            attributes["height"] = self.options["height"]
        return attributes


class DataTableDirective(_DataDirective):
    """``data-table``: a real, numbered table from inline rows or CSV."""

    def _cells_as_messages(self, table: nodes.table) -> None:
        """Headers and cells holding words are messages of the page's catalog,
        located at the directive (numbers are the same in every edition)."""
        for paragraph in table.findall(nodes.paragraph):
            text = paragraph.astext()
            if is_words(text):
                paragraph.rawsource = text
                paragraph["translatable"] = True
                self.set_source_info(paragraph)

    option_spec = COMMON_OPTIONS

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0].strip()
        try:
            headers, rows, _path = self._rows()
            table_model = build_table(title, headers, rows)
        except DataError as error:
            return self._fail(error)
        all_rows = table_model.rows
        if len(all_rows) > MAX_TABLE_ROWS:  # the page shows the first rows, the CSV all of them
            self._warn_size(_(TABLE_TOO_LONG), len(all_rows), MAX_TABLE_ROWS)
            table_model = Table(table_model.title, table_model.headers, all_rows[:MAX_TABLE_ROWS])
        table = self._table_node(table_model)
        self._describe(table, "table", title)
        result: list[nodes.Node] = [table]
        if len(all_rows) > MAX_TABLE_ROWS:
            from .numbers import NumberFormat
            from .render import rows_note

            note = rows_note(MAX_TABLE_ROWS, len(all_rows), NumberFormat(self.config.language))
            result.append(nodes.paragraph("", note, classes=["sp-rows-note"], translatable=False))
        stem = download_stem(title, f"table-{self.lineno}")
        result.append(download_node(files=[(f"{stem}.csv", table_csv(table_model.headers, all_rows))]))
        source = self._source_paragraph()
        if source is not None:
            result.append(source)
        return result

    def _table_node(self, model: Table) -> nodes.table:
        table = table_node(model.headers, model.rows, ["sp-data-table", *self.options.get("class", [])])
        if "align" in self.options:
            table["align"] = self.options["align"]
        if "width" in self.options:
            table["width"] = self.options["width"]
        self.set_source_info(table)
        self._cells_as_messages(table)
        self.add_name(table)
        title = nodes.title(model.title, "", *self._caption_nodes(model.title))
        self.set_source_info(title)
        table.insert(0, title)
        return table
