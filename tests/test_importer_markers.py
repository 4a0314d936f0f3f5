"""Grammar units of the importer: each marker form and each irregularity of the seed."""

from __future__ import annotations

import pytest

from sphinx_publication.importer.markers import scan_line
from sphinx_publication.importer.model import Chart, Citation, DataNeeded, Table, Text
from sphinx_publication.figures.parse import DataError, canonical_value


def only(pieces, kind):
    found = [p for p in pieces if isinstance(p, kind)]
    assert len(found) == 1, pieces
    return found[0]


# -- numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "canonical"), [
    ("12", "12"),
    ("1.7T", "1.7T"),
    ("1,7T", "1.7T"),          # decimal comma
    ("175B", "175B"),
    ("12 Md", "12B"),          # French "milliards"
    ("65%", "65%"),
    ("65 %", "65%"),           # French spacing
    ("65\u202f%", "65%"),      # narrow no-break space
    ("3,5 %", "3.5%"),
    ("1 000", "1000"),         # grouped thousands
    ("−4", "-4"),              # typographic minus
    ("2k", "2k"),
])
def test_numbers_in_every_written_form(text, canonical):
    assert canonical_value(text) == canonical


@pytest.mark.parametrize("text", ["", "beaucoup", "1.7 trillions", "12B%", "1,2,3", "%"])
def test_non_numbers_are_refused(text):
    with pytest.raises(DataError):
        canonical_value(text)


# -- charts --------------------------------------------------------------------------


@pytest.mark.parametrize(("marker", "kind"), [
    ("[CHART_BAR: T | X : Y | a : 1]", "bar"),
    ("[CHART_PIE: T | X : Y | a : 1]", "pie"),
    ("[CHART_LINE: T | X : Y | a : 1]", "line"),
    ("[CHART_LINE : T | X : Y | a : 1]", "line"),   # space before the colon
    ("[CHART BAR: T | X : Y | a : 1]", "bar"),      # space instead of underscore
    ("[chart_bar: T | X : Y | a : 1]", "bar"),      # lower case
])
def test_chart_marker_kinds_and_spacing(marker, kind):
    pieces, problems = scan_line(marker, 1)
    assert problems == []
    assert only(pieces, Chart).kind == kind


def test_chart_marker_of_the_seed():
    line = "[CHART_BAR: Comparaison des modèles GML | Modèle : Paramètres | GPT-4 : 1.7T, Claude : 175B, Mixtral : 12B]"
    pieces, problems = scan_line(line, 7)
    chart = only(pieces, Chart)
    assert problems == []
    assert chart.title == "Comparaison des modèles GML"
    assert (chart.x_label, chart.y_label) == ("Modèle", "Paramètres")
    assert chart.rows == [("GPT-4", ["1.7T"]), ("Claude", ["175B"]), ("Mixtral", ["12B"])]
    assert (chart.location.line, chart.location.column) == (7, 1)


@pytest.mark.parametrize("headers", ["Année, Nombre de modèles", "Année : Nombre de modèles",
                                     "Année ,Nombre de modèles"])
def test_headers_separated_by_colon_or_comma(headers):
    pieces, problems = scan_line(f"[CHART_LINE : Impact | {headers} | 2017 : 3, 2020 : 50]", 1)
    chart = only(pieces, Chart)
    assert problems == []
    assert chart.headers == ["Année", "Nombre de modèles"]


def test_decimal_commas_and_percentages_do_not_split_items():
    pieces, problems = scan_line("[CHART_PIE: Parts | Approche : Part | Ouvert : 65,5 %, Fermé : 34,5 %]", 1)
    assert problems == []
    assert only(pieces, Chart).rows == [("Ouvert", ["65.5%"]), ("Fermé", ["34.5%"])]


def test_semicolons_separate_items_too():
    pieces, problems = scan_line("[CHART_BAR: T | X : Y | a : 1,5; b : 2]", 1)
    assert problems == []
    assert only(pieces, Chart).rows == [("a", ["1.5"]), ("b", ["2"])]


def test_several_series_in_a_chart():
    pieces, problems = scan_line(
        "[CHART_LINE: Modèles | Année : Ouverts : Fermés | 2022 : 10 : 20, 2023 : 30 : 25]", 1)
    chart = only(pieces, Chart)
    assert problems == []
    assert chart.headers == ["Année", "Ouverts", "Fermés"]
    assert chart.y_label == ""
    assert chart.rows == [("2022", ["10", "20"]), ("2023", ["30", "25"])]


# -- tables ----------------------------------------------------------------------------


def test_table_marker_of_the_seed_keeps_slashes_and_accents():
    line = ("Alors que … dédiée [TABLEAU : Comparaison de l’infrastructure | Type, Ressources nécessaires"
            " | Open Source : Volontaire/Moyen, Proprietary : Élevé/Dédié].")
    pieces, problems = scan_line(line, 3)
    table = only(pieces, Table)
    assert problems == []
    assert table.title == "Comparaison de l’infrastructure"
    assert table.headers == ["Type", "Ressources nécessaires"]
    assert table.rows == [["Open Source", "Volontaire/Moyen"], ["Proprietary", "Élevé/Dédié"]]
    assert table.location.column == line.index("[") + 1


def test_table_with_several_columns_and_commas_inside_cells():
    pieces, problems = scan_line(
        "[TABLEAU: Coûts | Type, Calcul, Accès | Ouvert : partagé, bénévole : libre; Fermé : dédié : API]", 1)
    table = only(pieces, Table)
    assert problems == []
    assert table.rows == [["Ouvert", "partagé, bénévole", "libre"], ["Fermé", "dédié", "API"]]


# -- inline markers ------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["[DONNÉES NÉCESSAIRES]", "[DONNEES NECESSAIRES]",
                                    "[Données nécessaires]", "[DONNÉE NÉCESSAIRE]"])
def test_data_needed_spellings(marker):
    pieces, problems = scan_line(f"un texte humain {marker}.", 1)
    assert problems == []
    assert only(pieces, DataNeeded).description == ""
    assert pieces[-1] == Text(".")


def test_data_needed_with_a_description():
    pieces, _ = scan_line("x [DONNÉES NÉCESSAIRES : part de marché 2024]", 1)
    assert only(pieces, DataNeeded).description == "part de marché 2024"


@pytest.mark.parametrize(("text", "numbers"), [
    ("GPT-4 [2].", [2]),
    ("modernes [2][3].", [2, 3]),
    ("modernes [2] [3].", [2, 3]),
    ("modernes [1, 4].", [1, 4]),
    ("modernes [1–3].", [1, 2, 3]),
])
def test_numeric_citations_single_and_adjacent(text, numbers):
    pieces, problems = scan_line(text, 1)
    assert problems == []
    assert only(pieces, Citation).numbers == numbers


def test_ordinary_brackets_and_escaped_brackets_stay_text():
    pieces, problems = scan_line(r"il a dit [sic] et \[NOTE] puis [Tableau de bord]", 1)
    assert problems == []
    assert pieces == [Text("il a dit [sic] et [NOTE] puis [Tableau de bord]")]


def test_french_typography_is_preserved():
    text = "L’IA « open source » : déjà là ? Oui\u00a0; voilà…"
    pieces, problems = scan_line(text, 1)
    assert problems == [] and pieces == [Text(text)]


# -- located errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "column", "fragment"), [
    ("texte [CHART_BAR: Titre | X : Y]", 7, "3 fields"),
    ("texte [CHART_BAR: Titre | X : Y | a : 1", 7, "not closed"),
    ("[CHART_BAR Titre | X : Y | a : 1]", 1, "':' must follow"),
    ("[CHART_PIE: Titre | X | a : 1]", 21, "headers"),
    ("[CHART_BAR: T | X : Y | a : 1, b : beaucoup]", 36, "not a number"),
    ("[CHART_BAR: T | X : Y | a : 1, b 2]", 29, "not a number"),  # "1, b 2" is one value
    ("[CHART_BAR: T | X : Y | a : 1; b 2]", 32, "'label : value'"),
    ("[TABLEAU : T | A, B | x : y : z]", 23, "3 cells"),
    ("[FIGURE: T | X : Y | a : 1]", 1, "unknown marker"),
    ("[CHART_BAR:  | X : Y | a : 1]", 1, "no title"),
])
def test_malformed_markers_give_located_errors(line, column, fragment):
    pieces, problems = scan_line(line, 5)
    assert len(problems) >= 1
    problem = problems[0]
    assert problem.is_error
    assert (problem.location.line, problem.location.column) == (5, column)
    assert fragment in problem.message
    assert problem.marker.startswith("[")
    assert problem.expected
    assert not any(isinstance(p, (Chart, Table)) for p in pieces)
