"""A cited key missing from the .bib is visible in every output and blocks a release."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import require_tool

NBSP = "\u00a0"


def read(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def plain(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app._status.getvalue() + app._warning.getvalue())


def paragraph(html: str, start: str) -> str:
    match = re.search(rf"<p>{start}.*?</p>", html, re.S)
    assert match, html
    return match.group(0)


def test_html_shows_the_key_in_a_marker_instead_of_empty_brackets(build_root):
    app = build_root("citations-unknown-keys", "html")
    index = read(app, "index.html")
    alone = paragraph(index, "Une clé seule")
    assert "[]" not in alone and "bibtex-citation" not in alone
    assert re.search(
        rf'<mark class="citation-unknown-key" id="cite-ref-index-1">\[<span class="citation-unknown-key-label">'
        rf"clé inconnue{NBSP}: </span>ref_absente-1\]</mark>",
        alone,
    ), alone
    mixed = paragraph(index, "Une clé connue")
    assert 'href="bibliographie.html#cite-connu2020"' in mixed  # the known key still resolves
    assert f"clé inconnue{NBSP}: </span>autre_absente]</mark>" in mixed
    assert "sphinx-publication-unknown-keys.css" in index
    assert (Path(app.outdir) / "_static" / "sphinx-publication-unknown-keys.css").is_file()
    # sphinxcontrib-bibtex's located warning is kept
    assert re.search(r'index\.md:3: WARNING: could not find bibtex key "ref_absente-1"', plain(app))


def test_text_shows_the_key(build_root):
    app = build_root("citations-unknown-keys", "text")
    text = read(app, "index.txt")
    assert f"Une clé seule et absente [clé inconnue{NBSP}: ref_absente-1]." in text
    assert f"Une clé connue et une absente [1] [clé inconnue{NBSP}: autre_absente]." in text


def test_latex_shows_the_key_coloured_like_a_data_needed_marker(build_root):
    app = build_root("citations-unknown-keys", "latex")
    tex = read(app, "inconnues.tex")
    line = next(line for line in tex.splitlines() if line.startswith("Une clé seule"))
    assert (
        r"{\sffamily\color[HTML]{9A3412}\textbf{[clé inconnue~: }\texttt{ref\_absente\sphinxhyphen{}1}\textbf{]}}."
        in line
    )
    assert r"\DUrole{bibtex-citation}{{[}{]}}" not in tex and "{[}{]}" not in line


@pytest.mark.latex
def test_pdf_shows_the_key(build_root):
    require_tool("latexmk")
    require_tool("xelatex")
    require_tool("pdftotext")
    app = build_root("citations-unknown-keys", "latex")
    run = {"cwd": app.outdir, "check": True, "capture_output": True, "timeout": 300}
    subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "inconnues.tex"], **run)
    text = subprocess.run(["pdftotext", "inconnues.pdf", "-"], text=True, **run).stdout
    assert "Une clé seule et absente [clé inconnue : ref_absente-1]." in text.replace(NBSP, " ")


def test_other_builders_get_the_same_text(build_root):
    app = build_root("citations-unknown-keys", "man")
    page = read(app, "projectnamenotset.1")
    assert "[clé inconnue\\ : ref_absente\\-1]" in page, page  # man writes a no-break space "\\ "


def test_review_summary_and_report_count_unknown_keys(build_root):
    app = build_root("citations-unknown-keys", "html")
    expected = "2 clés de citation inconnues"
    assert expected in plain(app)
    assert re.search(rf"Éditorial : [^<]*{expected}", read(app, "etat.html"))
    assert app.statuscode == 0


def test_release_fails_with_one_located_error_per_unknown_key(build_root):
    app = build_root("citations-unknown-keys", "html", confoverrides={"editorial_mode": "release"})
    log = plain(app)
    assert re.search(r"index\.md:3: ERROR: clé de citation inconnue 'ref_absente-1' : ajoutez", log), log
    assert re.search(r"index\.md:5: ERROR: clé de citation inconnue 'autre_absente'", log), log
    assert app.statuscode == 1


def test_release_passes_once_the_keys_exist(build_root):
    def add_the_keys(srcdir: Path) -> None:
        index = srcdir / "index.md"
        index.write_text(re.sub(r"ref_absente-1|autre_absente", "connu2020", index.read_text()), encoding="utf-8")

    app = build_root("citations-unknown-keys", confoverrides={"editorial_mode": "release"}, edit=add_the_keys)
    assert "clé de citation inconnue" not in plain(app).replace("0 clé de citation inconnue", "")
    assert app.statuscode == 0


@pytest.mark.parametrize(("buildername", "page"), [("dirhtml", "index.html"), ("singlehtml", "index.html"), ("epub", "index.xhtml")])
def test_every_html_builder_shows_the_marker(build_root, buildername, page):
    app = build_root("citations-unknown-keys", buildername)
    html = read(app, page)
    assert f'<span class="citation-unknown-key-label">clé inconnue{NBSP}: </span>ref_absente-1]</mark>' in html
