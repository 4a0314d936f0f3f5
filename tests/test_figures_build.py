"""The figures sub-extension inside Sphinx builds (html, epub, latex, text, gettext)."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree

from helpers import require_tool

SVG_RE = re.compile(r"<svg .*?</svg>", re.S)


def read(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.fixture
def html_app(build_root):
    return build_root("figures-basic", "html")


def test_html_inline_svg_accessible_and_numbered(html_app):
    html = read(html_app, "index.html")
    svgs = SVG_RE.findall(html)
    assert len(svgs) == 6
    ids = []
    for svg in svgs:
        root = ElementTree.fromstring(svg)
        assert root.get("role") == "img"
        ids += [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids)) == 12
    assert '<span class="caption-number">Fig. 1 </span>' in html
    assert '<span class="caption-number">Tableau 1 </span>' in html
    assert "Données du graphique" in html
    assert "<title>GPT-4\u00a0: 1\u202f700\u202f000\u202f000\u202f000</title>" in html
    assert '<th scope="row">GPT-4</th><td>1\u202f700\u202f000\u202f000\u202f000</td>' in html
    assert "1\u202f700\u00a0Md" in html
    assert "sphinx-publication-figures.css" in html
    assert (Path(html_app.outdir) / "_static" / "sphinx-publication-figures.css").exists()
    # numref resolves to the numbered figure and table
    assert "Fig. 1" in html and 'href="#tab-infra"' in html


def test_html_has_no_chart_javascript_and_escapes_hostile_labels(html_app):
    html = read(html_app, "index.html")
    assert "<script>alert" not in html
    assert "</svg>&amp;" not in html  # the label stays text inside the SVG
    assert "&lt;/svg&gt;&amp;amp;" in html
    assert not list(Path(html_app.outdir, "_static").glob("*chart*.js"))


def test_several_series_from_csv_get_a_legend(html_app):
    html = read(html_app, "index.html")
    svg = next(s for s in SVG_RE.findall(html) if "Centrales au sol" in s)
    assert "sp-s1" in svg and ">2030</text>" in svg
    assert 'style="width:80%"' in html


def test_epub_has_inline_svg(build_root):
    app = build_root("figures-basic", "epub")
    with zipfile.ZipFile(next(Path(app.outdir).glob("*.epub"))) as epub:
        name = next(n for n in epub.namelist() if n.split("/")[-1] == "index.xhtml")
        page = epub.read(name).decode()
    assert len(SVG_RE.findall(page)) == 6
    for svg in SVG_RE.findall(page):
        ElementTree.fromstring(svg)


def test_text_builder_gets_data_tables(build_root):
    app = build_root("figures-basic", "text")
    text = read(app, "index.txt")
    assert "| GPT-4   | 1\u202f700\u202f000\u202f000\u202f000" in text
    assert "| Open Source | Volontaire/Moyen" in text
    assert "<script>alert(1)</script>" in text  # plain text output: shown as written


def test_man_and_xml_builders_do_not_drop_or_crash(build_root):
    for name in ("man", "xml"):
        app = build_root("figures-basic", name)
        output = next(p for p in Path(app.outdir).rglob("*") if p.is_file() and p.suffix in (".1", ".xml"))
        assert "Mixtral" in output.read_text(encoding="utf-8")


def test_latex_includes_vector_pdfs_in_numbered_figures(build_root):
    app = build_root("figures-basic", "latex")
    tex = read(app, "figures.tex")
    names = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{(sp-chart-[0-9a-f]+\.pdf)\}", tex)
    assert len(names) == 6
    for name in names:
        assert (Path(app.outdir) / name).read_bytes().startswith(b"%PDF")
    assert r"\caption{Comparaison des modèles GML}\label{\detokenize{index:fig-bar}}" in tex
    assert r"\sphinxcaption{Comparaison de l’infrastructure}" in tex
    assert r"width=0.800\linewidth" in tex
    assert r"\textbackslash{} \{ \} \$ \# \textasciicircum{} \_ \textasciitilde{} \%" in tex


@pytest.mark.latex
def test_latex_output_compiles_with_selectable_text(build_root):
    require_tool("latexmk")
    require_tool("xelatex")
    require_tool("pdftotext", "poppler-utils")
    app = build_root("figures-basic", "latex")
    subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "figures.tex"],
        cwd=app.outdir, check=True, capture_output=True, timeout=300,
    )
    tex = read(app, "figures.tex")
    first_chart = re.search(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{(sp-chart-[0-9a-f]+\.pdf)\}", tex)[1]
    chart_text = pdf_text(Path(app.outdir) / first_chart)  # the bar chart alone: vector text
    assert "Mixtral" in chart_text and "12 Md" in chart_text
    document_text = pdf_text(Path(app.outdir) / "figures.pdf")
    assert "12 Md" in document_text and "Comparaison des modèles GML" in document_text


def pdf_text(pdf: Path) -> str:
    output = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return output.replace("\u00a0", " ").replace("\u202f", " ")


def test_language_en_formats_numbers_in_english(build_root):
    app = build_root("figures-basic", "html", confoverrides={"language": "en"})
    html = read(app, "index.html")
    assert "1,700\u00a0B" in html and "1,700,000,000,000" in html
    assert "Chart data" in html and "Données du graphique" not in html
    # regression: the chart's punctuation was French whatever the language
    assert "<title>GPT-4: 1,700,000,000,000</title>" in html
    assert "<title>Open Source: 65%" in html and "\u00a0: " not in html


def test_errors_are_located_french_warnings_with_an_error_box(build_root):
    app = build_root("figures-errors", "html")
    warnings = app.warning.getvalue()
    expected = [
        (r"index\.md:6: WARNING: chart-bar: « : » manquant.*\(ligne : 'pas de séparateur'\)", 1),
        (r"index\.md:12: WARNING: chart-bar: 'beaucoup' n’est pas un nombre.*'b : beaucoup'", 1),
        (r"index\.md:18: WARNING: chart-pie: part négative 'b'.*'b : -2'", 1),
        (r"index\.md:21: WARNING: chart-line: le graphique n’a pas de données", 1),
        (r"index\.md:24: WARNING: chart-bar: fichier introuvable", 1),
        (r"index\.md:28: WARNING: chart-bar: .* est hors du dossier source", 1),
        (r"bad\.csv:3: WARNING: chart-bar: 'douze' n’est pas un nombre.*'b,douze'", 1),
        (r"index\.md:43: WARNING: chart-pie: part négative", 1),
        # regressions: NaN in Plotly JSON crashed; :scale: log skipped the checks
        # the Plotly file and the JSON path are named
        (r"index\.md:46: WARNING: chart: data/nan\.json : 'NaN' n’est pas un nombre fini", 1),
    ]
    # a zero on a log axis: left out of the drawing as Plotly does, said at the directive (no error box)
    drawn_with_warning = [
        (r"index\.md:50: WARNING: chart: data/zero\.json : data\[0\]\.y\[1\] = 0 : un axe logarithmique", 1),
        # x = ["a", 0]: one name for one number, a linear axis for plotly.js, where "a" has no place
        (r"index\.md:50: WARNING: chart: data/zero\.json : data\[0\]\.x\[0\] = 'a' n’a pas de place sur un axe de type 'linear'", 1),
    ]
    for pattern, count in expected + drawn_with_warning:
        assert len(re.findall(pattern, warnings)) == count, pattern
    total = sum(count for _pattern, count in expected)
    assert warnings.count("[sphinx_publication.figures]") == total + len(drawn_with_warning)
    assert "Traceback" not in warnings
    html = read(app, "index.html")
    assert html.count("sp-chart-error") == total
    # the box the reader sees is French throughout, label and message
    assert "Cette figure n’a pas pu être dessinée\u00a0: <code" in html
    assert '<span class="pre">n’est</span>' in html and '<span class="pre">is</span>' not in html
    assert "Ce paragraphe est toujours là." in html


def test_errors_are_in_english_in_an_english_build(build_root):
    app = build_root("figures-errors", "html", confoverrides={"language": "en"})
    warnings = app.warning.getvalue()
    assert re.search(r"index\.md:12: WARNING: chart-bar: 'beaucoup' is not a number.*\(line: 'b : beaucoup'\)", warnings)
    assert "This figure could not be drawn: <code" in read(app, "index.html")


def test_warnings_can_be_suppressed(build_root):
    app = build_root("figures-errors", "html", confoverrides={"suppress_warnings": ["sphinx_publication.figures"]})
    # The nine errors still happened (their boxes are there); only their warnings are silenced.
    assert read(app, "index.html").count("sp-chart-error") == 9
    assert "WARNING" not in app.warning.getvalue()


def test_source_option_links_the_bibliography(build_root):
    app = build_root("figures-source", "html")
    html = read(app, "index.html")
    sources = re.findall(r'<p class="sp-source">.*?</p>', html, re.S)
    assert len(sources) == 2
    assert sources[0].startswith('<p class="sp-source">Source\u00a0: ')
    assert 'href="#cite-maslej2024aiindex"' in sources[0]
    assert 'href="#cite-jiang2024mixtral"' in sources[0]
    assert 'id="cite-maslej2024aiindex"' in html  # it landed in the bibliography
    assert "WARNING" not in app.warning.getvalue()


@pytest.mark.latex
def test_source_in_latex_compiles(build_root):
    require_tool("latexmk")
    app = build_root("figures-source", "latex")
    subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "source.tex"],
        cwd=app.outdir, check=True, capture_output=True, timeout=300,
    )


def test_gettext_extracts_words_not_numbers(build_root):
    """Titles, labels and word cells are messages (issue 25: a translated edition
    draws them translated); numbers are the same in every edition."""
    app = build_root("figures-basic", "gettext")
    pot = read(app, "index.pot")
    assert 'msgid "Comparaison des modèles GML"' in pot
    assert 'msgid "Comparaison de l’infrastructure"' in pot
    assert 'msgid "Volontaire/Moyen"' in pot
    assert "1 700" not in pot and 'msgid "1700"' not in pot


def _html_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.suffix in (".html", ".css") and "_sources" not in path.parts
    }


def test_parallel_and_repeated_builds_are_identical(build_root):
    serial = build_root("figures-basic", "html")
    parallel = build_root("figures-basic", "html", parallel=2)
    again = build_root("figures-basic", "html")
    first = _html_files(Path(serial.outdir))
    assert first == _html_files(Path(parallel.outdir))
    assert first == _html_files(Path(again.outdir))


def test_editing_the_csv_rebuilds_the_page(build_root):
    app = build_root("figures-basic", "html")
    assert "Centrales au sol" in read(app, "index.html")
    csv = Path(app.srcdir) / "data" / "adoption.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Centrales au sol", "Éolien en mer"), encoding="utf-8")
    app2 = build_root("figures-basic", "html", srcdir=app.srcdir, build=False)
    app2.build()
    html = read(app2, "index.html")
    assert "Éolien en mer" in html and "Centrales au sol" not in html


# -- regressions ----------------------------------------------------------------


def test_unitless_width_is_pixels_and_numeric_zero_label_kept(build_root):
    app = build_root("figures-builders", "html")
    html = read(app, "index.html")
    assert 'style="width:300px"' in html and 'style="width:300"' not in html
    assert '<th scope="row">0</th>' in html


def test_latex_falls_back_to_a_data_table_when_pdf_conversion_fails(build_root, monkeypatch):
    from sphinx_publication.figures import render

    def broken(svg, outdir):
        raise OSError("no library called cairo was found")

    monkeypatch.setattr(render, "write_chart_pdf", broken)
    app = build_root("figures-builders", "latex")
    warnings = app.warning.getvalue()
    assert len(re.findall(r"index\.md:\d+: WARNING: impossible de convertir le graphique en PDF"
                          r" \(OSError: no library called cairo was found\)", warnings)) == 2
    assert "Traceback" not in warnings
    tex = read(app, "builders.tex")
    assert "sphinxincludegraphics" not in tex
    assert tex.count(r"\begin{tabular}") == 2 and "Claude & 175\u202f000\u202f000\u202f000" in tex
    assert r"\caption{Graphique large}" in tex  # still a numbered figure


def test_a_truncated_chart_pdf_is_rewritten(tmp_path):
    """Regression: a stub left by an interrupted build was reused forever."""
    from sphinx_publication.figures.pdf import write_chart_pdf

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>'
    name = write_chart_pdf(svg, tmp_path)
    complete = (tmp_path / name).read_bytes()
    (tmp_path / name).write_bytes(complete[:100])
    assert write_chart_pdf(svg, tmp_path) == name
    assert (tmp_path / name).read_bytes() == complete
    assert [path.name for path in tmp_path.iterdir()] == [name]  # no temporary file left


def test_latex_build_removes_chart_pdfs_no_longer_included(build_root):
    app = build_root("figures-builders", "latex")
    outdir = Path(app.outdir)
    before = sorted(path.name for path in outdir.glob("sp-chart-*.pdf"))
    assert len(before) == 2
    index = Path(app.srcdir) / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Claude : 175B", "Claude : 176B"), encoding="utf-8")
    again = build_root("figures-builders", "latex", srcdir=app.srcdir, build=False)
    again.build()
    after = sorted(path.name for path in outdir.glob("sp-chart-*.pdf"))
    assert len(after) == 2 and len(set(after) - set(before)) == 1
    assert all(name in read(again, "builders.tex") for name in after)


def _add_pages_with_charts(srcdir: Path, value: str = "7") -> None:
    """Six orphan pages with a chart each (more than five: Sphinx reads them in
    parallel); page 5's values are *value*."""
    for number in range(6):
        (srcdir / f"extra{number}.md").write_text(
            f"---\norphan: true\n---\n# Page {number}\n\n```{{chart-bar}} Mesures {number}\n\n"
            f"A : {value if number == 5 else number + 1}\nB : 2\n```\n", encoding="utf-8")


def _linked_and_written_folders(outdir: Path) -> tuple[set[str], set[str]]:
    linked = {match for page in outdir.rglob("*.html")
              for match in re.findall(r'href="_downloads/(sp-[0-9a-f]{16})/', page.read_text(encoding="utf-8"))}
    written = {folder.name for folder in (outdir / "_downloads").glob("sp-*")}
    return linked, written


def _assert_whole_files_only(folder: Path) -> None:
    """Each data file is whole (its bytes hash to its folder's name), readable as
    Sphinx's own files are (the umask's permissions), and no temporary file is left."""
    umask = os.umask(0)
    os.umask(umask)
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert files and all(not path.name.startswith(".") for path in files)
    for path in files:
        assert path.parent.name == "sp-" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_data_folders_follow_the_pages_read_in_parallel_and_incrementally(build_root):
    """The data folders kept are those the pages link: recorded while reading (merged
    from ``-j 2`` readers), and an edited chart's old folder goes in a new process."""
    app = build_root("figures-basic", parallel=2, edit=_add_pages_with_charts)
    outdir = Path(app.outdir)
    linked, written = _linked_and_written_folders(outdir)
    assert len(linked) >= 7 and linked == written
    recorded = app.env.publication_data_folders
    assert {f"extra{number}" for number in range(6)} | {"index"} <= set(recorded)
    assert frozenset().union(*recorded.values()) == written
    _assert_whole_files_only(outdir / "_downloads")

    _add_pages_with_charts(Path(app.srcdir), value="9")
    build_root("figures-basic", srcdir=app.srcdir)  # a new application, the same folders
    linked_after, written_after = _linked_and_written_folders(outdir)
    assert linked_after == written_after
    assert len(written_after - written) == 1 and len(written - written_after) == 1
