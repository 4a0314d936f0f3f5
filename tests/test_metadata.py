"""The article's metadata: one source (CITATION.cff), every output, read back as crawlers do.

Built pages are parsed with extruct (JSON-LD, Dublin Core) and BeautifulSoup
(Highwire ``citation_*`` tags, which extruct has no extractor for); the
root's title holds quotes, ``&`` and ``<`` so escaping is exercised.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import extruct
import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from sphinx_publication.metadata.source import read_article
from sphinx_publication.metadata.works import plain

ROOT = Path(__file__).resolve().parent / "roots" / "test-metadata"
TITLE = 'Modèles & communs : « ouverts » <vraiment> "libres" ?'
BASE = "https://example.org/modeles/"
CITED = {"vaswani2017attention", "widder2024open", "kaiser2017blog"}


def cited_titles() -> set[str]:
    data = parse_string((ROOT / "refs.bib").read_text(encoding="utf-8"), "bibtex")
    return {plain(data.entries[key].fields["title"]) for key in CITED}


@pytest.fixture(scope="module")
def html_build(build_once):
    """One HTML build shared by the read-only tests."""
    return build_once("metadata")


def read(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def metas(html: str, name: str) -> list[str]:
    return [tag["content"] for tag in BeautifulSoup(html, "html.parser").find_all("meta", attrs={"name": name})]


def test_the_source_is_read_into_the_model():
    article = read_article(ROOT / "CITATION.cff")
    assert article.title == TITLE
    assert article.site_title == "Modèles & communs"
    assert [a.full_name for a in article.authors] == ["Camille Martin", "Jean de La Salle"]
    assert article.date_published.iso() == "2024-06-01"
    assert article.date_modified.iso() == "2024-09-15"
    assert article.language == "fr"


def test_sphinx_values_come_from_the_source(html_build):
    config = html_build.config
    assert config.project == "Modèles & communs"
    assert config.author == "Camille Martin et Jean de La Salle"
    assert config.copyright.startswith("2024, Camille Martin")
    assert config.html_title == "Modèles &amp; communs"  # HTML to Sphinx and the theme
    assert config.html_short_title == "Modèles & communs"  # text: Sphinx's templates escape it
    assert config.epub_title == TITLE
    assert config.html_baseurl == BASE


def test_landing_page_reads_as_a_scholarly_article(html_build):
    html = read(html_build, "index.html")
    data = extruct.extract(html, base_url=BASE + "index.html", syntaxes=["json-ld", "dublincore"], uniform=False)
    (article,) = [item for item in data["json-ld"] if item["@type"] == "ScholarlyArticle"]
    assert article["headline"] == TITLE
    assert [a["name"] for a in article["author"]] == ["Camille Martin", "Jean de La Salle"]
    assert article["author"][1]["affiliation"]["name"] == "Université <Test> & Co"
    assert article["datePublished"] == "2024-06-01"
    assert article["dateModified"] == "2024-09-15"
    assert article["inLanguage"] == "fr"
    assert article["abstract"] == "Un résumé avec des <chevrons> & des « guillemets »."
    assert article["keywords"] == ["communs numériques", "IA"]
    assert article["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert article["@id"] == BASE + "index.html"
    # every cited work, with its DOI or URL as @id; the uncited entry is absent
    assert {w["name"] for w in article["citation"]} == cited_titles()
    ids = {w["@id"] for w in article["citation"]}
    assert "https://doi.org/10.1038/s41586-024-08141-1" in ids
    assert any(i.startswith("https://research.google/blog/") for i in ids)
    dc = {}
    for element in data["dublincore"][0]["elements"]:
        dc.setdefault(element["name"], []).append(element["content"])
    assert dc["DC.title"] == [TITLE]
    assert dc["DC.creator"] == ["Martin, Camille", "de La Salle, Jean"]
    assert dc["DC.date"] == ["2024-06-01"]
    assert dc["DC.language"] == ["fr"]
    assert dc["DC.rights"] == ["https://spdx.org/licenses/CC-BY-4.0.html"]


def test_highwire_tags(html_build):
    html = read(html_build, "index.html")
    assert metas(html, "citation_title") == [TITLE]
    assert metas(html, "citation_author") == ["Martin, Camille", "de La Salle, Jean"]
    assert metas(html, "citation_publication_date") == ["2024/06/01"]
    assert metas(html, "citation_language") == ["fr"]
    assert metas(html, "citation_doi") == ["10.5281/zenodo.1234567"]
    assert metas(html, "citation_abstract_html_url") == [BASE + "index.html"]
    assert metas(html, "citation_pdf_url") == [BASE + "article-test.pdf"]
    references = metas(html, "citation_reference")
    assert len(references) == len(CITED)
    titles = {dict(p.split("=", 1) for p in ref.split("; "))["citation_title"] for ref in references}
    assert titles == {t.replace(";", ",") for t in cited_titles()}


def test_values_are_escaped_in_the_raw_html(html_build):
    html = read(html_build, "index.html")
    assert "<vraiment>" not in html.replace("\\u003cvraiment\\u003e", "")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and "&" not in script


def test_other_pages_are_part_of_the_article(html_build):
    html = read(html_build, "chapitre.html")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == BASE + "chapitre.html"
    (page,) = extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert page["@type"] == "WebPage"
    assert page["isPartOf"]["@type"] == "ScholarlyArticle"
    assert page["isPartOf"]["@id"] == BASE + "index.html"
    assert not metas(html, "citation_title")  # article-level tags stay on article pages


def test_coins_parse_back_to_the_entries_titles(html_build):
    soup = BeautifulSoup(read(html_build, "bibliographie.html"), "html.parser")
    spans = soup.select("span.Z3988")
    assert len(spans) == len(CITED)
    titles = set()
    for span in spans:
        fields = parse_qs(span["title"])
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        titles.add((fields.get("rft.atitle") or fields.get("rft.btitle") or fields.get("rft.title"))[0])
    assert titles == cited_titles()


def test_cite_this_article_block_and_downloads(html_build):
    soup = BeautifulSoup(read(html_build, "index.html"), "html.parser")
    block = soup.select_one("div.cite-this-article")
    assert block.select_one("p.rubric").get_text() == "Citer cet article"
    reference = block.select_one("p.cite-this-article-reference").get_text()
    assert "Camille Martin" in reference and "2024" in reference
    bibtex = block.select_one(".cite-this-article-bibtex pre").get_text()
    entry = parse_string(bibtex, "bibtex").entries["martin2024modeles"]
    assert plain(entry.fields["title"]) == TITLE
    links = [a["href"] for a in block.select("a[download]")]
    assert links == ["_citation/martin2024modeles.bib", "_citation/martin2024modeles.ris",
                     "_citation/martin2024modeles-bibliographie.bib"]
    out = Path(html_build.outdir)
    assert parse_string((out / links[0]).read_text(encoding="utf-8"), "bibtex").entries.keys() == {"martin2024modeles"}
    ris = (out / links[1]).read_text(encoding="utf-8").splitlines()
    assert ris[0] == "TY  - ELEC" and ris[-1].startswith("ER  -")
    assert f"TI  - {TITLE}" in ris and "AU  - de La Salle, Jean" in ris and "DO  - 10.5281/zenodo.1234567" in ris
    whole = parse_string((out / links[2]).read_text(encoding="utf-8"), "bibtex")
    assert set(whole.entries.keys()) == CITED


def test_a_bad_source_warns_with_its_line_and_the_build_goes_on(build_root):
    def break_the_source(srcdir: Path) -> None:
        text = (srcdir / "CITATION.cff").read_text(encoding="utf-8")
        (srcdir / "CITATION.cff").write_text(re.sub(r"(?m)^  title: .*\n", "", text).replace(
            'title: "Modèles & communs"\n', ""), encoding="utf-8")

    app = build_root("metadata", edit=break_the_source)
    warnings = app.warning.getvalue()
    assert re.search(r"CITATION\.cff:\d+: WARNING: les métadonnées de l’article sont illisibles", warnings)
    assert "cite-this-article a besoin des métadonnées" in warnings
    assert (Path(app.outdir) / "index.html").exists()


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "epub", "latex"])
def test_every_builder(build_root, builder):
    app = build_root("metadata", builder)
    assert app.statuscode == 0
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()


def test_latex_title_block_pdf_information_and_date(build_root):
    app = build_root("metadata", "latex")
    tex = (Path(app.outdir) / "article-test.tex").read_text(encoding="utf-8")
    # escaped for XeLaTeX (which prints < and " as they are)
    assert r'\title{Modèles \& communs : « ouverts » <vraiment> "libres" ?}' in tex
    assert r"\author{Camille Martin \and Jean de La Salle}" in tex
    assert re.search(r"\\date\{1(er)? juin 2024\}", tex)
    assert "pdflang={fr-FR}" in tex and "pdfkeywords={communs numériques, IA}" in tex
    assert r"pdfsubject={Un résumé avec des <chevrons> \& des « guillemets ».}" in tex
    # « Citer cet article » ends the PDF, after the bibliography
    assert tex.index("Citer cet article") > tex.index(r"\end{sphinxthebibliography}")


def test_epub_package_metadata(build_root):
    app = build_root("metadata", "epub")
    opf = BeautifulSoup((Path(app.outdir) / "content.opf").read_text(encoding="utf-8"), "xml")
    assert opf.find("dc:title").get_text() == TITLE
    assert opf.find("dc:creator").get_text() == "Camille Martin et Jean de La Salle"
    assert opf.find("dc:language").get_text() == "fr"
    assert opf.find("dc:identifier").get_text() == "10.5281/zenodo.1234567"
    assert opf.find("dc:description").get_text().startswith("Un résumé")
    assert not list(Path(app.outdir).glob("_citation/*"))  # no stray .bib in the book
    # the package document describes the book: no HTML head tags (not XHTML-checked by crawlers)
    assert "citation_title" not in (Path(app.outdir) / "index.xhtml").read_text(encoding="utf-8")


def test_incremental_build_updates_the_landing_page_references(build_root):
    srcdir = Path(build_root("metadata").srcdir)
    chapter = srcdir / "chapitre.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEncore {cite:p}`uncited2020`.\n",
                       encoding="utf-8")
    app = build_root("metadata", srcdir=srcdir)
    references = metas(read(app, "index.html"), "citation_reference")
    assert len(references) == len(CITED) + 1
    assert any("citation_title=Never Cited" in ref for ref in references)
    whole = Path(app.outdir) / "_citation" / "martin2024modeles-bibliographie.bib"
    assert "uncited2020" in parse_string(whole.read_text(encoding="utf-8"), "bibtex").entries
    # nothing changed: neither the landing page nor the downloads are written again
    landing = Path(app.outdir) / "index.html"
    before = landing.stat().st_mtime_ns, whole.stat().st_mtime_ns
    build_root("metadata", srcdir=srcdir)
    assert (landing.stat().st_mtime_ns, whole.stat().st_mtime_ns) == before


def test_pages_marked_article_level_carry_the_article_tags(html_build):
    html = read(html_build, "edition.html")  # front matter: article-level: true
    assert metas(html, "citation_title") == [TITLE]
    assert len(metas(html, "citation_reference")) == len(CITED)
    (article,) = extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]
    # the same article: named by its landing page, read here in full
    assert article["@type"] == "ScholarlyArticle" and article["@id"] == BASE + "index.html"
    assert article["url"] == BASE + "edition.html"
    assert metas(html, "citation_abstract_html_url") == [BASE + "index.html"]
    assert metas(html, "citation_fulltext_html_url") == [BASE + "edition.html"]


def test_article_pages_from_the_configuration(make_app, tmp_path):
    app = make_app("html", srcdir=ROOT, builddir=tmp_path, freshenv=True,
                   confoverrides={"publication_article_pages": ["chapitre"]})
    app.build()
    assert metas(read(app, "chapitre.html"), "citation_title") == [TITLE]
    assert not metas(read(app, "index.html"), "citation_title")


@pytest.mark.parametrize(("month", "slashed"), [
    ("mars", "2024/03/05"), ("juin", "2024/06/05"), ("Jun", "2024/06/05"), ("06", "2024/06/05"),
    ("juillet", "2024/07/05"), ("13", "2024"), ("", "2024"),
])
def test_a_cited_works_month_reads_as_the_bibliography_reads_it(month, slashed):
    """One month table for the bibliography and the metadata: ``month = {mars}``
    reaches ``citation_publication_date`` (Highwire dropped French months)."""
    from sphinx_publication.metadata.discovery import citation_reference
    from sphinx_publication.metadata.works import _cited_work

    entry = parse_string(f"@article{{k, title={{T}}, year={{2024}}, month={{{month}}}, day={{5}}}}",
                         "bibtex").entries["k"]
    assert f"citation_publication_date={slashed};" in citation_reference(_cited_work(entry)) + ";"
