"""One small figure per row of the README's table "Plotly figures (`chart`):
what is drawn": honoured attributes change the drawing as Plotly would,
refused ones raise a DataError naming their JSON path, cosmetic ones leave
the drawing as it was. A README row without a test here fails."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from defusedxml import ElementTree

from sphinx_publication.figures.parse import DataError
from sphinx_publication.figures.plotly import parse_plotly
from sphinx_publication.figures.render import number_format, table_rows
from sphinx_publication.figures.svg import render_svg

README = Path(__file__).resolve().parent.parent / "README.md"
SVG = "{http://www.w3.org/2000/svg}"
BARS = {"type": "bar", "x": ["a", "b"], "y": [1, 2]}


def chart(data: list[dict], layout: dict | None = None):
    return parse_plotly(json.dumps({"data": data, "layout": layout or {}}), "T")


def svg(data: list[dict], layout: dict | None = None) -> str:
    model = chart(data, layout)
    return render_svg(model, number_format(model, "fr"), uid="u").text


def root(data: list[dict], layout: dict | None = None):
    return ElementTree.fromstring(svg(data, layout))


def marks(tree, kind: str, trace: int | None = None) -> list:
    return [e for e in tree.iter() if e.get("data-mark") == kind
            and (trace is None or e.get("data-trace") == str(trace))]


def box(rect) -> tuple[float, float, float, float]:
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def ticks(tree) -> list[str]:
    return ["".join(t.itertext()) for t in tree.iter(f"{SVG}text") if t.get("font-size") == "12"]


def refused(path: str, data: list[dict], layout: dict | None = None) -> None:
    with pytest.raises(DataError) as error:
        chart(data, layout)
    assert error.value.message.startswith(path), error.value.message


def cosmetic(data: list[dict], layout: dict | None, changed_data: list[dict], changed_layout: dict | None) -> None:
    assert svg(data, layout) == svg(changed_data, changed_layout)


two = [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}, {"type": "bar", "x": ["a", "b"], "y": [3, -1]}]


# -- honoured -----------------------------------------------------------------


def barmode() -> None:
    grouped = [box(r) for r in marks(root(two, {"barmode": "group"}), "bar")]
    assert grouped[0][2] <= grouped[2][0] + 0.1  # side by side at "a"
    stacked = [box(r) for r in marks(root(two, {"barmode": "stack"}), "bar")]
    assert (stacked[0][0], stacked[0][2]) == (stacked[2][0], stacked[2][2])
    assert stacked[2][3] == pytest.approx(stacked[0][1], abs=0.15)
    # relative: the negative bar at "b" goes below zero instead of into the positive pile
    relative = [box(r) for r in marks(root(two, {"barmode": "relative"}), "bar")]
    stack_b, relative_b = stacked[3], relative[3]
    assert relative_b[1] > relative[1][1] and relative_b != stack_b
    overlay = [box(r) for r in marks(root(two, {"barmode": "overlay"}), "bar")]
    assert overlay[0][0] == overlay[2][0] and overlay[0][3] == overlay[2][3]  # both from zero
    refused("layout.barmode", two, {"barmode": "funnel"})


def barnorm() -> None:
    tree = root(two[:1] + [{"type": "bar", "x": ["a", "b"], "y": [3, 2]}], {"barmode": "stack", "barnorm": "percent"})
    assert len({round(box(r)[1], 1) for r in marks(tree, "bar", 1)}) == 1
    assert "100" in ticks(tree)


def base() -> None:
    tree = root([{"type": "bar", "x": ["a", "b"], "y": [1, 1], "base": [0, 5]}])
    a, b = (box(r) for r in marks(tree, "bar"))
    assert b[3] - b[1] == pytest.approx(a[3] - a[1], abs=0.2) and b[3] < a[1]


def orientation() -> None:
    tree = root([{"type": "bar", "orientation": "h", "y": ["a", "b"], "x": [1, 2]}])
    a, b = (box(r) for r in marks(tree, "bar"))
    assert a[3] - a[1] == pytest.approx(b[3] - b[1])  # same thickness
    assert b[2] - b[0] == pytest.approx(2 * (a[2] - a[0]), rel=0.02)  # lengths along x
    assert a[1] > b[1]  # first category at the bottom


def hole() -> None:
    tree = root([{"type": "pie", "labels": ["a", "b"], "values": [1, 3], "hole": 0.4}])
    assert all(" 36 " in p.get("d").replace("A36 36", " 36 ") for p in marks(tree, "slice"))
    refused("data[0].hole", [{"type": "pie", "values": [1], "hole": 1.5}])


def mode() -> None:
    points = {"x": [1, 2, 3], "y": [1, 3, 2]}
    assert marks(root([{**points, "mode": "markers"}]), "line") == []
    assert marks(root([{**points, "mode": "lines"}]), "marker") == []
    both = root([{**points, "mode": "lines+markers"}])
    assert len(marks(both, "line")) == 1 and len(marks(both, "marker")) == 3
    text = root([{**points, "mode": "text", "text": ["un", "deux", "trois"]}])
    assert marks(text, "line") == [] and "deux" in svg([{**points, "mode": "text", "text": ["un", "deux", "trois"]}])
    many = root([{"x": list(range(25)), "y": list(range(25))}])
    assert marks(many, "marker") == []  # Plotly: lines only from 20 points


def marker_size() -> None:
    tree = root([{"x": [1, 2], "y": [1, 2], "mode": "markers", "marker": {"size": [10, 30]}}])
    assert [float(c.get("r")) for c in marks(tree, "marker")] == [5, 15]
    area = root([{"x": [1, 2], "y": [1, 2], "mode": "markers",
                  "marker": {"size": [100, 400], "sizemode": "area", "sizeref": 1}}])
    assert [float(c.get("r")) for c in marks(area, "marker")] == [5, 10]


def fill() -> None:
    tree = root([{"x": [1, 2], "y": [1, 2], "fill": "tozeroy"},
                 {"x": [1, 2], "y": [3, 4], "fill": "tonexty"}])
    areas = marks(tree, "area")
    assert len(areas) == 2
    closed = marks(root([{"x": [0, 1, 0], "y": [0, 1, 1], "fill": "toself"}]), "area")
    assert len(closed) == 1 and closed[0].get("d").count("L") == 2  # the triangle itself, not down to zero
    refused("data[0].fill", [{"x": [1], "y": [1], "fill": "tonextx"}])


def stackgroup() -> None:
    data = [{"x": [1, 2], "y": [1, 2], "stackgroup": "g"}, {"x": [1, 2], "y": [3, 4], "stackgroup": "g"}]
    tree = root(data)
    assert len(marks(tree, "area")) == 2
    top = [float(v) for v in re.findall(r"[\d.]+", marks(tree, "line", 1)[0].get("d"))]
    alone = [float(v) for v in re.findall(r"[\d.]+", marks(root([data[1] | {"stackgroup": None}]), "line")[0].get("d"))]
    assert top != alone  # piled on the first trace
    gap = [{"x": [1, 3], "y": [1, 3], "stackgroup": "g"}, {"x": [1, 2, 3], "y": [1, 1, 1], "stackgroup": "g"}]
    zero = [float(v) for v in re.findall(r"[\d.]+", marks(root(gap), "line", 0)[0].get("d"))]
    line = [float(v) for v in re.findall(
        r"[\d.]+", marks(root([gap[0] | {"stackgaps": "interpolate"}, gap[1]]), "line", 0)[0].get("d"))]
    # x=2: the first trace counts 0 there, or 2 (between 1 and 3) when interpolated
    assert zero[3] > line[3]  # y pixel of the middle point: lower value, larger y
    refused("data[0].stackgaps", [{**data[0], "stackgaps": "sideways"}])


def connectgaps() -> None:
    gap = {"x": [1, 2, 3, 4, 5], "y": [1, 2, None, 3, 4]}
    assert len(marks(root([gap]), "line")) == 2
    assert len(marks(root([{**gap, "connectgaps": True}]), "line")) == 1


def x_defaults() -> None:
    model = chart([{"type": "bar", "y": [5, 6, 7]}])
    assert model.labels == ["0", "1", "2"]
    model = chart([{"y": [5, 6], "x0": 10, "dx": 5}])
    assert model.labels == ["10", "15"]
    short = chart([{"x": [1, 2, 3, 4], "y": [5, 6]}])  # Plotly draws the common length
    assert short.labels == ["1", "2"]
    assert [note.message.split(" ")[0] for note in short.notes] == ["data[0].x"]
    union = chart([{"x": [1, 3], "y": [1, 1]}, {"x": [2, 3], "y": [2, 2]}])
    assert union.labels == ["1", "2", "3"]
    assert [[cell for cell in row[1:]] for row in table_rows(union, number_format(union, "fr"))] == [
        ["1", ""], ["", "2"], ["1", "2"]]


def labels() -> None:
    assert chart([{"type": "pie", "values": [1, 2], "sort": False}]).labels == ["0", "1"]
    summed = chart([{"type": "pie", "labels": ["a", "b", "a"], "values": [1, 2, 3]}])
    assert summed.labels == ["a", "b"] and [v.number for v in summed.series[0].values] == [4, 2]
    counted = chart([{"type": "pie", "labels": ["a", "b", "a"]}])
    assert [v.number for v in counted.series[0].values] == [2, 1]


def name() -> None:
    model = chart([{"x": [1], "y": [1]}, {"x": [1], "y": [2], "name": "B"}])
    assert [s.name for s in model.series] == ["trace 0", "B"]


def visible() -> None:
    model = chart([{"x": [1], "y": [1]}, {"x": [1], "y": [2], "visible": "legendonly"},
                   {"x": [1], "y": [3], "visible": False}])
    assert [s.name for s in model.series] == ["trace 0"]


def error_y() -> None:
    for error in ({"type": "data", "array": [1, 2]}, {"type": "percent", "value": 10},
                  {"type": "constant", "value": 1}, {"type": "sqrt"}):
        assert len(marks(root([{**BARS, "error_y": error}]), "error")) == 2
    asymmetric = chart([{**BARS, "error_y": {"array": [1, 1], "arrayminus": [0.5, 0.5]}}])
    assert asymmetric.plot.traces[0].errors_minus == [0.5, 0.5]
    refused("data[0].error_x", [{**BARS, "error_x": {"array": [1, 1]}}])


def texts() -> None:
    def written(data, layout=None) -> list[str]:
        return ["".join(e.itertext()) for e in root(data, layout).iter() if e.get("data-mark") == "text"]

    assert written([{**BARS, "text": ["un", "deux"]}]) == ["un", "deux"]
    hovered = [e.find(f"{SVG}title").text for e in marks(root([{**BARS, "hovertext": ["h1", "h2"]}]), "bar")]
    assert hovered[0].endswith("— h1") and hovered[1].endswith("— h2")
    assert written([{**BARS, "y": [1500, 2], "texttemplate": "%{x}: %{y}"}]) == ["a: 1\u202f500", "b: 2"]
    assert written([{**BARS, "text": ["un", "deux"], "textposition": "none"}]) == []
    assert written([{"x": [1, 2], "y": [3, 4], "mode": "markers+text", "texttemplate": "%{y}"}]) == ["3", "4"]
    # bars: inside when it fits, beyond the end when "outside"
    inside = [e for e in root([{**BARS, "text": ["un", "deux"], "textposition": "inside"}]).iter() if e.get("data-mark") == "text"]
    outside = [e for e in root([{**BARS, "text": ["un", "deux"], "textposition": "outside"}]).iter() if e.get("data-mark") == "text"]
    assert float(outside[1].get("y")) < float(inside[1].get("y"))
    pie = {"type": "pie", "labels": ["a", "b"], "values": [1, 3]}
    slices = ["".join(t.itertext()) for t in root([{**pie, "textinfo": "label+value"}]).iter(f"{SVG}text")]
    assert "b" in slices and "3" in slices and "75 %" not in slices
    assert "75\u00a0%" in ["".join(t.itertext()) for t in root([pie]).iter(f"{SVG}text")]


def bar_width() -> None:
    def widths(data) -> list[float]:
        return [round(box(r)[2] - box(r)[0], 1) for r in marks(root(data), "bar")]

    normal = widths([BARS])
    half = widths([{**BARS, "width": 0.4}])
    assert half[0] == pytest.approx(normal[0] / 0.8 * 0.4, abs=0.2)
    assert widths([{**BARS, "width": [0.2, 0.8]}])[1] == pytest.approx(4 * widths([{**BARS, "width": [0.2, 0.8]}])[0], abs=0.3)
    shifted = [box(r)[0] for r in marks(root([{**BARS, "width": 0.4, "offset": 0}]), "bar")]
    centred = [box(r)[0] for r in marks(root([{**BARS, "width": 0.4}]), "bar")]
    assert shifted[0] == pytest.approx(centred[0] + half[0] / 2, abs=0.2)  # starts at the position itself
    refused("data[0].width", [{**BARS, "width": -1}])


def line_dash() -> None:
    tree = root([{"x": [1, 2], "y": [1, 2], "line": {"dash": "dash"}}])
    assert marks(tree, "line")[0].get("stroke-dasharray") == "6 3"


def axis_type() -> None:
    assert chart([{"x": ["2024-01-01", "2024-03-01"], "y": [1, 2]}]).plot.position_axis.type == "date"
    assert "janv." in " ".join(ticks(root([{"x": ["2024-01-01", "2024-03-01"], "y": [1, 2]}])))
    assert chart([{"x": [1, 10], "y": [1, 2]}], {"xaxis": {"type": "log"}}).plot.position_axis.type == "log"
    log_y = root([{"x": [1, 2], "y": [1, 1000]}], {"yaxis": {"type": "log"}})
    assert "1\u202f000" in ticks(log_y) or "1 000" in ticks(log_y)
    assert chart([{"x": ["1", "2"], "y": [1, 2]}]).plot.position_axis.type == "linear"
    assert chart([{"x": [1, 2], "y": [1, 2]}], {"xaxis": {"type": "category"}}).plot.position_axis.type == "category"
    # plotly.js' autoType: the first trace's distinct values; names must outnumber numbers two to one
    mixed = chart([{"type": "bar", "x": ["2022", "var", "2023", "var", "fin"], "y": [1, 2, 3, 4, 5]}])
    assert mixed.plot.position_axis.type == "linear" and mixed.labels == ["2022", "2023"]
    assert sorted(note.message.split(" ")[0] for note in mixed.notes) == ["data[0].x[1]", "data[0].x[3]", "data[0].x[4]"]
    assert chart([{"type": "bar", "x": ["a", "b", "c", "3"], "y": [1, 2, 3, 4]}]).plot.position_axis.type == "category"
    assert chart([{"type": "bar", "y": [1, 2]}, {"type": "bar", "x": ["a", "b"], "y": [1, 2]}]).plot.position_axis.type == "linear"


def value_category() -> None:
    data = [{"x": [1, 2, 3], "y": ["haut", "bas", "haut"]}]
    for layout in ({"yaxis": {"type": "category"}}, None):
        model = chart(data, layout)
        assert model.plot.value_axis.categories == ["haut", "bas"]
        assert [row[1] for row in table_rows(model, number_format(model, "fr"))] == ["haut", "bas", "haut"]
    tree = root(data)
    assert {"haut", "bas"} <= set(ticks(tree))
    ys = [float(m.get("cy")) for m in marks(tree, "marker")]
    assert ys[0] == ys[2] != ys[1]
    refused("layout.yaxis.type", [{"type": "bar", "x": [1], "y": ["a"]}], {"yaxis": {"type": "category"}})
    from sphinx_publication.figures.render import chart_csv
    from sphinx_publication.figures.svg import summary

    model = chart(data)
    assert chart_csv(model).splitlines()[1:] == ["1,haut", "2,bas", "3,haut"]  # names in the CSV, not ranks
    assert "haut" in summary(model, number_format(model, "fr"))


def categoryorder() -> None:
    data = [{"type": "bar", "x": ["b", "c", "a"], "y": [2, 3, 1]}]
    assert chart(data, {"xaxis": {"categoryorder": "category ascending"}}).labels == ["a", "b", "c"]
    assert chart(data, {"xaxis": {"categoryarray": ["c", "a"]}}).labels == ["c", "a", "b"]
    assert chart(data, {"xaxis": {"categoryorder": "total descending"}}).labels == ["c", "b", "a"]
    refused("layout.xaxis.categoryorder", data, {"xaxis": {"categoryorder": "sideways"}})


def autorange() -> None:
    data = [{"x": [1, 2], "y": [1, 2]}]
    for layout in ({"xaxis": {"autorange": "reversed"}}, {"xaxis": {"range": [3, 0]}}):
        first, second = marks(root(data, layout), "marker")
        assert float(first.get("cx")) > float(second.get("cx"))


def tickformat() -> None:
    tree = root([{"x": [1, 2], "y": [0, 0.5]}], {"yaxis": {"tickformat": ".0%"}})
    assert "0\u00a0%" in ticks(tree) and "20\u00a0%" in ticks(tree)
    suffix = root([{"x": [1, 2], "y": [0, 50]}], {"yaxis": {"ticksuffix": "%"}})
    assert "40\u00a0%" in ticks(suffix)
    prefix = root([{"x": [1, 2], "y": [0, 50]}], {"yaxis": {"tickprefix": "$"}})
    assert "$50" in ticks(prefix)


def titles() -> None:
    model = chart([{"x": [1], "y": [1], "name": "$\\alpha_{1}$"}],
                  {"title": {"text": "Titre"}, "xaxis": {"title": "$k_{1}z$"}, "yaxis": {"title": {"text": "Y"}}})
    assert (model.x_label, model.y_label, model.series[0].name) == ("k₁z", "Y", "α₁")
    assert parse_plotly(json.dumps({"data": [{"x": [1], "y": [1]}], "layout": {"title": "Titre"}})).title == "Titre"
    # with a caption, the figure's own title is still drawn above the chart
    drawn = [e for e in root([BARS], {"title": {"text": "Titre du graphique"}}).iter() if e.get("data-mark") == "title"]
    assert ["".join(e.itertext()) for e in drawn] == ["Titre du graphique"]
    # make_subplots' titles: annotations centred above each panel's domain
    sub = chart([BARS, {**BARS, "xaxis": "x2", "yaxis": "y2"}],
                {"xaxis": {"domain": [0, 0.45]}, "xaxis2": {"domain": [0.55, 1]},
                 "annotations": [{"text": "Gauche", "x": 0.225, "y": 1, "xref": "paper", "yref": "paper",
                                  "showarrow": False, "yanchor": "bottom", "xanchor": "center"},
                                 {"text": "Droite", "x": 0.775, "y": 1, "xref": "paper", "yref": "paper",
                                  "showarrow": False, "yanchor": "bottom", "xanchor": "center"}]})
    assert [panel.title for panel in sub.panels] == ["Gauche", "Droite"]


def showlegend() -> None:
    def entries(data, layout=None) -> list[str]:
        tree = root(data, layout)
        return ["".join(t.itertext()) for t in tree.iter(f"{SVG}text") if "".join(t.itertext()).startswith("L")]

    two_named = [{**BARS, "name": "La"}, {**BARS, "name": "Lb"}]
    assert entries(two_named) == ["La", "Lb"]
    assert entries([two_named[0], {**two_named[1], "showlegend": False}]) == ["La"]
    assert entries([{**two_named[0], "legendgroup": "g"}, {**two_named[1], "legendgroup": "g", "showlegend": False}]) == ["La"]
    assert entries(two_named, {"showlegend": False}) == []
    assert entries(two_named[:1], {"showlegend": True}) == ["La"]


# -- refused -------------------------------------------------------------------


def trace_type() -> None:
    refused("data[0].type", [{"type": "sankey", "node": {}}])
    refused("data[0].type", [{"type": "scatter3d", "x": [1], "y": [1], "z": [1]}])
    with pytest.raises(DataError) as error:  # refused, yet the data is given as a table
        chart([{"type": "sunburst", "labels": ["a", "b"], "parents": ["", "a"], "values": [3, 1], "name": "S"}])
    assert error.value.data_table.headers == ["trace", "labels", "parents", "values"]
    assert error.value.data_table.rows == [["S", "a", "", "3"], ["S", "b", "a", "1"]]


def histogram() -> None:
    from sphinx_publication.figures.plotly_traces import auto_bins

    # plotly.js' automatic bins: integers get bins of 1 centred on them
    assert auto_bins([1, 2, 2, 3, 3, 3, 4, 4, 5]) == (0.5, 5.5, 1.0)
    model = chart([{"type": "histogram", "x": [1, 2, 2, 3, 3, 3, 4, 4, 5]}])
    assert model.labels == ["0.5 – 1.5", "1.5 – 2.5", "2.5 – 3.5", "3.5 – 4.5", "4.5 – 5.5"]  # the bins
    assert [v.number for v in model.series[0].values] == [1, 2, 3, 2, 1]
    bars = [box(r) for r in marks(root([{"type": "histogram", "x": [1, 2, 2, 3, 3, 3, 4, 4, 5]}]), "bar")]
    assert bars[0][2] == pytest.approx(bars[1][0], abs=0.1)  # no gap between bins
    percent = chart([{"type": "histogram", "x": [1, 2, 2, 3], "histnorm": "percent"}])
    assert [v.number for v in percent.series[0].values] == [25, 50, 25]
    summed = chart([{"type": "histogram", "x": [1, 1, 2], "y": [5, 6, 7], "histfunc": "sum"}])
    assert [v.number for v in summed.series[0].values] == [11, 7]
    sized = chart([{"type": "histogram", "x": [0.1, 0.4, 1.2, 1.9], "xbins": {"start": 0, "end": 2, "size": 1}}])
    assert sized.labels == ["0 – 1", "1 – 2"] and [v.number for v in sized.series[0].values] == [2, 2]
    shared = chart([{"type": "histogram", "x": [1, 2, 2]}, {"type": "histogram", "x": [2, 3, 3]}],
                   {"barmode": "stack"})
    assert shared.labels == ["0.5 – 1.5", "1.5 – 2.5", "2.5 – 3.5"]
    refused("data[0].cumulative", [{"type": "histogram", "x": [1], "cumulative": {"enabled": True}}])


def box_trace() -> None:
    from sphinx_publication.figures.plotly_traces import box_stats

    stats = box_stats([1, 2, 3, 4, 5, 6, 7, 8, 30])
    assert (stats["q1"], stats["median"], stats["q3"]) == (2.75, 5, 7.25)  # Plotly's linear quartiles
    assert (stats["lower"], stats["upper"], stats["outliers"]) == (1, 8, [30])
    model = chart([{"type": "box", "y": [1, 2, 3, 4, 5, 6, 7, 8, 30], "name": "A"}])
    rows = table_rows(model, number_format(model, "fr"))
    assert rows == [["A", "9", "1", "2,75", "5", "7,25", "30"]]
    tree = root([{"type": "box", "y": [1, 2, 3, 4, 5, 6, 7, 8, 30]}])
    assert len(marks(tree, "box")) == 1 and len(marks(tree, "outlier")) == 1
    grouped = chart([{"type": "box", "x": ["a", "a", "b", "b"], "y": [1, 2, 3, 4], "name": "T"}])
    assert grouped.labels == ["a", "b"]
    refused("data[0].q1", [{"type": "box", "y": [1], "q1": [1]}])


def waterfall() -> None:
    data = [{"type": "waterfall", "x": ["a", "b", "c", "t"], "y": [10, -3, 5, 0],
             "measure": ["absolute", "relative", "relative", "total"]}]
    model = chart(data)
    assert [v.number for v in model.series[0].values] == [10, -3, 5, 12]
    a, b, c, t = (box(r) for r in marks(root(data), "bar"))
    assert b[1] == pytest.approx(a[1], abs=0.2) and c[3] == pytest.approx(b[3], abs=0.2)  # steps from the total
    assert t[3] == pytest.approx(a[3], abs=0.2) and t[1] < a[1]  # the total from zero, above 10
    refused("data[0].measure[0]", [{**data[0], "measure": ["sideways"]}])


def funnel() -> None:
    tree = root([{"type": "funnel", "y": ["a", "b"], "x": [100, 50]}])
    a, b = (box(r) for r in marks(tree, "bar"))
    assert (a[0] + a[2]) / 2 == pytest.approx((b[0] + b[2]) / 2, abs=0.2)  # centred on one line
    assert a[2] - a[0] == pytest.approx(2 * (b[2] - b[0]), rel=0.02) and a[1] < b[1]  # first at the top


def heatmap() -> None:
    data = [{"type": "heatmap", "z": [[1, 20], [30, None]], "x": ["p", "q"], "y": ["r", "s"]}]
    model = chart(data)
    assert table_rows(model, number_format(model, "fr")) == [["r", "1", "20"], ["s", "30", ""]]
    tree = root(data)
    cells = {(c.get("data-row"), c.get("data-column")): float(c.get("fill-opacity")) for c in marks(tree, "cell")}
    assert len(cells) == 3 and cells[("1", "0")] > cells[("0", "1")] > cells[("0", "0")]
    r, s_row = (float(c.get("y")) for c in marks(tree, "cell")[0:3:2])
    assert s_row < r  # the first row at the bottom
    assert len(marks(tree, "colourbar")) == 5
    from sphinx_publication.figures.limits import MAX_HEATMAP_CELLS, drawing_limit

    big = chart([{"type": "heatmap", "z": [[1] * 101 for _row in range(100)]}])
    assert drawing_limit(big) == ("cells", 10_100, MAX_HEATMAP_CELLS)
    assert marks(root([{"type": "heatmap", "z": [[1] * 101 for _row in range(100)]}]), "cell") == []


def subplots() -> None:
    model = chart([BARS, {**BARS, "y": [5, 6], "xaxis": "x2", "yaxis": "y2"}])
    assert model.kind == "panels" and [panel.kind for panel in model.panels] == ["plot", "plot"]
    tree = root([BARS, {**BARS, "y": [5, 6], "xaxis": "x2", "yaxis": "y2"}])
    assert len([e for e in tree.iter() if e.get("data-panel") is not None]) == 2
    # side by side when the x domains say so; one below the other otherwise
    side = {"xaxis": {"domain": [0, 0.45]}, "xaxis2": {"domain": [0.55, 1]}, "yaxis2": {"anchor": "x2"}}
    data = [BARS, {**BARS, "y": [5, 6], "xaxis": "x2", "yaxis": "y2"}]
    assert chart(data, side).grid == [[0, 1]]
    placed = [e.get("transform") for e in root(data, side).iter() if e.get("data-panel") is not None]
    assert placed[0].startswith("translate(0 ") and not placed[1].startswith("translate(0 ")
    stacked = {"yaxis": {"domain": [0.55, 1]}, "yaxis2": {"domain": [0, 0.45]}}
    assert chart(data, stacked).grid == [[0], [1]]
    # matches: one range for both panels (the bar of 2 is as tall as on a 0–6 axis)
    def heights(layout):
        tree = root(data, layout)
        return [round(box(r)[3] - box(r)[1], 1) for r in marks(tree, "bar")]
    own, shared = heights(side), heights({**side, "yaxis2": {"anchor": "x2", "matches": "y"}})
    assert own[1] > shared[1] and shared[1] / shared[3] == pytest.approx(2 / 6, rel=0.02)
    refused("layout.yaxis2.overlaying", [BARS, {**BARS, "yaxis": "y2"}], {"yaxis2": {"overlaying": "y"}})
    refused("data[0].xaxis", [{**BARS, "xaxis": "x0"}])


def several_pies() -> None:
    pie = {"type": "pie", "values": [1, 2]}
    model = chart([{**pie, "name": "A"}, {**pie, "title": {"text": "B"}}])
    assert [panel.title for panel in model.panels] == ["A", "B"]
    refused("data[1]", [pie, BARS])


def annotations() -> None:
    for key in ("annotations", "shapes", "images", "sliders", "updatemenus", "hiddenlabels"):
        refused(f"layout.{key}", [BARS], {key: [{"text": "x"}]})


def axis_range() -> None:
    # a value range hiding part of a bar: the bar is clipped at the top of the plot
    tree = root([BARS], {"yaxis": {"range": [0, 1.5]}})
    a, b = (box(r) for r in marks(tree, "bar"))
    assert b[1] == pytest.approx(box(marks(root([BARS], {"yaxis": {"range": [0, 1.5]}}), "bar")[1])[1])
    assert b[3] - b[1] == pytest.approx((a[3] - a[1]) * 1.5, rel=0.02)  # 1.5, not 2: clipped
    assert "1,5" in ticks(tree) and "2" not in ticks(tree)
    # a category range hiding "b": its bar is outside the clipped plot area, its tick not drawn
    hidden = root([BARS], {"xaxis": {"range": [-0.5, 0.5]}})
    assert "b" not in ticks(hidden) and "a" in ticks(hidden)
    assert any(e.get("clip-path") for e in hidden.iter())
    model = chart([BARS], {"xaxis": {"range": [-0.5, 0.5]}})
    assert [row[0] for row in table_rows(model, number_format(model, "fr"))] == ["a", "b"]  # the table lists all
    # dates and numbers
    dated = chart([{"x": ["2024-01-01", "2024-12-01"], "y": [1, 2]}], {"xaxis": {"range": ["2024-01-01", "2024-06-30"]}})
    assert dated.plot.position_axis.range == (1704067200000.0, 1719705600000.0)
    line = root([{"x": [0, 5, 10], "y": [1, 2, 3]}], {"xaxis": {"range": [0, 5]}})
    assert "10" not in ticks(line) and "5" in ticks(line)


def ticktext() -> None:
    for key in ("ticktext", "rangebreaks", "overlaying"):
        refused(f"layout.xaxis.{key}", [BARS], {"xaxis": {key: ["x"]}})


def line_shape() -> None:
    refused("data[0].line.shape", [{"x": [1, 2], "y": [1, 2], "line": {"shape": "hv"}}])
    assert chart([{"x": [1, 2], "y": [1, 2], "line": {"shape": "spline"}}])


def log_nonpositive() -> None:
    # Plotly leaves them out silently: drawn without them, a located warning names each one
    model = chart([{"x": [1, 2, 3], "y": [0, 2, 3]}], {"yaxis": {"type": "log"}})
    assert [note.message.split(" ")[0] for note in model.notes] == ["data[0].y[0]"]
    assert len(marks(root([{"x": [1, 2, 3], "y": [0, 2, 3], "mode": "markers"}], {"yaxis": {"type": "log"}}),
                     "marker")) == 2
    assert [row[1] for row in table_rows(model, number_format(model, "fr"))] == ["0", "2", "3"]  # the table keeps it
    x_log = chart([{"x": [-1, 2], "y": [1, 2]}], {"xaxis": {"type": "log"}})
    assert [note.message.split(" ")[0] for note in x_log.notes] == ["data[0].x[0]"] and x_log.labels == ["2"]


def unknown() -> None:
    refused("data[0].transforms", [{**BARS, "transforms": [{"type": "filter"}]}])
    refused("layout.frobnicate", [BARS], {"frobnicate": 1})
    refused("data[0].marker.frob", [{**BARS, "marker": {"frob": 1}}])


# -- ignored as cosmetic ----------------------------------------------------------


def colours() -> None:
    cosmetic([BARS], None, [{**BARS, "marker": {"color": ["red", "blue"]}, "opacity": 0.5}],
             {"colorway": ["red"]})


def sizes() -> None:
    cosmetic([BARS], None, [BARS], {"width": 300, "height": 200, "margin": {"t": 0}, "bargap": 0.5})


def text_hover() -> None:
    cosmetic([BARS], None, [{**BARS, "hovertemplate": "%{y}", "hoverinfo": "y", "textfont": {"size": 9}}], None)


def legend_fonts() -> None:
    cosmetic([BARS], None, [BARS], {"legend": {"x": 0}, "font": {"size": 20}})


def slice_angles(data: list[dict]) -> dict[str, tuple[float, float]]:
    """Each slice's start and end, in degrees clockwise from 12 o'clock (Plotly's angles)."""
    import math

    result = {}
    for path in marks(root(data), "slice"):
        numbers = [float(v) for v in re.findall(r"-?[\d.]+", path.get("d"))]
        cx, cy, x1, y1, x2, y2 = numbers[0], numbers[1], numbers[2], numbers[3], numbers[-2], numbers[-1]
        label = "".join(path.find(f"{SVG}title").itertext()).split(":")[0]
        result[label] = tuple(round(math.degrees(math.atan2(x - cx, cy - y))) % 360 for x, y in ((x1, y1), (x2, y2)))
    return result


def pie_order() -> None:
    pie = {"type": "pie", "labels": ["z", "x", "y"], "values": [1, 3, 2]}
    # Plotly's defaults: sorted largest first, the first slice clockwise from 12 o'clock, the others counterclockwise
    assert chart([pie]).labels == ["x", "y", "z"]
    assert slice_angles([pie]) == {"x": (0, 180), "y": (240, 0), "z": (180, 240)}
    assert slice_angles([{**pie, "direction": "clockwise"}]) == {"x": (0, 180), "y": (180, 300), "z": (300, 0)}
    assert slice_angles([{**pie, "sort": False, "direction": "clockwise", "rotation": 90}]) == {
        "z": (90, 150), "x": (150, 330), "y": (330, 90)}
    pulled = [p for p in marks(root([{**pie, "pull": [0, 0.2]}]), "slice")]
    x_centre = [float(v) for v in re.findall(r"-?[\d.]+", pulled[0].get("d"))][:2]
    others = [[float(v) for v in re.findall(r"-?[\d.]+", p.get("d"))][:2] for p in pulled[1:]]
    assert others[0] == others[1] and x_centre[0] > others[0][0]  # only "x" (the second point), pulled right
    refused("data[0].direction", [{**pie, "direction": "sideways"}])


def interaction() -> None:
    cosmetic([BARS], None, [{**BARS, "uid": "a", "ids": ["1", "2"], "selectedpoints": [0]}],
             {"dragmode": "zoom", "modebar": {}, "uirevision": 1})


def noted() -> None:
    """Known, not drawn, not only looks: the figure is drawn and a note names the path."""
    model = chart([{**BARS, "customdata": [1, 2]}], {"xaxis": {"rangeslider": {"visible": True}}, "calendar": "coptic"})
    assert sorted(note.message.split(" ")[0] for note in model.notes) == [
        "data[0].customdata", "layout.calendar", "layout.xaxis.rangeslider"]
    assert all(" ignored" in note.message for note in model.notes)
    assert chart([BARS], {"xaxis": {"rangeslider": False}}).notes == []


def tick_placement() -> None:
    cosmetic([BARS], None, [BARS], {"yaxis": {"dtick": 0.5, "tick0": 0, "nticks": 3, "tickvals": [1]},
                                    "xaxis": {"domain": [0, 1]}})


CASES: dict[str, Callable[[], None]] = {
    "layout.barmode": barmode,
    "layout.barnorm": barnorm,
    "data[].base": base,
    "data[].orientation": orientation,
    "data[].hole": hole,
    "data[].mode": mode,
    "data[].marker.size": marker_size,
    "data[].fill": fill,
    "data[].stackgroup": stackgroup,
    "data[].connectgaps": connectgaps,
    "data[].x": x_defaults,
    "data[].labels": labels,
    "data[].name": name,
    "data[].visible": visible,
    "data[].error_y": error_y,
    "data[].line.dash": line_dash,
    "data[].text": texts,
    "data[].width": bar_width,
    "layout.xaxis.type": axis_type,
    "layout.yaxis.type": value_category,
    "layout.xaxis.categoryorder": categoryorder,
    "layout.xaxis.autorange": autorange,
    "layout.yaxis.tickformat": tickformat,
    "layout.title": titles,
    "data[].showlegend": showlegend,
    "data[].type": trace_type,
    "histogram": histogram,
    "box": box_trace,
    "waterfall": waterfall,
    "funnel": funnel,
    "heatmap": heatmap,
    "data[].xaxis": subplots,
    "several pies": several_pies,
    "layout.annotations": annotations,
    "layout.xaxis.range": axis_range,
    "layout.xaxis.ticktext": ticktext,
    "data[].line.shape": line_shape,
    "log axis with values ≤ 0": log_nonpositive,
    "unknown attributes": unknown,
    "colours": colours,
    "sizes and spacing": sizes,
    "text and hover": text_hover,
    "legend and fonts": legend_fonts,
    "pie order": pie_order,
    "tick placement": tick_placement,
    "interaction": interaction,
    "not drawn, said": noted,
}


def _cosmetic_names() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Plotly figures (`chart`): what is drawn", 1)[1].split("\n## ", 1)[0]
    names: dict[str, set[str]] = {"ignored (cosmetic)": set(), "ignored, with a warning": set()}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1] in names:
            names[cells[1]] |= set(re.findall(r"`([a-z_0-9]+)`", cells[2]))
    return names


def test_cosmetic_rows_name_every_silent_key():
    """Never silent: a key ignored without a warning is named in a cosmetic row,
    and every key the README says is noted gives a warning."""
    from sphinx_publication.figures import plotly

    silent = set().union(*(getattr(plotly, name) for name in dir(plotly)
                           if name.startswith("COSMETIC_") and name.endswith("_KEYS"))) - plotly.NOTED_KEYS
    names = _cosmetic_names()
    assert names["ignored (cosmetic)"] == silent
    assert names["ignored, with a warning"] == plotly.NOTED_KEYS


def readme_rows() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Plotly figures (`chart`): what is drawn", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("attribute", "---"):
            rows.append((cells[0].strip("`"), cells[1]))
    return rows


def test_every_readme_row_has_a_test_and_every_test_a_row():
    assert sorted(attribute for attribute, _treatment in readme_rows()) == sorted(CASES)


@pytest.mark.parametrize(("attribute", "treatment"), readme_rows(), ids=lambda value: value)
def test_readme_row(attribute, treatment):
    CASES[attribute]()
