"""Hostile and broken input, end to end (issue 21, deliverable 8).

The ``test-hostile-input`` root carries every payload of the issue in every
field it can reach: ``CITATION.cff`` (a site title that closes ``<script>``, an
article title with ``% & # _ { } \\ ~ ^``, ``javascript:`` addresses), ``refs.bib``
(``javascript:``/``data:`` links, ``\\url``/``\\href`` macros, markup in every
field, a percent sign, a lone final backslash, a 24,000-character field, a key
with quotes), citations that cannot be read, page titles, chart labels, axis
labels and data-table headers, a CSV file with a NUL byte and one with spreadsheet
formulas, a Plotly file with markup in its names and titles and one nested
100,000 levels deep, editorial markers and notes with markup.

Built once per builder (html, singlehtml, dirhtml, epub, latex, text, typst),
each output must:

* finish, with no traceback or exception in the warnings, every page written;
* in HTML and XHTML, link only to http(s), relative addresses and fragments
  (``href``, ``src``, ``xlink:href``, ``action``, ``formaction``, ``data``,
  ``poster``, the address-valued ``meta`` tags and JSON-LD), carry no ``on*``
  attribute and no script holding a payload, and print the payloads as text;
* in LaTeX, link only http(s) or relative files, escape the title so the
  ``.tex`` compiles (compiled when TeX Live is installed);
* in Typst, link only http(s) or relative files and produce the PDF;
* in plain text, print the titles as written;
* say where each refused input is, as ``file:line``.

Then: the broken ``CITATION.cff`` documents of the issue (impossible dates,
wrong types), each a located warning and no Python repr in the pages; and one
property test building a tiny project from generated Plotly JSON, CSV rows and
``.bib`` field text: built, or a located warning, never an exception.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import make_test_app, per_builder, require_tool

ROOT = Path(__file__).parent / "roots" / "test-hostile-input"
BUILDERS = ("html", "singlehtml", "dirhtml", "epub", "latex", "text", "typst")
HTML_BUILDERS = ("html", "singlehtml", "dirhtml", "epub")
PAGES = ("index", "figures", "notes", "etat", "bibliographie")

#: what CITATION.cff names the site and the article (YAML-decoded)
SITE_TITLE = r"Site </script><script>alert(101)</script> % & # _ { } \ ~ ^"
ARTICLE_TITLE = r"Les grands modèles : 65 % de modèles ouverts ? </title><script>alert(108)</script> & # _ { } \ ~ ^"
SPECIALS = r"% & # _ { } \ ~ ^"
INDEX_TITLE = r"Accueil <img src=x onerror=alert(301)> </script><script>alert(302)</script> % & # _ { } \ ~ ^"

#: schemes a link built from data may use; "" is a relative address or a fragment
SAFE_SCHEMES = {"http", "https", ""}
URL_ATTRIBUTES = ("href", "src", "xlink:href", "action", "formaction", "data", "poster", "background",
                  "cite", "srcset")
#: meta tags whose content is an address a reader or a robot may follow
URL_META = re.compile(r"(_url$|^og:(url|image|audio|video)|^twitter:image|^dc\.identifier$|^dc\.relation)",
                      re.IGNORECASE)
#: JSON-LD keys whose string values are addresses
URL_JSON_KEYS = {"@id", "url", "sameAs", "contentUrl", "embedUrl", "thumbnailUrl", "image", "logo",
                 "license", "mainEntityOfPage", "discussionUrl", "archivedAt"}
#: what must never reach the warnings of any build
CRASHES = ("Traceback", "Exception occurred", "Exception", "ValueError", "TypeError", "KeyError",
           "IndexError", "AttributeError", "RecursionError", "unbalanced braces", "codec can't")


# -- URL schemes as a browser reads them ----------------------------------------------------

_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def scheme_of(url: str) -> str:
    """The lower-case scheme of *url* as the WHATWG URL parser reads it (C0 controls
    and spaces trimmed at the edges, tabs and newlines removed anywhere), ``""``
    for a relative address or a fragment. Written here rather than imported so the
    test does not share a blind spot with the code under test."""
    cleaned = _TAB_NEWLINE.sub("", _EDGES.sub("", url))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def test_scheme_of_reads_as_a_browser():
    assert scheme_of(" JaVaScRiPt:alert(1)") == "javascript"
    assert scheme_of("java\tscript:alert(1)") == "javascript"
    assert scheme_of("\x00\x1fjavascript:x") == "javascript"
    assert scheme_of("data:text/html,x") == "data"
    assert scheme_of("HTTPS://example.org") == "https"
    assert scheme_of("../figures.html#x") == scheme_of("#cite-x") == scheme_of("_downloads/a:b.csv") == ""


# -- the builds --------------------------------------------------------------------------------


def plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def warnings_of(app) -> str:
    return plain(app.warning.getvalue())


def assert_no_crash(warnings: str) -> None:
    """No traceback or exception text in *warnings*; the failure shows those lines only."""
    crashes = [line for line in warnings.splitlines() if any(crash in line for crash in CRASHES)]
    assert crashes == []


def lines_naming(warnings: str, name: str) -> list[str]:
    return [line for line in warnings.splitlines() if name in line]


@pytest.fixture(scope="module")
def builds(build_once):
    """``builds("latex")``: the hostile root built once per builder for the module."""
    return per_builder(build_once, "hostile-input")


@pytest.fixture(params=BUILDERS)
def built(request, builds):
    return builds(request.param)


def files(app, *suffixes: str) -> list[Path]:
    return sorted(path for path in Path(app.outdir).rglob("*") if path.suffix in suffixes)


def source_line(name: str, needle: str) -> int:
    """The line of the root's file *name* holding *needle* (1-based)."""
    text = (ROOT / name).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


# -- (a) no traceback, every output written ------------------------------------------------------


EXPECTED_OUTPUT = {
    "html": [f"{page}.html" for page in PAGES] + ["une-page.html"],
    "dirhtml": ["index.html"] + [f"{page}/index.html" for page in PAGES if page != "index"],
    "singlehtml": ["index.html"],
    "epub": [f"{page}.xhtml" for page in PAGES] + ["content.opf", "nav.xhtml"],
    "latex": ["hostile.tex"],
    "text": [f"{page}.txt" for page in PAGES],
    "typst": ["hostile.typ", "hostile.pdf"],
}


def test_the_build_finishes_without_traceback(built):
    assert_no_crash(warnings_of(built))
    assert built.statuscode == 0
    outdir = Path(built.outdir)
    for name in EXPECTED_OUTPUT[built.builder.name]:
        assert (outdir / name).is_file(), name
    if built.builder.name == "epub":
        assert list(outdir.glob("*.epub"))


def test_the_rest_of_the_page_builds_around_what_is_refused(builds):
    """The NUL byte and the deep JSON refuse their figure, not the page."""
    page = BeautifulSoup((Path(builds("html").outdir) / "figures.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = page.get_text()
    assert "Ce paragraphe suit les figures refusées" in text
    assert "Formules de tableur" in text
    figures = page.find_all("figure")
    drawn = [figure for figure in figures if figure.find("svg")]
    assert len(drawn) >= 3, [figure.get_text()[:60] for figure in figures]  # bars, pie, the hostile Plotly file


# -- (b) HTML and XHTML: links, event attributes, scripts, text ------------------------------------


def html_pages(app) -> list[Path]:
    return [path for path in files(app, ".html", ".xhtml")]


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def unsafe_addresses(page: BeautifulSoup) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, value) of *page* that a browser could follow to a scheme
    other than http(s), templates (the citation cards) included."""
    found = []
    documents = [page] + [BeautifulSoup(template.decode_contents(), "html.parser")
                          for template in page.find_all("template")]
    for document in documents:
        for tag in document.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if value is None:
                    continue
                values = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" \
                    else [value]
                found += [(tag.name, attribute, v) for v in values if scheme_of(v) not in SAFE_SCHEMES]
            if tag.name == "meta":
                name = tag.get("name") or tag.get("property") or ""
                content = tag.get("content", "")
                if URL_META.search(name) and scheme_of(content) not in SAFE_SCHEMES:
                    found.append(("meta", name, content))
                if (tag.get("http-equiv") or "").lower() == "refresh" and "url=" in content.lower():
                    target = content.lower().split("url=", 1)[1]
                    if scheme_of(target) not in SAFE_SCHEMES:
                        found.append(("meta", "refresh", content))
    return found


def json_ld_addresses(value, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in json_ld_addresses(v, k)]
    if isinstance(value, list):
        return [found for item in value for found in json_ld_addresses(item, key)]
    if isinstance(value, str) and key in URL_JSON_KEYS:
        return [(key, value)]
    return []


@pytest.mark.parametrize("builder", HTML_BUILDERS)
def test_html_links_only_http_relative_or_fragments(builds, builder):
    unsafe = {}
    for path in html_pages(builds(builder)):
        found = unsafe_addresses(soup_of(path))
        if found:
            unsafe[path.name] = found
    assert unsafe == {}


@pytest.mark.parametrize("builder", HTML_BUILDERS)
def test_html_has_no_event_attribute(builds, builder):
    """No ``on*`` attribute on any element (the theme and the extension write none:
    any there came from data)."""
    found = []
    for path in html_pages(builds(builder)):
        page = soup_of(path)
        documents = [page] + [BeautifulSoup(t.decode_contents(), "html.parser") for t in page.find_all("template")]
        for document in documents:
            for tag in document.find_all(True):
                found += [(path.name, tag.name, name) for name in tag.attrs if name.lower().startswith("on")]
                if tag.name in ("img", "iframe", "object", "embed") and "alert(" in str(tag):
                    found.append((path.name, tag.name, str(tag)[:120]))
    assert found == []


@pytest.mark.parametrize("builder", HTML_BUILDERS)
def test_html_scripts_carry_no_payload(builds, builder):
    """No script holds a payload; JSON-LD is valid JSON, never closes its element,
    and its addresses are http(s) or relative."""
    bad = []
    for path in html_pages(builds(builder)):
        page = soup_of(path)
        for script in page.find_all("script"):
            text = script.string or script.get_text()
            if script.get("type") == "application/ld+json":
                data = json.loads(text)
                assert "</" not in text and "<" not in text, (path.name, text[:200])
                bad += [(path.name, k, v) for k, v in json_ld_addresses(data) if scheme_of(v) not in SAFE_SCHEMES]
            elif "alert(" in text:
                bad.append((path.name, "script", text[:120]))
    assert bad == []


def test_the_site_title_is_text_in_title_and_brand(builds):
    """Row 1: the CITATION.cff title closes a script element in the theme unless escaped."""
    outdir = Path(builds("html").outdir)
    for name in ("index.html", "figures.html", "bibliographie.html"):
        page = soup_of(outdir / name)
        assert page.title.get_text().endswith(SITE_TITLE), (name, page.title.get_text())
        brand = page.select_one(".sidebar-brand-text")
        if brand is not None:
            assert brand.get_text().strip() == SITE_TITLE, (name, str(brand))
            assert brand.find(True) is None, (name, str(brand))  # text only, no element


def test_the_article_title_is_text_in_meta_tags(builds):
    page = soup_of(Path(builds("html").outdir) / "index.html")
    titles = [tag["content"] for tag in page.find_all("meta", attrs={"name": ["citation_title", "DC.title"]})]
    assert titles and all(title == ARTICLE_TITLE for title in titles), titles


#: (page, text printed as written): titles, labels, notes, entries
PRINTED = [
    ("index", INDEX_TITLE),
    ("figures", "<img src=x onerror=alert(407)>"),
    ("figures", "</script><script>alert(409)</script>"),
    ("figures", "<img src=x onerror=alert(410)>"),
    ("figures", "</script><script>alert(414)</script>"),
    ("figures", "<img src=x onerror=alert(412)>"),
    ("figures", "<img src=x onerror=alert(501)>"),  # from the CSV file
    ("figures", "</script><script>alert(602)</script>"),  # a Plotly category
    ("figures", SPECIALS),
    ("notes", "Notes <script>alert(701)</script>"),
    ("notes", "<img src=x onerror=alert(702)>"),
    ("notes", "</script><script>alert(704)</script>"),
    ("notes", "<img src=x onerror=alert(705)>"),
    ("etat", "<img src=x onerror=alert(702)>"),
    ("etat", "<img src=x onerror=alert(705)>"),
    ("bibliographie", "</script><script>alert(207)</script> <img src=x onerror=alert(208)>"),
    ("bibliographie", '<a href="javascript:alert(209)">clic</a>'),
    ("bibliographie", "javascript:alert(201)"),
    ("bibliographie", "data:text/html,<script>alert(204)</script>"),
    ("bibliographie", "Les grands modèles : 65 % de modèles ouverts ?"),
]


def normalise(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def page_file(builder: str, page: str) -> str:
    return {"html": f"{page}.html", "epub": f"{page}.xhtml", "text": f"{page}.txt",
            "dirhtml": "index.html" if page == "index" else f"{page}/index.html"}[builder]


@pytest.mark.parametrize("builder", ["html", "dirhtml", "epub"])
@pytest.mark.parametrize(("page", "text"), PRINTED, ids=[f"{p}-{i}" for i, (p, _) in enumerate(PRINTED)])
def test_payloads_are_printed_as_text(builds, builder, page, text):
    path = Path(builds(builder).outdir) / page_file(builder, page)
    assert normalise(text) in normalise(soup_of(path).get_text())


def test_singlehtml_prints_the_payloads_as_text(builds):
    text = normalise(soup_of(Path(builds("singlehtml").outdir) / "index.html").get_text())
    missing = [printed for _, printed in PRINTED if normalise(printed) not in text]
    assert missing == []


def test_epub_documents_are_well_formed_xml(builds):
    """One unescaped '<' or '&' and the EPUB does not open."""
    outdir = Path(builds("epub").outdir)
    for path in sorted(outdir.glob("*.xhtml")) + [outdir / "content.opf", outdir / "toc.ncx"]:
        ElementTree.parse(path)  # raises on any markup error
    opf = (outdir / "content.opf").read_text(encoding="utf-8")
    assert "alert(101)" not in opf or "&lt;script&gt;" in opf


def test_csv_download_defuses_spreadsheet_formulas(builds):
    """Row 15: a cell a spreadsheet would run is written with a leading quote."""
    outdir = Path(builds("html").outdir)
    download = next(outdir.glob("_downloads/*/formules-de-tableur.csv"))
    rows = list(csv.reader(io.StringIO(download.read_text(encoding="utf-8"))))
    labels = [row[0] for row in rows[1:]]
    assert labels[:4] == ["'=HYPERLINK(\"https://example.org/x\",\"clic\")", "'+cmd|' /C calc'!A0", "'@SUM(1+1)",
                          "'-2+3"]
    for path in outdir.rglob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            assert not [cell for cell in row if cell[:1] in ("=", "+", "@", "\t", "\r")
                        or (cell[:1] == "-" and not re.fullmatch(r"-[\d\s.,]+", cell))], (path.name, row)


def test_no_nul_byte_in_any_output(built):
    for path in Path(built.outdir).rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xhtml", ".txt", ".tex", ".typ", ".csv", ".json", ".opf"):
            assert "\x00" not in path.read_text(encoding="utf-8", errors="replace"), path.name


# -- (c) LaTeX -----------------------------------------------------------------------------------


def tex_source(builds) -> str:
    return (Path(builds("latex").outdir) / "hostile.tex").read_text(encoding="utf-8")


def test_latex_links_only_http_or_relative_files(builds):
    tex = tex_source(builds)
    targets = re.findall(r"\\(?:sphinx)?(?:href|url)\{((?:[^{}]|\{[^{}]*\})*)\}", tex)
    assert targets
    bad = [target for target in targets if scheme_of(target.replace("\\%", "%").replace("\\#", "#"))
           not in SAFE_SCHEMES]
    assert bad == []
    assert "javascript:alert(201)" in tex  # the address, as text


def test_latex_title_is_escaped(builds):
    tex = tex_source(builds)
    title = re.search(r"^\\title\{(.*)\}$", tex, re.MULTILINE)
    assert title, "no \\title"
    value = title.group(1)
    assert re.search(r"(?<!\\)%", value) is None, value  # an unescaped % comments the rest out
    for escaped in (r"65 \%", r"\&", r"\#", r"\_", r"\{", r"\}", r"\textbackslash{}", r"\textasciitilde{}",
                    r"\textasciicircum{}"):
        assert escaped in value, (escaped, value)


@pytest.mark.latex
def test_latex_compiles_to_a_pdf(builds):
    latexmk = require_tool("latexmk", "to compile the LaTeX output")
    require_tool("xelatex", "to compile the LaTeX output")
    outdir = Path(builds("latex").outdir)
    result = subprocess.run([latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "hostile.tex"],
                            cwd=outdir, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert (outdir / "hostile.pdf").read_bytes()[:5] == b"%PDF-"


# -- (d) Typst -----------------------------------------------------------------------------------


def test_typst_links_only_http_or_relative_and_the_pdf_is_made(builds):
    outdir = Path(builds("typst").outdir)
    typst = (outdir / "hostile.typ").read_text(encoding="utf-8")
    targets = re.findall(r'link\("((?:[^"\\]|\\.)*)"', typst)
    assert targets
    assert [target for target in targets if scheme_of(target) not in SAFE_SCHEMES] == []
    assert (outdir / "hostile.pdf").read_bytes()[:5] == b"%PDF-"


def test_typst_pdf_prints_the_titles(builds):
    pdftotext = require_tool("pdftotext", "poppler-utils reads the PDF back")
    pdf = Path(builds("typst").outdir) / "hostile.pdf"
    text = normalise(subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout)
    assert "65 % de modèles ouverts" in text
    assert "<img src=x onerror=alert(407)>" in text


# -- (e) plain text ------------------------------------------------------------------------------


def test_text_prints_titles_as_written(builds):
    outdir = Path(builds("text").outdir)
    index = (outdir / "index.txt").read_text(encoding="utf-8")
    assert index.splitlines()[0] == INDEX_TITLE
    every = normalise("".join(path.read_text(encoding="utf-8") for path in outdir.glob("*.txt")))
    for _, printed in PRINTED:
        assert normalise(printed) in every, printed


# -- (f) located warnings ---------------------------------------------------------------------------


#: (file, needle on the line the warning names, why)
LOCATED = [
    ("refs.bib", "javascript:alert(201)", "a javascript: url"),
    ("refs.bib", "JaVaScRiPt:alert(202)", "a mixed-case javascript: url"),
    ("refs.bib", "javascript:alert(203)", "\\url{javascript:} in howpublished"),
    ("refs.bib", "data:text/html", "a data: url"),
    ("refs.bib", "javascript:alert(205)", "\\href{javascript:}"),
    ("refs.bib", "65 % de modèles", "a percent sign"),
    ("refs.bib", "Trailing", "a lone final backslash, never cited"),
    ("data/nul.csv", "nul", "a NUL byte in a CSV label"),
    ("figures.md", "data/deep.json", "JSON nested 100,000 levels"),
    ("index.md", "{a}b{c}d", "an unreadable cite target"),
    ("index.md", "‹clé>", "a key in angle quotes"),
]


@pytest.mark.parametrize(("name", "needle", "why"), LOCATED, ids=[why for _, _, why in LOCATED])
def test_refused_input_is_a_located_warning(built, name, needle, why):
    line = source_line(name, needle)
    located = re.compile(rf"(?:^|/){re.escape(name)}:{line}: (WARNING|ERROR)")
    assert any(located.search(w) for w in warnings_of(built).splitlines()), (why, lines_naming(warnings_of(built), name))


def test_the_huge_field_is_a_located_warning(built):
    assert re.search(r"(?:^|/)huge\.bib:\d+: WARNING", warnings_of(built), re.MULTILINE), \
        lines_naming(warnings_of(built), "huge.bib")


def test_javascript_addresses_in_citation_cff_are_located_warnings(built):
    """Row 7: the article's url (the site's address) is refused where it is written."""
    lines = {source_line("CITATION.cff", "javascript:alert(106)"), source_line("CITATION.cff", "JaVaScRiPt:alert(109)")}
    found = {int(m) for m in re.findall(r"(?:^|/)CITATION\.cff:(\d+): WARNING", warnings_of(built), re.MULTILINE)}
    assert found & lines, lines_naming(warnings_of(built), "CITATION.cff")


def test_every_warning_is_located(built):
    unlocated = [w for w in warnings_of(built).splitlines()
                 if re.search(r"\b(WARNING|ERROR|CRITICAL):", w) and not re.match(r"^\S+?:\d+: ", w)]
    assert unlocated == []


# -- broken CITATION.cff documents (rows 3, 5, 6) --------------------------------------------------------


CFF = (ROOT / "CITATION.cff").read_text(encoding="utf-8")

#: id: (text replaced, replacement, the replacement's line marker, what must not be printed)
BROKEN_CFF = {
    "date-feb-30": ('  date-published: "2024-06-01"\n', "  date-published: 2024-02-30\n", "2024-02-30", None),
    "date-month-13": ('  date-published: "2024-06-01"\n', "  date-published: 2024-13-01\n", "2024-13-01", None),
    "keywords-number": ("  keywords:\n    - \"<img src=x onerror=alert(107)>\"\n", "  keywords: 7\n",
                        "keywords: 7", None),
    "title-list": ('title: "Site', "title: [a, b]\nx-old-title: \"Site", "[a, b]", "['a', 'b']"),
    "keywords-string": ('keywords:\n  - "<img src=x onerror=alert(107)>"\n  - "% & # _ { } \\\\ ~ ^"\n',
                        'keywords: "not a list"\n', "not a list", "n, o, t"),
    "given-names-list": ('    - given-names: "Eve <b>"\n      family-names',
                         "    - given-names: [Maria]\n      family-names", "[Maria]", "['Maria']"),
    "license-list": ("  type: article\n", "  type: article\n  license: [MIT, GPL]\n", "[MIT, GPL]",
                     "['MIT', 'GPL']"),
    "year-words": ('  date-published: "2024-06-01"\n', '  year: "deux mille"\n', "deux mille", None),
    "languages-number": ("  languages:\n    - fr\n", "  languages: [42]\n", "[42]", "[42]"),
}


def broken_cff(case: str) -> tuple[str, int]:
    old, new, marker, _ = BROKEN_CFF[case]
    assert old in CFF, old
    text = CFF.replace(old, new, 1)
    if case == "title-list":  # drop the old title entirely
        text = re.sub(r'(?m)^x-old-title: .*\n', "", text)
    return text, text[: text.index(marker)].count("\n") + 1


def published_text(app) -> str:
    """Every text and attribute value of the HTML pages, and the article's downloads."""
    parts = []
    for path in files(app, ".html"):
        page = soup_of(path)
        parts.append(page.get_text())
        parts += [str(v) for tag in page.find_all(True) for v in tag.attrs.values()]
    parts += [path.read_text(encoding="utf-8") for path in Path(app.outdir).glob("_citation/*")]
    return "\n".join(parts)


@pytest.mark.parametrize("case", list(BROKEN_CFF))
def test_a_broken_citation_cff_is_a_located_warning(build_root, case):
    text, line = broken_cff(case)

    def edit(srcdir: Path) -> None:
        (srcdir / "CITATION.cff").write_text(text, encoding="utf-8")

    app = build_root("hostile-input", edit=edit)
    warnings = warnings_of(app)
    assert_no_crash(warnings)
    assert (Path(app.outdir) / "index.html").is_file()
    assert (Path(app.outdir) / "figures.html").is_file()
    assert re.search(r"(?:^|/)CITATION\.cff:\d+: (WARNING|ERROR)", warnings, re.MULTILINE), \
        lines_naming(warnings, "CITATION.cff")
    forbidden = BROKEN_CFF[case][3]
    if forbidden:
        assert forbidden not in published_text(app), forbidden


# -- hypothesis: a tiny project from generated data, through a real Sphinx build --------------------


TINY_CONF = """
extensions = ["myst_parser", "sphinx_publication"]
language = "fr"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
html_last_updated_fmt = None
"""
TINY_INDEX = """# Racine

Source : {cite:p}`gen`.

```{chart} figure.json
Figure générée.
```

```{chart-bar} Barres générées
:file: data.csv
```

Paragraphe témoin.

```{bibliography}
```
"""

_hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>",
                     '"><svg onload=alert(3)>', "javascript:alert(4)", " JaVaScRiPt:alert(5)",
                     "=HYPERLINK(\"https://example.org\")", "+1+1", "@SUM(A1)", "\x00", "\x1b[31m",
                     r"% & # _ { } \ ~ ^", "\\", "{", "}", "$x$", "<a href=\"javascript:alert(6)\">x</a>"]),
)
_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                         st.floats(allow_nan=False, allow_infinity=False, width=32), _hostile_text)
_json = st.recursive(_json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(_hostile_text, inner, max_size=4)),
                     max_leaves=20)
_trace = st.fixed_dictionaries(
    {"type": st.sampled_from(["bar", "scatter", "pie", "heatmap"]) | _hostile_text},
    optional={"x": st.lists(_json_scalar, max_size=6), "y": st.lists(_json_scalar, max_size=6),
              "labels": st.lists(_json_scalar, max_size=6), "values": st.lists(_json_scalar, max_size=6),
              "name": _json_scalar, "mode": st.sampled_from(["lines", "markers", "text"]) | _hostile_text,
              "orientation": st.sampled_from(["h", "v"]), "extra": _json},
)
_plotly = st.one_of(
    st.fixed_dictionaries({"data": st.lists(_trace, max_size=3)},
                          optional={"layout": st.fixed_dictionaries(
                              {}, optional={"title": _json_scalar | st.fixed_dictionaries({"text": _hostile_text}),
                                            "xaxis": st.fixed_dictionaries({}, optional={"title": _json_scalar,
                                                                                         "type": _hostile_text}),
                                            "barmode": _hostile_text})}),
    _json,
).map(json.dumps)
_csv = st.lists(st.tuples(_hostile_text, _hostile_text | st.integers(-1000, 1000).map(str)), max_size=6).map(
    lambda rows: "Étiquette,Valeur\n" + "".join(
        f'"{a.replace(chr(34), chr(34) * 2)}","{b.replace(chr(34), chr(34) * 2)}"\n' for a, b in rows))
_bib_field = st.one_of(st.text(max_size=60), st.lists(_hostile_text, max_size=4).map(" ".join))


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(figure=_plotly, table=_csv, field=_bib_field, field_name=st.sampled_from(["title", "note", "url", "author"]))
@example(figure=json.dumps({"data": [{"type": "bar", "name": "<img src=x onerror=alert(1)>",
                                      "x": ["</script><script>alert(2)</script>", "b"], "y": [1, 2]}],
                            "layout": {"title": {"text": '<a href="javascript:alert(3)">t</a>'}}}),
         table='Étiquette,Valeur\n"=HYPERLINK(""https://example.org"")",3\nb,4\n',
         field=" JaVaScRiPt:alert(4)", field_name="url")
@example(figure='{"data": [{"type": "bar", "x": []}]}', table="Étiquette,Valeur\n", field="", field_name="title")
def test_generated_data_builds_or_warns_where_it_is_never_an_exception(figure, table, field, field_name):
    with tempfile.TemporaryDirectory() as work:
        srcdir = Path(work) / "src"
        srcdir.mkdir()
        (srcdir / "conf.py").write_text(TINY_CONF, encoding="utf-8")
        (srcdir / "index.md").write_text(TINY_INDEX, encoding="utf-8")
        (srcdir / "figure.json").write_text(figure, encoding="utf-8")
        (srcdir / "data.csv").write_text(table, encoding="utf-8", errors="surrogatepass")
        (srcdir / "refs.bib").write_text(
            f"@misc{{gen,\n  {field_name} = {{{field}}},\n  year = {{2020}},\n}}\n", encoding="utf-8",
            errors="surrogatepass")
        app = make_test_app("html", srcdir=srcdir, freshenv=True)
        try:
            app.build()  # an exception here is the failure
        finally:
            app.cleanup()
        warnings = warnings_of(app)
        assert_no_crash(warnings)
        for line in warnings.splitlines():  # each warning at a file and line of the project
            if re.search(r"\b(WARNING|ERROR|CRITICAL|SEVERE):", line):
                assert re.match(r"^\S*(index\.md|figure\.json|data\.csv|refs\.bib):\d+: ", line), line
        html = Path(app.outdir) / "index.html"
        assert html.is_file(), warnings
        page = soup_of(html)
        assert "Paragraphe témoin." in page.get_text()
        assert unsafe_addresses(page) == []
        assert [t for t in page.find_all(True) if any(a.lower().startswith("on") for a in t.attrs)] == []
        shutil.rmtree(srcdir, ignore_errors=True)
