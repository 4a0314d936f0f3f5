"""A .bib in the biblatex data model renders complete French entries (and English ones)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin

from helpers import require_tool
from sphinx_publication.citations.plugins import register_styles
from sphinx_publication.citations.bibcheck import read_bibtex
from sphinx_publication.citations.biblatex import resolve_inheritance
from sphinx_publication.citations.dates import format_biblatex_date, parse_date
from sphinx_publication.citations.style import EnglishStyle, FrenchStyle

TESTS = Path(__file__).parent
ROOT = TESTS / "roots" / "test-citations-biblatex"
NBSP = "\u00a0"

# key -> the French text of its entry (white space, no-break spaces included, squashed)
FRENCH = {
    "article-date": "Marie Curie et Pierre Curie. Sur une substance nouvelle radio-active"
    f"{NBSP}: contenue dans la pechblende. Comptes rendus de l’Académie des sciences, "
    "vol. 127, p. 175–178, 18 juillet 1898.",
    "article-yearmonth": "Jeanne Martin. Un article daté d’un mois. Revue des tests, octobre 2006.",
    "article-missing": "Paul Sanspériodique. Un article sans revue. 1er octobre 2006.",
    "conference-range": "Alice Dupont. Des modèles ouverts. Dans Actes du colloque des tests, "
    "p. 1–10. Paris, 1er–5 octobre 2006.",
    "online-urldate": "Bernard Web. Une page en ligne. Billet de blog. Le Blog des tests, "
    "11 décembre 2023. Disponible à l’adresse : https://example.org/billet "
    "(consulté le 1er octobre 2026).",
    "report-inria": "Claire Rapport. Un rapport de recherche. Rapport de recherche RR-1234, "
    "Institut national de recherche en informatique et en automatique, Rocquencourt, mars 2019.",
    "thesis-phd": "Denis Thèse. Une thèse sur les tests. Thèse de doctorat, "
    "Université Paris-Saclay, Orsay, 1er décembre 2021.",
    "thesis-master": "Émile Mémoire. Un mémoire de master. Mémoire de master, Université de Lille, 2020.",
    "mvbook-oeuvres": f"Victor Hugo. Œuvres complètes. 3{NBSP}vol. Éditions des tests, Paris, 1880–1885.",
    "book-volume": "Victor Hugo. Poésie. Vol. 2 de Œuvres complètes. Éditions des tests, Paris, 1882.",
    "inbook-child": "Georges Chapitre. Un chapitre. Dans Fanny Directrice, dir., Un ouvrage collectif, "
    "p. 23–45. Presses des tests, Lyon, 2015.",
    "book-translated": "Hanna Autrice. Un livre traduit. Éditions des tests, Bordeaux, 2010. "
    f"Jules Préfacier, collab.{NBSP}; Ivan Traducteur, trad.",
    "eprint-arxiv": "Karl Prépubli. Une prépublication. 8 janvier 2024. arXiv:2401.04088 [cs.LG].",
    "eprint-hdl": "Léa Handle. Un document archivé. 2012. hdl:10338.dmlcz/123456.",
    "dataset-models": "Epoch AI. Notable AI Models. Jeu de données, version 2.1, Epoch AI, 19 juin 2024. "
    "Disponible à l’adresse : https://example.org/data.",
    "software-sphinx": "Georg Brandl. Sphinx. Logiciel, version 9.0, 2025. "
    "Disponible à l’adresse : https://example.org/sphinx.",
    "set-curie": f"Jeanne Martin. Un article daté d’un mois. Revue des tests, octobre 2006{NBSP}; "
    "Émile Mémoire. Un mémoire de master. Mémoire de master, Université de Lille, 2020.",
}


def squash(text: str) -> str:
    """Collapse runs of white space, no-break spaces included (the writers wrap lines)."""
    return re.sub(r"[ \t\n\u00a0]+", " ", text).strip()


def warnings(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue())


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [
        ("2006", "2006", "2006"),
        ("2006-10", "octobre 2006", "October 2006"),
        ("2006-10-01", "1er octobre 2006", "1 October 2006"),
        ("2006-10-11", "11 octobre 2006", "11 October 2006"),
        ("2006-10-01/2006-10-05", "1er–5 octobre 2006", "1–5 October 2006"),
        ("2006-09-30/2006-10-02", "30 septembre – 2 octobre 2006", "30 September – 2 October 2006"),
        ("2006-12-30/2007-01-01", "30 décembre 2006 – 1er janvier 2007", "30 December 2006 – 1 January 2007"),
        ("2006-09/2006-10", "septembre–octobre 2006", "September–October 2006"),
        ("2006/2008", "2006–2008", "2006–2008"),
        ("2006/", "2006–", "2006–"),
        ("2006/..", "2006–", "2006–"),
        ("vers 1900", "vers 1900", "vers 1900"),
        ("2006-02-30", "2006-02-30", "2006-02-30"),
    ],
)
def test_biblatex_dates_in_french_and_english(value, french, english):
    assert format_biblatex_date(value, "fr") == french
    assert format_biblatex_date(value, "en") == english


def test_unreadable_dates_are_not_dates():
    assert parse_date("2006-13") is None and parse_date("hier") is None and parse_date("2006/x") is None


# -- the model -----------------------------------------------------------------------


def test_crossref_and_xdata_follow_biblatex_inheritance():
    reading = read_bibtex((ROOT / "refs.bib").read_text(encoding="utf-8"))
    entries = reading.data.entries
    assert resolve_inheritance(entries) == []
    chapter = entries["inbook-child"]
    assert chapter.fields["booktitle"] == "Un ouvrage collectif"  # parent's title -> booktitle
    assert chapter.fields["title"] == "Un chapitre"  # the child keeps its own
    assert [str(p) for p in chapter.persons["editor"]] == ["Directrice, Fanny"]
    volume = entries["book-volume"]
    assert volume.fields["maintitle"] == "Œuvres complètes" and volume.fields["title"] == "Poésie"
    assert volume.fields["publisher"] == "Éditions des tests"
    assert entries["book-translated"].fields["location"] == "Bordeaux"  # from its xdata
    assert entries["report-inria"].fields["institution"].startswith("Institut national")  # @string


def test_a_crossref_to_nothing_is_reported():
    reading = read_bibtex("@inbook{orphan,\n  title = {Seul},\n  crossref = {absent},\n}\n")
    problems = resolve_inheritance(reading.data.entries)
    assert [(p.key, p.params["field"], p.params["target"]) for p in problems] == [("orphan", "crossref", "absent")]


def test_missing_fields_are_named_and_the_entry_keeps_what_it_has():
    entry = Entry("article", fields={"title": "Sans revue", "date": "2006"}, persons={"author": [Person("Ann Ho")]})
    entry.key = "k"
    style = FrenchStyle()
    assert style.missing_fields(entry) == ["journal"]
    text = style.format_entry("1", entry).text.render_as("text")
    assert text == "Ann Ho. Sans revue. 2006."
    assert "missing" not in text


def test_english_style_keeps_english_words():
    reading = read_bibtex((ROOT / "refs.bib").read_text(encoding="utf-8"))
    resolve_inheritance(reading.data.entries)
    style = EnglishStyle()
    text = style.format_entry("1", reading.data.entries["thesis-phd"]).text.render_as("text")
    assert text == "Denis Thèse. Une thèse sur les tests. PhD thesis, Université Paris-Saclay, Orsay, 1 December 2021."
    text = style.format_entry("1", reading.data.entries["inbook-child"]).text.render_as("text")
    assert "In Fanny Directrice, director, Un ouvrage collectif, pages 23–45." in text


def test_classic_bibtex_entries_render_exactly_as_before():
    """The publication's own BibTeX entries (a copy of refs.bib): byte-identical HTML."""
    register_styles()
    reading = read_bibtex((TESTS / "data" / "bibtex-classic.bib").read_text(encoding="utf-8"))
    html = find_plugin("pybtex.backends", "html")()
    lines = []
    for language in ("fr", "en"):
        style = find_plugin("pybtex.style.formatting", f"publication-{language}")()
        for key, entry in reading.data.entries.items():
            lines.append(f"{language} {key} {style.format_entry('1', entry).text.render(html)}")
    expected = (TESTS / "data" / "bibtex-classic.expected.html").read_text(encoding="utf-8")
    assert "\n".join(lines) + "\n" == expected


# -- built documents ----------------------------------------------------------------------


def test_html_bibliography_has_every_entry_complete_in_french(build_root):
    app = build_root("citations-biblatex", "html")
    page = BeautifulSoup((Path(app.outdir) / "bibliographie.html").read_text(encoding="utf-8"), "html.parser")
    for key, expected in FRENCH.items():
        entry = page.find(id=f"cite-{key}")
        assert entry is not None, key
        assert squash(entry.p.get_text()) == squash(expected), key
    # no-break spaces where French typography wants them
    assert f"radio-active{NBSP}: contenue" in page.find(id="cite-article-date").p.get_text()
    assert f"octobre 2006{NBSP}; Émile" in page.find(id="cite-set-curie").p.get_text()
    arxiv = page.find(id="cite-eprint-arxiv").find("a", href="https://arxiv.org/abs/2401.04088")
    assert arxiv is not None and arxiv.get_text() == "arXiv:2401.04088 [cs.LG]"
    assert page.find(id="cite-eprint-hdl").find("a", href="https://hdl.handle.net/10338.dmlcz/123456")
    assert "missing journal" not in page.get_text()


def test_year_citations_read_the_date(build_root):
    app = build_root("citations-biblatex", "html")
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = next(p for p in page.find_all("p") if p.get_text().startswith("Par année"))
    assert squash(paragraph.get_text()) == "Par année : 1898, 1880–1885."


def test_one_warning_at_the_entry_line_names_the_missing_field(build_root):
    app = build_root("citations-biblatex", "html")
    log = warnings(app)
    located = re.findall(r"refs\.bib:(\d+): WARNING: ([^\n]*)", log)
    assert located == [
        ("23", "l’entrée 'article-missing' n’a pas de champ journaltitle (journal) ; "
         "elle est imprimée sans : ajoutez le champ pour la compléter [sphinx_publication.citations]")
    ]
    assert "bibliographie.md" not in log and "missing journal" not in log
    assert log.count("WARNING") == 1


def test_latex_bibliography_in_french(build_root):
    app = build_root("citations-biblatex", "latex")
    tex = (Path(app.outdir) / "biblatex.tex").read_text(encoding="utf-8")
    for expected in (
        r"Des modèles ouverts. Dans \sphinxstyleemphasis{Actes du colloque des tests}, p. 1–10. "
        r"Paris, 1er–5 octobre 2006.",
        r"Denis Thèse. \sphinxstyleemphasis{Une thèse sur les tests}. Thèse de doctorat, "
        r"Université Paris\sphinxhyphen{}Saclay, Orsay, 1er décembre 2021.",
        r"(consulté le 1er octobre 2026)",
        "Jeu de données, version 2.1",
        r"\sphinxhref{https://arxiv.org/abs/2401.04088}{arXiv:2401.04088 {[}cs.LG{]}}",
    ):
        assert expected in squash(tex), expected
    assert "missing journal" not in tex


@pytest.mark.latex
def test_latex_bibliography_compiles(build_root):
    require_tool("latexmk")
    require_tool("xelatex")
    app = build_root("citations-biblatex", "latex")
    subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "biblatex.tex"],
        cwd=app.outdir,
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert (Path(app.outdir) / "biblatex.pdf").stat().st_size > 0


def test_english_build_keeps_english(build_root):
    app = build_root("citations-biblatex", "text", confoverrides={"language": "en"})
    text = squash((Path(app.outdir) / "bibliographie.txt").read_text(encoding="utf-8"))
    assert "Alice Dupont. Des modèles ouverts. In *Actes du colloque des tests*, pages 1–10. Paris, 1–5 October 2006." in text
    assert "3 vols." in text and "Dataset, version 2.1" in text
