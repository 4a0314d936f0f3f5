"""The one-page reading edition, built from the small root ``test-editions``.

Its pages have what the edition must handle: a section id repeated on two
pages, a citation and its backlinks across pages, a figure reference from
another page, a review note, a page left out (``one_page_exclude``).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import outdir_and_warnings
from sphinx_publication.editions import onepage

EDITION = "book/une-page.html"


@pytest.fixture(scope="module")
def site(build_once) -> Path:
    outdir, warnings = outdir_and_warnings(build_once("editions"))
    assert warnings == ""
    return outdir


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def edition(site) -> BeautifulSoup:
    return _soup(site / EDITION)


def test_the_whole_article_in_reading_order(edition):
    article = edition.find("article")
    assert [h.get_text().rstrip("¶") for h in article.find_all(["h1", "h2"])] == [
        "Le livre", "Chapitre", "Suite", "Bibliographie"]
    assert article.find("svg", attrs={"role": "img"}) is not None  # the chart
    assert article.find(class_="editorial-review-note") is not None  # review mode
    assert "Coulisses" not in article.get_text()  # one_page_exclude
    assert article.find(class_=onepage.LINK_CLASS) is None  # no link to itself


def test_every_id_once(edition):
    counts = Counter(tag["id"] for tag in edition.find_all(id=True))
    assert [i for i, n in counts.items() if n > 1] == []
    # The second page's "Introduction" keeps its own anchor.
    assert edition.find(id="introduction") and edition.find(id="book-suite-introduction")


def test_internal_links_stay_on_the_page(edition):
    ids = {tag["id"] for tag in edition.find_all(id=True)}
    hrefs = [a["href"] for a in edition.find("article").find_all("a", href=True)]
    # By design two kinds of links leave the article: a review note's link to its
    # row of the editorial report (a reviewers' page), and a chart's data files.
    inside = [h for h in hrefs if not re.match(r"https?://|etat-editorial\.html#|\.\./_downloads/", h)]
    assert inside and all(h.startswith("#") for h in inside), inside
    assert all(h[1:] in ids for h in inside if h != "#"), inside
    assert "#cite-dupont2020" in hrefs  # citations
    assert "#cite-ref-book-suite-1" in hrefs  # backlinks
    assert hrefs.count("#fig-barres") >= 2  # figure references, from two pages
    assert "#chapitre" in hrefs  # a link to a page: its first section


def test_bibliography_entry_printed_once(edition):
    entries = edition.find_all(class_="citation")
    assert len(entries) == 1
    assert len(entries[0].find_all(class_="citation-backlinks")) == 1


def test_the_pages_are_unchanged(site):
    page = _soup(site / "book" / "bibliographie.html")
    assert {a["href"] for a in page.find_all("a", class_="citation-backlink")} == {
        "chapitre.html#cite-ref-book-chapitre-1", "suite.html#cite-ref-book-suite-1"}
    chapter = _soup(site / "book" / "suite.html").find("article")
    assert chapter.find("a", href="chapitre.html#fig-barres") is not None


def test_figure_numbers_and_local_toc(edition):
    assert "Fig. 1" in edition.find("article").get_text()
    toc = edition.select_one(".toc-tree")
    assert toc is not None and [a["href"] for a in toc.find_all("a")][:3] == [
        "#", "#chapitre", "#introduction"]


def test_links_to_the_edition(site):
    landing = _soup(site / "book" / "index.html")
    link = landing.find("article").find(class_=onepage.LINK_CLASS).find("a")
    assert link["href"] == "une-page.html" and link.get_text() == "Lire l’article en une page"


def test_page_context_for_templates(build_root):
    seen = {}

    def record(app, pagename, templatename, context, doctree):
        seen[pagename] = context.get("one_page_edition")

    app = build_root("editions", build=False)
    app.connect("html-page-context", record, priority=900)
    app.build()
    assert seen["book/suite"] == {"target": "book/une-page", "label": "Lire l’article en une page"}
    assert seen["book/une-page"] == {"target": "book/index", "label": "Lire l’article page par page"}


@pytest.mark.parametrize("buildername", ["singlehtml", "dirhtml", "epub", "latex", "text"])
def test_no_edition_and_no_link_elsewhere(build_root, buildername):
    outdir, warnings = outdir_and_warnings(build_root("editions", buildername))
    assert warnings == ""
    written = "".join(p.read_text(encoding="utf-8", errors="ignore")
                      for p in outdir.rglob("*") if p.is_file() and p.suffix in {
                          ".html", ".xhtml", ".tex", ".txt"})
    assert "Lire l’article en une page" not in written
    assert not list(outdir.rglob("une-page*"))


def test_release_mode_hides_the_notes(build_root):
    outdir, _ = outdir_and_warnings(build_root("editions", confoverrides={"editorial_mode": "release"}))
    article = _soup(outdir / EDITION).find("article")
    assert article.find(class_="editorial-review-note") is None


def test_a_document_with_the_edition_name_is_not_overwritten(build_root):
    outdir, warnings = outdir_and_warnings(
        build_root("editions", confoverrides={"one_page_edition": "suite"}))
    assert "book/index.md: WARNING: one_page_edition : « book/suite » est déjà un document" in warnings
    assert _soup(outdir / "book" / "suite.html").find("h1").get_text().startswith("Suite")


def test_no_edition_without_the_setting(build_root):
    outdir, warnings = outdir_and_warnings(build_root("editions", confoverrides={"one_page_edition": ""}))
    assert warnings == ""
    assert not (outdir / EDITION).exists()
    assert _soup(outdir / "book" / "index.html").find(class_=onepage.LINK_CLASS) is None


def test_two_builds_are_identical(build_root):
    first, _ = outdir_and_warnings(build_root("editions"))
    second, _ = outdir_and_warnings(build_root("editions"))
    assert (first / EDITION).read_bytes() == (second / EDITION).read_bytes()


def test_a_rebuild_that_writes_no_page_keeps_the_edition_and_one_that_does_renews_it(build_root):
    app = build_root("editions")
    edition = Path(app.outdir) / EDITION
    first = edition.stat().st_mtime_ns
    app.build()  # nothing changed: no page written, the edition is current
    assert edition.stat().st_mtime_ns == first
    page = Path(app.srcdir) / "book" / "suite.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    app.build()
    assert edition.stat().st_mtime_ns > first
    assert "Une phrase ajoutée." in edition.read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", ["une-page", ""])
def test_each_reference_warning_printed_once(build_root, edition):
    # The edition is made of the pages as this build resolved them: what their
    # resolution reported is not reported again.
    outdir, warnings = outdir_and_warnings(
        build_root("onepage-warnings", confoverrides={"one_page_edition": edition}))
    assert warnings.count('could not find bibtex key "inconnu1999"') == 1, warnings
    assert warnings.count("undefined label: 'nulle-part'") == 1, warnings
    if edition:  # the edition was written, the chapter in it: its warnings were not lost with it
        assert "Selon" in (outdir / f"{edition}.html").read_text(encoding="utf-8")


# -- made from the pages as written ---------------------------------------------------------


def test_no_marker_is_left_in_any_page(site):
    # the edition's markers are HTML comments with the build's nonce: none is written
    for page in site.rglob("*.html"):
        comments = re.findall(r"<!--(.*?)-->", page.read_text(encoding="utf-8"), re.S)
        assert all(c.startswith(" Generated with Sphinx") for c in comments), (page, comments)


def test_headings_go_down_with_the_sections_holding_the_toctree(edition):
    article = edition.find("article")
    levels = [(h.name, h.get_text().rstrip("¶")) for h in article.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[:3] == [("h1", "Le livre"), ("h2", "Chapitre"), ("h3", "Introduction")], levels


def test_pages_kept_as_written_come_back_when_their_store_is_lost(build_root):
    import shutil

    app = build_root("editions")
    shutil.rmtree(Path(app.doctreedir) / "one-page-edition")
    page = Path(app.srcdir) / "book" / "suite.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    app.build()  # the pages without stored parts are written again, not only the edited one
    assert app.warning.getvalue() == ""
    edition = _soup(Path(app.outdir) / EDITION).find("article")
    assert [h.get_text().rstrip("¶") for h in edition.find_all(["h1", "h2"])] == [
        "Le livre", "Chapitre", "Suite", "Bibliographie"]
    assert "Une phrase ajoutée." in edition.get_text()


def test_an_author_comment_that_looks_like_a_marker_stays_as_written(build_root):
    def edit(srcdir):
        page = srcdir / "book" / "suite.md"
        page.write_text(page.read_text(encoding="utf-8")
                        + "\n<!--0123456789abcdef:drop:-->\n\nApres le commentaire.\n", encoding="utf-8")

    outdir, _ = outdir_and_warnings(build_root("editions", edit=edit))
    assert "Apres le commentaire." in (outdir / EDITION).read_text(encoding="utf-8")
