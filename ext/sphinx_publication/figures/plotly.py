"""Plotly figure JSON (sphinx-charts' input) -> :class:`~.model.Chart`.

Never silently wrong: every attribute of the figure is either honoured,
known to change only the looks (:data:`COSMETIC_TRACE_KEYS`…), or refused
with a :class:`DataError` that names its JSON path (``data[2].hole``) and
says what to do. The README's table "Plotly figures: what is drawn" lists
the same sets; ``tests/test_plotly_attributes.py`` checks every row.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime, timezone
from decimal import Decimal

from .limits import check_json_controls, check_json_depth, check_points
from .model import BARMODES, PANELS_KIND, PLOT_KIND, Axis, Chart, Plot, Series, Trace, Value
from .parse import DataError
from .plotly_traces import _clean, box_chart, funnels, heatmap_chart, histograms, refused_data, waterfalls
from .plotly_values import _key_text, _number, _text, _unsupported, _value


def _(message: str) -> str:
    """Mark *message* for the figures catalog; the Sphinx layer translates it."""
    return message


# -- what is honoured, what only changes the looks ------------------------------

HONOURED_TRACE_KEYS = {
    "type", "name", "visible", "x", "y", "x0", "dx", "y0", "dy", "orientation", "mode",
    "marker", "line", "connectgaps", "base", "fill", "stackgroup", "groupnorm", "stackgaps",
    "error_x", "error_y", "text", "xaxis", "yaxis", "labels", "values", "label0", "dlabel",
    "hole", "title", "domain", "showlegend", "legendgroup", "sort", "direction", "rotation", "pull",
    "width", "offset", "textposition", "texttemplate", "textinfo", "hovertext",
}
COSMETIC_TRACE_KEYS = {
    "uid", "ids", "meta", "customdata", "opacity", "legendrank",
    "legendgrouptitle", "legend", "hoverinfo", "hovertemplate", "hoverlabel",
    "hoveron", "hovertemplatefallback", "textfont",
    "textangle", "insidetextanchor", "insidetextfont", "outsidetextfont", "constraintext",
    "cliponaxis", "alignmentgroup", "offsetgroup", "fillcolor", "fillpattern",
    "selected", "unselected", "selectedpoints", "automargin", "scalegroup", "insidetextorientation", "xhoverformat", "yhoverformat", "zorder",
    "xperiodalignment", "yperiodalignment", "xperiod", "yperiod", "xperiod0", "yperiod0", "xcalendar",
    "ycalendar", "textsrc", "xsrc", "ysrc", "valuessrc", "labelssrc",
}
HONOURED_MARKER_KEYS = {"size", "sizemode", "sizeref", "sizemin"}
COSMETIC_MARKER_KEYS = {
    "color", "colors", "colorscale", "cauto", "cmin", "cmax", "cmid", "autocolorscale",
    "reversescale", "showscale", "colorbar", "coloraxis", "opacity", "symbol", "line",
    "gradient", "pattern", "angle", "angleref", "standoff", "maxdisplayed", "cornerradius",
}
COSMETIC_LINE_KEYS = {"color", "width", "smoothing", "simplify", "backoff"}
LINE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
LINE_SHAPES = ("linear", "spline")
HONOURED_ERROR_KEYS = {"type", "array", "arrayminus", "value", "valueminus", "symmetric", "visible"}
COSMETIC_ERROR_KEYS = {"color", "thickness", "width", "copy_ystyle", "copy_zstyle", "traceref", "tracerefminus"}
HONOURED_LAYOUT_KEYS = {"title", "xaxis", "yaxis", "barmode", "barnorm", "showlegend"}
COSMETIC_LAYOUT_KEYS = {
    "width", "height", "autosize", "margin", "font", "colorway", "paper_bgcolor", "plot_bgcolor",
    "bargap", "bargroupgap", "hovermode", "hoverlabel", "hoverdistance", "spikedistance",
    "dragmode", "clickmode", "legend", "template", "meta", "separators",
    "uniformtext", "transition", "modebar", "barcornerradius", "piecolorway", "extendpiecolors",
    "grid", "calendar", "colorscale", "coloraxis", "newshape", "activeshape", "selectdirection",
    "editrevision", "uirevision", "datarevision", "computed", "boxmode", "violinmode",
    "hidesources", "minreducedwidth", "minreducedheight", "title_font", "titlefont", "boxgap",
    "boxgroupgap", "waterfallmode", "waterfallgap", "waterfallgroupgap", "funnelmode", "funnelgap",
    "funnelgroupgap",
}
#: Known attributes that are not drawn and are not only looks: each one present
#: gives a located warning naming its JSON path (``layout.xaxis.rangeslider
#: ignored``); the README lists them. Every other cosmetic key is in the README's
#: cosmetic rows (``tests/test_plotly_attributes.py`` compares the two).
NOTED_KEYS = {
    "rangeslider", "rangeselector", "calendar", "xcalendar", "ycalendar", "xperiodalignment",
    "yperiodalignment", "xperiod", "yperiod", "xperiod0", "yperiod0", "scalegroup",
    "legendrank", "legendgrouptitle", "labelalias", "insiderange", "minallowed", "maxallowed",
    "autorangeoptions", "customdata", "autotypenumbers",
}
#: histogram, waterfall and funnel: computed (see :mod:`.plotly_traces`), then drawn as bars
COMPUTED_TYPES = ("histogram", "waterfall", "funnel")
COMPUTED_TRACE_KEYS = {
    "histfunc", "histnorm", "nbinsx", "nbinsy", "xbins", "ybins", "autobinx", "autobiny", "bingroup",
    "cumulative", "measure",
}
COSMETIC_WATERFALL_KEYS = {"connector", "increasing", "decreasing", "totals"}
BOX_TRACE_KEYS = {
    "type", "name", "x", "y", "x0", "y0", "orientation", "boxpoints", "boxmean", "quartilemethod", "visible",
    "showlegend", "legendgroup", "xaxis", "yaxis", "q1", "median", "q3", "lowerfence", "upperfence", "mean", "sd",
    "notched",
}
HEATMAP_TRACE_KEYS = {
    "type", "name", "z", "x", "y", "x0", "dx", "y0", "dy", "transpose", "zmin", "zmax", "zauto", "visible",
    "xaxis", "yaxis", "showlegend",
}
COSMETIC_BOX_HEATMAP_KEYS = COSMETIC_TRACE_KEYS | {
    "marker", "line", "jitter", "pointpos", "whiskerwidth", "notchwidth", "boxgap", "colorscale", "showscale",
    "colorbar", "reversescale", "autocolorscale", "zsmooth", "xgap", "ygap", "hoverongaps", "coloraxis", "zmid",
}
CARRIES_MEANING_LAYOUT_KEYS = {"annotations", "shapes", "images", "sliders", "updatemenus", "hiddenlabels"}
HONOURED_AXIS_KEYS = {
    "type", "title", "autorange", "range", "categoryorder", "categoryarray", "tickformat",
    "ticksuffix", "tickprefix", "ticktext", "overlaying", "rangebreaks", "visible", "domain", "matches",
}
COSMETIC_AXIS_KEYS = {
    "anchor", "side", "position", "tickfont", "titlefont", "tickangle", "tickwidth",
    "ticklen", "tickcolor", "ticks", "tick0", "dtick", "nticks", "tickvals", "tickmode",
    "showticklabels", "showgrid", "gridwidth", "gridcolor", "griddash", "zeroline", "zerolinecolor",
    "zerolinewidth", "showline", "linecolor", "linewidth", "mirror", "rangemode", "fixedrange",
    "exponentformat", "showexponent", "separatethousands", "hoverformat", "automargin",
    "showspikes", "spikemode", "spikesnap", "spikethickness", "spikecolor", "spikedash",
    "constrain", "constraintoward", "scaleanchor", "scaleratio", "layer", "color",
    "showdividers", "dividercolor", "dividerwidth", "ticklabelmode", "ticklabelposition",
    "ticklabeloverflow", "ticklabelstep", "minor", "autotypenumbers", "minexponent",
    "showtickprefix", "showticksuffix", "tickson", "ticklabelshift", "ticklabelstandoff",
    "insiderange", "autorangeoptions", "minallowed", "maxallowed", "uirevision", "calendar",
    "title_font", "rangeslider", "rangeselector", "labelalias", "zerolinelayer",
}
CATEGORY_ORDERS = ("trace", "category ascending", "category descending", "array")
_AGGREGATES: dict[str, Callable[[list[float]], float]] = {
    "total": sum, "sum": sum, "min": min, "max": max, "mean": statistics.mean,
    "median": statistics.median,
}


def _allowed(*values: str) -> str:
    return ", ".join(repr(value) for value in values)


_NOTES: ContextVar[list[DataError] | None] = ContextVar("plotly_notes", default=None)


def _note(error: DataError) -> None:
    """A located warning that does not stop the drawing (the directive reports it)."""
    notes = _NOTES.get()
    if notes is not None and all(note.params != error.params or note.template != error.template
                                 for note in notes):
        notes.append(error)


def _ignored(path: str) -> None:
    _note(DataError(_("{path} ignored: it is not drawn; say in the caption what it shows"), path=path))


def _check_keys(obj: dict, path: str, known: set[str], cosmetic: set[str]) -> None:
    for key in obj:
        if key in cosmetic and key not in known and key in NOTED_KEYS and obj[key] not in (None, False, "", [], {}):
            _ignored(f"{path}.{key}")
        if key not in known and key not in cosmetic:
            raise DataError(
                _("{path} is not understood, so the chart could mean something else than the"
                  " figure; remove it if it only changes the looks"),
                path=f"{path}.{key}",
            )


def _dict(obj: dict, key: str, path: str) -> dict:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataError(_("{path} must be an object"), path=f"{path}.{key}")
    return value


# -- values -------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?)?)?$")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def is_date(raw: object) -> bool:
    return isinstance(raw, str) and bool(_ISO_DATE.match(raw.strip())) and len(raw.strip()) > 4


def date_ms(raw: object, path: str) -> float:
    """Milliseconds since 1970 (UTC) of an ISO date, or a number of ms as Plotly takes it."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw):
        return float(raw)
    text = str(raw).strip()
    if not is_date(text):
        raise DataError(_("{path} = {value!r} is not a date (write 2024-05-01 or 2024-05-01 12:30)"),
                        path=path, value=raw)
    parts = text.replace("T", " ")
    if len(parts) == 7:
        parts += "-01"
    moment = datetime.fromisoformat(parts).replace(tzinfo=timezone.utc)
    return (moment - _EPOCH).total_seconds() * 1000


def _list(trace: dict, key: str, path: str) -> list | None:
    value = trace.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise DataError(_("{path} must be a list"), path=f"{path}.{key}")
    return value


def _per_point(raw: object, count: int, path: str, convert: Callable[[object, str], float]) -> list[float]:
    """A number or a list of numbers (one per point) -> one float per point."""
    if isinstance(raw, list):
        if len(raw) < count:
            raise DataError(_("{path} has {found} items for {expected} points; give one per point"),
                            path=path, found=len(raw), expected=count)
        return [convert(item, f"{path}[{index}]") for index, item in enumerate(raw[:count])]
    return [convert(raw, path)] * count


# -- the figure ---------------------------------------------------------------


def _refuse_constant(name: str) -> object:
    raise DataError(_("{text!r} is not a finite number"), text=name)


def load_figure(text: str) -> tuple[dict, list[tuple[int, dict]]]:
    """The figure's layout and its visible traces, with their index in ``data``."""
    check_json_depth(text)  # before json.loads: its parser and our readers recurse
    try:
        figure = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise DataError(_("invalid JSON: {error}"), error.lineno - 1, error=error.msg) from None
    check_json_controls(figure)
    if not isinstance(figure, dict) or not isinstance(figure.get("data"), list):
        raise DataError(_('a Plotly figure is an object with a "data" list of traces'))
    layout = figure.get("layout") if isinstance(figure.get("layout"), dict) else {}
    for key in figure:
        if key not in ("data", "layout", "frames", "config", "meta"):
            raise DataError(_("{path} is not understood, so the chart could mean something else than the"
                              " figure; remove it if it only changes the looks"), path=key)
    if figure.get("frames"):
        raise _unsupported("frames", "[…]", _allowed())
    traces = []
    for index, trace in enumerate(figure["data"]):
        path = f"data[{index}]"
        if not isinstance(trace, dict):
            raise DataError(_("{path} must be an object"), path=path)
        if trace.get("visible", True) in (False, "legendonly"):
            continue  # hidden in the figure: not drawn there either
        traces.append((index, trace))
    if not traces:
        raise DataError(_("the Plotly figure has no traces"))
    check_points(sum(max((len(trace[key]) for key in ("x", "y", "values", "labels")
                          if isinstance(trace.get(key), list)), default=0) for _index, trace in traces))
    return layout, traces


def _check_layout(layout: dict) -> None:
    for key, value in layout.items():
        if key in CARRIES_MEANING_LAYOUT_KEYS and value:
            raise DataError(
                _("{path} is not drawn and may carry meaning; put what it says in the caption"
                  " and remove it from the figure"),
                path=f"layout.{key}",
            )
        if re.fullmatch(r"[xy]axis\d*", key) or key in CARRIES_MEANING_LAYOUT_KEYS:
            continue
        if key in NOTED_KEYS and value not in (None, False, "", [], {}):
            _ignored(f"layout.{key}")
        if key not in HONOURED_LAYOUT_KEYS and key not in COSMETIC_LAYOUT_KEYS:
            if key in ("polar", "geo", "mapbox", "map", "ternary", "scene", "smith"):
                continue  # used only by trace types that are refused on their own
            raise DataError(
                _("{path} is not understood, so the chart could mean something else than the"
                  " figure; remove it if it only changes the looks"),
                path=f"layout.{key}",
            )


def parse_plotly(text: str, title: str = "", **options: str | None) -> Chart:
    """A Plotly figure (``{"data": [...], "layout": {...}}``) -> :class:`Chart`.

    What the figure says and the drawing leaves out without changing its
    meaning is in ``chart.notes`` (located warnings); what would change its
    meaning raises :class:`DataError`. See :func:`_parse_plotly`.
    """
    notes: list[DataError] = []
    token = _NOTES.set(notes)
    try:
        chart = _parse_plotly(text, title, **options)
    finally:
        _NOTES.reset(token)
    chart.notes = notes
    return chart


def _parse_plotly(
    text: str,
    title: str = "",
    *,
    x_label: str | None = None,
    y_label: str | None = None,
    unit: str | None = None,
    scale: str | None = None,
    description: str | None = None,
) -> Chart:
    """A Plotly figure (``{"data": [...], "layout": {...}}``) -> :class:`Chart`.

    Bar and scatter traces sharing one pair of axes become a chart of kind
    ``"plot"``; one pie trace a chart of kind ``"pie"``. The keyword
    arguments (directive options) override what the figure says.
    """
    layout, traces = load_figure(text)
    for index, trace in traces:
        if trace.get("type") in COMPUTED_TYPES:
            _check_keys(trace, f"data[{index}]", HONOURED_TRACE_KEYS | COMPUTED_TRACE_KEYS, COSMETIC_TRACE_KEYS
                        | COSMETIC_WATERFALL_KEYS)
    bins = histograms(traces, layout)  # computed as Plotly computes them: then drawn as its bars
    waterfalls(traces)
    funnels(traces, layout)
    types = [(index, str(trace.get("type", "scatter"))) for index, trace in traces]
    for index, kind in types:
        if kind not in ("bar", "scatter", "scattergl", "pie", "box", "heatmap"):
            error = DataError(
                _("{path} = {value!r}: this trace type cannot be drawn (drawn: bar, scatter, pie, histogram,"
                  " box, waterfall, funnel, heatmap); the data table gives its data"),
                path=f"data[{index}].type", value=kind,
            )
            error.data_table = refused_data(traces)  # the reader loses the picture, not the data
            raise error
    special = [(index, kind) for index, kind in types if kind in ("box", "heatmap")]
    if special:
        kind = special[0][1]
        other = next((index for index, other_kind in types if other_kind != kind), None)
        if other is not None:
            raise DataError(_("{path}: a {kind} cannot share a chart with other trace types;"
                              " put it in its own figure file and chart directive"), path=f"data[{other}]", kind=kind)
        for index, trace in traces:
            keys = BOX_TRACE_KEYS if kind == "box" else HEATMAP_TRACE_KEYS
            _check_keys(trace, f"data[{index}]", keys, COSMETIC_BOX_HEATMAP_KEYS)
            for key, default in (("xaxis", "x"), ("yaxis", "y")):
                if trace.get(key, default) != default:
                    raise _unsupported(f"data[{index}].{key}", trace[key], _allowed(default))
        _check_layout(layout)
        if kind == "box":
            chart = box_chart(traces, layout)
        elif len(traces) == 1:
            chart = heatmap_chart(*traces[0], layout)
        else:
            chart = _small_multiples([heatmap_chart(index, trace, layout) for index, trace in traces])
        return _with_directive_options(chart, _text(layout.get("title")), title, x_label, y_label, unit,
                                       description)
    pies = [index for index, kind in types if kind == "pie"]
    if pies and len(pies) != len(types):
        other = next(index for index, kind in types if kind != "pie")
        raise DataError(_("{path}: a pie cannot share a chart with bar or scatter traces;"
                          " put it in its own figure file and chart directive"), path=f"data[{other}]")
    groups = {} if pies else _axis_groups(traces)
    subplot_titles = _subplot_titles(layout, groups) if len(groups) > 1 else None
    _check_layout({key: value for key, value in layout.items()
                   if not (key == "annotations" and subplot_titles is not None)})
    figure_title = _text(layout.get("title"))
    if len(pies) > 1:  # several pies: small multiples, one pie each, placed by their domains
        chart = _small_multiples([_pie_chart(index, trace, layout) for index, trace in traces])
        chart.grid = _grid([_pie_domain(trace, f"data[{index}]") for index, trace in traces])
    elif pies:
        chart = _pie_chart(*traces[0], layout)
    elif len(groups) == 1:
        chart = _plot_chart(traces, layout, scale, next(iter(groups)))
    else:  # subplots: small multiples, one pair of axes each, never merged
        panels = [_plot_chart(group, layout, scale, axes) for axes, group in groups.items()]
        for panel, axes in zip(panels, groups):
            panel.title = (subplot_titles or {}).get(axes) or panel.title
            position_name, value_name = (axes[1], axes[0]) if panel.plot.horizontal else axes
            panel.plot.position_axis.match = _match_group(layout, position_name)
            panel.plot.value_axis.match = _match_group(layout, value_name)
        chart = _small_multiples(panels)
        chart.grid = _grid([(_domain(layout, axes[0]), _domain(layout, axes[1])) for axes in groups])
    if bins:
        _bin_labels(chart, traces, bins)
    return _with_directive_options(chart, figure_title, title, x_label, y_label, unit, description)


def _with_directive_options(chart: Chart, figure_title: str, title, x_label, y_label, unit, description) -> Chart:
    """The directive's options over the figure's own: its caption title, axis titles, unit, description."""
    chart.title = title or figure_title
    chart.heading = figure_title  # drawn above the chart, also when the caption says something else
    if x_label is not None:
        chart.x_label = x_label
    if y_label is not None:
        chart.y_label = y_label
    chart.unit = unit or ""
    chart.description = description or ""
    return chart


# -- pies ---------------------------------------------------------------------


def _pie_chart(index: int, trace: dict, layout: dict) -> Chart:
    path = f"data[{index}]"
    _check_keys(trace, path, HONOURED_TRACE_KEYS, COSMETIC_TRACE_KEYS)
    for key in ("x", "y", "base", "fill", "error_x", "error_y", "stackgroup"):
        if key in trace:
            raise DataError(_("{path} is not understood, so the chart could mean something else than the"
                              " figure; remove it if it only changes the looks"), path=f"{path}.{key}")
    _check_keys(_dict(trace, "marker", path), f"{path}.marker", set(), COSMETIC_MARKER_KEYS)
    labels_raw = _list(trace, "labels", path)
    values_raw = _list(trace, "values", path)
    if values_raw is None and labels_raw is None:
        raise DataError(_("{path}: the trace has no data (give {keys})"), path=path, keys="values, labels")
    if values_raw is None:
        values_raw = [1] * len(labels_raw)  # Plotly counts the occurrences of each label
    if labels_raw is None:
        start = _number(trace.get("label0", 0), f"{path}.label0")
        step = _number(trace.get("dlabel", 1), f"{path}.dlabel")
        labels_raw = [start + step * position for position in range(len(values_raw))]
    if len(labels_raw) < len(values_raw):
        raise DataError(_("{path} has {found} items for {expected} points; give one per point"),
                        path=f"{path}.labels", found=len(labels_raw), expected=len(values_raw))
    totals: dict[str, Decimal] = {}
    first: dict[str, int] = {}  # the point that gives a slice its text and pull
    for position, raw in enumerate(values_raw):
        value = _value(raw, f"{path}.values[{position}]")
        if value is None:
            continue  # Plotly leaves a null slice out
        if value.number < 0:
            raise DataError(_("{path} = {value}: a pie slice cannot be negative; a pie shows shares of a whole"),
                            path=f"{path}.values[{position}]", value=raw)
        label = _key_text(labels_raw[position])
        totals[label] = totals.get(label, Decimal(0)) + value.number  # Plotly sums equal labels
        first.setdefault(label, position)
    if not totals or sum(totals.values()) <= 0:
        raise DataError(_("all the pie slices are zero"))
    hole = trace.get("hole", 0)
    if isinstance(hole, bool) or not isinstance(hole, (int, float)) or not 0 <= hole < 1:
        raise _unsupported(f"{path}.hole", hole, "0 <= hole < 1")
    labels = list(totals)
    sort = trace.get("sort", True)
    if not isinstance(sort, bool):
        raise _unsupported(f"{path}.sort", sort, _allowed("true", "false"))
    if sort:  # Plotly's default: largest slice first (equal ones keep their order)
        labels.sort(key=lambda label: -totals[label])
    direction = trace.get("direction", "counterclockwise")
    if direction not in ("clockwise", "counterclockwise"):
        raise _unsupported(f"{path}.direction", direction, _allowed("clockwise", "counterclockwise"))
    rotation = _number(trace.get("rotation", 0), f"{path}.rotation")
    raw_pull = trace.get("pull", 0)
    if isinstance(raw_pull, list):  # Plotly: a slice without a pull is not pulled
        raw_pull = raw_pull + [0] * (len(values_raw) - len(raw_pull))
    pulls = _per_point(raw_pull, len(values_raw), f"{path}.pull", lambda item, p: 0.0 if item is None else _number(item, p))
    texts = trace.get("text")
    texts = [_text(item) for item in texts] if isinstance(texts, list) else [_text(texts)] * len(values_raw)
    texts += [""] * (len(values_raw) - len(texts))
    return Chart(
        kind="pie",
        title=_text(trace.get("title")) or _text(trace.get("name")),  # a panel's heading among several pies
        labels=labels,
        series=[Series(_text(trace.get("name")) or _text(trace.get("title")), [Value(totals[label]) for label in labels])],
        hole=float(hole),
        clockwise=direction == "clockwise",
        rotation=rotation,
        pulls=[min(max(pulls[first[label]], 0.0), 1.0) for label in labels],
        slice_text=_slice_template(trace, path, isinstance(trace.get("text"), list)),
        slice_texts=[texts[first[label]] for label in labels],
    )


def _slice_template(trace: dict, path: str, has_texts: bool) -> str | None:
    """What a pie slice says, as a Plotly template: ``texttemplate``, else
    ``textinfo`` (Plotly's default: the share, and the text when given)."""
    if trace.get("textposition", "auto") == "none":
        return ""
    template = trace.get("texttemplate")
    if isinstance(template, str) and template:
        return template
    info = trace.get("textinfo", "text+percent" if has_texts else "percent")
    parts = str(info).split("+")
    if info == "none":
        return ""
    if not set(parts) <= {"label", "text", "value", "percent"}:
        raise _unsupported(f"{path}.textinfo", info, _allowed("label", "text", "value", "percent", "none"))
    if parts == ["percent"]:
        return None  # the shares, as our pies always said them
    return "<br>".join(f"%{{{part}}}" for part in parts)


# -- bars and scatters ---------------------------------------------------------


def _is_horizontal(trace: dict, path: str) -> bool:
    if trace.get("type") != "bar":
        if trace.get("stackgroup") and trace.get("orientation") == "h":
            raise _unsupported(f"{path}.orientation", "h", _allowed("v"))
        return False  # a scatter's orientation only matters for stacking
    default = "h" if ("x" in trace and "y" not in trace) else "v"
    orientation = trace.get("orientation", default)
    if orientation not in ("v", "h"):
        raise _unsupported(f"{path}.orientation", orientation, _allowed("v", "h"))
    return orientation == "h"


def _numeric(item: object) -> bool:
    """plotly.js' ``isNumeric``: numbers and numeric strings, finite."""
    if isinstance(item, bool):
        return False
    if isinstance(item, int):
        return True  # however large: the range check then refuses it, located
    if isinstance(item, float):
        return math.isfinite(item)
    text = str(item).strip()
    try:
        number = float(text)
    except ValueError:
        return False
    # "1e400" is a number out of range (refused later, located); "inf", "nan" are names
    return math.isfinite(number) or not re.search(r"[a-df-z]", text, re.I)


_YEAR = re.compile(r"^\s*(-?\d{4}|\d{2})\s*$")


def _axis_type(raw_positions: list[list], declared: object, path: str) -> str:
    """Plotly's axis type: as declared, else guessed from the data as plotly.js'
    ``autoType`` does: from the first trace with data on the axis, its distinct
    values: dates when they outnumber numbers twice, categories when names
    outnumber numbers twice, else linear."""
    if declared not in (None, "-"):
        if declared not in ("linear", "log", "date", "category"):
            raise _unsupported(path, declared, _allowed("linear", "log", "date", "category"))
        return str(declared)
    first = next((positions for positions in raw_positions if positions), [])
    if all(item is None for item in first):
        return "category"  # nothing to place: no numbers to scale (the chart is empty anyway)
    seen: set[str] = set()
    dates = numbers = names = 0
    for item in first:
        if item is None:
            continue
        key = _key_text(item) if isinstance(item, (int, float)) and not isinstance(item, bool) else str(item)
        if key in seen:
            continue
        seen.add(key)
        number = _numeric(item)
        if is_date(item) or (number and _YEAR.match(key)):
            dates += 1
        if number:
            numbers += 1
        elif isinstance(item, (str, bool)):
            names += 1
    if dates > numbers * 2:
        return "date"
    if names > numbers * 2:
        return "category"
    return "linear"


def _positions(raw: list, axis_type: str, path: str) -> list[str | float | None]:
    result: list[str | float | None] = []
    for position, item in enumerate(raw):
        item_path = f"{path}[{position}]"
        if item is None:
            result.append(None)  # Plotly leaves a point without position out
        elif axis_type == "category":
            result.append(_key_text(item))
        elif axis_type == "date":
            if not is_date(item) and not (isinstance(item, (int, float)) and not isinstance(item, bool)):
                result.append(_dropped(item, item_path, axis_type))
            else:
                result.append(date_ms(item, item_path))
        elif not _numeric(item):
            result.append(_dropped(item, item_path, axis_type))
        else:
            result.append(_number(item, item_path))
    return result


def _dropped(item: object, path: str, axis_type: str) -> None:
    """A value the axis cannot place: Plotly leaves the point out silently; we say so."""
    _note(DataError(_("{path} = {value!r} has no place on an axis of type {kind!r}: the point is not drawn,"
                      " as in Plotly; fix the value or declare the axis type"), path=path, value=item,
                    kind=axis_type))
    return None


def _mode(trace: dict, count: int, path: str) -> frozenset[str]:
    raw = trace.get("mode")
    if raw is None:
        return frozenset({"lines", "markers"} if count < 20 else {"lines"})  # Plotly's default
    parts = frozenset(str(raw).split("+"))
    if raw == "none" or not parts <= {"lines", "markers", "text"}:
        raise _unsupported(f"{path}.mode", raw, _allowed("lines", "markers", "text", "lines+markers", "…"))
    return parts


def _sizes(marker: dict, count: int, path: str) -> list[float] | None:
    if "size" not in marker:
        return None
    sizes = _per_point(marker["size"], count, f"{path}.marker.size", _number)
    reference = _number(marker.get("sizeref", 1), f"{path}.marker.sizeref") or 1
    smallest = _number(marker.get("sizemin", 0), f"{path}.marker.sizemin")
    mode = marker.get("sizemode", "diameter")
    if mode not in ("diameter", "area"):
        raise _unsupported(f"{path}.marker.sizemode", mode, _allowed("diameter", "area"))
    diameters = []
    for size in sizes:
        if size < 0:
            raise _unsupported(f"{path}.marker.size", size, ">= 0")
        diameter = size / reference if mode == "diameter" else math.sqrt(size / reference)
        diameters.append(max(diameter, smallest) if size > 0 else 0.0)
    return diameters


def _errors(trace: dict, key: str, values: list[Value | None], path: str) -> tuple[list[float], list[float]] | None:
    error = _dict(trace, key, path)
    if not error or error.get("visible", True) is False:
        return None
    error_path = f"{path}.{key}"
    _check_keys(error, error_path, HONOURED_ERROR_KEYS, COSMETIC_ERROR_KEYS)
    kind = error.get("type", "percent" if "value" in error and "array" not in error else "data")
    count = len(values)
    numbers = [value.as_float if value is not None else 0.0 for value in values]

    def side(array_key: str, value_key: str) -> list[float]:
        if kind == "data":
            raw = error.get(array_key)
            if raw is None:
                return [0.0] * count
            if not isinstance(raw, list) or len(raw) < count:
                raise DataError(_("{path} has {found} items for {expected} points; give one per point"),
                                path=f"{error_path}.{array_key}", found=len(raw) if isinstance(raw, list) else 1,
                                expected=count)
            return [0.0 if item is None else abs(_number(item, f"{error_path}.{array_key}[{i}]"))
                    for i, item in enumerate(raw[:count])]
        amount = _number(error.get(value_key, 10), f"{error_path}.{value_key}")
        if kind == "percent":
            return [abs(number) * amount / 100 for number in numbers]
        if kind == "constant":
            return [amount] * count
        if kind == "sqrt":
            return [math.sqrt(abs(number)) for number in numbers]
        raise _unsupported(f"{error_path}.type", kind, _allowed("data", "percent", "constant", "sqrt"))

    plus = side("array", "value")
    minus = plus if error.get("symmetric", "arrayminus" not in error and "valueminus" not in error) else side(
        "arrayminus", "valueminus")
    return plus, minus


def _read_trace(index: int, trace: dict, horizontal: bool, position_type: str, value_type: str,
                value_categories: dict[str, int] | None = None) -> Trace:
    """One bar or scatter trace, its positions and values read along the chart's axes."""
    path = f"data[{index}]"
    kind = "bar" if trace.get("type") == "bar" else "scatter"
    position_key, value_key = ("y", "x") if horizontal else ("x", "y")
    raw_values = _list(trace, value_key, path)
    raw_positions = _list(trace, position_key, path)
    if raw_values is None and raw_positions is None:
        raise DataError(_("{path}: the trace has no data (give {keys})"), path=path, keys="x, y")
    count = len(raw_values if raw_values is not None else raw_positions)
    if raw_positions is None:  # Plotly's default: x0 + i dx (0, 1, 2… )
        start = trace.get(f"{position_key}0", 0)
        step = _number(trace.get(f"d{position_key}", 1), f"{path}.d{position_key}")
        if position_type == "date":
            first = date_ms(start, f"{path}.{position_key}0")
            positions: list = [first + step * n for n in range(count)]
        elif position_type == "category":
            first = _number(start, f"{path}.{position_key}0")
            positions = [_key_text(first + step * n) for n in range(count)]
        else:
            first = _number(start, f"{path}.{position_key}0")
            positions = [first + step * n for n in range(count)]
    else:
        positions = _positions(raw_positions, position_type, f"{path}.{position_key}")
    if raw_values is None:
        start = _number(trace.get(f"{value_key}0", 0), f"{path}.{value_key}0")
        step = _number(trace.get(f"d{value_key}", 1), f"{path}.d{value_key}")
        raw_values = [start + step * n for n in range(count)]
    if len(positions) != len(raw_values):  # Plotly draws the common length and drops the rest
        longer, shorter = ((position_key, value_key) if len(positions) > len(raw_values)
                           else (value_key, position_key))
        common = min(len(positions), len(raw_values))
        _note(DataError(_("{path} has {found} items, {key} only {expected}: the last {extra} are not drawn,"
                          " as in Plotly; give one per point"), path=f"{path}.{longer}",
                        found=max(len(positions), len(raw_values)), key=shorter, expected=common,
                        extra=abs(len(positions) - len(raw_values))))
        positions, raw_values = positions[:common], raw_values[:common]
    if value_type == "date":
        values = [None if raw is None else Value(Decimal(repr(date_ms(raw, f"{path}.{value_key}[{n}]"))))
                  for n, raw in enumerate(raw_values)]
    elif value_categories is not None:
        values = [None if raw is None else Value(Decimal(value_categories[_key_text(raw)])) for raw in raw_values]
    else:
        values = [_value(raw, f"{path}.{value_key}[{n}]") if raw is None or _numeric(raw)
                  else _dropped(raw, f"{path}.{value_key}[{n}]", value_type) for n, raw in enumerate(raw_values)]
    marker = _dict(trace, "marker", path)
    _check_keys(marker, f"{path}.marker", HONOURED_MARKER_KEYS, COSMETIC_MARKER_KEYS)
    line = _dict(trace, "line", path)
    _check_keys(line, f"{path}.line", {"shape", "dash"}, COSMETIC_LINE_KEYS)
    if line.get("dash", "solid") not in LINE_DASHES:
        raise _unsupported(f"{path}.line.dash", line.get("dash"), _allowed(*LINE_DASHES))
    if line.get("shape", "linear") not in LINE_SHAPES:
        raise _unsupported(f"{path}.line.shape", line.get("shape"), _allowed(*LINE_SHAPES))
    error_key, cross_key = ("error_x", "error_y") if horizontal else ("error_y", "error_x")
    if _dict(trace, cross_key, path) and _dict(trace, cross_key, path).get("visible", True) is not False:
        raise _unsupported(f"{path}.{cross_key}", "{…}", _allowed(error_key))
    errors = _errors(trace, error_key, values, path)
    result = Trace(type=kind, name=_text(trace.get("name")) or f"trace {index}", positions=positions, values=values)
    result.in_legend = trace.get("showlegend", True) is not False
    hover = trace.get("hovertext")
    if hover not in (None, "", []):  # what the figure shows on hover: in the tooltips
        result.hovertexts = ([_text(item) for item in hover] if isinstance(hover, list)
                             else [_text(hover)] * len(values))
    if errors:
        result.errors_plus, result.errors_minus = errors
    result.dash = str(line.get("dash", ""))
    if kind == "bar":
        for key in ("fill", "stackgroup"):
            if key in trace:
                raise _unsupported(f"{path}.{key}", trace[key], _allowed())
        if "base" in trace and trace["base"] is not None:
            convert = (lambda raw, p: date_ms(raw, p)) if value_type == "date" else _number
            result.base = _per_point(trace["base"], len(values), f"{path}.base", convert)
        _point_texts(trace, result, path, bool(trace.get("text") or trace.get("texttemplate")))
        _bar_sizes(trace, result, path)
        return result
    if "base" in trace:
        raise _unsupported(f"{path}.base", trace["base"], _allowed())
    result.mode = _mode(trace, len(values), path)
    result.sizes = _sizes(marker, len(values), path) if "markers" in result.mode else None
    connect = trace.get("connectgaps", False)
    if not isinstance(connect, bool):
        raise _unsupported(f"{path}.connectgaps", connect, _allowed("true", "false"))
    result.connectgaps = connect
    fill = trace.get("fill", "tonexty" if trace.get("stackgroup") else "none")
    if fill not in ("none", "tozeroy", "tonexty", "toself"):
        raise _unsupported(f"{path}.fill", fill, _allowed("none", "tozeroy", "tonexty", "toself"))
    result.fill = fill
    _point_texts(trace, result, path, "text" in result.mode)
    return result


def _point_texts(trace: dict, result: Trace, path: str, shown: bool) -> None:
    """The texts drawn at the points: ``text``, or ``texttemplate`` (``%{y}``,
    ``%{x}``, ``%{label}``, ``%{value}``, ``%{text}``), where ``textposition`` says."""
    position = trace.get("textposition", "auto" if result.type == "bar" else "top center")
    if isinstance(position, list):  # one per point: drawn where the first says
        position = next((item for item in position if isinstance(item, str)), "auto")
    if not shown or position == "none":
        return
    count = len(result.values)
    texts = trace.get("text", "")
    result.texts = [_text(item) for item in texts] if isinstance(texts, list) else [_text(texts)] * count
    result.texts = (result.texts + [""] * count)[:count]
    template = trace.get("texttemplate")
    if isinstance(template, list):
        _ignored(f"{path}.texttemplate")
    elif isinstance(template, str) and template:
        result.text_template = template
    result.text_position = str(position)


def _bar_sizes(trace: dict, result: Trace, path: str) -> None:
    """Bar ``width`` and ``offset``, in units of the position axis (one per point or one for all)."""
    count = len(result.values)
    for key in ("width", "offset"):
        if trace.get(key) is None:
            continue
        raw = trace[key]
        if isinstance(raw, list):
            raw = (raw + [None] * count)[:count]
        sizes = _per_point(raw, count, f"{path}.{key}", lambda item, p: math.nan if item is None else _number(item, p))
        if key == "width" and any(size < 0 for size in sizes):
            raise _unsupported(f"{path}.width", trace[key], ">= 0")
        setattr(result, "bar_width" if key == "width" else "bar_offset", sizes)


def _axis(layout: dict, name: str, axis_type: str) -> Axis:
    raw = _dict(layout, name, "layout")
    path = f"layout.{name}"
    _check_keys(raw, path, HONOURED_AXIS_KEYS, COSMETIC_AXIS_KEYS)
    for key in ("ticktext", "rangebreaks", "overlaying"):
        if raw.get(key):
            raise _unsupported(f"{path}.{key}", raw[key], _allowed())
    axis = Axis(type=axis_type, title=_text(raw.get("title")))
    autorange = raw.get("autorange", "range" not in raw)
    if autorange not in (True, False, "reversed", "min reversed", "max reversed"):
        raise _unsupported(f"{path}.autorange", autorange, _allowed("true", "false", "reversed"))
    axis.reversed = isinstance(autorange, str) and "reversed" in autorange
    tickformat = str(raw.get("tickformat") or "")
    if axis_type != "date" and re.search(r"[%p]$", tickformat):
        axis.percent = True  # d3 "%"/"p": the values are fractions shown as percentages
    axis.suffix = _text(raw.get("ticksuffix"))
    axis.prefix = _text(raw.get("tickprefix"))
    return axis


def _range(raw_axis: dict) -> tuple | None:
    """The axis range the figure fixes (in data units), if autorange is off."""
    autorange = raw_axis.get("autorange", "range" not in raw_axis)
    bounds = raw_axis.get("range")
    if autorange is not False or not isinstance(bounds, list) or len(bounds) != 2:
        return None
    return bounds[0], bounds[1]


def _check_range(layout: dict, name: str, axis: Axis, points: list[float]) -> None:
    """The figure's fixed range: drawn as Plotly draws it, what lies outside
    clipped (the data table still lists every value)."""
    raw_axis = _dict(layout, name, "layout")
    bounds = _range(raw_axis)
    if bounds is None:
        return
    path = f"layout.{name}.range"
    if axis.type == "date":
        low, high = (date_ms(b, path) for b in bounds)
    elif axis.type == "log":
        low, high = (10 ** _number(b, path) for b in bounds)
    else:
        low, high = (_number(b, path) for b in bounds)
    if low > high:
        axis.reversed = not axis.reversed
        low, high = high, low
    if low == high:
        raise _unsupported(path, bounds, "two different bounds")
    axis.range = (low, high)


def _category_order(raw_axis: dict, path: str, traces: list[Trace]) -> list[str]:
    seen: dict[str, None] = {}
    for trace in traces:
        for position in trace.positions:
            if position is not None:
                seen.setdefault(str(position))
    names = list(seen)
    array = raw_axis.get("categoryarray")
    order = raw_axis.get("categoryorder", "array" if isinstance(array, list) and array else "trace")
    if order == "trace":
        return names
    if order == "array":
        wanted = [_key_text(item) for item in array or []]
        return [name for name in wanted if name in seen] + [name for name in names if name not in wanted]
    match = re.fullmatch(r"(category|total|sum|min|max|mean|median) (ascending|descending)", str(order))
    if not match:
        raise _unsupported(f"{path}.categoryorder", order, _allowed(*CATEGORY_ORDERS, "total ascending", "…"))
    descending = match[2] == "descending"
    if match[1] == "category":
        try:
            return sorted(names, key=float, reverse=descending)
        except ValueError:
            return sorted(names, reverse=descending)
    aggregate = _AGGREGATES[match[1]]
    collected: dict[str, list[float]] = {name: [] for name in names}
    for trace in traces:
        for position, value in zip(trace.positions, trace.values):
            if position is not None and value is not None:
                collected[str(position)].append(value.as_float)
    return sorted(names, key=lambda name: aggregate(collected[name] or [0.0]), reverse=descending)


def _axis_groups(traces: list[tuple[int, dict]]) -> dict[tuple[str, str], list[tuple[int, dict]]]:
    """Traces by the pair of axes they are drawn on (``xaxis2``, ``yaxis2``…), in figure order."""
    groups: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for index, trace in traces:
        names = []
        for key, default in (("xaxis", "x"), ("yaxis", "y")):
            ref = trace.get(key, default)
            if not isinstance(ref, str) or not re.fullmatch(rf"{default}([2-9]|[1-9]\d+)?", ref):
                raise _unsupported(f"data[{index}].{key}", ref, _allowed(default, f"{default}2", "…"))
            names.append(f"{key}{ref[1:]}")
        groups.setdefault((names[0], names[1]), []).append((index, trace))
    return groups


def _bin_labels(chart: Chart, traces: list[tuple[int, dict]], bins: dict[int, float]) -> None:
    """A histogram's rows named by their bins (« 0.5 – 1.5 »), not their centres,
    when every trace of the plot is a histogram with one bin size."""
    plots = [chart] if chart.kind == PLOT_KIND else [p for p in chart.panels if p.kind == PLOT_KIND]
    groups = list(_axis_groups(traces).values()) if chart.kind != PLOT_KIND else [traces]
    for panel, group in zip(plots, groups):
        sizes = {bins.get(index) for index, _trace in group}
        if len(sizes) != 1 or None in sizes or panel.plot.position_axis.type != "linear":
            continue
        half = sizes.pop() / 2
        panel.labels = [f"{_key_text(_clean(float(label) - half))} – {_key_text(_clean(float(label) + half))}"
                        for label in panel.labels]


def _domain(layout: dict, name: str) -> tuple[float, float]:
    raw = _dict(layout, name, "layout").get("domain", [0, 1])
    if (not isinstance(raw, list) or len(raw) != 2
            or not all(isinstance(bound, (int, float)) and not isinstance(bound, bool) for bound in raw)):
        raise _unsupported(f"layout.{name}.domain", raw, "[start, end] between 0 and 1")
    return float(raw[0]), float(raw[1])


def _subplot_titles(layout: dict, groups: dict[tuple[str, str], list]) -> dict[tuple[str, str], str] | None:
    """The titles make_subplots writes as annotations, one centred above each
    panel's domain (paper coordinates, no arrow): panel -> title. None when an
    annotation is anything else (it may carry meaning: refused)."""
    annotations = layout.get("annotations")
    if not isinstance(annotations, list) or not annotations:
        return None
    titles: dict[tuple[str, str], str] = {}
    for annotation in annotations:
        if (not isinstance(annotation, dict) or annotation.get("xref") != "paper"
                or annotation.get("yref") != "paper" or annotation.get("showarrow", True) is not False
                or annotation.get("yanchor") != "bottom"):
            return None
        x, y = annotation.get("x"), annotation.get("y")
        if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
            return None
        for axes in groups:
            (x0, x1), (y0, y1) = _domain(layout, axes[0]), _domain(layout, axes[1])
            if abs((x0 + x1) / 2 - x) < 0.01 and abs(y1 - y) < 0.01 and axes not in titles:
                titles[axes] = _text(annotation.get("text"))
                break
        else:
            return None
    return titles


def _match_group(layout: dict, name: str) -> str:
    """Axes drawn with one range share a name: ``matches`` ("x"), else their own ("x2")."""
    own = name[0] + name[5:]
    matches = _dict(layout, name, "layout").get("matches")
    if matches is None:
        return own
    if not isinstance(matches, str) or not re.fullmatch(rf"{name[0]}([2-9]|[1-9]\d+)?", matches):
        raise _unsupported(f"layout.{name}.matches", matches, _allowed(name[0], f"{name[0]}2", "…"))
    return matches


def _pie_domain(trace: dict, path: str) -> tuple[tuple[float, float], tuple[float, float]]:
    domain = _dict(trace, "domain", path)
    result = []
    for key in ("x", "y"):
        raw = domain.get(key, [0, 1])
        if (not isinstance(raw, list) or len(raw) != 2
                or not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in raw)):
            raise _unsupported(f"{path}.domain.{key}", raw, "[start, end] between 0 and 1")
        result.append((float(raw[0]), float(raw[1])))
    if "row" in domain or "column" in domain:  # layout.grid's cells: row 0 at the top
        row, column = domain.get("row", 0), domain.get("column", 0)
        if isinstance(row, int) and isinstance(column, int):
            return (column, column + 0.9), (-row - 0.9, -row)
    return result[0], result[1]


def _grid(domains: list[tuple[tuple[float, float], tuple[float, float]]]) -> list[list[int]]:
    """Panels in rows as their domains place them: a row for each band of
    overlapping y domains (top first), side by side in x order when their x
    domains do not overlap; else one below the other, in figure order."""
    rows: list[list[int]] = []
    for index in sorted(range(len(domains)), key=lambda i: (-domains[i][1][1], domains[i][0][0])):
        (x0, x1), (y0, y1) = domains[index]
        for row in rows:
            (_rx, (ry0, ry1)) = domains[row[0]]
            overlap = min(y1, ry1) - max(y0, ry0)
            apart = all(min(x1, domains[j][0][1]) - max(x0, domains[j][0][0]) <= 1e-9 for j in row)
            if overlap > 0.5 * min(y1 - y0, ry1 - ry0) and apart:
                row.append(index)
                break
        else:
            rows.append([index])
    return [sorted(row, key=lambda i: domains[i][0][0]) for row in rows]


def _small_multiples(panels: list[Chart]) -> Chart:
    """Panels drawn one below the other, each with its own axes and table."""
    for number, panel in enumerate(panels, start=1):
        panel.title = panel.title or str(number)
    return Chart(kind=PANELS_KIND, title="", labels=[], series=[], panels=panels)


def _plot_chart(traces: list[tuple[int, dict]], layout: dict, scale: str | None,
                axes: tuple[str, str] = ("xaxis", "yaxis")) -> Chart:
    for index, trace in traces:
        path = f"data[{index}]"
        _check_keys(trace, path, HONOURED_TRACE_KEYS, COSMETIC_TRACE_KEYS)
        for key in ("labels", "values", "hole", "label0", "dlabel"):
            if key in trace:
                raise DataError(_("{path} is not understood, so the chart could mean something else than the"
                                  " figure; remove it if it only changes the looks"), path=f"{path}.{key}")
    orientations = {_is_horizontal(trace, f"data[{index}]") for index, trace in traces}
    if len(orientations) > 1:
        index = next(i for i, t in traces if _is_horizontal(t, f"data[{i}]"))
        raise _unsupported(f"data[{index}].orientation", "h", _allowed("the orientation of the other traces"))
    horizontal = orientations.pop()
    position_name, value_name = (axes[1], axes[0]) if horizontal else axes
    position_key, value_key = ("y", "x") if horizontal else ("x", "y")
    # a trace without x is at x0 + i·dx: numbers (or dates), so Plotly's axis is not a category one
    position_raw = [trace.get(position_key) or ([] if trace.get(value_key) is None else
                                                [trace.get(f"{position_key}0", 0)]) for _index, trace in traces]
    position_type = _axis_type(position_raw, _dict(layout, position_name, "layout").get("type"),
                               f"layout.{position_name}.type")
    value_raw = [trace.get(value_key) or [] for _index, trace in traces]
    value_type = _axis_type(value_raw, _dict(layout, value_name, "layout").get("type"),
                            f"layout.{value_name}.type")
    value_categories: dict[str, int] | None = None
    if value_type == "category":  # values are names: drawn at their rank on the axis, as Plotly does
        bars = next((index for index, trace in traces if trace.get("type") == "bar"), None)
        if bars is not None:
            raise _unsupported(f"layout.{value_name}.type", "category", _allowed("linear", "log", "date"))
        names = list(dict.fromkeys(_key_text(item) for raw in value_raw for item in raw if item is not None))
        raw_axis = _dict(layout, value_name, "layout")
        order = raw_axis.get("categoryorder", "array" if raw_axis.get("categoryarray") else "trace")
        if order == "array":
            wanted = [_key_text(item) for item in raw_axis.get("categoryarray") or []]
            names = [name for name in wanted if name in names] + [name for name in names if name not in wanted]
        elif order in ("category ascending", "category descending"):
            names.sort(reverse=order.endswith("descending"))
        elif order != "trace":
            raise _unsupported(f"layout.{value_name}.categoryorder", order,
                               _allowed("trace", "array", "category ascending", "category descending"))
        value_categories = {name: rank for rank, name in enumerate(names)}
    if scale == "log":
        value_type = "log" if value_type == "linear" else value_type
    read = [_read_trace(index, trace, horizontal, position_type, value_type, value_categories)
            for index, trace in traces]
    position_axis = _axis(layout, position_name, position_type)
    value_axis = _axis(layout, value_name, value_type)
    if value_categories is not None:
        value_axis.categories = list(value_categories)
    barmode = layout.get("barmode", "group")
    if barmode not in BARMODES:
        raise _unsupported("layout.barmode", barmode, _allowed(*BARMODES))
    barnorm = layout.get("barnorm") or ""
    if barnorm not in ("", "fraction", "percent"):
        raise _unsupported("layout.barnorm", barnorm, _allowed("fraction", "percent"))
    _stack_groups(traces, read)
    _check_log(read, traces, position_axis, value_axis, horizontal, axes)
    if position_type == "category":
        position_axis.categories = _category_order(_dict(layout, position_name, "layout"),
                                                   f"layout.{position_name}", read)
        # a category range is in category indices (0, 1, 2…)
        _check_range(layout, position_name, position_axis, list(range(len(position_axis.categories))))
    else:
        _check_range(layout, position_name, position_axis,
                     [p for t in read for p in t.positions if p is not None])
    _check_range(layout, value_name, value_axis, [v.as_float for t in read for v in t.values if v is not None])
    plot = Plot(read, position_axis, value_axis, horizontal=horizontal, barmode=barmode, barnorm=barnorm)
    if isinstance(layout.get("showlegend"), bool):
        plot.showlegend = layout["showlegend"]
    labels, series = _table_columns(plot)
    return Chart(
        kind=PLOT_KIND,
        title=", ".join(trace.name for trace in read),  # a panel's heading among subplots
        labels=labels,
        series=series,
        x_label=position_axis.title,
        y_label=value_axis.title,
        scale="log" if value_type == "log" else "linear",
        plot=plot,
    )


def _stack_groups(traces: list[tuple[int, dict]], read: list[Trace]) -> None:
    """Scatter ``stackgroup``: piled up by the drawing, gaps counted as zero."""
    first_of_group: set[str] = set()
    gaps_of_group: dict[str, str] = {}
    for (index, raw), trace in zip(traces, read):
        group = raw.get("stackgroup")
        if not group:
            continue
        path = f"data[{index}]"
        gaps = raw.get("stackgaps", "infer zero")
        if gaps not in ("infer zero", "interpolate"):
            raise _unsupported(f"{path}.stackgaps", gaps, _allowed("infer zero", "interpolate"))
        norm = raw.get("groupnorm") or ""
        if norm not in ("", "fraction", "percent"):
            raise _unsupported(f"{path}.groupnorm", norm, _allowed("fraction", "percent"))
        # a group's options come from its first trace that sets them, as in Plotly
        trace.stackgroup, trace.groupnorm = str(group), norm
        if "stackgaps" in raw and group not in gaps_of_group:
            gaps_of_group[group] = gaps
        if "fill" not in raw:
            trace.fill = "tonexty" if group in first_of_group else "tozeroy"
        if "mode" not in raw:
            trace.mode = frozenset({"lines"})  # Plotly draws stacked areas without markers
            trace.sizes = None
        first_of_group.add(group)
    for trace in read:
        if trace.stackgroup:
            trace.stackgaps = gaps_of_group.get(trace.stackgroup, "infer zero")


def _check_log(read: list[Trace], traces: list[tuple[int, dict]], position_axis: Axis, value_axis: Axis,
               horizontal: bool, axes: tuple[str, str]) -> None:
    """Values at or below zero on a logarithmic axis: Plotly leaves them out
    silently; so do we, with a located warning (the data table keeps a value)."""
    position_key, value_key = ("y", "x") if horizontal else ("x", "y")
    message = _("{path} = {value}: a logarithmic axis ({axis}) cannot show values at or below zero; it is"
                " not drawn, as in Plotly, and the data table keeps it; remove it or use a linear axis")
    for (index, _raw), trace in zip(traces, read):
        if value_axis.type == "log":
            for n, value in enumerate(trace.values):
                if value is not None and value.number <= 0:
                    _note(DataError(message, path=f"data[{index}].{value_key}[{n}]", value=value.number,
                                    axis=f"layout.{axes[0] if value_key == 'x' else axes[1]}"))
        if position_axis.type == "log":
            for n, position in enumerate(trace.positions):
                if position is not None and position <= 0:
                    _note(DataError(message, path=f"data[{index}].{position_key}[{n}]", value=_key_text(position),
                                    axis=f"layout.{axes[0] if position_key == 'x' else axes[1]}"))
                    trace.positions[n] = None  # no place on the axis: not in the table either


def position_order(plot: Plot) -> list[str | float]:
    """Every position of the plot once, in axis order (categories as ordered)."""
    if plot.position_axis.type == "category":
        return list(plot.position_axis.categories)
    return sorted({p for trace in plot.traces for p in trace.positions if p is not None})


def _table_columns(plot: Plot) -> tuple[list[str], list[Series]]:
    """Rows = every position (union of the traces' x), one column per trace."""
    order = position_order(plot)
    labels = [_position_label(position, plot.position_axis) for position in order]
    series = []
    for trace in plot.traces:
        by_position: dict = {}
        for position, value in zip(trace.positions, trace.values):
            if position is not None:
                by_position.setdefault(position, value)
        series.append(Series(trace.name, [by_position.get(position) for position in order]))
    return labels, series


def _position_label(position: str | float, axis: Axis) -> str:
    if axis.type == "date":
        moment = _EPOCH.timestamp() + float(position) / 1000
        text = datetime.fromtimestamp(moment, tz=timezone.utc).isoformat(sep=" ")
        return text.replace("+00:00", "").removesuffix(" 00:00:00")
    if isinstance(position, float):
        return _key_text(position) if position.is_integer() else repr(position)
    return str(position)
