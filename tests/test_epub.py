"""The EPUB edition: a book that epubcheck accepts, with truthful metadata.

The small root ``test-editions`` has what broke the publication's book: a
``root_doc`` in a folder, a site-root redirect page, a chart drawn as inline
SVG. The last test builds the publication itself with Read the Docs' command
line and runs W3C's epubcheck on it (skipped locally without Java or
epubcheck, failing under ``CI=true``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from browser_support import chromium
from helpers import ON_CI, require_tool
from sphinx_publication.editions import epub
from sphinx_publication.figures import palette
from sphinx_publication.figures.palette import text_on
from sphinx_publication.figures.svg import PALETTE

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUBCHECK_JAR = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))


# -- pure parts ------------------------------------------------------------------------


def _page(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "page.xhtml"
    path.write_text(
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head>'
        f"<body>{body}</body></html>", encoding="utf-8")
    return path


def test_inline_svg_and_mathml_are_manifest_properties(tmp_path):
    page = epub.read_page(_page(tmp_path, (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>Graphique</title></svg>'
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>')))
    assert page.properties == {"svg", "mathml"}
    assert (page.images, page.images_without_text) == (1, 0)
    assert epub.read_page(_page(tmp_path, "<p>texte</p>")).properties == set()


def test_accessibility_claims_follow_the_content(tmp_path):
    described = epub.read_page(_page(tmp_path, '<img src="a.png" alt="Une courbe"/>'))
    bare = epub.read_page(_page(tmp_path, '<img src="a.png" alt=""/>'))
    text = epub.read_page(_page(tmp_path, "<p>texte</p>"))

    claims = epub.accessibility_metadata([text, described], "résumé")
    assert ("schema:accessMode", "visual") in claims
    assert ("schema:accessModeSufficient", "textual") in claims
    assert ("schema:accessibilityFeature", "alternativeText") in claims
    assert ("schema:accessibilityHazard", "none") in claims
    assert ("schema:accessibilitySummary", "résumé") in claims

    # An image without a text alternative: no claim that text alone suffices.
    claims = epub.accessibility_metadata([described, bare], "résumé")
    assert ("schema:accessModeSufficient", "textual") not in claims
    assert ("schema:accessibilityFeature", "alternativeText") not in claims

    claims = epub.accessibility_metadata([text], "résumé")
    assert ("schema:accessMode", "visual") not in claims


def test_publication_date():
    assert epub.publication_date("2024, Maria Rodriguez", "") == "2024"
    assert epub.publication_date("2024, Maria Rodriguez", "2024-03-01") == "2024-03-01"
    assert epub.publication_date("Maria Rodriguez", "") == ""


def test_navigation_hrefs_from_the_book_root():
    refnodes = [{"refuri": "chapitre.xhtml"}, {"refuri": "suite.xhtml#introduction"}]
    epub.from_book_root(refnodes, "book/index")
    assert [n["refuri"] for n in refnodes] == ["book/chapitre.xhtml", "book/suite.xhtml#introduction"]
    refnodes = [{"refuri": "chapitre.xhtml"}]
    epub.from_book_root(refnodes, "index")
    assert refnodes == [{"refuri": "chapitre.xhtml"}]


def test_every_chart_colour_has_a_literal_fallback():
    """Reading systems that ignore custom properties (e-ink ones) still get the palette."""
    css = palette.stylesheet()
    for index, colour in enumerate(PALETTE):
        assert f".sp-s{index} {{ fill: {colour}; fill: var(--sp-chart-{index}, {colour}); }}" in css
        assert f".sp-l{index} {{ stroke: {colour}; stroke: var(--sp-chart-{index}, {colour}); }}" in css
        on = text_on(colour)  # text and hatching over the fill
        assert f".sp-o{index} {{ fill: {on}; fill: var(--sp-chart-on-{index}, {on}); }}" in css
    assert not re.search(r"var\(--[\w-]+\)", css), "a var() without fallback"


# -- the book built from the test root -------------------------------------------------


@pytest.fixture(scope="module")
def book(build_once):
    app = build_once("editions", "epub")
    assert app.warning.getvalue() == ""
    with zipfile.ZipFile(next(Path(app.outdir).glob("*.epub"))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return files


def _opf(book) -> ET.Element:
    return ET.fromstring(book["content.opf"])


def test_navigation_resolves_inside_the_book(book):
    nav = book["nav.xhtml"].decode()
    hrefs = re.findall(r'href="([^"#]+)', nav)
    assert hrefs and "book/chapitre.xhtml" in hrefs
    assert all(href in book for href in hrefs), hrefs
    ncx = book["toc.ncx"].decode()
    sources = re.findall(r'<content src="([^"#]+)', ncx)
    assert sources and all(src in book for src in sources), sources
    assert "<title>Table des matières</title>" in nav  # the document language


def test_site_pages_stay_out_of_the_book(book):
    assert "index.xhtml" not in book  # html_additional_pages: the redirect page
    assert "genindex.xhtml" not in book  # no index entries: no empty index page
    hrefs = [item.get("href") for item in _opf(book).iter(f"{OPF}item")]
    assert "index.xhtml" not in hrefs


def test_pages_with_inline_svg_declare_it(book):
    items = {item.get("href"): item.get("properties", "") for item in _opf(book).iter(f"{OPF}item")}
    assert "svg" in items["book/chapitre.xhtml"].split()
    assert "svg" not in items["book/suite.xhtml"].split()


def test_reading_order_is_the_toctree_order(book):
    opf = _opf(book)
    href_of = {item.get("id"): item.get("href") for item in opf.iter(f"{OPF}item")}
    linear = [href_of[ref.get("idref")] for ref in opf.iter(f"{OPF}itemref")
              if ref.get("linear") != "no"]
    assert linear == ["book/index.xhtml", "book/chapitre.xhtml", "book/suite.xhtml",
                      "book/bibliographie.xhtml", "book/coulisses.xhtml"]


def test_metadata(book):
    metadata = _opf(book).find(f"{OPF}metadata")
    assert metadata.findtext(f"{DC}title") == "Éditions"
    assert metadata.findtext(f"{DC}creator") == "Autrice"
    assert metadata.findtext(f"{DC}language") == "fr"
    assert metadata.findtext(f"{DC}date") == "2023"
    assert metadata.find(f"{DC}contributor") is None  # not the placeholder "unknown"
    identifier = metadata.findtext(f"{DC}identifier")
    assert identifier.startswith("urn:uuid:")
    assert f'<meta name="dtb:uid" content="{identifier}"/>' in book["toc.ncx"].decode()
    properties = [(meta.get("property"), meta.text) for meta in metadata.iter(f"{OPF}meta")]
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary"):
        assert any(name == prop for name, _ in properties), prop
    summary = dict(properties)["schema:accessibilitySummary"]
    assert summary.startswith("Texte recomposable")


def test_chart_colours_without_custom_properties(book):
    css = book["_static/sphinx-publication-chart-colours.css"].decode()
    assert "fill: var(--sp-chart-0, " in css
    assert "_static/sphinx-publication-chart-colours.css" in book["book/chapitre.xhtml"].decode()
    assert not any("sphinx-publication-epub.css" in name for name in book)  # one stylesheet, not two


def test_doctrees_inside_the_output_folder_are_no_part_of_the_book(rootdir, tmp_path):
    """``sphinx-build`` without ``-d`` writes doctrees in OUT/.doctrees: no warning."""
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-editions", source)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "epub", str(source), str(tmp_path / "out")],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.epub"))) as archive:
        assert not [name for name in archive.namelist() if ".doctrees" in name]


def test_a_packaging_step_that_fails_leaves_no_book_and_fails_the_build(build_root, monkeypatch):
    """« Never a stale edition »: the book of an earlier build is not left in place
    of one that could not be packaged, nor a partial one; a located error, a non-zero status."""
    from sphinx.builders import _epub_base

    first = build_root("editions", "epub")
    (book,) = Path(first.outdir).glob("*.epub")
    assert first.statuscode == 0

    class DiskFull(zipfile.ZipFile):
        def write(self, filename, arcname=None, *args, **kwargs):
            if arcname == "content.opf":  # after the mimetype and the container: a partial book
                raise OSError(28, "No space left on device")
            return super().write(filename, arcname, *args, **kwargs)

    monkeypatch.setattr(_epub_base, "ZipFile", DiskFull)
    second = build_root("editions", "epub", srcdir=first.srcdir)
    assert Path(second.outdir) == Path(first.outdir)
    assert not book.exists()
    assert not list(Path(second.outdir).glob("*.epub"))
    warnings = second.warning.getvalue()
    # the root is French: the message comes from the catalog
    assert re.search(rf"{re.escape(str(book))}:+ ERROR: l’EPUB n’a pas pu être assemblé ; il n’y a "
                     r"donc pas d’EPUB : .*No space left on device", warnings), warnings
    assert second.statuscode == 1


# -- epubcheck on the publication ------------------------------------------------------


def require_epubcheck() -> list[str]:
    java = require_tool("java", "epubcheck runs on Java")
    if not EPUBCHECK_JAR.is_file():
        message = f"epubcheck is not installed ({EPUBCHECK_JAR} missing: apt-get install epubcheck)"
        if ON_CI:
            pytest.fail(f"{message} (CI must install it)")
        pytest.skip(message)
    return [java, "-jar", str(EPUBCHECK_JAR)]


def epubcheck_counts(output: str) -> dict[str, int]:
    """``Messages: 1 fatal / 100 errors / 0 warnings / 0 infos`` -> counts."""
    found = re.search(r"Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?", output)
    if found:
        return dict(zip(("fatal", "error", "warning"), map(int, found.groups()), strict=True))
    if "No errors or warnings detected" in output:
        return {"fatal": 0, "error": 0, "warning": 0}
    raise AssertionError(f"unexpected epubcheck output:\n{output}")


def test_epubcheck_output_is_read():
    assert epubcheck_counts("Messages: 1 fatal / 100 errors / 0 warnings / 0 infos") == {
        "fatal": 1, "error": 100, "warning": 0}
    assert epubcheck_counts("Messages: 0 fatals / 0 errors / 2 warnings / 0 infos")["warning"] == 2


@pytest.mark.slow
@pytest.mark.epub
def test_the_publication_passes_epubcheck(project_dir, tmp_path):
    epubcheck = require_epubcheck()
    out = tmp_path / "epub"
    # Read the Docs' command line (from the folder of conf.py).
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", "epub",
         "-D", "language=fr", ".", str(out)],
        cwd=project_dir, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-4000:]
    book = next(out.glob("*.epub"))
    check = subprocess.run([*epubcheck, str(book)], capture_output=True, text=True)
    output = check.stdout + check.stderr
    assert epubcheck_counts(output) == {"fatal": 0, "error": 0, "warning": 0}, output[-4000:]
    assert check.returncode == 0, output[-4000:]


# -- colours without custom properties, in a browser ------------------------------------


@pytest.mark.browser
def test_chart_colours_survive_without_custom_properties(book, tmp_path):
    """A reading system without CSS custom properties still draws the palette.

    ``initial`` makes each ``--sp-chart-*`` the guaranteed-invalid value, as
    if it were never declared: ``var()`` then falls back.
    """
    for name, data in book.items():
        if not name.endswith("/"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data)
    page_url = (tmp_path / "book" / "chapitre.xhtml").as_uri()
    absent = "; ".join(f"--sp-chart-{i}: initial" for i in range(len(PALETTE)))
    with chromium() as browser:
        page = browser.new_page()
        page.goto(page_url)
        page.add_style_tag(content=f":root, body {{ {absent}; }}")
        fills = page.evaluate("""() => [...document.querySelectorAll("svg [class^='sp-s']")]
            .map(e => [e.getAttribute('class'), getComputedStyle(e).fill])""")
    assert fills, "no coloured shape in the chart"
    for css_class, fill in fills:
        index = int(css_class.split()[0][len("sp-s"):])
        expected = PALETTE[index].lstrip("#")
        rgb = tuple(int(expected[i:i + 2], 16) for i in (0, 2, 4))
        assert fill == f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]})", (css_class, fill)
