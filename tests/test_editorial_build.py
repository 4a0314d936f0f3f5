"""The editorial layer in real builds: html, latex, text, fallback, report, modes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import require_tool

NBSP = "\u00a0"


def read(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def warnings(app) -> str:
    return app._warning.getvalue()


def status(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app._status.getvalue())


# -- each role and directive, per builder ------------------------------------------------


def test_html_markers_and_notes(build_root):
    app = build_root("editorial-basic", "html")
    un = read(app, "un.html")
    mark = re.search(r'<mark class="editorial-data-needed" id="data-needed-un-1">(.*?)</mark>', un, re.S)
    assert mark, un
    assert f"Données nécessaires{NBSP}: " in mark.group(1)
    assert "chiffre sourcé" in mark.group(1)
    note = re.search(r"<aside[^>]*review-note-un-1[^>]*>(.*?)</aside>", un, re.S)
    assert note
    assert 'role="note"' in note.group(0) and 'aria-labelledby="review-note-un-1-title"' in note.group(0)
    assert "editorial-status-wrong" in note.group(0) and "editorial-blocking" in note.group(0)
    assert '<span class="editorial-status">erroné</span>' in note.group(1)
    assert "Mixtral = 12B" in note.group(1)
    assert "bibtex-citation" in note.group(1)  # the note's {cite:p} is resolved
    deux = read(app, "deux.html")
    assert re.search(r'<aside aria-labelledby="data-needed-deux-1-title" class="editorial-data-needed-block"', deux)
    confirmed = re.search(r"<aside[^>]*review-note-deux-1[^>]*>", deux).group(0)
    assert "editorial-status-confirmed" in confirmed and "editorial-blocking" not in confirmed
    assert "sphinx-publication-editorial.css" in un
    assert (Path(app.outdir) / "_static" / "sphinx-publication-editorial.css").is_file()


def test_latex_markers_and_notes(build_root):
    app = build_root("editorial-basic", "latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\label{\detokenize{un:data-needed-un-1}}" in tex
    assert re.search(r"\\color\[HTML\]\{9A3412\}\\textbf\{\[Données nécessaires~: \}\\textit\{chiffre sourcé\}\\textbf\{\]\}", tex)
    assert r"\begin{sphinxadmonition}{warning}{Note de vérification" in tex
    assert "erroné — Mixtral = 12B}" in tex
    assert r"\begin{sphinxadmonition}{note}{Note de vérification" in tex  # confirmed: not a warning box
    assert tex.count(r"\begin{sphinxadmonition}") == tex.count(r"\end{sphinxadmonition}") == 4


def test_text_markers_and_notes(build_root):
    app = build_root("editorial-basic", "text")
    un = read(app, "un.txt")
    assert f"[Données\nnécessaires{NBSP}: chiffre sourcé]" in un or f"[Données nécessaires{NBSP}: chiffre sourcé]" in un
    assert f"[Note de vérification{NBSP}: erroné — Mixtral = 12B]" in un
    deux = read(app, "deux.txt")
    assert "[Données nécessaires]\n\n  Un tableau des coûts d’entraînement." in deux


def test_unknown_builder_gets_plain_nodes_with_the_same_text(build_root):
    app = build_root("editorial-basic", "man")
    page = next(Path(app.outdir).rglob("*.1")).read_text(encoding="utf-8")
    assert "Données nécessaires" in page and "chiffre sourcé" in page
    assert "Note de vérification" in page and "Chiffre rapporté par la presse." in page


def test_strings_follow_the_document_language(build_root):
    app = build_root("editorial-basic", "html", confoverrides={"language": "en"})
    un = read(app, "un.html")
    assert "Data needed: " in un and '<span class="editorial-status">wrong</span>' in un
    assert "Editorial: 2 data-needed markers, 3 review notes" in status(app)
    assert "Number of words" not in un  # the author's own text is not translated
    assert re.search(r'editorial-word-count">26<', read(app, "deux.html"))


# -- the report, the summary line and the word count --------------------------------------


def report_section(html: str, heading: str) -> str:
    start = html.index(heading)
    end = html.find('<p class="rubric">', start + 1)
    return html[start : end if end != -1 else None]


def test_report_lists_everything_grouped_by_page_with_links(build_root):
    app = build_root("editorial-basic", "html")
    etat = read(app, "etat.html")
    assert (
        "Éditorial : 2 données nécessaires, 3 notes de vérification, "
        "1 figure ou tableau sans source, 1 référence sans DOI ni URL"
    ) in etat
    markers = report_section(etat, "Données nécessaires (2)")
    assert markers.index('href="un.html"') < markers.index('href="deux.html"')  # toctree order
    assert '<a class="reference internal" href="un.html#data-needed-un-1">chiffre sourcé</a>' in markers
    assert 'href="deux.html#data-needed-deux-1">Un tableau des coûts d’entraînement.</a>' in markers
    notes = report_section(etat, "Notes de vérification (3)")
    assert notes.index("Erroné (1)") < notes.index("Rumeur (1)") < notes.index("Confirmé (1)")
    assert 'href="un.html#review-note-un-1">Mixtral = 12B</a>' in notes
    figures = report_section(etat, "Figures et tableaux sans source (1)")
    assert 'href="un.html#fig-sans-source">Graphique sans source</a>' in figures
    assert "Graphique sourcé" not in figures
    references = report_section(etat, "Références sans DOI ni URL (1)")
    assert "unlinked — An Unlinked Book" in references and 'href="biblio.html#' in references
    assert "linked — A Linked Work" not in references
    assert "Éditorial : 2 données nécessaires, 3 notes de vérification" in status(app)


def test_word_count_of_a_known_text(build_root):
    # index: "Titre de l’article" + "Un deux trois quatre cinq." (the byline is left out) = 8
    # un: "Première partie" + "Le modèle compte douze milliards de paramètres" = 9
    #     (citation, marker, note and both charts left out)
    # deux: "Deuxième partie" + "Phrase avec une l’IA et GPT-4 : fin." = 9
    #     (the block marker, the notes and the "Nombre de mots" line left out)
    # biblio (bibliography), etat (report) and auteurs/* (word_count_exclude) do not count.
    app = build_root("editorial-basic", "html")
    assert "Nombre de mots : <span class=\"editorial-word-count\">26</span> (hors références)" in read(app, "deux.html")


# -- bad input ----------------------------------------------------------------------------------


def test_bad_input_gives_located_warnings_and_the_page_still_builds(build_root):
    app = build_root("editorial-warnings", "html")
    out = warnings(app)
    assert re.search(r"index\.md:5: WARNING: statut de review-note 'peut-être' inconnu ; utilisez l’un de wrong, .*confirmed \(pris comme 'to-verify'\) \[sphinx_publication\.editorial\]", out), out
    assert re.search(r"index\.md:11: WARNING: review-note sans :status:", out)
    assert re.search(r"index\.md:15: WARNING: review-note sans texte", out)
    assert re.search(r"index\.md:19: WARNING: word-count : document 'docs/inexistant' inconnu", out)
    html = read(app, "index.html")
    assert "Avant." in html and "Après." in html and "Statut inconnu." in html
    assert "editorial-status-to-verify" in html


def test_warnings_can_be_suppressed(build_root):
    app = build_root("editorial-warnings", "html", confoverrides={"suppress_warnings": ["sphinx_publication.editorial"]})
    # The unknown status still fell back to 'to-verify'; only the warnings are silenced.
    assert "editorial-status-to-verify" in read(app, "index.html")
    assert "WARNING" not in warnings(app)


# -- parallel and incremental builds --------------------------------------------------------------


def test_parallel_report_matches_serial(build_root):
    app = build_root("editorial-basic", "html")
    serial = read(app, "etat.html")
    parallel_app = build_root("editorial-basic", "html", parallel=2)
    # Chunks ("a .. b") show that reading and writing really ran in worker processes.
    assert re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+", status(parallel_app))
    assert re.search(r"writing output\.\.\. \[ *\d+%\] \S+ \.\. \S+", status(parallel_app))
    assert read(parallel_app, "etat.html") == serial
    assert read(parallel_app, "deux.html") == read(app, "deux.html")


def test_incremental_build_after_removing_a_marker(build_root):
    app = build_root("editorial-basic", "html")
    assert "Données nécessaires (2)" in read(app, "etat.html")
    un = Path(app.srcdir, "un.md")
    un.write_text(
        un.read_text(encoding="utf-8").replace(" {data-needed}`chiffre sourcé`", " selon Mistral"),
        encoding="utf-8",
    )
    # incremental: only un.md changed
    again = build_root("editorial-basic", "html", srcdir=app.srcdir, parallel=2)
    log = status(again)
    # only un.md is read again; the pages holding the report and the word count,
    # drawn when writing, are written again without being re-read.
    assert "0 added, 1 changed, 0 removed" in log
    assert "] deux" not in log.split("writing output")[0] and "] index" not in log
    etat = read(again, "etat.html")
    assert "Données nécessaires (1)" in etat and "chiffre sourcé" not in etat
    assert "Éditorial : 1 donnée nécessaire," in status(again)
    # "selon Mistral" adds two words to the article; the page holding the count is rewritten.
    assert 'editorial-word-count">28<' in read(again, "deux.html")


# -- review and release modes ----------------------------------------------------------------------


def test_release_fails_with_located_errors_and_hides_everything(build_root):
    app = build_root("editorial-basic", "html", confoverrides={"editorial_mode": "release"})
    assert app.statuscode == 1
    out = warnings(app)
    assert re.search(r"un\.md:3: ERROR: donnée nécessaire non résolue : chiffre sourcé", out), out
    assert re.search(r"un\.md:5: ERROR: note de vérification bloquant la publication \(erroné\) : Mixtral = 12B", out)
    assert re.search(r"deux\.md:\d+: ERROR: note de vérification bloquant la publication \(rumeur\)", out)
    assert "(confirmé)" not in out  # a confirmed note does not block
    assert "ERROR: 4 éléments éditoriaux doivent être résolus avant publication" in out
    assert "toctree contains reference to excluded document" not in out
    un = read(app, "un.html")
    assert "editorial-" not in un.split("<body")[1].replace("sphinx-publication-editorial.css", "")
    # The marker is gone and so is the space it left before the full stop.
    assert re.search(r"paramètres <span[^>]*>\[<a [^>]*>Doe24</a>\]</span>\.</p>", un), un
    assert "</span> ." not in un
    assert "Mixtral 8x7B" not in un
    assert not (Path(app.outdir) / "etat.html").exists()
    assert 'editorial-word-count">26<' in read(app, "deux.html")


def test_release_passes_once_everything_is_resolved(build_root):
    app = build_root("editorial-resolved", "html", confoverrides={"editorial_mode": "release"})
    assert app.statuscode == 0
    assert "ERROR" not in warnings(app)
    assert "Chiffre vérifié." not in read(app, "index.html")
    assert not (Path(app.outdir) / "etat.html").exists()


def test_a_release_leaves_out_what_notes_hold(build_root):
    """A chart, a label and a citation inside a review note: in review they are
    there; in a release the note is left out as the page is read, so the next
    chart is figure 1, the label is unknown where it is referenced (no link to
    nowhere) and the note's source leaves the bibliography."""
    review = build_root("editorial-release-scope", "html")
    assert "Fig. 2" in read(review, "suite.html")
    assert 'href="index.html#dans-la-note"' in read(review, "suite.html")
    assert "Un livre cité dans la note" in read(review, "suite.html")

    release = build_root("editorial-release-scope", "html", confoverrides={"editorial_mode": "release"})
    index, suite = read(release, "index.html"), read(release, "suite.html")
    assert "Cette note cite" not in index and "Graphique provisoire" not in index
    assert re.search(r"Fig\.(&#160;|\s)1", suite) and "Fig. 2" not in suite
    assert re.search(r"Fig\.(&#160;|\s)1", index)
    assert "dans-la-note" not in suite
    assert re.search(r"suite\.md:5: WARNING: undefined label: 'dans-la-note'", warnings(release)), warnings(release)
    assert "Un livre cité dans la note" not in suite
    assert "Un livre gardé" in suite


def test_unknown_mode_warns_and_reviews(build_root):
    app = build_root("editorial-resolved", "html", confoverrides={"editorial_mode": "publish"})
    assert "editorial_mode 'publish' inconnu" in warnings(app)
    assert "Chiffre vérifié." in read(app, "index.html")


def test_an_unknown_mode_set_in_conf_py_is_located_at_its_line(build_root):
    def set_mode(src: Path) -> None:
        conf = src / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + 'editorial_mode = "publish"\n', encoding="utf-8")

    app = build_root("editorial-resolved", "html", edit=set_mode)
    line = (Path(app.srcdir) / "conf.py").read_text(encoding="utf-8").splitlines().index('editorial_mode = "publish"') + 1
    assert re.search(rf"conf\.py:{line}: WARNING: editorial_mode 'publish' inconnu", warnings(app)), warnings(app)


# -- the .bib files, found where sphinxcontrib-bibtex finds them ----------------------------------

BIB_WITHOUT_URL = "@misc{conflivre,\n  title = {Un livre sans lien},\n  author = {Roe, R.},\n  year = {2020},\n}\n"


def build_apart(tmp_path: Path, extensions: list[str]):
    """Build a project whose conf.py and refs.bib sit in a folder apart from the sources."""
    from io import StringIO

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    srcdir, confdir = tmp_path / "src", tmp_path / "conf"
    srcdir.mkdir()
    confdir.mkdir()
    (confdir / "conf.py").write_text(
        f'extensions = {extensions!r}\nlanguage = "fr"\nbibtex_bibfiles = ["refs.bib"]\n',
        encoding="utf-8",
    )
    (confdir / "refs.bib").write_text(BIB_WITHOUT_URL, encoding="utf-8")
    (srcdir / "refs.bib").write_text(BIB_WITHOUT_URL, encoding="utf-8")  # not the one configured
    bibliography = "```{bibliography}\n:all:\n```\n" if "sphinxcontrib.bibtex" in extensions else ""
    (srcdir / "index.md").write_text(f"# Accueil\n\n```{{toctree}}\netat\n```\n\n{bibliography}", encoding="utf-8")
    (srcdir / "etat.md").write_text("# État\n\n```{editorial-report}\n```\n", encoding="utf-8")
    warning = StringIO()
    with patch_docutils(confdir), docutils_namespace():
        app = Sphinx(srcdir, confdir, tmp_path / "out", tmp_path / "doctrees", "html",
                     status=StringIO(), warning=warning, freshenv=True)
        app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    return app, (tmp_path / "out" / "etat.html").read_text(encoding="utf-8")


def test_report_reads_the_bib_files_beside_conf_py(tmp_path):
    """``bibtex_bibfiles`` is relative to the conf dir, as sphinxcontrib-bibtex reads it:
    the report's dependency must be that file, not a namesake in the source dir."""
    app, etat = build_apart(tmp_path, ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication.editorial"])
    assert "conflivre — Un livre sans lien" in etat
    srcdir = Path(app.srcdir)
    dependencies = {(srcdir / path).resolve() for path in app.env.dependencies["etat"]}
    assert dependencies == {(tmp_path / "conf" / "refs.bib").resolve()}


def test_report_without_sphinxcontrib_bibtex_reads_no_bib_file(tmp_path):
    """Without sphinxcontrib-bibtex there is no bibliography: no .bib is read."""
    app, etat = build_apart(tmp_path, ["myst_parser", "sphinx_publication.editorial"])
    assert "conflivre" not in etat
    assert re.search(r"Références sans DOI ni URL \(0\)</p>\s*<p>Aucun élément\.</p>", etat), etat
    assert not app.env.dependencies.get("etat")


# -- the PDF ------------------------------------------------------------------------------------------


@pytest.mark.latex
def test_pdf_shows_marks_and_boxes(build_root):
    latexmk = require_tool("latexmk", "to compile the LaTeX output")
    require_tool("xelatex", "to compile the LaTeX output")
    require_tool("pdftotext", "to read the PDF text")
    app = build_root("editorial-basic", "latex")
    tex = next(Path(app.outdir).glob("*.tex"))
    subprocess.run(
        [latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=app.outdir, check=True, capture_output=True, timeout=240,
    )
    text = subprocess.run(
        ["pdftotext", tex.with_suffix(".pdf").name, "-"], cwd=app.outdir,
        check=True, capture_output=True, text=True,
    ).stdout
    assert "[Données nécessaires" in text and "chiffre sourcé]" in text
    assert "Note de vérification : erroné — Mixtral = 12B" in text.replace(NBSP, " ").replace("ﬁ", "fi")
