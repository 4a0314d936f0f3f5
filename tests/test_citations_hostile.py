"""Hostile and broken .bib input (issue 21): no link but http(s), every text
escaped in every output, located warnings instead of tracebacks, bounded fields."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import per_builder, require_tool, warnings_of

from sphinx_publication.citations import bibcheck
from sphinx_publication.citations.addresses import doi_link, unsafe_addresses
from sphinx_publication.citations.bibcheck import MAX_FIELD_LENGTH, read_bibtex
from sphinx_publication.citations.style import FrenchStyle, resolve_link_macros
from sphinx_publication.urls import scheme_of

ROOT = Path(__file__).parent / "roots" / "test-citations-hostile"
BIB = (ROOT / "refs.bib").read_text(encoding="utf-8")
BUILDERS = ("html", "singlehtml", "epub", "latex", "text", "typst")
SAFE = {"http", "https", ""}  # "": a relative link, a fragment
#: what the .bib writes in text fields; printed as text, never as markup
PRINTED = ("<script>alert(14)</script>", "<b>Mallory</b>", '<a href="javascript:alert(16)">clic</a>')


def line_of(needle: str, text: str = BIB) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def builds(build_once):
    """``builds("latex")``: the hostile root built once per builder for the module."""
    return per_builder(build_once, "citations-hostile")


@pytest.fixture(params=BUILDERS)
def built(request, builds):
    return builds(request.param)


# -- every output ----------------------------------------------------------------------


#: (text on the field's line in refs.bib, entry, field, address named): each a located warning
NOT_LINKS = [
    ("javascript:alert(1)", "jsurl", "url", "javascript:alert(1)"),
    ("JaVaScRiPt:alert(2)", "jsmixed", "url", "JaVaScRiPt:alert(2)"),
    ("script:alert(3)", "jstab", "url", "script:alert(3)"),
    ("data:text/html", "dataurl", "url", "data:text/html,<script>alert(4)</script>"),
    ("vbscript:msgbox(5)", "vbs", "url", "vbscript:msgbox(5)"),
    ("javascript:alert(6)", "jsdoi", "doi", "javascript:alert(6)"),
    ("javascript:alert(11)", "urlmacro", "howpublished", "javascript:alert(11)"),
    ("javascript:alert(12)", "hrefnote", "note", "javascript:alert(12)"),
]


def test_each_address_that_is_no_link_gets_a_located_warning(built):
    warnings = warnings_of(built)
    for needle, key, field, address in NOT_LINKS:
        line = line_of(needle)
        located = [w for w in warnings.splitlines() if f"refs.bib:{line}: WARNING:" in w]
        assert len(located) == 1, (needle, located)
        assert f"l’entrée '{key}' : champ {field} : " in located[0] and address in located[0], located
        assert "seules les adresses http et https deviennent des liens" in located[0]
        assert located[0].endswith("[sphinx_publication.citations]")


def test_a_lone_backslash_and_a_percent_are_located_warnings(built):
    warnings = warnings_of(built)
    assert f"refs.bib:{line_of('Trailing')}: WARNING: l’entrée 'neverCited' : le champ title se termine" in warnings
    assert f"refs.bib:{line_of('30 %')}: WARNING: l’entrée 'neverCited' : le champ note contient '%'" in warnings


def test_no_traceback_or_exception_in_the_warnings(built):
    warnings = warnings_of(built)
    for word in ("Traceback", "Exception", "Error:", "codec can't", "malformed"):
        assert word not in warnings, warnings
    # only the warnings this root asks for: addresses, the backslash, the percent sign
    assert len([w for w in warnings.splitlines() if "WARNING" in w]) == len(NOT_LINKS) + 2, warnings


def _files(app, *suffixes):
    return [path for path in Path(app.outdir).rglob("*") if path.suffix in suffixes]


@pytest.mark.parametrize("builder", ["html", "singlehtml", "epub"])
def test_html_outputs_link_only_http_and_print_the_text(builds, builder):
    built = builds(builder)
    pages = _files(built, ".html", ".xhtml")
    assert pages
    printed = ""
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in page.find_all(True):
            for attribute in ("href", "src", "xlink:href", "action", "formaction", "data"):
                value = tag.get(attribute)
                if value is not None:
                    assert scheme_of(value) in SAFE, (path.name, tag.name, attribute, value)
            assert not [name for name in tag.attrs if name.startswith("on")], (path.name, tag)
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":  # data: the titles as JSON strings
                json.loads(script.string)
                assert "<" not in script.string, (path.name, script)
            else:
                assert "alert(" not in script.get_text(), (path.name, script)
        for template in page.find_all("template"):  # the cards, parsed as the script parses them
            inner = BeautifulSoup(template.decode_contents(), "html.parser")
            assert not inner.find_all("script") and not inner.find_all("img")
        printed += page.get_text()
    for text in PRINTED:
        assert text in printed
    assert "javascript:alert(1)" in printed  # the address, as text


def test_another_pybtex_style_links_only_http_too(build_root):
    """unsrt links any url and sphinxcontrib-bibtex any \\url: the last check unlinks them."""
    app = build_root("citations-hostile", confoverrides={"bibtex_default_style": "unsrt"})
    hrefs = []
    for path in _files(app, ".html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        hrefs += [tag["href"] for tag in page.find_all(href=True)]
    assert "https://example.org/bonne" in hrefs
    assert [href for href in hrefs if scheme_of(href) not in SAFE] == []


def test_footnote_citations_link_only_http(builds):
    page = BeautifulSoup((Path(builds("html").outdir) / "notes.html").read_text(encoding="utf-8"), "html.parser")
    notes = page.select("aside.footnote, .footnote")
    assert notes and "javascript:alert(1)" in page.get_text()
    hrefs = [a["href"] for note in notes for a in note.find_all(href=True)]
    assert "https://example.org/ok" in hrefs  # the \\href of an http address stays a link
    assert [href for href in hrefs if scheme_of(href) not in SAFE] == []


def test_metadata_of_cited_works_holds_only_http_addresses(builds):
    built = builds("html")  # the head tags and COinS are written in HTML
    index = BeautifulSoup((Path(built.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    data = json.loads(index.find("script", type="application/ld+json").string)
    addresses = [work[key] for work in data["citation"] for key in ("@id", "url", "sameAs") if key in work]
    assert addresses and all(scheme_of(a) in {"http", "https"} for a in addresses), addresses
    assert "https://doi.org/10.1000/def" in addresses  # "doi:" written as a url
    references = [tag["content"] for tag in index.find_all("meta", attrs={"name": "citation_reference"})]
    public = [part.split("=", 1)[1] for ref in references for part in ref.split("; ")
              if part.startswith("citation_public_url=")]
    assert public and all(scheme_of(a) in {"http", "https"} for a in public), public
    bibliography = BeautifulSoup((Path(built.outdir) / "bibliographie.html").read_text(encoding="utf-8"),
                                 "html.parser")
    for span in bibliography.select("span.Z3988"):
        for identifier in parse_qs(span["title"]).get("rft_id", []):
            assert scheme_of(identifier) in {"http", "https", "info"}, identifier
            assert "javascript" not in identifier.lower()


def test_latex_links_only_http_and_prints_the_text(builds):
    built = builds("latex")
    tex = (Path(built.outdir) / "hostile.tex").read_text(encoding="utf-8")
    targets = re.findall(r"\\(?:sphinx)?(?:href|url)\{([^}]*)\}", tex)
    assert targets
    for target in targets:
        assert scheme_of(target.replace("\\%", "%")) in SAFE, target
    assert "javascript:alert(1)" in tex and "<script>alert(14)</script>" in tex


def pdf_link_actions(path: Path) -> list[tuple[str, str]]:
    """(action type, URI) of every link annotation of a PDF."""
    import pikepdf

    actions = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None:
                    actions.append((str(action.get("/S")), str(action.get("/URI", ""))))
    return actions


def assert_pdf_links_only_http(path: Path) -> None:
    actions = pdf_link_actions(path)
    external = [uri for kind, uri in actions if kind == "/URI"]
    assert "https://example.org/bonne" in external
    assert [uri for uri in external if scheme_of(uri) not in {"http", "https"}] == []
    assert {kind for kind, _uri in actions} <= {"/URI", "/GoTo"}  # no /JavaScript, /Launch


@pytest.mark.latex
def test_latex_pdf_links_only_http(builds):
    require_tool("latexmk")
    require_tool("xelatex")
    outdir = Path(builds("latex").outdir)
    subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "hostile.tex"],
                   cwd=outdir, check=True, capture_output=True, timeout=300)
    assert_pdf_links_only_http(outdir / "hostile.pdf")


def test_typst_links_only_http_and_prints_the_text(builds):
    built = builds("typst")
    source = next(path for path in Path(built.outdir).glob("*.typ") if path.name != "publication.typ")
    typst = source.read_text(encoding="utf-8")
    targets = re.findall(r'link\("((?:[^"\\]|\\.)*)"\)', typst)
    assert targets
    for target in targets:
        assert scheme_of(target) in SAFE, target
    assert r"\<script\>alert(14)\<\/script\>" in typst  # escaped markup
    assert_pdf_links_only_http(Path(built.outdir) / "hostile.pdf")  # and Typst compiled it


def test_text_prints_the_text(builds):
    built = builds("text")
    text = "".join(path.read_text(encoding="utf-8") for path in _files(built, ".txt"))
    assert "<script>alert(14)</script>" in text


# -- row 4: a field ending in a backslash ------------------------------------------------


def with_bib(data: str):
    def edit(srcdir):
        (srcdir / "refs.bib").write_text(data, encoding="utf-8")

    return edit


BADBIB_GOOD = """@misc{first,
  title = {First},
  year  = {2020},
  url   = {https://example.org/1},
}

@misc{third,
  title = {Third},
  year  = {2022},
}
"""


@pytest.mark.parametrize("cited", [False, True], ids=["never-cited", "cited"])
def test_field_ending_in_a_backslash_warns_at_its_line_and_is_printed_as_written(build_root, cited):
    key = "third" if cited else "other"
    if cited:
        bib = BADBIB_GOOD.replace("title = {Third}", "title = {Trailing \\}")
    else:
        bib = BADBIB_GOOD + "\n@misc{other,\n  author = {Jean Dupont\\},\n  title = {Trailing \\},\n}\n"
    app = build_root("citations-badbib", edit=with_bib(bib))
    warnings = warnings_of(app)
    line = line_of("title = {Trailing", bib)
    located = [w for w in warnings.splitlines() if f"refs.bib:{line}: WARNING:" in w]
    assert len(located) == 1, warnings
    assert f"l’entrée '{key}' : le champ title se termine par une barre oblique inverse isolée" in located[0]
    assert "imprimé tel qu’il est écrit" in located[0]
    assert "Traceback" not in warnings and "codec" not in warnings
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="cite-first"' in html
    if cited:
        assert "Trailing \\." in BeautifulSoup(html, "html.parser").get_text()
    else:
        assert f"refs.bib:{line_of('Dupont', bib)}: WARNING: l’entrée 'other' : le champ author" in warnings


# -- row 13: a citation target sphinxcontrib-bibtex cannot read -------------------------


@pytest.mark.parametrize("target", ["{x}y{z}w", "first,,third", "first second"])
def test_unreadable_citation_warns_at_its_line_and_the_page_builds(build_root, target):
    def edit(srcdir):
        (srcdir / "index.md").write_text(
            f"# Racine\n\nCitations {{cite:p}}`first,third`.\n\nMauvaise {{cite:p}}`{target}`.\n\n"
            "```{bibliography}\n```\n",
            encoding="utf-8",
        )

    app = build_root("citations-badbib", edit=edit)
    warnings = warnings_of(app)
    located = [w for w in warnings.splitlines() if "index.md:5: WARNING:" in w]
    assert len(located) == 1, warnings
    assert f"la citation '{target}' est illisible" in located[0]
    assert located[0].endswith("[sphinx_publication.citations]")
    assert "Traceback" not in warnings and "ValueError" not in warnings
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("span.publication-unreadable-citation").get_text() == f"[{target}]"
    assert page.find(id="cite-first") and page.find(id="cite-third")


def test_angle_brackets_in_a_key_are_an_unknown_key_at_its_line(build_root):
    def edit(srcdir):
        (srcdir / "index.md").write_text(
            "# Racine\n\nCitations {cite:p}`first,third`.\n\nMauvaise {cite:p}`<b>x`.\n\n```{bibliography}\n```\n",
            encoding="utf-8",
        )

    app = build_root("citations-badbib", edit=edit)
    warnings = warnings_of(app)
    assert 'index.md:5: WARNING: could not find bibtex key "<b>x"' in warnings, warnings
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;x" in html and "<b>x" not in html


# -- the field length limit -------------------------------------------------------------


def test_a_huge_field_is_cut_at_the_limit_with_a_located_warning(build_root):
    huge = "Titre " * 200_000  # 1.2 MB
    bib = BADBIB_GOOD.replace("title = {Third}", "title = {" + huge + "}")
    app = build_root("citations-badbib", edit=with_bib(bib))
    warnings = warnings_of(app)
    line = line_of("title = {Titre", bib)
    located = [w for w in warnings.splitlines() if f"refs.bib:{line}: WARNING:" in w]
    assert len(located) == 1, warnings[:2000]
    assert re.search(r"le champ title compte 1199999 caractères", located[0]), located[0]
    assert f"seuls ses {MAX_FIELD_LENGTH} premiers sont imprimés" in located[0]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    # the entry is printed twice on the page (list, card) and in the hover text: bounded by the limit
    assert len(html) < 8 * MAX_FIELD_LENGTH + 50_000
    assert "Titre Titre" in html and "…" in html


def test_cut_keeps_braces_balanced_and_latex_readable():
    from pybtex.richtext import Text

    for value in ("{a{b}c}" * 3000, "x" * (MAX_FIELD_LENGTH - 1) + "\\" + "y" * 10, "{" * 90 + "x" * 20_000 + "}" * 90):
        cut = bibcheck.cut(value)
        assert len(cut) <= MAX_FIELD_LENGTH + 1 + value.count("{")
        assert cut.count("{") == cut.count("}")
        Text.from_latex(bibcheck.readable_latex(cut)[0])


@pytest.mark.parametrize("author", [" and ".join(["Jean Dupont"] * 20_000), "Jean " * 300_000 + "Dupont",
                                    "X" * 30_000 + " Dupont"], ids=["many-names", "long-name", "long-part"])
def test_a_huge_name_list_is_cut_at_the_limit_with_one_located_problem(author):
    reading = read_bibtex("@misc{k,\n  title = {T},\n  author = {" + author + "},\n  year = {2020},\n}\n")
    assert [(problem.line, problem.params["field"]) for problem in reading.problems] == [(3, "author")]
    assert f"only its first {MAX_FIELD_LENGTH} are printed" in reading.problems[0].message
    people = reading.data.entries["k"].persons["author"]
    assert 1 <= len(people) and sum(len(str(person)) for person in people) <= MAX_FIELD_LENGTH + 10
    assert len(str(FrenchStyle().format_text(reading.data.entries["k"])[0])) < 2 * MAX_FIELD_LENGTH


# -- addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doi", "link"),
    [
        ("10.1000/x", "https://doi.org/10.1000/x"),
        ("10.1000/x\"><script>", "https://doi.org/10.1000/x%22%3E%3Cscript%3E"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("doi:10.1000/y", "https://doi.org/10.1000/y"),
        ("https://doi.org/10.1000/z", "https://doi.org/10.1000/z"),
        ("", None),
    ],
)
def test_doi_links(doi, link):
    assert doi_link(doi) == link


def test_an_entry_whose_only_address_is_no_link_counts_as_without_locator():
    from types import SimpleNamespace

    from sphinx_publication.citations.queries import unlinked_entries

    entries = {
        "js": SimpleNamespace(fields={"title": "J", "url": "javascript:alert(1)"}),
        "jsdoi": SimpleNamespace(fields={"title": "D", "doi": "javascript:alert(1)"}),
        "doiurl": SimpleNamespace(fields={"title": "U", "url": "doi:10.1/x"}),
        "ok": SimpleNamespace(fields={"title": "O", "url": "https://example.org/"}),
    }
    assert [entry.key for entry in unlinked_entries(entries)] == ["js", "jsdoi"]


def test_unsafe_addresses_name_their_field():
    fields = {"url": "data:text/html,x", "note": r"see \url{javascript:x} or \href{https://ok.org}{ok}",
              "doi": "10.1/ok", "howpublished": r"\href{vbscript:x}{y}"}
    assert unsafe_addresses(fields) == [("url", "data:text/html,x"), ("note", "javascript:x"),
                                        ("howpublished", "vbscript:x")]


def test_link_macros_become_links_only_for_http():
    from pybtex.backends.html import Backend
    from pybtex.richtext import Text

    from sphinx_publication.citations.style import separate_href_groups

    text = Text.from_latex(separate_href_groups(r"a \url{javascript:x} b \href{https://ok.org/}{ok} \href{data:x}{no}"))
    html = resolve_link_macros(text).render(Backend())
    assert '<a href="https://ok.org/">ok</a>' in html
    assert "javascript:x" in html and "href=\"javascript" not in html and "href=\"data" not in html
    assert "\\url" not in html and "\\href" not in html


# -- any field text: formatted, or a located problem; never an exception ---------------

FIELD_TEXT = st.text(
    alphabet=st.sampled_from(list("ab AZ09.,:;/'\"<>&#$%^_~`{}\\@=()[]!?-\t\n\x00\x01\x1b\x7féŁ«»\u202f𝔘"))
    | st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=40,
)
PREFIXES = st.sampled_from(["", "javascript:", " JaVa\tScRiPt:", "data:text/html,", "https://", "doi:", "\\url{",
                            "\\href{", "\\"])


@settings(max_examples=300, deadline=None)
@given(prefix=PREFIXES, text=FIELD_TEXT, field=st.sampled_from(["title", "note", "url", "doi", "eprint",
                                                                 "howpublished", "author", "editor", "urldate",
                                                                 "year", "date", "pubmed", "eprinttype"]))
@example(prefix="", text="\r\r\r}", field="title")  # a lone CR is no line: the problem stays in the file
def test_any_field_text_is_formatted_or_a_located_problem(prefix, text, field):
    from docutils import nodes
    from pybtex.backends.html import Backend
    from pybtex.style import FormattedEntry
    from sphinxcontrib.bibtex.transforms import BibliographyTransform, node_text_transform

    from sphinx_publication.metadata.works import _cited_work

    value = prefix + text
    bib = f"@misc{{key,\n  title = {{Titre}},\n  {field} = {{{value}}},\n  year = {{2020}},\n}}\n"
    lines = bib.count("\n")
    reading = read_bibtex(bib)
    for problem in reading.problems:
        assert 1 <= problem.line <= lines and problem.message
    entry = reading.data.entries.get("key")
    if entry is None:
        assert reading.problems, "an entry left out without a located problem"
        return
    text_, _missing = FrenchStyle().format_text(entry)
    rendered = text_.render(Backend())
    for href in re.findall(r'href="([^"]*)"', rendered):
        assert scheme_of(href) in {"http", "https"}, href
    # as the bibliography renders it: docutils nodes, then sphinxcontrib-bibtex's \url links
    paragraph = BibliographyTransform.backend.paragraph(FormattedEntry("key", text_, "1"))
    node_text_transform(paragraph)
    for reference in paragraph.findall(nodes.reference):
        assert scheme_of(reference["refuri"]) in {"http", "https"}, reference
    _cited_work(entry)  # the metadata's reading of the same entry
