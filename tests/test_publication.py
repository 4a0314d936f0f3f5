"""The publication itself: faithful to the article, clean in every builder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from helpers import publication_pdf_name

# A verbatim copy of the draft the publication was made from.
JOB = publication_pdf_name().removesuffix(".pdf")  # the LaTeX job
SEED = Path(__file__).resolve().parent / "data" / "seed-article.txt"
ARTICLE_PAGES = [
    "index",
    "montee-des-grands-modeles",
    "comprendre-ia-open-source",
    "mistral-ai",
    "consequences",
    "arguments-open-source",
    "contre-arguments",
    "terrain-intermediaire",
    "avenir",
    "conclusion",
]
# Markers of the draft that must never reach a reader.
RAW_MARKERS = re.compile(
    r"\[CHART_|\[TABLEAU|DONNÉES NÉCESSAIRES|\{cite:[a-z]+\}|\{data-needed\}"
    r"|\{word-count\}|\{review-note\}|```|Comments are coming soon"
)

pytestmark = pytest.mark.slow


def _article_lines() -> list[str]:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    body = []
    for line in lines:
        if line.startswith("💬"):
            break  # website chrome, not article content
        if line and not line.startswith(("[CHART_", "Nombre de mots")):
            body.append(line)
    return body


def _normalise(text: str) -> str:
    """Compare prose only: no bracketed markers or labels, one space, NFC."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"(?<=\w)-\n\s*(?=\w)", "-", text)  # the text builder wraps at hyphens
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"^\s*[-*•]\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    text = re.sub(r" ([.,;:!?)])", r"\1", text)
    return text.strip()


def _sentences(line: str) -> list[str]:
    """Split a paragraph of the draft into sentences (the unit compared)."""
    line = re.sub(r"\[TABLEAU[^\]]*\]", "", line)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Ý])", _normalise(line))
    return [p.strip() for p in parts if p.strip()]


@pytest.fixture(scope="module")
def built(build_once, project_dir, tmp_path_factory):
    """Build the real publication once per builder; return (app, warnings)."""
    results = {}

    def build(buildername: str):
        if buildername not in results:
            app = build_once("publication", buildername, srcdir=project_dir,
                             builddir=tmp_path_factory.mktemp(buildername), freshenv=True)
            results[buildername] = (app, app.warning.getvalue())
        return results[buildername]

    return build


def _text_of_article(app) -> str:
    outdir = Path(app.outdir)
    return "\n".join(
        (outdir / "docs" / f"{page}.txt").read_text(encoding="utf-8") for page in ARTICLE_PAGES
    )


def test_every_sentence_and_heading_in_order(built):
    app, _ = built("text")
    text = _normalise(_text_of_article(app))
    position = 0
    for line in _article_lines():
        for sentence in _sentences(line):
            found = text.find(sentence, position)
            assert found >= 0, f"missing or out of order: {sentence!r}"
            position = found + len(sentence)


def test_word_count_is_computed_not_the_drafts(built):
    app, _ = built("text")
    conclusion = (Path(app.outdir) / "docs" / "conclusion.txt").read_text(encoding="utf-8")
    match = re.search(r"Nombre de mots\s*:\s*([\d\s\u00a0\u202f]+)", conclusion)
    assert match, conclusion[-300:]
    count = int(re.sub(r"\D", "", match.group(1)))
    assert count != 5000
    assert 900 <= count <= 1200


def test_charts_and_table_titles_present(built):
    app, _ = built("text")
    text = _normalise(_text_of_article(app))
    for title in (
        "Comparaison des modèles GML",
        "Open Source vs Proprietary AI",
        "Impact de l’open source sur l’innovation LLM",
        "Tendances d’adoption de l’IA",
        "Comparaison de l’infrastructure",
    ):
        assert title in text
    for label in ("GPT-4", "Claude", "Mixtral", "Santé", "Éducation", "Gouvernement",
                  "Volontaire/Moyen", "Élevé/Dédié", "2017", "2020", "2023"):
        assert label in text


@pytest.mark.parametrize("buildername", ["html", "latex", "epub", "text"])
def test_builds_without_warnings(built, buildername):
    _, warnings = built(buildername)
    assert warnings.strip() == ""


@pytest.mark.parametrize("buildername", ["html", "latex", "text"])
def test_no_raw_marker_in_output(built, buildername):
    app, _ = built(buildername)
    suffix = {"html": ".html", "latex": ".tex", "text": ".txt"}[buildername]
    for path in Path(app.outdir).rglob(f"*{suffix}"):
        if "auteurs" in path.parts:
            continue  # the authors' guide shows the draft's markers on purpose
        content = path.read_text(encoding="utf-8")
        assert not RAW_MARKERS.search(content), f"{path.name}: {RAW_MARKERS.search(content)}"


def test_html_has_french_typography_and_chrome(built):
    app, _ = built("html")
    page = (Path(app.outdir) / "docs" / "contre-arguments.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="fr"', page)
    assert "<h1>Contrearguments\u00a0: La valeur des grands modèles" in page
    # titles outside the body too: <title> and the navigation
    assert "<title>Contrearguments\u00a0: La valeur" in page
    assert "grands modèles contre open source\u202f?</a>" in page
    assert "Aller au contenu" in page and "Télécharger le PDF" in page
    assert 'aria-label="Afficher ou masquer la navigation"' in page
    assert "<title>Mode sombre</title>" in page
    assert "Toggle" not in page
    assert 'property="og:title"' in page
    assert "cdn." not in page and "https://fonts." not in page


def test_site_root_forwards_to_the_article(built):
    app, _ = built("html")
    root = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'url=docs/index.html' in root


def test_latex_is_one_article(built):
    app, _ = built("latex")
    tex = (Path(app.outdir) / f"{JOB}.tex").read_text(encoding="utf-8")
    assert r"\author{Maria Rodriguez}" in tex
    assert r"\usepackage[french]{babel}" in tex
    assert "a4paper" in tex
    sections = re.findall(r"\\section\{([^}]*)\}", tex)
    assert sections[0] == "La montée des grands modèles linguistiques"
    # one bibliography at the end, without an empty section of its own
    assert r"\section{Bibliographie}" not in tex
    assert tex.count(r"\begin{sphinxthebibliography}") == 1
    # Reviewer pages are HTML-only; the review PDF ends with the editorial
    # report instead (after the bibliography), which a release leaves out.
    assert "Format des brouillons" not in tex
    assert sections[-1] == "État éditorial"
    assert tex.index(r"\section{État éditorial}") > tex.index(r"\end{sphinxthebibliography}")


def test_editorial_report_sees_the_real_charts(built):
    """Figures and editorial layers together: the report lists exactly the
    article's charts and table that have no source."""
    app, _ = built("text")
    report = " ".join((Path(app.outdir) / "docs" / "etat-editorial.txt").read_text(encoding="utf-8").split())
    assert "Données nécessaires (8)" in report
    assert "Figures et tableaux sans source (3)" in report
    sourceless = report.split("Figures et tableaux sans source (3)", 1)[1]
    for title in ("Comparaison de l’infrastructure", "Impact de l’open source sur l’innovation LLM",
                  "Tendances d’adoption de l’IA"):
        assert title in sourceless
    assert "Comparaison des modèles GML" not in sourceless.split("Références")[0]


def test_singlehtml_ids_are_unique(built):
    """singlehtml joins every page: generated ids (charts, markers, notes) must not collide."""
    app, warnings = built("singlehtml")
    assert warnings.strip() == ""
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")  # the book at the root
    ids = re.findall(r'\sid="([^"]+)"', page)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates
    assert page.count("<svg") >= 4


ARTICLE_HEADINGS = [
    "La montée des grands modèles linguistiques", "Comprendre l’IA open source",
    "Mistral AI et leurs grands modèles", "Conséquences pour l’écosystème open source",
    "Accessibilité et diversité", "Formation des modèles et disponibilité des ressources",
    "Licences et préoccupations relatives aux droits d’auteur",
    "L’argument en faveur de l’open source dans l’IA", "Collaboration et innovation",
    "Transparence et responsabilité", "Considérations éthiques",
    "Contrearguments : La valeur des grands modèles", "Efficacité et performance",
    "Normalisation et interopérabilité", "Applications commerciales",
    "Naviguer dans un terrain intermédiaire", "Open source partiel",
    "Licences et collaboration sur les modèles", "Équilibrer l’innovation et l’accessibilité",
    "L’avenir de l’IA : grands modèles contre open source ?",
    "Tendances émergentes dans les deux domaines", "Prédictions pour la décennie à venir",
    "Chemins potentiels à suivre", "Conclusion", "Bibliographie",
]


@pytest.mark.latex
def test_pdf_holds_every_heading_in_order(built):
    """The PDF through latexmk/xelatex: every heading, in order; links resolve."""
    import subprocess

    from helpers import require_tool

    require_tool("latexmk")
    require_tool("pdftotext", "poppler-utils")
    app, _ = built("latex")
    outdir = Path(app.outdir)
    subprocess.run(
        ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-",
         "-interaction=nonstopmode", JOB + ".tex"],
        cwd=outdir, capture_output=True, check=False,
    )
    pdf = outdir / f"{JOB}.pdf"
    assert pdf.exists(), (outdir / f"{JOB}.log").read_text(errors="replace")[-2000:]
    log = (outdir / f"{JOB}.log").read_text(errors="replace")
    assert "has been referenced but does not exist" not in log
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # The PDF's French spaces and line breaks compare as the text builder's do;
    # an ASCII apostrophe is the typographic one without its glyph mapping.
    flat = _normalise(text.replace("'", "’"))
    position = 0
    for heading in ARTICLE_HEADINGS:
        pattern = re.escape(_normalise(heading)).replace(r"\ ", r"\s*")
        match = re.compile(pattern).search(flat, position)
        assert match, f"heading missing or out of order in the PDF: {heading}"
        position = match.end()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Maria Rodriguez" in info and "Les grands modèles contre l’open source" in info
