"""One grammar for figure values: a chart-bar body and a draft marker accept the same values.

The same generated value is given to the chart directive's reader
(``figures.parse``) and to ``publication import`` (a ``[CHART_BAR: …]``
marker); both accept it or both refuse it, and what the importer writes
reads back as the same number.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_publication.figures.parse import DataError, build_chart, canonical_value, parse_lines, parse_value
from sphinx_publication.importer.pipeline import import_draft

DRAFT = "Titre\n\nAuteur\n\nUn chapeau.\n\n# Partie\n\n[CHART_BAR: Graphique | X : Y | a : {value}]\n"
# The marker grammar reserves ':', ';', '|', '[', ']' and '\'; everything else a value may hold.
NOISE = "0123456789.,' -+eEkKMBGTdnrs%\u2212\u00a0\u202f"
SUFFIXES = ["", "k", "K", "M", "Mn", "B", "G", "Md", "Mds", "Mrd", "Mrds", "T", "Mio", "bn", "mds"]
GROUPS = ["", " ", "\u00a0", "\u202f", ".", ",", "'"]


@st.composite
def written_numbers(draw) -> str:
    """Numbers as people write them, right or slightly wrong."""
    integer = draw(st.integers(0, 10**9))
    group = draw(st.sampled_from(GROUPS))
    text = f"{integer:,}".replace(",", group) if group else str(integer)
    if draw(st.booleans()):
        text += draw(st.sampled_from([".", ","])) + str(draw(st.integers(0, 999)))
    if draw(st.booleans()):
        text += draw(st.sampled_from(["e", "E"])) + draw(st.sampled_from(["", "-", "+"])) + str(draw(st.integers(0, 40)))
    text += draw(st.sampled_from(["", " "])) + draw(st.sampled_from(SUFFIXES))
    text += draw(st.sampled_from(["", "%", " %", "\u202f%"]))
    return draw(st.sampled_from(["", "-", "+", "\u2212", "- "])) + text


VALUES = st.one_of(written_numbers(), st.text(NOISE, min_size=1, max_size=12))


def chart_bar_reads(value: str):
    """The value as the chart-bar directive reads its body line, or None if refused."""
    try:
        chart = build_chart("bar", "Graphique", ["X", "Y"], parse_lines([f"a : {value}"]))
    except DataError:
        return None
    return chart.series[0].values[0]


def importer_reads(value: str):
    """The value as ``publication import`` writes it and the build reads it back, or None if refused."""
    result = import_draft(DRAFT.format(value=value))
    if result.errors:
        return None
    (written,) = re.findall(r"^a : (.*)$", result.pages["partie.md"], re.MULTILINE)
    return parse_value(written)


@settings(max_examples=400, deadline=None)
@given(VALUES)
@example("12 Mrds")
@example("3 Mn")
@example("1e5")
@example("1.234,5")
@example("1,7T")
@example("1,2,3")
def test_chart_bar_and_importer_accept_and_read_the_same_values(value):
    assert importer_reads(value) == chart_bar_reads(value), value


@pytest.mark.parametrize(("text", "canonical"), [
    ("12 Mrds", "12B"),
    ("3 Mn", "3M"),
    ("1e5", "100000"),
    ("1.234,5", "1234.5"),
    ("1,5e-3", "0.0015"),
    ("-0", "0"),
])
def test_canonical_value_is_plain_and_keeps_the_authors_magnitude(text, canonical):
    assert canonical_value(text) == canonical
    assert parse_value(canonical) == parse_value(text)
