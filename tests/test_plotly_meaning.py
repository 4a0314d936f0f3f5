"""The drawings of real Plotly figures say what the figures say: assertions on
the SVG geometry (stacked segments share a band, a donut has an inner radius,
markers-only draws no line, category order, reversed axes, gaps…)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from defusedxml import ElementTree

from sphinx_publication.figures.plotly import parse_plotly
from sphinx_publication.figures.render import number_format, table_rows
from sphinx_publication.figures.svg import render_svg

FIGURES = Path(__file__).resolve().parent / "roots" / "test-plotly-mocks"
SVG = "{http://www.w3.org/2000/svg}"


def draw(name: str, language: str = "fr"):
    path = next(FIGURES.glob(f"*/{name}.json"))
    chart = parse_plotly(path.read_text(encoding="utf-8"), "T")
    drawing = render_svg(chart, number_format(chart, language), uid="u")
    return chart, ElementTree.fromstring(drawing.text)


def marks(root, kind: str, trace: int | None = None) -> list:
    found = [element for element in root.iter() if element.get("data-mark") == kind]
    if trace is not None:
        found = [element for element in found if element.get("data-trace") == str(trace)]
    return found


def box(rect) -> tuple[float, float, float, float]:
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def tick_texts(root) -> list[str]:
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text") if text.get("font-size") == "12"]


def test_stacked_bars_share_their_band_and_pile_up():
    _chart, root = draw("stacked_bar")
    for position in ("giraffes", "orangutans", "monkeys"):
        low, high = (box(r) for r in marks(root, "bar") if r.get("data-position") == position)
        assert (low[0], low[2]) == (high[0], high[2])  # same band, not side by side
        assert high[3] == pytest.approx(low[1], abs=0.15)  # the second starts where the first ends


def test_grouped_bars_sit_side_by_side():
    _chart, root = draw("grouped_bar")
    first, second = (box(r) for r in marks(root, "bar") if r.get("data-position") == "giraffes")
    assert first[2] <= second[0] + 0.1


def test_barnorm_fraction_stacks_every_position_to_the_same_top():
    _chart, root = draw("bar_stackto1")
    tops = {round(box(r)[1], 1) for r in marks(root, "bar", 2)}
    assert len(tops) == 1
    assert "1" in tick_texts(root) and "0,2" in tick_texts(root)


def test_base_makes_floating_bars():
    _chart, root = draw("bar_attrs_group")
    # trace 1 at x=1: base 4, value -1 -> from 4 down to 3; trace 0 at x=1: from 0 to 1
    zero_to_one = box(next(r for r in marks(root, "bar", 0) if r.get("data-position") == "1.0"))
    four_to_three = box(next(r for r in marks(root, "bar", 1) if r.get("data-position") == "1.0"))
    assert four_to_three[3] - four_to_three[1] == pytest.approx(zero_to_one[3] - zero_to_one[1], abs=0.2)
    assert four_to_three[3] < zero_to_one[1]  # drawn well above the first bar


def test_gantt_bars_start_at_their_base_dates_and_last_their_durations():
    chart, root = draw("bar_gantt-chart")
    bars = marks(root, "bar")
    widths = [box(r)[2] - box(r)[0] for r in bars]
    # 4 days, 2 days, 3 days, 5 days…: proportional widths
    assert widths[0] / widths[1] == pytest.approx(2, rel=0.02)
    assert widths[3] / widths[1] == pytest.approx(2.5, rel=0.02)
    assert "mars" in " ".join(tick_texts(root))  # French month names
    rows = table_rows(chart, number_format(chart, "fr"))
    assert rows[0][0] == "Activity A" and rows[0][1].startswith("1 mars 2020")
    # autorange "reversed": Activity A on top
    assert box(bars[0])[1] < box(bars[1])[1]


def test_donut_has_an_inner_radius():
    chart, root = draw("pie_automargin")
    assert chart.hole == 0.5
    for path in marks(root, "slice"):
        radii = {float(r) for r in re.findall(r"A([\d.]+) ", path.get("d"))}
        assert radii == {90.0, 45.0}


def test_markers_only_scatter_has_no_line_and_keeps_marker_sizes():
    _chart, root = draw("bubblechart")
    assert marks(root, "line") == []
    assert [float(c.get("r")) for c in marks(root, "marker", 0)] == [6, 11, 16, 21]


def test_category_order_descending():
    _chart, root = draw("axes_category_descending")
    assert tick_texts(root)[-5:] == ["5", "4", "3", "2", "1"]


def test_reversed_axis_draws_the_first_x_on_the_right():
    _chart, root = draw("axes_reversed")
    first, second = marks(root, "marker")
    assert float(first.get("cx")) > float(second.get("cx"))


def test_null_x_is_left_out_and_breaks_the_line():
    chart, root = draw("axes_category_null")
    assert chart.labels == ["1", "2", "4", "5"]
    assert len(marks(root, "line")) == 2
    assert len(marks(root, "marker")) == 4


def test_traces_with_different_x_share_one_axis():
    chart, root = draw("line_scatter")
    assert chart.labels == ["1", "2", "3", "4", "5"]
    assert marks(root, "line", 0) == [] and len(marks(root, "marker", 0)) == 4  # mode markers
    assert len(marks(root, "line", 1)) == 1 and marks(root, "marker", 1) == []  # mode lines


def test_bars_and_lines_on_the_same_axes():
    _chart, root = draw("bar_line")
    assert len(marks(root, "bar")) == 6 and len(marks(root, "line")) == 1
    bar_centres = [(box(r)[0] + box(r)[2]) / 2 for r in marks(root, "bar")]
    point_x = [float(c.get("cx")) for c in marks(root, "marker")]
    assert bar_centres == pytest.approx(point_x, abs=0.2)


def test_error_bars_are_drawn_for_each_bar():
    _chart, root = draw("error_bar_bar")
    assert len(marks(root, "error")) == 6


def test_unnamed_traces_are_named_like_plotly():
    chart, _root = draw("basic_line")
    assert [s.name for s in chart.series] == ["trace 0", "trace 1"]


def test_pie_defaults_labels_to_indices():
    chart, _root = draw("pie_simple")
    assert chart.labels == ["4", "3", "2", "1", "0"]  # Plotly sorts the slices, largest first


def test_log_x_axis_and_latex_labels_read_as_text():
    chart, root = draw("validation_perry_marusic_12a")
    assert chart.plot.position_axis.type == "log"
    assert chart.x_label == "k₁z" and chart.series[0].name == "z/δ_c=0.01"
    assert "0,001" in tick_texts(root) and "10" in tick_texts(root)


def test_years_on_a_linear_axis_are_not_grouped():
    _chart, root = draw("style_bar")
    assert "1995" in tick_texts(root)


def test_subplots_become_small_multiples_never_merged():
    chart, root = draw("date_axes")
    assert len(chart.panels) == 7
    panels = [element for element in root.iter() if element.get("data-panel") is not None]
    assert len(panels) == 7
    # each panel has its own line of three points and its own date ticks
    for panel in panels:
        assert len(marks(panel, "marker")) == 3
    assert "janv. 2014" in tick_texts(root) and "2100" in tick_texts(root)


def test_several_pies_become_one_pie_per_panel():
    chart, root = draw("pie_title_multiple")
    assert [panel.title for panel in chart.panels] == ["Year 2013", "Year 2014", "Year 2015", "Year 2016"]
    for panel in (element for element in root.iter() if element.get("data-panel") is not None):
        # slices, not the patterns laid over the fourth to sixth
        assert len([path for path in panel.iter(f"{SVG}path") if "url(" not in path.get("fill", "")]) == 6
