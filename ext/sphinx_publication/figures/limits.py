"""What a figure may hold, and what happens beyond it (the README lists the same).

Every cost of the figures layer is linear in the points of a chart; these
limits keep the *output* readable and bounded, whatever the input:

* :data:`MAX_JSON_DEPTH`: a Plotly figure nested deeper is refused before it
  is parsed (no recursion, in ``json`` or in our readers, goes deeper);
* :data:`MAX_POINTS`: a chart with more values (all series together) is refused;
* :data:`MAX_BAR_ROWS`, :data:`MAX_BARS`, :data:`MAX_PIE_SLICES`,
  :data:`MAX_PLOT_BARS`, :data:`MAX_HORIZONTAL_CATEGORIES`: beyond them the
  chart is not drawn (a warning names the limit); a short notice takes the
  drawing's place and the data table and the CSV file still give the data;
* :data:`MAX_MARKERS`, :data:`MAX_LINE_MARKERS`: beyond them scatters and lines
  are drawn simplified: lines keep, per pixel column, their first, lowest,
  highest and last point (every extreme stays), markers are binned (one dot
  per occupied square of :data:`BIN_PX` pixels, the largest bubble of each);
  texts and error bars are left to the data files; the drawing says so;
* :data:`MAX_TABLE_ROWS`: data tables in the page (and the PDF, and text
  outputs) show the first rows and say how many the CSV file holds;
* :data:`MAX_SUMMARY_ROWS`: the text alternative lists the first rows and
  says how many more the data table holds.

Pure: no Sphinx.
"""

from __future__ import annotations

import re

from .errors import DataError, control_character

MAX_JSON_DEPTH = 100
MAX_POINTS = 1_000_000
MAX_BAR_ROWS = 100
MAX_BARS = 300
MAX_PIE_SLICES = 50
MAX_PLOT_BARS = 2_000
MAX_HORIZONTAL_CATEGORIES = 100
MAX_HEATMAP_CELLS = 10_000  # a heatmap's cells: beyond, a notice replaces the drawing
MAX_MARKERS = 1_000
MAX_LINE_MARKERS = 100
BIN_PX = 4.0
MAX_TABLE_ROWS = 1_000
MAX_SUMMARY_ROWS = 50


def _(message: str) -> str:
    """Mark *message* for the figures catalog; the Sphinx layer translates it."""
    return message


# -- nesting -----------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.S)  # an unclosed string runs to the end: linear
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in the JSON *text*, without
    parsing it (brackets inside strings do not count). Linear, no recursion."""
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def check_json_depth(text: str) -> None:
    if json_depth(text) > MAX_JSON_DEPTH:
        raise DataError(_("the JSON is nested too deeply (more than {limit} levels); a Plotly figure needs"
                          " only a few"), limit=MAX_JSON_DEPTH)


# -- control characters ---------------------------------------------------------

def walk_strings(value: object, path: str = ""):
    """Every string of a parsed JSON value (keys included) with its JSON path,
    depth first, with an explicit stack (no recursion)."""
    stack: list[tuple[object, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            yield item, where
        elif isinstance(item, dict):
            for key, child in reversed(list(item.items())):
                child_path = f"{where}.{key}" if where else str(key)
                yield str(key), child_path
                stack.append((child, child_path))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{n}]") for n, child in reversed(list(enumerate(item)))
                         if isinstance(child, (str, dict, list)))


def check_json_controls(figure: object) -> None:
    """Refuse control characters in any string of a parsed figure."""
    for text, path in walk_strings(figure):
        found = control_character(text)
        if found:
            raise DataError(_("{path}: control character {char} in the text; remove it"), path=path, char=found)


# -- sizes ----------------------------------------------------------------------


def check_points(count: int) -> None:
    if count > MAX_POINTS:
        raise DataError(_("{count} values: a chart holds at most {limit}; summarise the data first"),
                        count=count, limit=MAX_POINTS)


def drawing_limit(chart) -> tuple[str, int, int] | None:
    """``(what, count, limit)`` when *chart* is too large to be drawn, else None.

    *what* is ``"rows"``, ``"bars"`` or ``"slices"``; the message templates
    live with the caller (:data:`TOO_LARGE`).
    """
    from .model import PLOT_KIND

    if chart.kind == "bar":
        rows = len(chart.labels)
        if rows > MAX_BAR_ROWS:
            return "rows", rows, MAX_BAR_ROWS
        bars = rows * len(chart.series)
        if bars > MAX_BARS:
            return "bars", bars, MAX_BARS
    elif chart.kind == "pie":
        if len(chart.labels) > MAX_PIE_SLICES:
            return "slices", len(chart.labels), MAX_PIE_SLICES
    elif chart.kind == PLOT_KIND and chart.plot is not None:
        plot = chart.plot
        bar_traces = [trace for trace in plot.traces if trace.type == "bar"]
        if bar_traces:
            if plot.horizontal and plot.position_axis.type == "category":
                count = len(plot.position_axis.categories)
                if count > MAX_HORIZONTAL_CATEGORIES:
                    return "rows", count, MAX_HORIZONTAL_CATEGORIES
            bars = sum(len(trace.values) for trace in bar_traces)
            if bars > MAX_PLOT_BARS:
                return "bars", bars, MAX_PLOT_BARS
    elif chart.kind == "heatmap":
        cells = len(chart.labels) * len(chart.series)
        if cells > MAX_HEATMAP_CELLS:
            return "cells", cells, MAX_HEATMAP_CELLS
    return None


def drawing_limits(chart) -> list[tuple[str, int, int]]:
    """:func:`drawing_limit` of *chart* and of each of its panels (small multiples)."""
    return [limit for limit in map(drawing_limit, [chart, *chart.panels]) if limit is not None]


#: the warning, per *what* of :func:`drawing_limit`
TOO_LARGE = {
    "rows": _("{count} rows: a chart of this kind draws at most {limit}; it is not drawn, its data table"
              " and CSV file give the data"),
    "bars": _("{count} bars: a chart of this kind draws at most {limit}; it is not drawn, its data table"
              " and CSV file give the data"),
    "slices": _("{count} slices: a pie draws at most {limit}; it is not drawn, its data table and CSV file"
                " give the data"),
    "cells": _("{count} cells: a heatmap draws at most {limit}; it is not drawn, its data table and CSV file"
               " give the data"),
}

TABLE_TOO_LONG = _("{count} rows: a table in the page shows at most {limit}; the first {limit} are shown,"
                   " its CSV file holds them all")
