"""Parsing of values, directive bodies, CSV and Plotly JSON (no Sphinx)."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_publication.figures.parse import (
    DataError,
    build_chart,
    build_table,
    LARGEST,
    SMALLEST,
    canonical_value,
    parse_lines,
    parse_csv,
    parse_value,
)
from sphinx_publication.figures.plotly import parse_plotly


@pytest.mark.parametrize(
    ("text", "number", "percent"),
    [
        ("12", "12", False),
        ("1.5", "1.5", False),
        ("1,5", "1.5", False),
        ("-3", "-3", False),
        ("1 700", "1700", False),
        ("1\u202f700,5", "1700.5", False),
        ("1,234.5", "1234.5", False),
        ("1.234,5", "1234.5", False),
        ("1.000.000", "1000000", False),
        ("65%", "65", True),
        ("65 %", "65", True),
        ("1.7T", "1.7E+12", False),
        ("175B", "175E+9", False),
        ("12 Md", "12E+9", False),
        ("3,5 k", "3.5E+3", False),
        ("2M", "2E+6", False),
        ("4G", "4E+9", False),
        ("1e3", "1E+3", False),
    ],
)
def test_parse_value_accepts_the_documented_forms(text, number, percent):
    value = parse_value(text)
    assert value.number == Decimal(number)
    assert value.percent is percent


@pytest.mark.parametrize("text", ["", "abc", "12 apples", "1..2", "%", "5k%", "1,2,3", "T"])
def test_parse_value_rejects_non_numbers(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_value(text)


@pytest.mark.parametrize("text", ["1" + "0" * 400, "1e31", "0.0000000000000000000000000000000001", "2e-31"])
def test_parse_value_rejects_absurd_magnitudes(text):
    with pytest.raises(DataError, match="out of range"):
        parse_value(text)


def test_errors_carry_a_catalog_template():
    with pytest.raises(DataError) as info:
        parse_value("beaucoup")
    error = info.value
    assert error.template.startswith("{text!r} is not a number")
    assert error.localized(lambda message: message.replace("is not a number", "n’est pas un nombre")).startswith(
        "'beaucoup' n’est pas un nombre"
    )


def test_body_lines():
    rows = parse_lines(["GPT-4 : 1.7T", "", "Claude : 175B"])
    assert [(row.label, row.cells, row.offset) for row in rows] == [
        ("GPT-4", ["1.7T"], 0),
        ("Claude", ["175B"], 2),
    ]


def test_bad_line_is_located():
    with pytest.raises(DataError) as info:
        parse_lines(["a : 1", "b 2"])
    assert info.value.offset == 1
    assert info.value.line == "b 2"


def test_non_numeric_value_is_located():
    headers, rows = None, parse_lines(["a : 1", "", "b : beaucoup"])
    with pytest.raises(DataError, match="not a number") as info:
        build_chart("bar", "t", headers, rows)
    assert info.value.offset == 2


def test_negative_pie_slice_is_refused():
    headers, rows = None, parse_lines(["a : 3", "b : -2"])
    with pytest.raises(DataError, match="negative pie slice") as info:
        build_chart("pie", "t", headers, rows)
    assert info.value.offset == 1


def test_empty_chart_is_refused():
    with pytest.raises(DataError, match="no data"):
        build_chart("bar", "t", None, [])


def test_log_scale_needs_positive_values():
    headers, rows = None, parse_lines(["a : 3", "b : 0"])
    with pytest.raises(DataError, match="logarithmic"):
        build_chart("bar", "t", headers, rows, scale="log")


def test_several_series_inline():
    rows = parse_lines(["Santé : 45%;85%", "Éducation : 30% ; 70%"])
    chart = build_chart("bar", "t", ["Secteur", "2025", "2030"], rows)
    assert [s.name for s in chart.series] == ["2025", "2030"]
    assert chart.has_legend and chart.is_percent


def test_csv_with_semicolons_and_decimal_commas():
    headers, rows = parse_csv("Secteur;2025;2030\nSanté;1,5%;3%\n\nÉducation;2;4\n")
    chart = build_chart("line", "t", headers, rows)
    assert chart.series[0].values[0].number == Decimal("1.5")
    assert rows[1].offset == 3


def test_csv_row_width_is_checked():
    with pytest.raises(DataError) as info:
        parse_csv("a,b\nx,1\ny,2,3\n")
    assert info.value.offset == 2


def test_table_rows():
    headers, rows = None, parse_lines(["Open Source : Volontaire/Moyen", "Proprietary : Élevé/Dédié"])
    table = build_table("t", ["Type", "Ressources"], rows)
    assert table.rows == [["Open Source", "Volontaire/Moyen"], ["Proprietary", "Élevé/Dédié"]]


def test_table_width_mismatch_is_located():
    headers, rows = None, parse_lines(["a : b", "c : d ; e"])
    with pytest.raises(DataError) as info:
        build_table("t", ["A", "B"], rows)
    assert info.value.offset == 1


def test_plotly_bar_and_line():
    figure = {
        "data": [
            {"type": "bar", "name": "A", "x": ["x", "y"], "y": [1, 2.5]},
            {"type": "bar", "name": "B", "x": ["x", "y"], "y": ["3", "4%"]},
        ],
        "layout": {"title": {"text": "T"}, "xaxis": {"title": "X"}, "yaxis": {"type": "log"}},
    }
    chart = parse_plotly(json.dumps(figure))
    assert (chart.kind, chart.title, chart.x_label, chart.scale) == ("plot", "T", "X", "log")
    assert [s.name for s in chart.series] == ["A", "B"]
    pie = parse_plotly(json.dumps({"data": [{"type": "pie", "labels": ["a"], "values": [1]}]}), "P")
    assert pie.kind == "pie" and pie.title == "P"


@pytest.mark.parametrize(
    ("raw", "match"),
    [("NaN", "not a finite number"), ("Infinity", "not a finite number"), ("-Infinity", "not a finite number"),
     ("1" + "0" * 400, "out of range"), ("1e300", "out of range"), ('"1e400"', "out of range")],
)
@pytest.mark.parametrize("kind", ["bar", "pie", "scatter"])
def test_plotly_non_finite_and_huge_values_are_refused(raw, match, kind):
    """Regression: NaN/Infinity/10**400 became Decimals that crashed the build."""
    keys = ("labels", "values") if kind == "pie" else ("x", "y")
    text = f'{{"data": [{{"type": "{kind}", "{keys[0]}": ["a", "b"], "{keys[1]}": [1, {raw}]}}]}}'
    with pytest.raises(DataError, match=match):
        parse_plotly(text, "t")


def test_plotly_numeric_zero_label_is_kept():
    """Regression: a numeric x of 0 became an empty label."""
    chart = parse_plotly('{"data": [{"type": "bar", "x": [0, 1], "y": [3, 4]}]}', "t")
    assert chart.labels == ["0", "1"]


def test_plotly_options_are_checked_like_inline_data():
    """Regression: :scale: log was applied after the checks, drawing 0 clamped."""
    text = '{"data": [{"type": "bar", "x": ["a", "b"], "y": [3, 0]}]}'
    assert parse_plotly(text, "t").scale == "linear"
    # on a log axis the zero is left out, as Plotly does, and said (a located note, no silent clamp)
    assert [note.message.split(" ")[0] for note in parse_plotly(text, "t", scale="log").notes] == ["data[0].y[1]"]
    chart = parse_plotly(text, "t", x_label="Modèle", unit="€", description="d")
    assert (chart.x_label, chart.unit, chart.description) == ("Modèle", "€", "d")


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "[]",
        '{"data": []}',
        '{"data": [{"type": "heatmap", "z": []}]}',
        '{"data": [{"type": "pie", "labels": ["a"], "values": [-1]}]}',
    ],
)
def test_plotly_errors(text):
    with pytest.raises(DataError):
        parse_plotly(text, "t")


lines = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.builds(
            lambda label, value: f"{label} : {value}",
            st.text(max_size=12),
            st.one_of(st.text(max_size=8), st.decimals(allow_nan=False, allow_infinity=False).map(str)),
        ),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(lines, st.sampled_from(["bar", "pie", "line"]), st.sampled_from(["linear", "log"]))
def test_any_body_gives_a_chart_or_a_located_error(body, kind, scale):
    try:
        headers, rows = None, parse_lines(body)
        build_chart(kind, "t", headers, rows, scale=scale)
    except DataError as error:
        assert error.message
        assert error.offset is None or 0 <= error.offset < len(body)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), st.text("0123456789.,' e-+%kMBTdsr\u00a0", max_size=12)))
@example("1,2,3")
@example("1e99")
@example("1.5e3 k")
def test_any_value_is_a_sensible_number_or_a_data_error_naming_it(text):
    """Not any ValueError: a DataError, which the directives turn into a located warning."""
    try:
        value = parse_value(text)
    except DataError as error:
        assert repr(text.strip()) in error.message
        return
    assert value.number.is_finite()
    assert not value.number or SMALLEST <= abs(value.number) <= LARGEST
    assert parse_value(canonical_value(text)) == value


csv_texts = st.one_of(
    st.text(max_size=200),
    st.tuples(
        st.lists(st.lists(st.text(alphabet='ab1,;"\t \r', max_size=6), min_size=1, max_size=4), max_size=6),
        st.sampled_from([",", ";"]),
        st.sampled_from(["\n", "\r\n", "\r"]),
    ).map(lambda parts: parts[2].join(parts[1].join(cells) for cells in parts[0])),
)


@settings(max_examples=200, deadline=None)
@given(csv_texts)
def test_any_csv_gives_rows_or_a_located_data_error(text):
    physical_lines = [line.rstrip("\r\n") for line in io.StringIO(text, newline="")]
    try:
        _headers, rows = parse_csv(text)
    except DataError as error:
        assert error.message
        if error.offset is not None:
            assert 0 <= error.offset < len(physical_lines)
            assert error.line == physical_lines[error.offset]
        return
    for row in rows:
        assert 0 <= row.offset < len(physical_lines)
        assert row.line == physical_lines[row.offset]
