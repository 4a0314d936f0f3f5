"""Citations in a built project: links, anchors, backlinks, languages, PDF layout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import require_tool

def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def citation_links(page: BeautifulSoup) -> list:
    return page.select("span.bibtex-citation a")


def entry(page: BeautifulSoup, key: str):
    return page.find(id=f"cite-{key}")


@pytest.fixture
def html_app(build_root):
    return build_root("citations-basic")


def test_in_text_citations_link_to_stable_anchors_numbered_in_reading_order(html_app):
    premier, second = soup(html_app, "premier"), soup(html_app, "second")
    links = [(a.get_text(), a["href"]) for a in citation_links(premier) + citation_links(second)]
    # numbers follow the first citation in reading order; a group is sorted
    assert links == [
        ("1", "bibliographie.html#cite-kaiser2017tensor2tensor"),
        ("1", "bibliographie.html#cite-kaiser2017tensor2tensor"),
        ("2", "bibliographie.html#cite-widder2024open"),
        ("2", "bibliographie.html#cite-widder2024open"),
        ("3", "bibliographie.html#cite-brown2020language"),
    ]
    bibliography = soup(html_app, "bibliographie")
    for key in ("kaiser2017tensor2tensor", "widder2024open", "brown2020language"):
        assert entry(bibliography, key) is not None
    assert entry(bibliography, "uncited2024") is None


def test_no_bare_bracket_left_and_hover_shows_full_entry(html_app):
    link = citation_links(soup(html_app, "premier"))[0]
    assert link["title"].startswith("Łukasz Kaiser. Accelerating Deep Learning Research")
    assert "consulté le 25 novembre 2026" in link["title"]


def test_entries_link_to_doi_and_url(html_app):
    bibliography = soup(html_app, "bibliographie")
    hrefs = [a["href"] for a in entry(bibliography, "widder2024open").find_all("a")]
    assert "https://doi.org/10.1038/s41586-024-08141-1" in hrefs
    hrefs = [a["href"] for a in entry(bibliography, "kaiser2017tensor2tensor").find_all("a")]
    assert any(href.startswith("https://research.google/blog/") for href in hrefs)


def test_backlinks_list_every_citing_place_across_pages(html_app):
    bibliography = soup(html_app, "bibliographie")
    backlinks = entry(bibliography, "widder2024open").select("p.citation-backlinks a")
    # one lettered link per citation, named for screen readers by citation and page
    assert [(a.get_text(), a["href"]) for a in backlinks] == [
        ("a, retour à la citation 1 sur 1 de la page «\xa0Premier chapitre\xa0»",
         "premier.html#cite-ref-premier-2"),
        ("a, retour à la citation 1 sur 1 de la page «\xa0Second chapitre\xa0»",
         "second.html#cite-ref-second-1"),
    ]
    kaiser = entry(bibliography, "kaiser2017tensor2tensor").select("p.citation-backlinks")[0]
    visible = kaiser.get_text()
    for hidden in kaiser.select(".publication-visually-hidden"):
        visible = visible.replace(hidden.get_text(), "")
    assert visible.replace("\xa0", " ") == "Cité dans : Premier chapitre ↩ a, b"
    kaiser = kaiser.select("a")
    assert [a["href"] for a in kaiser] == [
        "premier.html#cite-ref-premier-1",
        "premier.html#cite-ref-premier-2",
    ]
    # every backlink lands on the citation it names
    for a in backlinks + kaiser:
        page, anchor = a["href"].split("#")
        target = soup(html_app, page.removesuffix(".html")).find(id=anchor)
        assert target is not None and "bibtex-citation" in target["class"]


def test_french_terms_months_and_titles_as_written(html_app):
    raw = soup(html_app, "bibliographie").get_text(" ", strip=True)
    text = raw.replace("\xa0", " ")  # pybtex ties names with no-break spaces
    assert "David Gray Widder, Meredith Whittaker et Sarah Myers West" in text
    assert "Why ‘open’ AI systems are actually closed" in text  # no forced sentence case
    assert "vol.\xa0635, n°\xa08040, p.\xa0827–833, 27 novembre 2024" in raw
    assert "19 juin 2017" in text
    assert "Disponible à l’adresse\xa0:" in raw and "consulté le 25 novembre 2026" in text
    assert "Tom B. Brown, Benjamin Mann et al." in text
    assert "Dans H. Larochelle et M. Ranzato, éd." in text
    assert "p. 1877–1901" in text
    assert "Cité dans\xa0:" in raw
    for english in ("Whittaker, and", "visited on", "URL:", "In ", "editors", "Cited in"):
        assert english not in text
    # in-text: names joined with "et"
    second = soup(html_app, "second").get_text(" ", strip=True)
    assert "Widder, Whittaker et West" in second.replace("\xa0", " ")


def test_english_build_keeps_english(build_root):
    app = build_root("citations-basic", confoverrides={"language": "en"})
    text = soup(app, "bibliographie").get_text(" ", strip=True).replace("\xa0", " ")
    assert "David Gray Widder, Meredith Whittaker, and Sarah Myers West" in text
    assert "635(8040):827–833, 27 November 2024" in text
    assert "URL:" in text and "visited on 25 November 2026" in text
    assert "Cited in:" in text
    assert "consulté" not in text and "Cité dans" not in text
    assert "Widder, Whittaker, and West" in soup(app, "second").get_text(" ", strip=True).replace("\xa0", " ")


def test_parallel_build_gives_the_same_bibliography(build_root, html_app):
    app = build_root("citations-basic", parallel=2)
    for page in ("premier", "second", "bibliographie"):
        assert (app.outdir / f"{page}.html").read_bytes() == (
            html_app.outdir / f"{page}.html"
        ).read_bytes()


# -- LaTeX ---------------------------------------------------------------------


@pytest.fixture
def latex_app(build_root):
    return build_root("citations-basic", "latex")


def test_latex_one_bibliography_at_the_end_without_empty_section(latex_app):
    tex = (latex_app.outdir / "citations.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{sphinxthebibliography}") == 1
    assert r"\section{Bibliographie}" not in tex
    assert r"\def\refname{Bibliographie}" in tex
    assert tex.index(r"\def\refname") < tex.index(r"\begin{sphinxthebibliography}")
    assert tex.index(r"\end{sphinxthebibliography}") > tex.index("Second chapitre")


def test_latex_every_link_has_its_target(latex_app):
    tex = (latex_app.outdir / "citations.tex").read_text(encoding="utf-8")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    hyperrefs = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert {"premier:cite-ref-premier-1", "premier:cite-ref-premier-2", "second:cite-ref-second-1"} <= hyperrefs
    assert hyperrefs <= labels
    bibitems = set(re.findall(r"\\bibitem\[\d+\]\{([^}]*)\}", tex))
    cited = set(re.findall(r"\\hyperlink\{cite\.([^}]*)\}", tex))
    assert cited and cited <= bibitems
    assert "Cité dans" in tex


@pytest.mark.latex
def test_pdf_has_no_broken_citation_link(latex_app):
    require_tool("latexmk")
    require_tool("xelatex")
    subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "citations.tex"],
        cwd=latex_app.outdir,
        check=True,
        capture_output=True,
        timeout=300,
    )
    log = (latex_app.outdir / "citations.log").read_text(encoding="utf-8", errors="replace")
    assert "has been referenced but does not exist" not in log
    assert "There were undefined references" not in log
    assert (latex_app.outdir / "citations.pdf").stat().st_size > 0
