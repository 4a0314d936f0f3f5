"""Number formatting, layout and SVG drawing (no Sphinx)."""

from __future__ import annotations

import json
import re

from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_publication.figures.layout import text_width, value_scale, wrap
from sphinx_publication.figures.model import Chart, Series
from sphinx_publication.figures.numbers import NumberFormat
from sphinx_publication.figures.parse import DataError, Row, build_chart, parse_lines, parse_value
from sphinx_publication.figures.plotly import parse_plotly
from sphinx_publication.figures.svg import Wording, render_svg, summary

SVG = "{http://www.w3.org/2000/svg}"
FRENCH = Wording(pair="{label}\u00a0: {value}", separator="\u00a0; ")  # as the fr catalog says


def chart(kind: str, *lines: str, **options) -> Chart:
    return build_chart(kind, "Titre", options.pop("headers", None), parse_lines(list(lines)), **options)


def values(*texts: str):
    return [parse_value(text) for text in texts]


def test_french_numbers():
    numbers = NumberFormat("fr", values("1.7T", "175B", "12B"))
    assert numbers.label(parse_value("1.7T")) == "1\u202f700\u00a0Md"
    assert numbers.label(parse_value("12B")) == "12\u00a0Md"
    assert numbers.exact(parse_value("1.7T")) == "1\u202f700\u202f000\u202f000\u202f000"
    assert NumberFormat("fr").label(parse_value("65%")) == "65\u00a0%"
    assert NumberFormat("fr").label(parse_value("1.5")) == "1,5"


def test_english_numbers():
    numbers = NumberFormat("en", values("1.7T", "175B", "12B"))
    assert numbers.label(parse_value("175B")) == "175\u00a0B"
    assert numbers.exact(parse_value("1.7T")) == "1,700,000,000,000"
    assert NumberFormat("en").label(parse_value("65%")) == "65%"
    assert NumberFormat(None).label(parse_value("1,5")) == "1.5"
    assert NumberFormat("xx-unknown").label(parse_value("1,5")) == "1.5"


def test_unit_and_small_numbers_keep_plain_form():
    numbers = NumberFormat("fr", values("3", "200"), unit="€")
    assert numbers.label(parse_value("200")) == "200\u00a0€"


def test_wrap_and_widths():
    assert wrap("Centrales au sol", 60, 13) == ["Centrales", "au sol"]
    assert text_width("Gouvernement", 13) > text_width("Santé", 13)


def test_log_scale_keeps_the_smallest_bar_visible():
    scale = value_scale([1.7e12, 175e9, 12e9], 0, 100, log=True)
    assert scale.low == 1e9 and scale.high == 1e13
    assert scale(12e9) - scale.zero > 20  # a quarter of the axis, not a sliver
    assert scale.ticks() == [1e9, 1e10, 1e11, 1e12, 1e13]


def test_linear_ticks_are_round():
    assert value_scale([3, 50, 200], 0, 100, log=False).ticks() == [0, 50, 100, 150, 200]


def parse_svg(text: str):
    return ElementTree.fromstring(text)


def test_bar_svg_is_accessible():
    drawing = render_svg(chart("bar", "GPT-4 : 1.7T", "Claude : 175B"), NumberFormat("fr"), uid="u1", wording=FRENCH)
    root = parse_svg(drawing.text)
    assert root.get("role") == "img"
    # name = the title, description = the desc, once (not twice)
    assert (root.get("aria-labelledby"), root.get("aria-describedby")) == ("u1-t", "u1-d")
    assert root.find(f"{SVG}title").get("id") == "u1-t"
    assert root.find(f"{SVG}desc").get("id") == "u1-d"
    marks = root.findall(f".//{SVG}rect")
    assert [mark.find(f"{SVG}title").text for mark in marks] == [
        "GPT-4\u00a0: 1\u202f700\u202f000\u202f000\u202f000",
        "Claude\u00a0: 175\u202f000\u202f000\u202f000",
    ]
    assert all(mark.get("class") == "sp-s0" for mark in marks)
    assert "currentColor" in drawing.text


def test_pdf_variant_has_literal_colours_only():
    drawing = render_svg(chart("pie", "a : 1", "b : 3"), NumberFormat("fr"), for_screen=False)
    assert "currentColor" not in drawing.text and "var(" not in drawing.text
    assert 'class="' not in drawing.text


def test_small_pie_slices_are_in_the_legend():
    drawing = render_svg(chart("pie", "Grand : 990", "Minuscule : 1"), NumberFormat("fr"), wording=FRENCH)
    assert "Minuscule\u00a0: 1 (0,1\u00a0%)" in drawing.text


def test_english_punctuation_by_default():
    """Regression: " : " and " ; " were hard-coded whatever the language."""
    data = chart("pie", "Grand : 990", "Minuscule : 1")
    drawing = render_svg(data, NumberFormat("en"))
    assert "Minuscule: 1 (0.1%)" in drawing.text and " : " not in drawing.text
    assert summary(data, NumberFormat("en")) == "Grand: 990; Minuscule: 1"
    assert summary(data, NumberFormat("fr"), FRENCH) == "Grand\u00a0: 990\u00a0; Minuscule\u00a0: 1"


def test_wrapping_keeps_no_break_spaces():
    assert wrap("1\u202f700\u00a0Md de paramètres", 10, 13) == ["1\u202f700\u00a0Md", "de", "paramètres"]


def test_long_labels_widen_the_label_column():
    short = render_svg(chart("bar", "a : 1"), NumberFormat("fr"))
    long = render_svg(chart("bar", "Centrales au sol photovoltaïques : 1"), NumberFormat("fr"))
    assert long.width > short.width
    root = parse_svg(long.text)
    first_rect = root.find(f".//{SVG}rect")
    label = next(t for t in root.iter(f"{SVG}text") if "Centrales" in "".join(t.itertext()))
    assert float(label.get("x")) < float(first_rect.get("x"))
    # each wrapped line fits in the room left of the bars
    for line in ["".join(span.itertext()) for span in label] or [label.text]:
        assert text_width(line, 13) <= float(label.get("x"))


HOSTILE = "<script>alert('x')</script> </svg> & \"q\" \\ { } $ # ^ _ ~ % \x00\x07"


def test_hostile_labels_are_escaped():
    data = Chart("bar", HOSTILE, [HOSTILE], [Series(HOSTILE, values("1"))], x_label=HOSTILE, y_label=HOSTILE)
    for theme in (True, False):
        text = render_svg(data, NumberFormat("fr"), for_screen=theme).text
        assert "<script>" not in text and "</svg> " not in text
        parse_svg(text)


NUMERIC_ATTRIBUTES = ("x", "y", "width", "height", "cx", "cy", "r", "d", "viewBox", "dy")


def assert_finite_geometry(text: str) -> None:
    root = parse_svg(text)
    assert float(root.get("width")) > 0 and float(root.get("height")) > 0
    for element in root.iter():
        for attribute in NUMERIC_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None:
                assert not re.search(r"nan|inf", value, re.I), (element.tag, attribute, value)


odd_labels = st.one_of(
    st.text(min_size=1, max_size=25),
    st.sampled_from(["nan", "inf", "-inf", "1e308", "-1e308", "0", "2017", " ", "\u00a0", "{x}", "%s"]),
)
numbers = st.one_of(
    st.just(0.0),
    st.floats(-1e13, 1e13, allow_nan=False, allow_infinity=False),
    st.floats(1e-6, 1e-3),
)


def _build(kind, data, n_series, scale):
    rows = [Row(label, [repr(value)] * n_series, index, "") for index, (label, value) in enumerate(data)]
    return build_chart(kind, "T", ["x", *(f"S{i}" for i in range(n_series))], rows, scale=scale)


def _plotly(kind, data, n_series, scale):
    trace_type = {"line": "scatter"}.get(kind, kind)
    keys = ("labels", "values") if kind == "pie" else ("x", "y")
    traces = [
        {"type": trace_type, "name": f"S{i}", keys[0]: [label for label, _ in data], keys[1]: [value for _, value in data]}
        for i in range(n_series)
    ]
    return parse_plotly(json.dumps({"data": traces, "layout": {"yaxis": {"type": scale}}}), "T")


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["bar", "line", "pie"]),
    st.lists(st.tuples(odd_labels, numbers), min_size=1, max_size=8),
    st.integers(1, 3),
    st.sampled_from(["linear", "log"]),
    st.sampled_from(["fr", "en"]),
    st.sampled_from([_build, _plotly]),
)
def test_any_accepted_chart_draws_valid_finite_svg(kind, data, n_series, scale, language, source):
    """Zero, negatives, odd labels, inline or Plotly input: the chart is
    refused with a DataError, or drawn with finite coordinates only."""
    if kind == "pie":
        n_series = 1
    try:
        model = source(kind, data, n_series, scale)
    except DataError as error:
        assert error.message
        return
    for theme in (True, False):
        drawing = render_svg(model, NumberFormat(language, model.values), uid="x", for_screen=theme, wording=FRENCH)
        assert_finite_geometry(drawing.text)
