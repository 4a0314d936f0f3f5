"""Internal links that land in every edition.

The root ``test-edition-links`` cites inside review notes and a data-needed
block (``seulenote2022`` only there), and links across pages with
``{numref}``, ``{ref}`` and ``{doc}``. A release removes the notes: no
output may then link to them, and the bibliography no longer lists a work
only they cited. The review edition keeps its backlinks into the notes. The
single-page edition joins the pages: every link must be one fragment of
that page.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.util.docutils import new_document

from link_check import dead_links, page_ids
from sphinx_publication.editorial import editorial_nodes as ed
from sphinx_publication.editorial.queries import hidden_by_mode

PROJECT = "edition-links"
RELEASE = {"editorial_mode": "release"}
PAGES = ("index", "chapitre", "suite", "analyse", "annexe", "bibliographie")


def html(app, page: str) -> str:
    return (Path(app.outdir) / "docs" / f"{page}.html").read_text(encoding="utf-8")


def bibliography_keys(app) -> list[str]:
    return re.findall(r'<div class="citation" id="cite-([\w-]+)"', html(app, "bibliographie"))


def editorial_errors_only(app) -> None:
    """A release of this root reports its one data-needed block, and nothing else."""
    problems = [
        line for line in app.warning.getvalue().splitlines()
        if line.strip() and "sphinx_publication.editorial" not in line
    ]
    assert problems == []


# -- the editorial layer's answer ----------------------------------------------------


class _Config:
    def __init__(self, mode: str) -> None:
        self.editorial_mode = mode


def test_hidden_by_mode_answers_for_the_release_only():
    document = new_document("page")
    text = nodes.paragraph("", "texte")
    note = ed.review_note(status="to-verify")
    inside = nodes.inline("", "cité")
    note += nodes.paragraph("", "", inside)
    document += [text, note]
    assert hidden_by_mode(_Config("release"), inside)
    assert hidden_by_mode(_Config("release"), note)
    assert not hidden_by_mode(_Config("release"), text)
    assert not hidden_by_mode(_Config("review"), inside)
    assert not hidden_by_mode(object(), inside)  # editorial layer not loaded: review


# -- the release: HTML, dirhtml, EPUB, LaTeX, text ---------------------------------------


@pytest.fixture(scope="module")
def review(build_once):
    return build_once(PROJECT, "html")


@pytest.fixture(scope="module")
def release(build_once):
    return build_once(PROJECT, "html", confoverrides=RELEASE)


def test_review_links_land_and_reach_into_the_notes(review):
    assert review.warning.getvalue() == ""
    assert dead_links(review.outdir) == []
    bibliography = html(review, "bibliographie")
    chapitre = html(review, "chapitre")
    note = chapitre[re.search(r"<aside[^>]*editorial-review-note", chapitre).start():]
    note = note[:note.index("</aside>")]
    into_note = re.findall(r'href="chapitre\.html#([\w-]+)"', bibliography)
    assert any(f'id="{ref}"' in note for ref in into_note), "no backlink into the review note"
    assert "seulenote2022" in bibliography_keys(review)


def test_release_links_land(release):
    editorial_errors_only(release)
    assert "editorial-review-note" not in html(release, "chapitre")
    assert dead_links(release.outdir) == []


def test_release_drops_a_work_cited_only_in_notes(release):
    assert bibliography_keys(release) == ["dupont2020", "martin2021"]
    for page in PAGES:
        assert "seulenote2022" not in html(release, page), page
        assert "Durand" not in html(release, page), page


def bibliography_entry(app, key: str) -> str:
    bibliography = html(app, "bibliographie")
    entry = bibliography[bibliography.index(f'id="cite-{key}"'):]
    return entry[:entry.index("</div>")]


def test_release_backlinks_count_only_what_the_text_shows(review, release):
    """dupont2020: chapitre's text and note, suite, analyse -> the note's letter goes."""

    def letters(app, key: str, page_title: str) -> list[str]:
        entry = bibliography_entry(app, key)
        part = entry[entry.index(page_title):].split(";")[0]
        return re.findall(r'class="citation-backlink[^"]*"[^>]*><span>(\w+)<', part)

    assert letters(review, "dupont2020", "Chapitre") == ["a", "b"]
    assert letters(release, "dupont2020", "Chapitre") == ["a"]
    assert letters(review, "martin2021", "Analyse") == ["a"]
    assert "Analyse" not in bibliography_entry(release, "martin2021")  # cited there only in a note


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_release_links_land_in_the_other_html_builders(build_root, builder):
    app = build_root(PROJECT, builder, confoverrides=RELEASE)
    editorial_errors_only(app)
    assert in_page_dead_links(app.outdir) == [] if builder == "singlehtml" else dead_links(app.outdir) == []


def test_release_latex_refers_to_existing_labels(build_root):
    app = build_root(PROJECT, "latex", confoverrides=RELEASE)
    editorial_errors_only(app)
    tex = (Path(app.outdir) / "liens.tex").read_text(encoding="utf-8")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert any(":cite-ref-" in target for target in targets), "no backlink in the PDF"
    assert targets - labels == set()
    assert "Durand" not in tex


def test_release_text_lists_no_removed_citation(build_root):
    app = build_root(PROJECT, "text", confoverrides=RELEASE)
    editorial_errors_only(app)
    text = (Path(app.outdir) / "docs" / "bibliographie.txt").read_text(encoding="utf-8")
    assert "Durand" not in text
    assert "Cité dans : Chapitre ↩ a ; Suite ↩ a ; Analyse ↩ a" in " ".join(text.split())


@pytest.mark.epub
def test_release_epub_passes_epubcheck(build_root, tmp_path):
    from test_epub import epubcheck_counts, require_epubcheck

    epubcheck = require_epubcheck()
    app = build_root(PROJECT, "epub", confoverrides=RELEASE)
    editorial_errors_only(app)
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        archive.extractall(tmp_path / "book")
    assert dead_links(tmp_path / "book") == []
    check = subprocess.run([*epubcheck, str(book)], capture_output=True, text=True)
    output = check.stdout + check.stderr
    assert "RSC-012" not in output, output[-4000:]
    assert epubcheck_counts(output) == {"fatal": 0, "error": 0, "warning": 0}, output[-4000:]


# -- incremental and parallel builds -----------------------------------------------------------


def test_incremental_release_equals_a_clean_one(build_root):
    """A note's citation moved into the text: the bibliography lists the work again."""
    old = "Un fait {cite:p}`dupont2020`"
    new = "Un fait {cite:p}`dupont2020` {cite:p}`seulenote2022`"

    def move(srcdir: Path) -> None:
        page = srcdir / "docs" / "chapitre.md"
        page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    app = build_root(PROJECT, confoverrides=RELEASE)
    assert "seulenote2022" not in bibliography_keys(app)
    move(Path(app.srcdir))
    again = build_root(PROJECT, srcdir=app.srcdir, confoverrides=RELEASE)
    assert "seulenote2022" in bibliography_keys(again)
    assert dead_links(again.outdir) == []
    clean = build_root(PROJECT, confoverrides=RELEASE, edit=move)
    for page in PAGES:
        assert html(again, page) == html(clean, page), page


def test_parallel_release_equals_serial(build_root, release):
    app = build_root(PROJECT, confoverrides=RELEASE, parallel=2)
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    # Chunks ("a .. b") show that reading and writing really ran in worker processes.
    assert re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+", status)
    assert re.search(r"writing output\.\.\. \[ *\d+%\] \S+ \.\. \S+", status)
    for page in PAGES:
        assert html(app, page) == html(release, page), page


# -- the single page ---------------------------------------------------------------------------


def in_page_dead_links(folder) -> list:
    """Dead links among the single page's in-page links (``href="#…"``)."""
    return [link for link in dead_links(folder) if link.href.startswith("#")]


def test_single_page_links_are_one_fragment_that_exists(build_root):
    app = build_root(PROJECT, "singlehtml")
    assert app.warning.getvalue() == ""
    page = Path(app.outdir) / "index.html"
    text = page.read_text(encoding="utf-8")
    assert in_page_dead_links(app.outdir) == []
    ids = page_ids(page)
    links = re.findall(r'href="#([^"]+)"', text)
    # {numref}, {ref}, {doc} of another page, {doc} of the root page, a citation
    for target in ("fig-barres", "introduction", "document-docs/chapitre", "document-docs/index",
                   "cite-dupont2020"):
        assert target in links, target
        assert target in ids, target


def test_single_page_unlinks_pages_it_does_not_hold(build_root):
    def link_an_orphan(srcdir: Path) -> None:
        (srcdir / "docs" / "orpheline.md").write_text("---\norphan: true\n---\n# Orpheline\n\nSeule.\n",
                                                       encoding="utf-8")
        suite = srcdir / "docs" / "suite.md"
        suite.write_text(suite.read_text(encoding="utf-8") + "\nVoir {doc}`la page à part <orpheline>`.\n",
                         encoding="utf-8")

    app = build_root(PROJECT, "singlehtml", edit=link_an_orphan)
    text = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "la page à part" in text
    assert "document-docs/orpheline" not in text
    assert in_page_dead_links(app.outdir) == []


def test_single_page_download_links_land(build_root):
    """« Citer cet article » links its .bib and .ris files on the single page too."""
    app = build_root("metadata", "singlehtml")
    text = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "_citation/" in text
    assert dead_links(app.outdir) == []


def test_single_page_chart_data_links_land(build_root):
    """A chart's « Télécharger les données » links, on a page in a folder, from the single page."""
    app = build_root(PROJECT, "singlehtml")
    text = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "_downloads/sp-" in text
    assert [link for link in dead_links(app.outdir) if "_downloads/" in link.href] == []


def test_single_page_of_a_root_in_a_folder_is_styled_at_the_output_root(build_root):
    """Sphinx would write it to docs/index.html with addresses computed from the root
    (unstyled, sphinx-doc/sphinx#892); it is the output's index.html, not a redirect."""
    app = build_root(PROJECT, "singlehtml")
    out = Path(app.outdir)
    assert not (out / "docs" / "index.html").exists()
    text = (out / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in text  # the site's redirect did not replace the book
    assets = re.findall(r'<link rel="stylesheet"[^>]+href="([^"#?]+)|<script[^>]+src="([^"#?]+)', text)
    assets = [stylesheet or script for stylesheet, script in assets]
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    assert [a for a in assets if "://" not in a and not (out / a).is_file()] == []
