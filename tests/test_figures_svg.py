"""Number formatting, layout and SVG drawing (no Sphinx)."""

from __future__ import annotations

from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_publication.figures.layout import text_width, value_scale, wrap
from sphinx_publication.figures.model import Chart, Series
from sphinx_publication.figures.numbers import NumberFormat
from sphinx_publication.figures.parse import build_chart, parse_body, parse_value
from sphinx_publication.figures.svg import render_svg

SVG = "{http://www.w3.org/2000/svg}"


def chart(kind: str, *lines: str, **options) -> Chart:
    headers, rows = parse_body(list(lines))
    return build_chart(kind, "Titre", headers, rows, **options)


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
    drawing = render_svg(chart("bar", "GPT-4 : 1.7T", "Claude : 175B"), NumberFormat("fr"), uid="u1")
    root = parse_svg(drawing.text)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "u1-t u1-d"
    assert root.find(f"{SVG}title").get("id") == "u1-t"
    assert root.find(f"{SVG}desc").get("id") == "u1-d"
    marks = root.findall(f"{SVG}rect")
    assert [mark.find(f"{SVG}title").text for mark in marks] == [
        "GPT-4 : 1\u202f700\u202f000\u202f000\u202f000",
        "Claude : 175\u202f000\u202f000\u202f000",
    ]
    assert all(mark.get("class") == "sp-s0" for mark in marks)
    assert "currentColor" in drawing.text


def test_pdf_variant_has_literal_colours_only():
    drawing = render_svg(chart("pie", "a : 1", "b : 3"), NumberFormat("fr"), theme=False)
    assert "currentColor" not in drawing.text and "var(" not in drawing.text
    assert 'class="' not in drawing.text


def test_small_pie_slices_are_in_the_legend():
    drawing = render_svg(chart("pie", "Grand : 990", "Minuscule : 1"), NumberFormat("fr"))
    assert "Minuscule : 1 (0,1\u00a0%)" in drawing.text


def test_long_labels_widen_the_label_column():
    short = render_svg(chart("bar", "a : 1"), NumberFormat("fr"))
    long = render_svg(chart("bar", "Centrales au sol photovoltaïques : 1"), NumberFormat("fr"))
    assert long.width > short.width
    root = parse_svg(long.text)
    first_rect = root.find(f"{SVG}rect")
    label = next(t for t in root.iter(f"{SVG}text") if "Centrales" in "".join(t.itertext()))
    assert float(label.get("x")) < float(first_rect.get("x"))
    # each wrapped line fits in the room left of the bars
    for line in ["".join(span.itertext()) for span in label] or [label.text]:
        assert text_width(line, 13) <= float(label.get("x"))


HOSTILE = "<script>alert('x')</script> </svg> & \"q\" \\ { } $ # ^ _ ~ % \x00\x07"


def test_hostile_labels_are_escaped():
    data = Chart("bar", HOSTILE, [HOSTILE], [Series(HOSTILE, values("1"))], x_label=HOSTILE, y_label=HOSTILE)
    for theme in (True, False):
        text = render_svg(data, NumberFormat("fr"), theme=theme).text
        assert "<script>" not in text and "</svg> " not in text
        parse_svg(text)


label_text = st.text(min_size=1, max_size=25).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["bar", "line", "pie"]),
    st.lists(st.tuples(label_text, st.floats(0.001, 1e13)), min_size=1, max_size=8),
    st.integers(1, 3),
    st.sampled_from(["linear", "log"]),
    st.sampled_from(["fr", "en"]),
)
def test_any_chart_draws_valid_svg(kind, data, n_series, scale, language):
    if kind == "pie":
        n_series = 1
    series = [
        Series(f"S{index}", [parse_value(f"{value:.6g}".replace("e+", "e")) for _label, value in data])
        for index in range(n_series)
    ]
    model = Chart(kind, "T", [label for label, _ in data], series, scale=scale)
    for theme in (True, False):
        drawing = render_svg(model, NumberFormat(language, model.values), uid="x", theme=theme)
        root = parse_svg(drawing.text)
        assert float(root.get("width")) > 0 and float(root.get("height")) > 0
