"""A sphinx-charts project (reStructuredText pages, its example figures and
directive lines) builds unchanged, and every chart and table offers its data
as downloadable files in each HTML builder, named in the PDF, left out of
EPUB books."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = "plotly-sphinx-charts"
PAGES = {
    "html": ["quick_start.html", "subdir_example/subdir_example.html", "validation.html", "index.html"],
    "dirhtml": ["quick_start/index.html", "subdir_example/subdir_example/index.html", "validation/index.html",
                "index.html"],
    "singlehtml": ["index.html"],
}
HREF = re.compile(r'<a class="reference download" href="([^"]+)"')


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "singlehtml"])
def test_every_chart_and_table_links_its_data_files(build_root, rootdir, buildername):
    app = build_root(ROOT, buildername)
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    hrefs = []
    for page in PAGES[buildername]:
        html = (outdir / page).read_text(encoding="utf-8")
        for href in HREF.findall(html):
            target = (outdir / page).parent / unquote(href)
            assert target.is_file(), (page, href)  # the link resolves from the page
            hrefs.append(target)
    names = sorted(path.name for path in hrefs)
    assert names == sorted([
        "test.csv", "test.json", "test-subdir-example.csv", "test-subdir-example.json",
        "test-bar-and-scatter-plot.csv", "test-bar-and-scatter-plot.json",
        "perry-marusic-12a.csv", "perry-marusic-12a.json", "modeles-cites.csv",
    ])
    by_name = {path.name: path for path in hrefs}
    # the original JSON, byte for byte; the CSV holds the exact numbers
    source = rootdir / f"test-{ROOT}" / "charts" / "validation_perry_marusic_12a.json"
    assert by_name["perry-marusic-12a.json"].read_bytes() == source.read_bytes()
    rows = list(csv.reader(io.StringIO(by_name["test.csv"].read_text(encoding="utf-8"))))
    assert rows == [["label", "trace 0"], ["1", "1"], ["2", "2"], ["3", "4"], ["4", "8"], ["5", "81"]]
    table = list(csv.reader(io.StringIO(by_name["modeles-cites.csv"].read_text(encoding="utf-8"))))
    assert table == [["Modèle", "Paramètres"], ["GPT-3", "175B"]]


def test_sphinx_charts_directive_lines_work_unchanged(build_root):
    app = build_root(ROOT, "html")
    outdir = Path(app.outdir)
    # subdir_example/… resolved from the source directory, as sphinx-charts did
    subdir = (outdir / "subdir_example" / "subdir_example.html").read_text(encoding="utf-8")
    assert 'role="img"' in subdir and "resolved the hell out" in subdir
    html = (outdir / "validation.html").read_text(encoding="utf-8")
    # the caption is parsed: emphasis, math, literal; further paragraphs in the legend
    assert "Spectra <em>premultiplied</em> by" in html
    assert '<span class="math notranslate nohighlight">\\(k_1 z\\)</span>' in html
    assert '<div class="legend">\n<p>A second paragraph, kept in the legend.</p>' in html
    # :height: keeps the drawing's proportions
    assert 'class="sp-chart-svg" style="height:300px;width:auto"' in html
    # the accessible name is the caption as text
    assert re.search(r'<title id="sp-chart-validation-2-t">Spectra premultiplied by k_1 z, see es-flow\.</title>', html)


def test_pdf_names_the_data_files_with_their_address(build_root):
    app = build_root(ROOT, "latex")
    assert app.warning.getvalue() == ""
    tex = (Path(app.outdir) / "charts.tex").read_text(encoding="utf-8")
    assert tex.count("Données du graphique :") == 4 and tex.count("Données du tableau :") == 1
    assert ("\\sphinxhref{https://example.org/charts/\\_downloads/" in tex
            and "{\\sphinxcode{perry\\sphinxhyphen{}marusic\\sphinxhyphen{}12a.csv}}" in tex)
    assert "\\sphinxincludegraphics[height=300\\sphinxpxdimen,keepaspectratio]" in tex
    assert "\\sphinxstyleemphasis{premultiplied}" in tex and "\\(k_1 z\\)" in tex


def test_epub_has_no_links_to_files_outside_the_book(build_root):
    app = build_root(ROOT, "epub")
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        pages = [archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xhtml")]
        assert not any(name.endswith((".csv", ".json")) for name in archive.namelist())
    assert all("_downloads" not in page and "sp-data-downloads" not in page for page in pages)
    assert sum(page.count('role="img"') for page in pages) == 4


def test_text_build_gives_the_data(build_root):
    app = build_root(ROOT, "text")
    assert app.warning.getvalue() == ""
    text = (Path(app.outdir) / "validation.txt").read_text(encoding="utf-8")
    assert "cppgiraffes" in text and "A second paragraph" in text
