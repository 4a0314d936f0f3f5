"""Property-based tests: any input parses or gives located errors, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_publication.importer.markers import scan_line
from sphinx_publication.importer.pipeline import import_draft

FRAGMENTS = st.sampled_from([
    "[", "]", "|", ":", ",", ";", " ", "\n", "#", "## ", "- ", "\\", "`", "*", "%", "1,5", "65 %",
    "1.7T", "[1]", "[2][3]", "[DONNÉES NÉCESSAIRES]", "[CHART_BAR:", "[CHART_PIE :", "[CHART_LINE:",
    "[TABLEAU :", "[FIGURE:", "[sic]", "Titre", "Un paragraphe.", "Conclusion", "Nombre de mots : 12",
    "💬 Comments", "a : 1", "L’IA « x » ?", "\u00a0", "\r\n",
])
DRAFTS = st.one_of(
    st.text(max_size=300),
    st.lists(FRAGMENTS, max_size=60).map("".join),
)


def _inside(text: str, line: int, column: int) -> bool:
    lines = text.lstrip("\ufeff").splitlines() or [""]
    return 1 <= line <= max(len(lines), 1) and 1 <= column <= len(lines[line - 1]) + 1 if line <= len(lines) else line == 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS)
def test_any_draft_parses_or_gives_located_errors(text):
    result = import_draft(text)
    for diagnostic in result.diagnostics:
        assert diagnostic.message
        assert _inside(text, diagnostic.location.line, diagnostic.location.column), diagnostic
        if diagnostic.is_error:
            assert diagnostic.expected
    assert bool(result.pages) == (not result.errors and result.document is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join).filter(lambda t: "\n" not in t and "\r" not in t))
def test_any_line_scans_into_pieces_or_located_errors(line):
    pieces, problems = scan_line(line, 3)
    for problem in problems:
        assert problem.location.line == 3
        assert 1 <= problem.location.column <= len(line)
        assert "[" in line[: problem.location.column]  # errors point into a marker


chart_label = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=8)
chart_value = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(
    lambda d: str(d).replace(".", ","))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(chart_label, chart_value), min_size=1, max_size=6, unique_by=lambda r: r[0]))
def test_chart_data_survives_the_marker_form(rows):
    data = ", ".join(f"{label} : {value}" for label, value in rows)
    pieces, problems = scan_line(f"[CHART_BAR: Titre | X : Y | {data}]", 1)
    assert problems == []
    (chart,) = pieces
    assert [label for label, _ in chart.rows] == [label for label, _ in rows]
    assert [values[0] for _, values in chart.rows] == [value.replace(",", ".") for _, value in rows]
