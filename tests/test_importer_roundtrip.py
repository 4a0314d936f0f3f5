"""Round trip through Sphinx: imported pages build into the same article as the publication.

The seed is imported and built with the text builder next to a build of the
hand-made docs/; both doctrees are reduced to headings, sentences (role output
such as citations and data markers left out), chart data and table cells.
A generated draft with several charts per section checks the chart path too.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.application import Sphinx

from sphinx_publication.importer.citations import load_mapping
from sphinx_publication.importer.pipeline import import_draft

# -- Building and digesting ----------------------------------------------------------

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TESTS_DIR.parent

# Paragraphs count as article prose only when every ancestor is one of these:
# editorial notes, figures, tables, `only` blocks and toctrees are extras.
_PROSE_CONTAINERS = (nodes.document, nodes.section, nodes.bullet_list, nodes.list_item)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«0-9])")


def imported_pages(pages: dict[str, str]):
    """An ``edit=`` for ``build_root``/``build_once("importer-build")``: the imported
    pages and the real refs.bib."""

    def edit(srcdir: Path) -> None:
        shutil.copy(PROJECT_DIR / "refs.bib", srcdir / "refs.bib")
        for name, text in pages.items():
            (srcdir / name).write_text(text, encoding="utf-8")

    return edit


def article_docnames(app: Sphinx) -> list[str]:
    """The landing page, then the entries of its "Sommaire" table of contents."""
    root = app.config.root_doc
    doctree = app.env.get_doctree(root)
    for toctree in doctree.findall(lambda n: n.tagname == "toctree"):
        if toctree.get("caption") == "Sommaire":
            return [root, *(docname for _title, docname in toctree["entries"])]
    return [root]


def prose_sequence(app: Sphinx) -> list[tuple[str, str]]:
    """("heading", text) and ("sentence", text) in reading order, roles left out."""
    sequence: list[tuple[str, str]] = []
    for docname in article_docnames(app):
        doctree = app.env.get_doctree(docname)
        for node in doctree.findall(lambda n: isinstance(n, (nodes.title, nodes.paragraph))):
            if not _in_prose(node):
                continue
            if isinstance(node, nodes.title):
                sequence.append(("heading", _normalise(node.astext())))
            else:
                sequence += [("sentence", s) for s in _sentences(_own_text(node)) if s]
    return sequence


def chart_digests(app: Sphinx) -> list[tuple]:
    """Kind, title, axis labels, category labels and values of every chart, in order."""
    digests = []
    for docname in article_docnames(app):
        for node in app.env.get_doctree(docname).findall(lambda n: n.tagname == "chart_node"):
            chart = node["chart"]
            digests.append((
                chart.kind, chart.title, chart.x_label, chart.y_label, list(chart.labels),
                [[(value.number, value.percent) for value in series.values] for series in chart.series],
            ))
    return digests


def table_digests(app: Sphinx) -> list[list[list[str]]]:
    """Cell texts of every table, in order."""
    tables = []
    for docname in article_docnames(app):
        for table in app.env.get_doctree(docname).findall(nodes.table):
            tables.append([[entry.astext() for entry in row.findall(nodes.entry)]
                           for row in table.findall(nodes.row)])
    return tables


def _in_prose(node: nodes.Node) -> bool:
    parent = node.parent
    if isinstance(node, nodes.title) and not isinstance(parent, nodes.section):
        return False
    while parent is not None:
        if not isinstance(parent, _PROSE_CONTAINERS):
            return False
        parent = parent.parent
    return True


def _own_text(paragraph: nodes.paragraph) -> str:
    """The paragraph's own words: text and emphasis, not role output (citations, markers)."""
    parts = []
    for child in paragraph.children:
        if isinstance(child, nodes.Text):
            parts.append(str(child))
        elif isinstance(child, (nodes.emphasis, nodes.strong, nodes.literal)):
            parts.append(child.astext())
    return "".join(parts)


def _normalise(text: str) -> str:
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()
    return re.sub(r" ([.,…)])", r"\1", text)


def _sentences(text: str) -> list[str]:
    return [_normalise(s) for s in _SENTENCE_END_RE.split(_normalise(text))]


# -- The seed against the publication ------------------------------------------------

DATA = TESTS_DIR / "data"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def imported(build_once):
    text = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    result = import_draft(text, load_mapping(DATA / "seed-citations.toml"))
    assert result.errors == []
    app = build_once("importer-build", "text", edit=imported_pages(result.pages), freshenv=True)
    return app, app.warning.getvalue()


@pytest.fixture(scope="module")
def publication(imported, build_once, tmp_path_factory):
    app = build_once("publication", "text", srcdir=PROJECT_DIR,
                     builddir=tmp_path_factory.mktemp("publication"), freshenv=True)
    return app, app.warning.getvalue()


def test_same_headings_and_sentences_in_the_same_order(imported, publication):
    imported_prose = prose_sequence(imported[0])
    assert len(imported_prose) > 60
    assert imported_prose == prose_sequence(publication[0])


def test_same_chart_data(imported, publication):
    charts = chart_digests(imported[0])
    assert [c[0] for c in charts] == ["bar", "pie", "line", "bar"]
    assert charts == chart_digests(publication[0])


def test_same_table(imported, publication):
    tables = table_digests(imported[0])
    assert tables == [[["Type", "Ressources nécessaires"], ["Open Source", "Volontaire/Moyen"],
                       ["Proprietary", "Élevé/Dédié"]]]
    assert tables == table_digests(publication[0])


def test_imported_pages_build_without_warnings(imported):
    assert [line for line in imported[1].splitlines() if not _registered_twice(line)] == []


# -- A generated draft with several charts per section ----------------------------------

GENERATED_CHARTS = {
    # section -> (marker, expected digest: kind, title, x, y, labels, [[(number, percent)]])
    "Marchés": [
        ("[CHART_BAR: Ventes | Région : Unités | Nord : 1,5k, Sud : 2 000, Est : 0,25]",
         ("bar", "Ventes", "Région", "Unités", ["Nord", "Sud", "Est"],
          [[(Decimal("1500"), False), (Decimal("2000"), False), (Decimal("0.25"), False)]])),
        ("[CHART_PIE : Parts | Acteur, Part | Ouverts : 65,5 %, Fermés : 34,5 %]",
         ("pie", "Parts", "Acteur", "Part", ["Ouverts", "Fermés"],
          [[(Decimal("65.5"), True), (Decimal("34.5"), True)]])),
    ],
    "Tendances": [
        ("[CHART_LINE: Modèles publiés | Année : Ouverts : Fermés | 2021 : 10 : 20; 2022 : 30 : 25;"
         " 2023 : 60 : 40]",
         ("line", "Modèles publiés", "Année", "", ["2021", "2022", "2023"],
          [[(Decimal(10), False), (Decimal(30), False), (Decimal(60), False)],
           [(Decimal(20), False), (Decimal(25), False), (Decimal(40), False)]])),
        ("[CHART_BAR: Paramètres | Modèle : Taille | A : 1.7T, B : 175B, C : 12 Md]",
         ("bar", "Paramètres", "Modèle", "Taille", ["A", "B", "C"],
          [[(Decimal("1.7E+12"), False), (Decimal("1.75E+11"), False), (Decimal("1.2E+10"), False)]])),
        ("[CHART_BAR: Ventes | Région : Unités | Ouest : 3]",  # same title: a second, distinct label
         ("bar", "Ventes", "Région", "Unités", ["Ouest"], [[(Decimal(3), False)]])),
    ],
}


def generated_draft() -> str:
    lines = ["Un article généré", "Auteur Anonyme", "Un chapeau qui présente l’article.",
             "Économie", "Marchés"]
    for section, charts in GENERATED_CHARTS.items():
        if section != "Marchés":
            lines.append(section)
        lines.append(f"Le texte de la section {section.lower()} cite une source [1][2].")
        lines += [marker for marker, _digest in charts]
        lines.append("Une phrase qui porte un tableau [TABLEAU : Coûts | Type, Calcul, Accès |"
                     " Ouvert : partagé : libre, Fermé : dédié : API/licence].")
    lines += ["Conclusion", "Une fin.", "Nombre de mots : 99"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def generated(publication, build_once):
    result = import_draft(generated_draft())
    assert result.errors == []
    app = build_once("importer-build", "text", edit=imported_pages(result.pages), freshenv=True)
    return result, app, app.warning.getvalue()


def test_generated_draft_keeps_every_chart_of_every_section(generated):
    result, app, _warnings = generated
    (part, _conclusion) = result.document.parts
    assert [s.title for s in part.sections] == ["Marchés", "Tendances"]
    expected = [digest for charts in GENERATED_CHARTS.values() for _marker, digest in charts]
    assert chart_digests(app) == expected
    assert len(table_digests(app)) == 2
    assert table_digests(app)[0][1:] == [["Ouvert", "partagé", "libre"], ["Fermé", "dédié", "API/licence"]]


def test_generated_draft_reports_only_its_placeholder_citations(generated):
    _result, _app, warnings = generated
    reported = sorted(set(re.findall(r"could not find bibtex key \"?([\w-]+)", warnings)))
    assert reported == ["ref-1", "ref-2"]
    other = [line for line in warnings.splitlines()
             if line.strip() and "bibtex key" not in line and not _registered_twice(line)]
    assert other == []


def _registered_twice(line: str) -> bool:
    """Set-up noise of several Sphinx apps alive in one test process, not a page problem."""
    return "already registered" in line


# -- Regression: headers holding commas ------------------------------------------------------


def test_table_with_commas_in_headers_imports_and_builds(build_root):
    """Headers joined with ', ' imported cleanly, then the build found too many columns."""
    draft = ("Coûts\n\nAuteur\n\nUn chapeau.\n\n# Partie\n\n"
             "[TABLEAU : Coûts | Type : Ressources (GPU, TPU) | "
             "Open Source : Volontaire (GPU, TPU) ; Propriétaire : Interne]\n")
    result = import_draft(draft)
    assert result.errors == []
    app = build_root("importer-build", "text", edit=imported_pages(result.pages), freshenv=True)
    warnings = app.warning.getvalue()
    assert [line for line in warnings.splitlines() if not _registered_twice(line)] == []
    assert table_digests(app) == [[["Type", "Ressources (GPU, TPU)"],
                                   ["Open Source", "Volontaire (GPU, TPU)"],
                                   ["Propriétaire", "Interne"]]]
