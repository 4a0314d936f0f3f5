"""Our Plotly charts measured against plotly.js itself.

Every figure of the shared Plotly inputs (plotly.js' own image-test mocks,
and the sphinx-charts examples) is drawn twice: by plotly.js, the copy the
``plotly`` Python wheel ships, in the system's headless Chromium, offline;
and by ``sphinx_publication.figures``. The comparison reads what carries the
meaning, in data coordinates, from both: each bar's extent per category and
series (bars, histograms, waterfalls, funnels), each pie slice's angles, each
line's vertices, each box's quartiles and whiskers, each heatmap cell, the
category order and the direction of every axis, fixed ranges. Then one
verdict per figure:

- ``same meaning``: everything measured agrees;
- ``different meaning``: something disagrees (printed);
- ``refused, located``: we refuse the figure with a warning naming its JSON path;
- ``refused, NOT located``: a refusal that does not say where (a bug).

Run: ``.venv/bin/python bench/plotly_compare.py [FIGURE.json …]`` (needs
``plotly`` from the test extra and Chromium). Exit status 1 when a figure is
drawn with another meaning or refused without its location, or when fewer
than 90 % of the two-dimensional figures are drawn. ``--quick`` reads only
our side (no browser), for a fast check that nothing raises.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ext"))

from sphinx_publication.figures.numbers import NumberFormat  # noqa: E402
from sphinx_publication.figures.parse import DataError  # noqa: E402
from sphinx_publication.figures.plotly import _axis_groups, load_figure, parse_plotly  # noqa: E402
from sphinx_publication.figures.svg_plot import _stacked  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
DEFAULT_INPUTS = [SHARED / "plotly-mocks", SHARED / "sphinx-charts-examples"]
NOT_2D = {"scatterpolar", "scatterpolargl", "barpolar", "sankey", "treemap", "sunburst", "icicle", "scattergeo",
          "choropleth", "scatter3d", "surface", "mesh3d", "scatterternary", "indicator", "parcoords", "parcats",
          "scattermapbox", "scattermap", "choroplethmap", "densitymap", "cone", "streamtube", "volume",
          "isosurface", "table", "scattersmith", "carpet", "scattercarpet", "contourcarpet"}
TOLERANCE = 1e-6  # relative, on values
ANGLE_TOLERANCE = 0.5  # degrees

EXTRACT = r"""
async (fig) => {
  const div = document.createElement('div');
  document.body.appendChild(div);
  await Plotly.newPlot(div, fig.data, fig.layout || {}, {staticPlot: true});
  const out = {traces: [], axes: {}};
  const full = div._fullLayout;
  for (const key of Object.keys(full)) {
    if (/^[xy]axis\d*$/.test(key)) {
      const axis = full[key];
      out.axes[key] = {type: axis.type, range: axis.range.slice(), autorange: axis.autorange,
                       categories: axis._categories ? axis._categories.slice() : null,
                       rangeL: axis.range.map(axis.r2l)};
    }
  }
  for (const cd of div.calcdata) {
    const t = cd[0].trace;
    if (t.visible !== true) continue;
    const points = cd.map(p => ({p: p.p, s: p.s, b: p.b, x: p.x, y: p.y, v: p.v, label: p.label,
      start: p.startangle, stop: p.stopangle, q1: p.q1, med: p.med, q3: p.q3, lf: p.lf, uf: p.uf,
      pos: p.pos, z: p.z, hidden: p.hidden, rawS: p.rawS, isSum: p.isSum}));
    out.traces.push({index: t.index, type: t.type, orientation: t.orientation, xaxis: t.xaxis,
                     yaxis: t.yaxis, points});
  }
  Plotly.purge(div);
  div.remove();
  return out;
}
"""


# -- plotly.js -------------------------------------------------------------------------


class PlotlyJs:
    """plotly.js from the ``plotly`` wheel in headless Chromium, no network."""

    def __init__(self) -> None:
        import plotly
        from playwright.sync_api import sync_playwright

        script = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        executable = shutil.which("chromium") or shutil.which("chromium-browser")
        if executable is None:
            raise SystemExit("Chromium is needed (apt-get install chromium)")
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        self.page = self._browser.new_page()
        self.page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(
            ("about:", "data:")) else route.continue_())
        self.page.set_content("<!doctype html><html><body></body></html>")
        self.page.add_script_tag(content=script.read_text(encoding="utf-8"))
        self.version = self.page.evaluate("Plotly.version")

    def measure(self, figure: dict) -> dict:
        return self.page.evaluate(EXTRACT, figure)

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


# -- comparisons ----------------------------------------------------------------------------


def _close(a: float | None, b: float | None, tolerance: float = TOLERANCE) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _our_panels(chart, traces: list[tuple[int, dict]]) -> list[tuple[object, list[int]]]:
    """(plot, original trace indices) per panel of our chart."""
    if chart.kind == "plot":
        return [(chart.plot, [index for index, _trace in traces])]
    if chart.kind == "panels" and chart.panels and chart.panels[0].kind == "plot":
        groups = _axis_groups(traces)
        return [(panel.plot, [index for index, _trace in group]) for panel, group in zip(chart.panels, groups.values())]
    return []


def _position_key(position, axis) -> str:
    if axis.type == "category":
        return str(position)
    return f"{float(position):.9g}"


def _theirs_position(point: dict, axis: dict, horizontal: bool, kind: str) -> str | None:
    raw = point.get("p")
    if kind in ("scatter", "scattergl"):
        raw = point.get("y") if horizontal else point.get("x")
    number = _number(raw)
    if number is None:
        return None
    if axis["type"] == "log" and number <= 0:
        return None  # no place on a log axis: plotly.js does not draw it
    if axis["type"] == "category":
        categories = axis["categories"] or []
        index = round(number)
        return categories[index] if 0 <= index < len(categories) else None
    return f"{number:.9g}"


def compare_plot(plot, indices: list[int], theirs: dict, numbers: NumberFormat) -> list[str]:
    """Bars' extents and lines' vertices, per trace, in data coordinates; axes' order and direction."""
    problems: list[str] = []
    marks = _stacked(plot, numbers)
    by_index = {trace["index"]: trace for trace in theirs["traces"]}
    for ours, index, trace_marks in zip(plot.traces, indices, marks):
        their = by_index.get(index)
        if their is None:
            problems.append(f"data[{index}]: drawn by us, not by plotly.js")
            continue
        horizontal = plot.horizontal
        position_axis_name = (their["yaxis"] if horizontal else their["xaxis"]).replace("x", "xaxis", 1) \
            if not horizontal else their["yaxis"].replace("y", "yaxis", 1)
        axis = theirs["axes"].get(position_axis_name) or {"type": "linear", "categories": None}
        expected: dict[str, list[tuple[float, float]]] = {}
        for point in their["points"]:
            key = _theirs_position(point, axis, horizontal, their["type"])
            if key is None:
                continue
            if their["type"] in ("scatter", "scattergl"):
                value = _number(point.get("x") if horizontal else point.get("y"))
                if value is None or (plot.value_axis.type == "log" and value <= 0):
                    continue
                expected.setdefault(key, []).append((value, value))
            else:
                size, base = _number(point.get("s")), _number(point.get("b")) or 0.0
                if size is None:
                    continue
                if their["type"] == "waterfall":  # s: the running total after the bar; rawS: its step
                    step = _number(point.get("rawS")) or 0.0
                    extent = (base, size) if point.get("isSum") else (size - step, size)
                    expected.setdefault(key, []).append(tuple(sorted(extent)))
                    continue
                expected.setdefault(key, []).append(tuple(sorted((base, base + size))))
        found: dict[str, list[tuple[float, float]]] = {}
        for mark in trace_marks:
            if mark is None:
                continue
            key = _position_key(mark.position, plot.position_axis)
            found.setdefault(key, []).append(tuple(sorted((mark.low, mark.high))) if ours.type == "bar"
                                             else (mark.high, mark.high))
        if ours.type != "bar" and not ours.stackgroup:
            # lines: the same vertices (order along x may differ: compare as multisets)
            pass
        for key in sorted(set(expected) | set(found)):
            a, b = sorted(expected.get(key, [])), sorted(found.get(key, []))
            if ours.type == "bar" or ours.stackgroup:
                a = [pair for pair in a if pair[1] - pair[0] != 0 or ours.type != "bar"]
                b = [pair for pair in b if pair[1] - pair[0] != 0 or ours.type != "bar"]
            if len(a) != len(b) or not all(_close(x[0], y[0]) and _close(x[1], y[1]) for x, y in zip(a, b)):
                problems.append(f"data[{index}] at {key}: plotly.js {a[:3]}, ours {b[:3]}")
                break
    problems += _compare_axes(plot, indices, theirs)
    return problems


def _compare_axes(plot, indices: list[int], theirs: dict) -> list[str]:
    problems = []
    first = next((t for t in theirs["traces"] if t["index"] in indices), None)
    if first is None or first["xaxis"] is None:
        return problems
    x_name, y_name = first["xaxis"].replace("x", "xaxis", 1), first["yaxis"].replace("y", "yaxis", 1)
    position_name, value_name = (y_name, x_name) if plot.horizontal else (x_name, y_name)
    for name, axis in ((position_name, plot.position_axis), (value_name, plot.value_axis)):
        their = theirs["axes"].get(name)
        if their is None:
            continue
        reversed_theirs = their["rangeL"][0] > their["rangeL"][1]
        if reversed_theirs != axis.reversed:
            problems.append(f"layout.{name}: plotly.js reversed={reversed_theirs}, ours {axis.reversed}")
        if their["type"] != axis.type and not (their["type"] == "-" or {their["type"], axis.type} <= {"linear", "log"}
                                               and False):
            problems.append(f"layout.{name}.type: plotly.js {their['type']!r}, ours {axis.type!r}")
        if axis.type == "category" and their["categories"]:
            ours_order = [c for c in axis.categories if c in their["categories"]]
            their_order = [c for c in their["categories"] if c in axis.categories]
            if ours_order != their_order:
                problems.append(f"layout.{name}: categories in order {their_order[:6]} (plotly.js), {ours_order[:6]} (ours)")
        if axis.range is not None and axis.type != "category":
            low, high = sorted(their["rangeL"])
            if axis.type == "log":
                low, high = 10 ** low, 10 ** high
            if not (_close(low, axis.range[0], 1e-3) and _close(high, axis.range[1], 1e-3)):
                problems.append(f"layout.{name}.range: plotly.js {[low, high]}, ours {list(axis.range)}")
    return problems


def _our_slices(chart) -> dict[str, tuple[float, float]]:
    """Each slice's start and end angles in degrees, clockwise from 12 o'clock (as svg._pie draws them)."""
    values = [value.as_float for value in chart.series[0].values]
    total = sum(values)
    result, cumulative = {}, 0.0
    first = values[0] / total * 360 if values else 0.0
    for label, value in zip(chart.labels, values):
        sweep = value / total * 360
        start = chart.rotation + cumulative if chart.clockwise else chart.rotation + first - cumulative - sweep
        cumulative += sweep
        result[label] = (start % 360, (start + sweep) % 360)
    return result


def compare_pie(chart, trace: dict) -> list[str]:
    problems = []
    ours = _our_slices(chart)
    theirs_labels = [str(p["label"]) for p in trace["points"] if not p.get("hidden") and (p.get("v") or 0) > 0]
    ours_labels = [label for label, value in zip(chart.labels, chart.series[0].values) if value.as_float > 0]
    if theirs_labels != ours_labels:
        problems.append(f"data[{trace['index']}]: slices in order {theirs_labels[:6]} (plotly.js), {ours_labels[:6]} (ours)")
    for point in trace["points"]:
        label = str(point["label"])
        if label not in ours or point.get("start") is None or not point.get("v"):
            continue
        theirs = sorted(math.degrees(angle) % 360 for angle in (point["start"], point["stop"]))
        mine = sorted(ours[label])
        if not all(min(abs(a - b), 360 - abs(a - b)) <= ANGLE_TOLERANCE for a, b in zip(theirs, mine)):
            problems.append(f"data[{trace['index']}] slice {label!r}: plotly.js {theirs}, ours {mine}")
    return problems


def compare_box(chart, theirs: dict) -> list[str]:
    columns = {series.name: [v.as_float for v in series.values] for series in chart.series}
    ours = sorted(zip(columns["Q1"], columns["Q2"], columns["Q3"], chart.stats["lower"], chart.stats["upper"]))
    plotted = sorted((p["q1"], p["med"], p["q3"], p["lf"], p["uf"]) for t in theirs["traces"] for p in t["points"])
    if len(ours) != len(plotted) or not all(all(_close(a, b) for a, b in zip(x, y)) for x, y in zip(ours, plotted)):
        return [f"boxes (q1, median, q3, whiskers): plotly.js {plotted[:3]}, ours {ours[:3]}"]
    return []


def compare_heatmap(chart, theirs: dict) -> list[str]:
    z = theirs["traces"][0]["points"][0]["z"]
    ours = [[None if series.values[row] is None else series.values[row].as_float for series in chart.series]
            for row in range(len(chart.labels))]
    flat_theirs = [_number(v) for row in z for v in row]
    flat_ours = [v for row in ours for v in row]
    if len(flat_theirs) != len(flat_ours) or not all(_close(a, b) for a, b in zip(flat_theirs, flat_ours)):
        return [f"heatmap cells: plotly.js {z[:2]}, ours {ours[:2]}"]
    return []


# -- one figure ---------------------------------------------------------------------------


def verdict(path: Path, plotly_js: PlotlyJs | None) -> tuple[str, list[str], bool]:
    """(verdict, details, two-dimensional) for one figure file."""
    text = path.read_text(encoding="utf-8")
    figure = json.loads(text)
    types = {str(trace.get("type", "scatter")) for trace in figure.get("data", []) if isinstance(trace, dict)}
    two_d = not types & NOT_2D
    try:
        chart = parse_plotly(text, "T")
    except DataError as error:
        located = bool(re.match(r"(data\[\d+\]|layout\.|frames)", error.message))
        return ("refused, located" if located else "refused, NOT located"), [error.message], two_d
    notes = [note.message for note in chart.notes]
    if plotly_js is None:
        return "drawn (not compared)", notes, two_d
    theirs = plotly_js.measure(figure)
    numbers = NumberFormat("en")
    _layout, traces = load_figure(text)
    problems: list[str] = []
    if chart.kind in ("pie",) or (chart.kind == "panels" and chart.panels and chart.panels[0].kind == "pie"):
        pies = [chart] if chart.kind == "pie" else chart.panels
        for pie, trace in zip(pies, theirs["traces"]):
            problems += compare_pie(pie, trace)
    elif chart.kind == "box":
        problems += compare_box(chart, theirs)
    elif chart.kind == "heatmap":
        problems += compare_heatmap(chart, theirs)
    else:
        for plot, indices in _our_panels(chart, traces):
            problems += compare_plot(plot, indices, theirs, numbers)
    return ("same meaning" if not problems else "different meaning"), problems + notes, two_d


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("figures", nargs="*", type=Path, help="figure JSON files or folders (default: the shared inputs)")
    parser.add_argument("--quick", action="store_true", help="our side only, no browser")
    options = parser.parse_args(argv)
    inputs = options.figures or DEFAULT_INPUTS
    files = sorted(f for item in inputs for f in ([item] if item.is_file() else item.glob("*.json")))
    plotly_js = None if options.quick else PlotlyJs()
    counts: dict[str, int] = {}
    drawn_2d = total_2d = 0
    try:
        if plotly_js is not None:
            print(f"plotly.js {plotly_js.version} (the plotly wheel's), headless Chromium")
        for path in files:
            result, details, two_d = verdict(path, plotly_js)
            counts[result] = counts.get(result, 0) + 1
            total_2d += two_d
            drawn_2d += two_d and not result.startswith("refused")
            print(f"{path.parent.name}/{path.name}: {result}")
            for detail in details[:4]:
                print(f"    {detail}")
    finally:
        if plotly_js is not None:
            plotly_js.close()
    share = drawn_2d / total_2d if total_2d else 1.0
    print()
    for result, count in sorted(counts.items()):
        print(f"{result}: {count}")
    print(f"two-dimensional figures drawn: {drawn_2d} of {total_2d} ({share:.0%})")
    bad = counts.get("different meaning", 0) + counts.get("refused, NOT located", 0)
    return 1 if bad or share < 0.9 else 0


if __name__ == "__main__":
    sys.exit(main())
