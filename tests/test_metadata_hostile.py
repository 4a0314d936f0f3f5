"""Hostile and broken CITATION.cff (issue 21, the CITATION.cff rows).

Row 1: a site title closing ``<script>`` is text in ``<title>``, the sidebar
brand and search.html. Row 3: an article title full of LaTeX specials prints
as written in HTML, « Citer cet article », the .bib/.ris downloads (the BibTeX
round-trips through a parser), LaTeX and Typst. Rows 5 and 6: impossible
dates and wrong types are warnings at their YAML line, never published.
Row 7: a ``javascript:`` address is refused with a located warning. And the
schema check itself, over generated documents (hypothesis).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from helpers import require_tool, warnings_of
from sphinx_publication.metadata.model import Article, Author, PartialDate
from sphinx_publication.metadata.reference import article_bibtex, article_ris, bibtex_text, formatted_citation
from sphinx_publication.metadata.source import MetadataError, article_from_text, read_article
from sphinx_publication.metadata.works import plain
from sphinx_publication.urls import scheme_of

ROOTS = Path(__file__).resolve().parent / "roots"
PROJECT = Path(__file__).resolve().parent.parent
HOSTILE_CFF = (ROOTS / "test-metadata-hostile" / "CITATION.cff").read_text(encoding="utf-8")
BROKEN_CFF = (ROOTS / "test-metadata-broken" / "CITATION.cff").read_text(encoding="utf-8")
SITE_TITLE = "Site </script><script>alert(1)</script>"
TITLE = r"Les grands modèles : 65 % de modèles ouverts ? & # _ { } \ ~ ^ $ a}b{c"
AUTHOR = "Eve <b> Mallory </script><script>alert(2)</script> {%"
BASE = "https://example.org/hostile/"
CRASHES = ("Traceback", "Exception occurred", "unbalanced braces", "Error:")


def line_of(needle: str, text: str) -> int:
    return text[: text.index(needle)].count("\n") + 1




def assert_built(app) -> None:
    warnings = warnings_of(app)
    assert app.statuscode == 0
    assert not [line for line in warnings.splitlines() if any(crash in line for crash in CRASHES)], warnings


def spaced(text: str) -> str:
    """*text* with the French typography's no-break spaces as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def builds(build_once):
    """``builds("test-metadata-hostile", "latex")``: each root and builder built once for the module."""
    done = {}

    def build(root: str, builder: str = "html"):
        if (root, builder) not in done:
            done[root, builder] = build_once(root, builder)
        return done[root, builder]

    return build


@pytest.fixture(scope="module")
def hostile(builds):
    return builds("metadata-hostile")


@pytest.fixture(scope="module")
def broken(builds):
    return builds("metadata-broken")


def scripts_from_data(app) -> list[tuple[str, str]]:
    """Script elements of every page that hold text from the data (``alert(``)."""
    found = []
    for path in Path(app.outdir).glob("*.html"):
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            text = script.string or ""
            if script.get("type") == "application/ld+json":
                assert "<" not in text, (path.name, text[:200])
                json.loads(text)
            elif "alert(" in text or "alert(" in str(script.attrs):
                found.append((path.name, str(script)[:120]))
    return found


# -- row 1: the site's title ------------------------------------------------------------


def test_row1_the_site_title_is_text_in_title_brand_and_search(hostile):
    assert_built(hostile)
    assert hostile.config.html_title == "Site &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    for name in ("index.html", "chapitre.html", "search.html", "genindex.html"):
        page = soup(hostile, name)
        assert page.title.get_text().endswith(SITE_TITLE), (name, page.title.get_text())
        for selector in (".sidebar-brand-text", ".brand"):
            brand = page.select_one(selector)
            assert brand.get_text().strip() == SITE_TITLE, (name, str(brand))
            assert brand.find(True) is None, (name, str(brand))  # text only, no element
    assert scripts_from_data(hostile) == []


def test_row1_the_single_page_brand_is_text(builds):
    """singlehtml has no ``docstitle``: Furo writes ``project`` as it is."""
    app = builds("metadata-hostile", "singlehtml")
    page = soup(app, "index.html")
    assert page.title.get_text() == SITE_TITLE
    for selector in (".sidebar-brand-text", ".brand"):
        brand = page.select_one(selector)
        assert brand.get_text().strip() == SITE_TITLE and brand.find(True) is None, str(brand)
    assert scripts_from_data(app) == []


def test_row1_a_theme_that_escapes_prints_the_title_escaped_once(build_once):
    """Sphinx's own templates write ``docstitle|e``: no ``&amp;lt;`` either."""
    app = build_once("metadata-hostile", confoverrides={"html_theme": "alabaster"})
    for name in ("index.html", "chapitre.html", "search.html"):
        page = soup(app, name)
        assert page.title.get_text().endswith(" — " + SITE_TITLE), page.title.get_text()
        assert page.select_one(".logo a").get_text() == SITE_TITLE
    assert scripts_from_data(app) == []


def test_row1_head_tags_and_json_ld_carry_the_texts(hostile):
    page = soup(hostile, "index.html")
    metas = {name: [t["content"] for t in page.find_all("meta", attrs={"name": name})]
             for name in ("citation_title", "DC.title", "citation_author", "DC.creator", "DC.description")}
    assert metas["citation_title"] == metas["DC.title"] == [TITLE]
    assert metas["citation_author"] == metas["DC.creator"] == ["Mallory </script><script>alert(2)</script> {%, Eve <b>"]
    assert metas["DC.description"][0].startswith("Résumé </script><script>alert(6)</script>")
    (data,) = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert data["headline"] == TITLE and data["author"][0]["name"] == AUTHOR
    assert data["keywords"] == ["<img src=x onerror=alert(5)>", r"% & # _ { } \ ~ ^"]
    assert page.find("img") is None and page.find("svg", onload=True) is None


# -- row 3: LaTeX specials in the title -----------------------------------------------------


def test_row3_the_title_prints_as_written_in_html_and_cite_this_article(hostile):
    page = soup(hostile, "index.html")
    assert spaced(page.find("h1").get_text().rstrip("¶")) == TITLE  # the MyST substitution
    block = page.select_one("div.cite-this-article")
    reference = spaced(block.select_one("p.cite-this-article-reference").get_text())
    assert f"{AUTHOR}. {TITLE}." in reference
    bibtex = block.select_one(".cite-this-article-bibtex pre").get_text()
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    assert plain(entry.fields["title"]) == TITLE


def test_row3_the_downloads_round_trip(hostile):
    folder = Path(hostile.outdir) / "_citation"
    (bib,) = [p for p in folder.glob("*.bib") if not p.stem.endswith("-bibliographie")]
    (entry,) = parse_string(bib.read_text(encoding="utf-8"), "bibtex").entries.values()
    assert plain(entry.fields["title"]) == TITLE
    assert plain(entry.fields["keywords"]) == r"<img src=x onerror=alert(5)>, % & # _ { } \ ~ ^"
    (author,) = entry.persons["author"]
    family = author.prelast_names + author.last_names  # BibTeX's "von Last"
    assert plain(" ".join(family)) == "Mallory </script><script>alert(2)</script> {%"
    assert plain(" ".join(author.first_names + author.middle_names)) == "Eve <b>"
    assert entry.fields["url"] == BASE + "index.html"
    (ris,) = folder.glob("*.ris")
    lines = ris.read_text(encoding="utf-8").splitlines()
    assert f"TI  - {TITLE}" in lines and f"T2  - {SITE_TITLE}" in lines


def test_row3_latex_title_block_and_pdf_information(builds):
    app = builds("metadata-hostile", "latex")
    assert_built(app)
    tex = (Path(app.outdir) / "hostile.tex").read_text(encoding="utf-8")
    assert (r"\title{Les grands modèles : 65 \% de modèles ouverts ? \& \# \_ \{ \} \textbackslash{} "
            r"\textasciitilde{} \textasciicircum{} \$ a\}b\{c}") in tex
    assert r"\author{Eve <b> Mallory </script><script>alert(2)</script> \{\%}" in tex
    assert r"pdfkeywords={<img src=x onerror=alert(5)>, \% \& \# \_ \{ \} \textbackslash{}" in tex
    # « Citer cet article »: the same text, escaped by the LaTeX writer
    assert r"ouverts ? \& \# \_ \{ \} \textbackslash{} \textasciitilde{} \textasciicircum{} \$ a\}b\{c. 1" in tex


@pytest.mark.latex
def test_row3_latex_compiles_and_prints_the_title(builds):
    latexmk = require_tool("latexmk", "to compile the LaTeX output")
    require_tool("xelatex", "to compile the LaTeX output")
    pdftotext = require_tool("pdftotext", "to read the PDF back")
    outdir = Path(builds("metadata-hostile", "latex").outdir)
    result = subprocess.run([latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "hostile.tex"],
                            cwd=outdir, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    text = subprocess.run([pdftotext, "hostile.pdf", "-"], cwd=outdir, capture_output=True, text=True,
                          check=True).stdout
    assert TITLE in " ".join(text.split()) and AUTHOR in text


def test_row3_typst_metadata_and_title(builds):
    from sphinx_publication.typst import markup

    app = builds("metadata-hostile", "typst")
    assert_built(app)
    typ = (Path(app.outdir) / "hostile.typ").read_text(encoding="utf-8")
    assert f"title: {markup.string(TITLE)}," in typ
    assert spaced(typ).count(markup.text(TITLE)) == 2  # the heading and the citation
    assert (Path(app.outdir) / "hostile.pdf").stat().st_size > 0


@pytest.mark.parametrize("builder", ["text", "epub", "singlehtml"])
def test_row3_other_builders_finish(builds, builder):
    app = builds("metadata-hostile", builder)
    assert_built(app)
    if builder == "epub":
        opf = BeautifulSoup((Path(app.outdir) / "content.opf").read_text(encoding="utf-8"), "xml")
        assert opf.find("dc:title").get_text() == TITLE


# -- row 7: a javascript: address -------------------------------------------------------------


def test_row7_a_javascript_url_is_refused_at_its_line(hostile):
    line = line_of("url: javascript:alert(3)", HOSTILE_CFF)
    warnings = warnings_of(hostile)
    (located,) = [w for w in warnings.splitlines() if f"CITATION.cff:{line}: WARNING:" in w]
    assert "preferred-citation.url" in located and "javascript:alert(3)" in located
    assert "seules les adresses http et https deviennent des liens" in located
    assert located.endswith("[sphinx_publication.metadata]")
    # the top-level address is used instead, everywhere
    assert hostile.config.html_baseurl == BASE
    page = soup(hostile, "chapitre.html")
    assert page.find("link", rel="canonical")["href"] == BASE + "chapitre.html"
    for path in Path(hostile.outdir).glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "javascript:" not in text.lower(), path.name
        links = BeautifulSoup(text, "html.parser").find_all(href=True)
        assert all(scheme_of(a["href"]) in ("http", "https", "") for a in links), path.name


def test_only_the_refused_address_warns(hostile):
    located = re.findall(r"CITATION\.cff:\d+: WARNING", warnings_of(hostile))
    assert len(located) == 1, warnings_of(hostile)


# -- a metadata file that is not there --------------------------------------------------------

MISSING = "metadonnees/absent.cff"


def missing_file_warnings(app) -> list[str]:
    """The build finishes (the page's substitutions then warn that they have no value)."""
    assert app.statuscode == 0
    assert "Traceback" not in warnings_of(app) and "Exception occurred" not in warnings_of(app)
    return [w for w in warnings_of(app).splitlines() if "metadata file not found" in w
            or "fichier de métadonnées introuvable" in w]


def test_a_missing_metadata_file_set_in_conf_py_is_located_at_the_setting(build_root):
    def set_missing(srcdir: Path) -> None:
        conf = srcdir / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8")
                        + f'publication_metadata: str = "{MISSING}"\n', encoding="utf-8")

    app = build_root("metadata-hostile", "text", edit=set_missing)
    conf = (Path(app.srcdir) / "conf.py").read_text(encoding="utf-8")
    (warning,) = missing_file_warnings(app)
    line = line_of("publication_metadata:", conf)
    assert re.search(rf"conf\.py:{line}: WARNING: .*{re.escape(MISSING)}", warning), warning
    assert warning.endswith("[sphinx_publication.metadata]")


def test_a_missing_metadata_file_given_with_d_is_located_at_a_line(build_root):
    """A ``-D`` override has no line of its own: the file it names, line 1, never a bare path."""
    app = build_root("metadata-hostile", "text", confoverrides={"publication_metadata": MISSING})
    (warning,) = missing_file_warnings(app)
    assert re.search(rf"{re.escape(MISSING)}:1: WARNING: ", warning), warning


# -- rows 5 and 6: impossible dates and wrong types ------------------------------------------------

#: (text on the offending line, what the warning says): each a warning at that line
BROKEN = [
    ("title: [a, b]", "title : doit être un texte, pas une liste"),
    ("  - given-names: [Maria]", "authors[0].given-names : doit être un texte, pas une liste"),
    ("date-released: 2024-13-01", "date-released : '2024-13-01' n’a pas la forme attendue"),
    ("keywords: 7", "keywords : doit être une liste, pas un nombre entier '7'"),
    ("    - given-names: [Maria]", "preferred-citation.authors[0].given-names : doit être un texte"),
    ("date-published: 2024-02-30", "preferred-citation.date-published : '2024-02-30' n’a pas la forme attendue"),
    ('year: "deux mille"', "preferred-citation.year : 'deux mille' n’est pas une année"),
    ('keywords: "not a list"', "preferred-citation.keywords : doit être une liste, pas un texte"),
    ("abstract: {texte", "preferred-citation.abstract : doit être un texte, pas un ensemble de clés"),
    ("license: [MIT, GPL]", "preferred-citation.license[1] : 'GPL' n’est pas un identifiant de licence SPDX"),
    ("languages: [42]", "preferred-citation.languages[0] : doit être un texte, pas un nombre entier"),
]


def test_rows5_and_6_each_wrong_value_is_a_warning_at_its_line(broken):
    assert_built(broken)
    warnings = warnings_of(broken).splitlines()
    lines = BROKEN_CFF.splitlines()
    for needle, said in BROKEN:
        line = next(i for i, text in enumerate(lines, start=1)
                    if text.startswith(needle) or needle[0] != " " and text.lstrip().startswith(needle))
        located = [w for w in warnings if f"CITATION.cff:{line}: WARNING:" in w]
        assert len(located) == 1 and said in located[0], (needle, line, located)
        assert located[0].endswith("[sphinx_publication.metadata]")
    assert len([w for w in warnings if "CITATION.cff:" in w]) == len(BROKEN)


def published_text(app) -> str:
    """Every text and attribute value of the HTML pages, and the article's downloads."""
    parts = []
    for path in Path(app.outdir).glob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        parts.append(page.get_text())
        parts += [str(value) for tag in page.find_all(True) for value in tag.attrs.values()]
    parts += [path.read_text(encoding="utf-8") for path in Path(app.outdir).glob("_citation/*")]
    return "\n".join(parts)


@pytest.mark.parametrize("never", ["['a', 'b']", "['Maria']", "n; o; t", "n, o, t", "not a list", "texte",
                                   "['MIT', 'GPL']", "GPL", "[42]", "deux mille", "2024-02-30",
                                   "2024-13-01", "Maria"])
def test_rows5_and_6_wrong_values_are_never_published(broken, never):
    text = published_text(broken)
    assert never not in text, text[max(0, text.find(never) - 80): text.find(never) + 80]


def test_rows5_and_6_the_rest_of_the_article_is_used(broken):
    config = broken.config
    article = config.publication_article
    assert article.title == "Un article aux métadonnées cassées"
    assert article.site_title == article.title  # the top-level title was dropped
    assert [a.full_name for a in article.authors] == ["Rodriguez", "Jean Dupont"]
    assert article.licenses == ("MIT",) and article.keywords == () and article.abstract == ""
    assert article.date_published is None and article.date_modified is None
    assert article.language == "fr"  # conf.py's, the CFF's was dropped
    assert config.html_baseurl == "https://example.org/broken/"
    page = soup(broken, "index.html")
    assert [t["content"] for t in page.find_all("meta", attrs={"name": "DC.rights"})] == [
        "https://spdx.org/licenses/MIT.html"]
    (data,) = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert data["license"] == "https://spdx.org/licenses/MIT.html" and "keywords" not in data


# -- the check itself, without Sphinx -------------------------------------------------------------


def read(text: str) -> tuple[Article, list]:
    problems: list = []
    return article_from_text(text, problems=problems), problems


@pytest.mark.parametrize("path", [PROJECT / "CITATION.cff", ROOTS / "test-metadata" / "CITATION.cff",
                                  ROOTS / "test-citations-hostile" / "CITATION.cff"],
                         ids=["publication", "test-metadata", "test-citations-hostile"])
def test_valid_files_read_without_a_problem(path):
    problems: list = []
    read_article(path, problems)
    assert problems == []


def test_several_licences_are_alternatives():
    article, problems = read(HOSTILE_CFF.replace("  license: CC-BY-4.0", "  license: [MIT, Apache-2.0]"))
    assert problems[1:] == [] and article.licenses == ("MIT", "Apache-2.0")
    assert article.license_urls == ["https://spdx.org/licenses/MIT.html",
                                    "https://spdx.org/licenses/Apache-2.0.html"]


@pytest.mark.parametrize("replacement, said", [
    ("  url: ftp://example.org/x", "only http and https addresses become links"),
    ("  url: '\\tjavascript:alert(1)'", "only http and https addresses become links"),
    ("  url: data:text/html,<script>alert(1)</script>", "only http and https addresses become links"),
])
def test_addresses_other_than_http_are_refused(replacement, said):
    article, problems = read(HOSTILE_CFF.replace("  url: javascript:alert(3)", replacement))
    assert article.url == BASE
    (problem,) = problems
    assert problem.line == line_of("  url: javascript:alert(3)", HOSTILE_CFF) and said in problem.message


def test_an_orcid_must_be_one():
    text = HOSTILE_CFF.replace('    affiliation: "\\"><svg onload=alert(4)> & Co"\n',
                               "    orcid: javascript:alert(1)//https://orcid.org/0000-0002-1825-0097\n")
    article, problems = read(text)
    assert article.authors[0].orcid == ""
    assert sorted(p.line for p in problems) == [line_of("orcid:", text), line_of("  url: javascript", text)]


@pytest.mark.parametrize("text, line", [
    ("a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
     "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
     "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", None),  # a billion laughs, small
    ("a: &a [*a]\n", 1),  # a recursive alias
    ("title: " + "[" * 10_000 + "]" * 10_000 + "\n", 1),
    ("title: !!python/object/apply:os.system [echo]\n", 1),
    ("title: x\n---\ntitle: y\n", 2),
    ("title: 'x\n", 2),
    ("- a\n- b\n", 1),
    ("", 1),
])
def test_hostile_yaml_is_a_located_error(text, line):
    with pytest.raises(MetadataError) as caught:
        read(text)
    assert caught.value.problem.line >= 1
    if line is not None:
        assert caught.value.problem.line == line


def test_yaml_dates_stay_text():
    """PyYAML builds dates from unquoted ``2024-02-30`` (a traceback); here they stay text."""
    article, problems = read(HOSTILE_CFF.replace('date-released: "2024-09-15"', "date-released: 2024-02-30")
                             .replace('date-published: "2024-06-01"', "date-published: 2024-06-01"))
    assert article.date_published == PartialDate(2024, 6, 1) and article.date_modified is None
    assert [p.line for p in problems][0] == line_of("date-released", HOSTILE_CFF)


# -- BibTeX and the formatted citation over any text ---------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda t: t.split())


@settings(max_examples=150, deadline=None)
@given(title=TEXT, family=TEXT)
def test_any_title_round_trips_through_bibtex_and_prints_as_written(title, family):
    article = Article(title=title, authors=(Author(given="Eve", family=family),),
                      date_published=PartialDate(2024), language="fr")
    written = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", title).split())
    (entry,) = parse_string(article_bibtex(article), "bibtex").entries.values()
    assert plain(entry.fields["title"]) == written
    # noncharacters (U+FDD0…U+FDEF, internal use only) are left out
    assert re.sub("[\ufdd0-\ufdef]", "", written).strip() in formatted_citation(article).render_as("text")
    assert f"TI  - {' '.join(title.split())}\r\n" in article_ris(article)


@pytest.mark.parametrize("text, expected", [
    ("65 %", r"65 \%"),
    ("{a} b", r"\{a\} b"),
    ("a } b {", r"a \textbraceright{} b \textbraceleft{}"),
    (r"C:\x ~ ^", r"C:\textbackslash{}x \textasciitilde{} \textasciicircum{}"),
    ("a--b ''c''", "a-{}-b '{}'c'{}'"),
])
def test_bibtex_text(text, expected):
    assert bibtex_text(text) == expected


# -- any CFF document: an Article, or a located error; never another exception ------------------

CFF_KEYS = ["cff-version", "message", "title", "authors", "date-released", "url", "doi", "license", "keywords",
            "abstract", "languages", "preferred-citation", "version", "repository-code", "identifiers", "x-unknown"]
REFERENCE_KEYS = ["type", "title", "authors", "date-published", "year", "month", "languages", "abstract",
                  "keywords", "license", "url", "doi"]
DATES = st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 14), st.integers(0, 33))
SCALARS = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=20) | DATES
           | st.sampled_from(["javascript:alert(1)", "https://example.org/", "doi:10.1/x", "MIT", "GPL", "fr", "42",
                              "https://orcid.org/0000-0002-1825-0097", "10.5281/zenodo.1", "2024-02-30"]))
VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=3)
                      | st.dictionaries(st.sampled_from(["given-names", "family-names", "name", "orcid",
                                                         "affiliation", "x"]) | st.text(max_size=5),
                                        children, max_size=4), max_leaves=10)
VALID = yaml.safe_load(HOSTILE_CFF)


@st.composite
def cff_documents(draw) -> str:
    data = dict(VALID) if draw(st.booleans()) else {}
    data["preferred-citation"] = dict(VALID["preferred-citation"]) if draw(st.booleans()) else draw(VALUES)
    for key in draw(st.lists(st.sampled_from(CFF_KEYS), max_size=5)):
        data[key] = draw(VALUES)
    if isinstance(data["preferred-citation"], dict):
        for key in draw(st.lists(st.sampled_from(REFERENCE_KEYS), max_size=5)):
            data["preferred-citation"][key] = draw(VALUES)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):  # unquoted dates, as people write them
        text = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", text)
    return text


def assert_reads_or_locates(text: str) -> None:
    problems: list = []
    last_line = len(text.splitlines()) + 1  # YAML also breaks lines at U+0085, U+2028, U+2029
    try:
        article = article_from_text(text, problems=problems)
    except MetadataError as error:
        assert 1 <= error.problem.line <= last_line, (error.problem, text)
        assert isinstance(error.problem.message, str) and error.problem.message
    else:
        assert isinstance(article, Article) and article.title and article.authors
        texts = [article.title, article.site_title, article.abstract, article.language, article.url, article.doi,
                 *article.keywords, *article.licenses,
                 *(value for author in article.authors for value in vars(author).values())]
        assert all(isinstance(value, str) for value in texts)
        assert not any(value.startswith(("[", "{")) and value.endswith(("]", "}")) and "'" in value
                       for value in texts), texts  # no Python representation
        assert article.url == "" or scheme_of(article.url) in ("http", "https")
    for problem in problems:
        assert 1 <= problem.line <= last_line, (problem, text)
        assert isinstance(problem.message, str) and problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cff_documents())
def test_any_cff_document_reads_or_warns_with_a_line(text):
    assert_reads_or_locates(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200) | st.builds("".join, st.lists(st.sampled_from(
    ["title: ", "authors:\n", "  - name: ", "&a ", "*a", "[", "]", "{", "}", "!!str ", "!!binary ", "2024-02-30",
     "\n", "  ", "- ", "? ", ": ", "<<: *a\n", "'", '"', "#", "%YAML 1.1\n", "---\n", "\t", "\\"]), max_size=40)))
def test_any_text_reads_or_fails_with_a_line(text):
    assert_reads_or_locates(text)
