"""Editing refs.bib then rebuilding incrementally gives what a clean build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "roots" / "test-citations-incremental"
PAGES = ("index", "premier", "second", "bibliographie")

LATER = """
@online{later2025,
  author  = {Ada Lovelace},
  title   = {Added Later},
  year    = {2025},
  url     = {https://example.org/later},
  urldate = {2026-11-25},
}
"""


def html(app, page: str) -> str:
    return (app.outdir / f"{page}.html").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def test_bib_edit_renumbers_pages_that_only_cite(make_app, project, tmp_path):
    app = make_app("html", srcdir=project)
    app.build()
    # "later2025" is missing: widder2024open, cited on the second page only, is [2]
    assert ">2</a>]" in html(app, "second")

    bib = project / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + LATER, encoding="utf-8")
    app2 = make_app("html", srcdir=project)
    app2.build()  # incremental: same output and doctree directories
    assert ">3</a>]" in html(app2, "second")  # no longer the stale [2]

    clean_src = tmp_path / "clean"
    shutil.copytree(project, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src)
    clean.build()
    for page in PAGES:
        assert html(app2, page) == html(clean, page), page


def test_bib_edit_updates_tooltips_of_citing_pages(make_app, project):
    make_app("html", srcdir=project).build()
    bib = project / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("Why ‘open’ AI systems", "Why “open” AI"),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=project)
    app.build()
    assert "Why “open” AI" in html(app, "second")


def test_missing_key_warns_once_at_the_citing_line_on_every_build(make_app, project):
    for _ in range(2):  # the second build has nothing to re-read
        app = make_app("html", srcdir=project)
        app.build()
        warnings = [
            line for line in app.warning.getvalue().splitlines() if "later2025" in line
        ]
        assert len(warnings) == 1, warnings
        assert "premier.md:3:" in warnings[0]


def test_citing_page_title_edit_updates_the_backlinks(make_app, project):
    make_app("html", srcdir=project).build()
    page = project / "second.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("# Second chapitre", "# Chapitre renommé"),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=project)
    app.build()  # only second.md is re-read; the bibliography page must be rewritten
    bibliography = html(app, "bibliographie")
    assert "Chapitre renommé" in bibliography
    assert "Second chapitre" not in bibliography


def test_backlinks_index_is_built_once_per_build(make_app, project, monkeypatch):
    """Writing a page looks its backlinks up; it does not walk the project again."""
    from sphinx_publication.citations import queries

    calls = []
    real = queries.get_docnames

    def counting(env):
        calls.append(env)
        return real(env)

    monkeypatch.setattr(queries, "get_docnames", counting)
    app = make_app("html", srcdir=project)
    app.build()
    assert len(app.env.found_docs) == 4
    assert len(calls) == 1
    assert "citation-backlinks" in html(app, "bibliographie")
