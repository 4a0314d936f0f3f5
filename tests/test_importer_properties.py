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


# -- emitted charts and tables read back by the figures parser ----------------------------

from sphinx_publication.figures.parse import canonical_value, parse_lines, split_headers  # noqa: E402
from sphinx_publication.importer.emit import chart_directive, table_directive  # noqa: E402
from sphinx_publication.importer.figure_check import figure_problem  # noqa: E402
from sphinx_publication.importer.model import Chart, Location, Table  # noqa: E402

# Anything a draft can put in a header or a cell: the marker grammar reserves
# ':', ';', '|' and ']' and a marker holds on one line; commas, brackets, digits,
# accents and inner spaces are all allowed.
cell_text = st.text(
    st.characters(blacklist_characters=":;|[]\\", blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1, max_size=12,
).map(str.strip).filter(bool)


@st.composite
def tables(draw, min_rows=1):
    headers = draw(st.lists(cell_text, min_size=2, max_size=5))
    rows = draw(st.lists(st.lists(cell_text, min_size=len(headers), max_size=len(headers)),
                         min_size=min_rows, max_size=5))
    return Table("Titre", headers, rows, Location(1))


@settings(max_examples=200, deadline=None)
@given(tables())
def test_emitted_table_reads_back_as_the_same_headers_and_cells(table):
    directive = table_directive(table)
    assert split_headers(directive.options["headers"]) == table.headers
    rows = parse_lines(directive.body)
    assert [[row.label, *row.cells] for row in rows] == table.rows
    assert figure_problem(table) is None


chart_number = st.decimals(min_value="0.01", max_value=10**9, places=2).map(
    lambda d: canonical_value(str(d).replace(".", ",")))


@st.composite
def charts(draw):
    kind = draw(st.sampled_from(["bar", "line", "pie"]))
    headers = draw(st.lists(cell_text, min_size=2, max_size=2 if kind == "pie" else 4))
    labels = draw(st.lists(cell_text, min_size=1, max_size=5))
    rows = [(label, draw(st.lists(chart_number, min_size=len(headers) - 1, max_size=len(headers) - 1)))
            for label in labels]
    return Chart(kind, "Titre", headers, rows, Location(1))


@settings(max_examples=200, deadline=None)
@given(charts())
def test_emitted_chart_reads_back_as_the_same_headers_and_rows(chart):
    directive = chart_directive(chart)
    if "headers" in directive.options:
        assert split_headers(directive.options["headers"]) == chart.headers
    else:
        assert [directive.options["x-label"], directive.options["y-label"]] == chart.headers
    rows = parse_lines(directive.body)
    assert [(row.label, row.cells) for row in rows] == chart.rows
    assert figure_problem(chart) is None


@settings(max_examples=100, deadline=None)
@given(tables(min_rows=2))  # with a ';' between rows, commas inside cells are plain text
def test_a_table_marker_that_imports_also_builds(table):
    """Marker -> importer -> the figures parser: no figure error once the marker parsed."""
    data = " ; ".join(" : ".join(row) for row in table.rows)
    marker = f"[TABLEAU : Titre | {' : '.join(table.headers)} | {data}]"
    result = import_draft(f"Titre\n\nAuteur\n\nUn chapeau.\n\n# Partie\n\n{marker}\n")
    assert result.errors == [], (marker, result.errors)
