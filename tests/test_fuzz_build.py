"""Whole-build fuzzing: random chart and table directives, random ``.bib`` files.

The figures and citations test modules fuzz their parsers one function at a
time; these tests push random input through a real Sphinx build of a tiny
project and check what an author would see:

* no exception escapes (the build finishes);
* every warning is located (``file:line``) and typed;
* the rest of the page still builds (a paragraph after the directive is
  in the output);
* a directive that produced nothing explains why (a warning).

Each example is a Sphinx build, so the example counts stay small.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import make_test_app

SENTINEL = "Paragraphe témoin après la figure"
LEVEL = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE):")
BUILD_SETTINGS = settings(
    max_examples=25, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)

CHART_CONF = """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication.figures"]
language = "fr"
bibtex_bibfiles = ["refs.bib"]
html_last_updated_fmt = None
"""
BIB_CONF = """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication.citations"]
language = "fr"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "label"
html_last_updated_fmt = None
"""
SMALL_BIB = "@misc{cle1,\n  title = {Une source},\n  year = {2020},\n}\n"


def build(srcdir: Path, files: dict[str, str], builder: str) -> tuple[str, str]:
    """Write *files* into the reused *srcdir*, build from scratch; (output, warnings)."""
    for stale in srcdir.iterdir():
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink()
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    app = make_test_app(builder, srcdir=srcdir, freshenv=True)
    try:
        app.build()  # an exception here is the failure this module hunts for
    finally:
        app.cleanup()
    outdir = Path(app.outdir)
    output = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                       for p in sorted(outdir.rglob("index.*"))
                       if p.suffix in (".html", ".txt", ".tex"))
    if builder == "latex":
        output = "\n".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.tex"))
    return output, app.warning.getvalue()


def unlocated(warnings: str, files: tuple[str, ...]) -> list[str]:
    """Warning lines that do not start with ``<one of files>:<line>:``."""
    where = re.compile(r"(?:^|/)(?:" + "|".join(map(re.escape, files)) + r"):\d+: ")
    found = []
    for line in warnings.splitlines():
        level = LEVEL.search(line)
        if level and not where.search(line[: level.start()]):
            found.append(line)
    return found


# -- strategies ------------------------------------------------------------------------

line_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(
    lambda s: s.replace("`", "'"))
label = st.one_of(st.sampled_from(["GPT-4", "Santé", "2017", "Open Source", "", " ", "::"]),
                  line_text)
value = st.one_of(
    st.sampled_from(["1.7T", "175B", "12B", "65%", "65 %", "1,5", "1 234,5", "-3", "0", "1e308",
                     "nan", "inf", "", "abc", "100%%", "12 Md", "Volontaire/Moyen", "2023"]),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    line_text,
)
body_line = st.one_of(
    st.tuples(label, st.sampled_from([" : ", ":", " ; ", " :: ", " : : "]), value).map("".join),
    line_text, st.just(""),
)
option = st.one_of(
    st.tuples(st.sampled_from([":x-label:", ":y-label:", ":description:", ":name:"]),
              line_text).map(" ".join),
    st.sampled_from([":scale: log", ":scale: linear", ":scale: cubic", ":scale:",
                     ":headers: Type, Ressources", ":headers:", ":source: cle1",
                     ":source: cle1, cle-absente", ":file: data.csv", ":file: absent.csv",
                     ":file: ../dehors.csv", ":unknown-option: x", ":name: fig-double"]),
)
csv_text = st.one_of(
    st.just("Année;Valeur\n2019;12\n2020;25\n"),
    st.lists(st.lists(value, min_size=1, max_size=4).map(";".join), max_size=6).map("\n".join),
    st.text(max_size=80),
)


# Half of the bodies are well formed, so that the renderers (SVG, PDF through
# cairosvg, text tables) see random but valid data too, not only errors.
plain_label = st.text(st.sampled_from("abcdeéèàçô ABCÉ0123-’&<>\"'"), min_size=1, max_size=12)
plain_value = st.one_of(st.integers(0, 10**9).map(str), st.sampled_from(["12,5", "1.7T", "65%"]))
valid_body = st.lists(st.tuples(plain_label, st.just(" : "), plain_value).map("".join),
                      min_size=1, max_size=8)


@st.composite
def chart_page(draw) -> dict[str, str]:
    kind = draw(st.sampled_from(["chart-bar", "chart-pie", "chart-line", "data-table"]))
    title = draw(st.one_of(plain_label, line_text)).replace("\n", " ")
    options = draw(st.lists(option, max_size=4))
    body = draw(st.one_of(valid_body, st.lists(body_line, max_size=8)))
    blank = draw(st.booleans())
    directive = "\n".join([f"```{{{kind}}} {title}".rstrip(), *options,
                           *([""] if blank or not options else []), *body, "```"])
    page = f"# Page\n\nIntroduction.\n\n{directive}\n\n{SENTINEL}.\n"
    return {"conf.py": CHART_CONF, "refs.bib": SMALL_BIB, "index.md": page,
            "data.csv": draw(csv_text)}


bib_key = st.sampled_from(["cle1", "cle2", "cle3", "Clé-4", "a b", "", "cle1"])
field_value = st.one_of(
    st.sampled_from(["{Titre}", "{Titre {imbriqué}}", "{Non fermé", "Fermé}", '"Guillemets"',
                     "2020", "{Dupont, Anne and Martin, Bruno}", "{}", "{\\'e}", "jan",
                     "{https://example.org/x}", "{2020-13-45}"]),
    line_text.map(lambda s: "{" + s + "}"),
)
field = st.tuples(
    st.sampled_from(["title", "author", "year", "url", "urldate", "journal", "publisher",
                     "editor", "pages", "doi", "month", "booktitle", "note", "??"]),
    st.sampled_from([" = ", "=", " "]),
    field_value,
).map("".join)
entry = st.tuples(
    st.sampled_from(["article", "book", "misc", "online", "report", "inproceedings",
                     "techreport", "thesis", "string", "comment", "preamble", "foo", ""]),
    st.sampled_from(["{", "(", ""]),
    bib_key,
    st.lists(field, max_size=5),
    st.sampled_from([",\n", "\n", ",", ",,\n"]),
    st.sampled_from(["}", ")", "", "}}"]),
).map(lambda t: f"@{t[0]}{t[1]}{t[2]},\n  " + t[4].join(t[3]) + f"\n{t[5]}\n")
bib_file = st.lists(st.one_of(entry, line_text.map(lambda s: s + "\n")), max_size=6).map(
    "\n".join)


@st.composite
def bib_project(draw) -> dict[str, str]:
    keys = draw(st.lists(st.sampled_from(["cle1", "cle2", "cle3", "absente"]), min_size=1,
                         max_size=3))
    page = (f"# Page\n\nUne citation {{cite:p}}`{','.join(keys)}`.\n\n{SENTINEL}.\n\n"
            "```{bibliography}\n```\n")
    return {"conf.py": BIB_CONF, "refs.bib": draw(bib_file), "index.md": page}


# -- tests --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "src"


def _fresh(srcdir: Path) -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    return srcdir


@BUILD_SETTINGS
@given(files=chart_page(), builder=st.sampled_from(["html", "latex", "text"]))
def test_any_chart_directive_builds_with_located_warnings(srcdir, files, builder):
    output, warnings = build(_fresh(srcdir), files, builder)
    assert unlocated(warnings, ("index.md", "data.csv")) == [], warnings
    assert SENTINEL in output, "the rest of the page was lost"
    if builder == "html" and not re.search(r"<svg\b|<table\b", output):
        assert LEVEL.search(warnings), "the directive vanished without a warning"


@BUILD_SETTINGS
@given(files=bib_project())
def test_any_bib_file_builds_with_located_warnings(srcdir, files):
    output, warnings = build(_fresh(srcdir), files, "html")
    assert unlocated(warnings, ("index.md", "refs.bib")) == [], warnings
    assert SENTINEL in output, "the rest of the page was lost"


def test_unlocated_warnings_are_detected():
    """Guard of the guard: the location check can fail."""
    assert unlocated("/x/index.md:3: WARNING: bad [a.b]", ("index.md",)) == []
    assert unlocated("WARNING: somewhere [a.b]", ("index.md",)) != []
    assert unlocated("/x/refs.bib: WARNING: no line", ("refs.bib",)) != []
