"""Hostile and broken figure input (issue 21): deep JSON, many points, many
rows, control characters, spreadsheet formulas and links in the data.

Sizes are asserted on the output (vertices, pixels, bytes), never on wall
time: the bench (``bench/figures_scale.py``) times them.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree

from sphinx_publication.figures import limits
from sphinx_publication.figures.downloads import safe_cell, table_csv
from sphinx_publication.figures.layout import binned, decimate
from sphinx_publication.figures.numbers import NumberFormat
from sphinx_publication.figures.parse import DataError, build_chart, parse_csv, parse_lines
from sphinx_publication.figures.plotly import parse_plotly
from sphinx_publication.figures.render import data_tables, number_format
from sphinx_publication.figures.svg import render_svg, summary

SVG_RE = re.compile(r"<svg .*?</svg>", re.S)
DEEP = 100_000
SCATTER_POINTS = 20_000
BAR_ROWS = 100_000
LINE_POINTS = 100_000
TABLE_ROWS = 2_000


def scatter_figure(points: int, mode: str = "markers", seed: int = 1) -> dict:
    rng = random.Random(seed)
    xs = [x / 1000 for x in rng.sample(range(1_000_000), points)]  # distinct: one table row each
    if mode == "lines":
        xs.sort()  # a series in time: the line runs along x
    return {"data": [{"type": "scatter", "mode": mode, "name": "mesures", "x": xs,
                      "y": [round(rng.gauss(50, 15), 3) for _ in range(points)]}],
            "layout": {"title": {"text": "Nuage"}}}


def write_data(srcdir: Path) -> None:
    """The large and broken files, generated rather than stored."""
    data = srcdir / "data"
    data.mkdir()
    (data / "deep.json").write_text('{"data": ' + "[" * DEEP + "]" * DEEP + "}", encoding="utf-8")
    (data / "scatter.json").write_text(json.dumps(scatter_figure(SCATTER_POINTS)), encoding="utf-8")
    (data / "bars.csv").write_text("modèle,valeur\n" + "".join(f"m{n},{n % 97 + 1}\n" for n in range(BAR_ROWS)),
                                   encoding="utf-8")
    (data / "line.csv").write_text("x,y\n" + "".join(f"{n},{(n * 7919) % 1000}\n" for n in range(LINE_POINTS)),
                                   encoding="utf-8")
    (data / "table.csv").write_text("clé,valeur\n" + "".join(f"k{n},v{n}\n" for n in range(TABLE_ROWS)),
                                    encoding="utf-8")
    (data / "formulas.csv").write_text(
        'étiquette,valeur\n"=HYPERLINK(""http://example.com"",""x"")",-3\n@SUM(A1),-3.5\n+cmd,2\n-moins,1\n',
        encoding="utf-8")
    (data / "controls.csv").write_text("étiquette,valeur\na,1\nb\x00c,2\n", encoding="utf-8")
    (data / "links.json").write_text(json.dumps({
        "data": [{"type": "bar", "name": '<a href="javascript:alert(1)">série</a>',
                  "x": ['<a href="javascript:alert(2)">A</a>', "B"], "y": [1, 2],
                  "text": ['<a href="javascript:alert(3)">t</a>', "u"]}],
        "layout": {"title": {"text": '<a href="javascript:alert(4)">Titre</a>'},
                   "xaxis": {"title": {"text": '<a href="data:text/html,x">Axe</a>'}}},
    }), encoding="utf-8")
    (data / "controls.json").write_text(json.dumps({
        "data": [{"type": "bar", "name": "s\u0007", "x": ["a", "b"], "y": [1, 2]}]}), encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8")
                     + "\n```{chart-bar} Caractère de contrôle en ligne\n\na : 1\nb\x07 : 2\n```\n", encoding="utf-8")


@pytest.fixture(scope="module")
def app(build_once):
    return build_once("figures-hostile", "html", edit=write_data)


@pytest.fixture(scope="module")
def html(app) -> str:
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def warnings(app) -> str:
    return app.warning.getvalue()


def _line_of(app, text: str) -> int:
    lines = (Path(app.srcdir) / "index.md").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def _svg(html: str, title: str) -> str:
    return next(svg for svg in SVG_RE.findall(html) if f"{title}</title>" in svg)


def _downloads(app, html: str, suffix: str, needle: str) -> str:
    for href in re.findall(r'href="(_downloads/[^"]+)"', html):
        if href.endswith(suffix):
            text = (Path(app.outdir) / href).read_text(encoding="utf-8")
            if needle in text:
                return text
    raise AssertionError(f"no {suffix} download holding {needle!r}")


# -- row 8: nesting ---------------------------------------------------------------


def test_deep_json_is_a_located_warning_and_the_page_builds(app, html, warnings):
    line = _line_of(app, "data/deep.json")
    assert re.search(rf"index\.md:{line}: WARNING: chart: data/deep\.json : le JSON est imbriqué trop"
                     r" profondément \(plus de 100 niveaux\)", warnings), warnings
    assert "Recursion" not in warnings and "Traceback" not in warnings
    assert "Ce paragraphe suit la figure imbriquée." in html
    assert "Ce paragraphe termine la page." in html


def test_json_depth_is_read_without_parsing():
    assert limits.json_depth('{"a": [[1, {"b": "[[[{"}], 2]}') == 4
    assert limits.json_depth('"unclosed [[[') == 0
    assert limits.json_depth("[" * DEEP) == DEEP
    with pytest.raises(DataError, match="nested too deeply"):
        parse_plotly('{"data": [{"type": "bar", "y": ' + "[" * 200 + "]" * 200 + "}]}")
    # our readers' own messages never quote a huge or deep value whole
    with pytest.raises(DataError) as error:
        parse_plotly(json.dumps({"data": [{"type": "scatter", "y": [1], "mode": list(range(10_000))}]}))
    assert len(str(error.value)) < 300


# -- row 9: many points ------------------------------------------------------------


def _vertices(svg: str) -> int:
    """Points drawn: path commands and circles."""
    paths = sum(len(re.findall(r"[MLhvHV]", d)) for d in re.findall(r' d="([^"]*)"', svg))
    return paths + svg.count("<circle")


def test_a_20000_point_scatter_is_drawn_binned_with_its_data_whole(app, html):
    svg = _svg(html, "Nuage de vingt mille points")
    ElementTree.fromstring(svg)
    assert 'data-mark="markers-binned"' in svg and svg.count("<title") == 1  # no tooltip per point
    assert _vertices(svg) < 20_000 and len(svg) < 250_000
    assert "Dessin simplifié : 20\u202f000 points" in svg
    # the in-page table shows the first rows and says where the rest is
    figure = html[html.index("Nuage de vingt mille points</title>"):]
    table = figure[:figure.index("</details>")]
    assert table.count('<th scope="row">') == limits.MAX_TABLE_ROWS
    assert "Les 1\u202f000 premières lignes sur 20\u202f000" in table
    # the CSV holds every point
    data = _downloads(app, html, ".csv", "mesures")
    assert len(data.strip().splitlines()) == SCATTER_POINTS + 1


def test_scatter_drawing_is_bounded_whatever_the_number_of_points():
    sizes = []
    for points in (2_000, 20_000, 100_000):
        chart = parse_plotly(json.dumps(scatter_figure(points)), title="t")
        svg = render_svg(chart, number_format(chart, "fr")).text
        sizes.append(_vertices(svg))
    cells = (600 / limits.BIN_PX) * (260 / limits.BIN_PX)
    assert all(size < cells * 5 for size in sizes), sizes


def test_a_long_line_keeps_its_extremes_in_few_vertices(monkeypatch):
    from sphinx_publication.figures import svg_plot

    chart = parse_plotly(json.dumps(scatter_figure(100_000, mode="lines")), title="t")

    def line_ys() -> tuple[int, float, float]:
        svg = render_svg(chart, number_format(chart, "fr")).text
        line = re.search(r'data-mark="line"[^>]* d="([^"]*)"', svg)[1]
        ys = [float(y) for y in re.findall(r"[ML][\d.-]+ ([\d.-]+)", line)]
        return len(ys), min(ys), max(ys)

    count, top, bottom = line_ys()
    assert count < 4 * 600
    monkeypatch.setattr(svg_plot, "MAX_LINE_MARKERS", 10**9)  # drawn whole, as before
    whole, whole_top, whole_bottom = line_ys()
    assert whole == 100_000 and (top, bottom) == (whole_top, whole_bottom)


def test_decimate_keeps_first_last_and_extremes_per_column():
    points = [(x / 10, (x * 37) % 101) for x in range(10_000)]
    kept = decimate(points)
    assert len(kept) <= 4 * 1000
    assert kept[0] == points[0] and kept[-1] == points[-1]
    for column in range(0, 1000, 97):
        group = [p for p in points if int(p[0]) == column]
        mine = [p for p in kept if int(p[0]) == column]
        assert min(p[1] for p in mine) == min(p[1] for p in group)
        assert max(p[1] for p in mine) == max(p[1] for p in group)
    assert binned([(0, 0.5, 0.5), (1, 1.0, 1.0), (2, 9.0, 1.0)], 4) == [(0, 0.5, 0.5), (2, 9.0, 1.0)]


def test_a_100000_point_inline_line_is_drawn_simplified(app, html):
    svg = _svg(html, "Ligne de cent mille points")
    ElementTree.fromstring(svg)
    assert _vertices(svg) < 6_000 and len(svg) < 100_000
    assert "<circle" not in svg and "Dessin simplifié" in svg


def test_plotly_table_cells_are_indexed_once():
    """The data table of a plot: each trace's points indexed by position once
    (it scanned every point for every cell); the cells say what they said."""
    figure = {"data": [{"type": "scatter", "x": [3, 1, 2, 1], "y": [30, 10, 20, 11]},
                       {"type": "bar", "x": [2, 4], "y": [5, None]}]}
    chart = parse_plotly(json.dumps(figure), title="t")
    rows = data_tables(chart, number_format(chart, "en"))[0][2]
    assert rows == [["1", "10", ""], ["2", "20", "5"], ["3", "30", ""], ["4", "", ""]]


# -- row 14: many rows -----------------------------------------------------------------


def test_a_100000_row_bar_chart_warns_with_the_limit_and_draws_no_giant_svg(app, html, warnings):
    line = _line_of(app, "Cent mille barres")
    assert re.search(rf"index\.md:{line}: WARNING: chart-bar: 100000 lignes : un graphique de ce type en"
                     r" dessine au plus 100", warnings), warnings
    svg = _svg(html, "Cent mille barres")
    root = ElementTree.fromstring(svg)
    assert int(root.get("height")) < 200 and len(svg) < 20_000
    assert "Non dessiné : 100\u202f000 lignes" in svg
    assert "… et 99\u202f950 lignes de plus dans le tableau de données" in svg  # the description
    data = _downloads(app, html, ".csv", "m99999")
    assert len(data.strip().splitlines()) == BAR_ROWS + 1


def test_bar_and_pie_limits_in_the_drawing():
    numbers = NumberFormat("en")
    rows = parse_lines([f"r{n} : {n + 1}" for n in range(limits.MAX_BAR_ROWS)])
    fits = build_chart("bar", "t", None, rows)
    assert limits.drawing_limit(fits) is None
    assert render_svg(fits, numbers).height > 1000  # drawn in full
    rows = parse_lines([f"r{n} : {n + 1}" for n in range(limits.MAX_BAR_ROWS + 1)])
    too_many = build_chart("bar", "t", None, rows)
    assert limits.drawing_limit(too_many) == ("rows", 101, 100)
    assert render_svg(too_many, numbers).height < 200
    pie = build_chart("pie", "t", None, parse_lines([f"s{n} : 1" for n in range(limits.MAX_PIE_SLICES + 1)]))
    assert limits.drawing_limit(pie) == ("slices", 51, 50)
    description = summary(too_many, numbers)
    assert description.endswith("… and 51 more rows in the data table")
    bars = {"data": [{"type": "bar", "x": list(range(3000)), "y": [1] * 3000}]}
    chart = parse_plotly(json.dumps(bars), title="t")
    assert limits.drawing_limit(chart) == ("bars", 3000, limits.MAX_PLOT_BARS)
    assert render_svg(chart, numbers).height < 200
    horizontal = {"data": [{"type": "bar", "orientation": "h", "y": [f"c{n}" for n in range(101)], "x": [1] * 101}]}
    chart = parse_plotly(json.dumps(horizontal), title="t")
    assert limits.drawing_limit(chart) == ("rows", 101, limits.MAX_HORIZONTAL_CATEGORIES)
    # small multiples: only the panel too large is left undrawn
    panels = {"data": [{"type": "bar", "x": list(range(3000)), "y": [1] * 3000},
                       {"type": "bar", "x": [1, 2], "y": [3, 4], "xaxis": "x2", "yaxis": "y2"}]}
    chart = parse_plotly(json.dumps(panels), title="t")
    assert limits.drawing_limits(chart) == [("bars", 3000, limits.MAX_PLOT_BARS)]
    svg = render_svg(chart, numbers).text
    assert "Not drawn: 3,000 bars" in svg and svg.count('data-mark="bar"') == 2


def test_a_chart_beyond_the_point_limit_is_refused():
    with pytest.raises(DataError, match="at most 1000000"):
        limits.check_points(limits.MAX_POINTS + 1)


def test_data_table_rows_beyond_the_limit_stay_in_the_csv(app, html, warnings):
    line = _line_of(app, "Tableau de deux mille lignes")
    assert re.search(rf"index\.md:{line}: WARNING: data-table: 2000 lignes : un tableau dans la page en"
                     r" montre au plus 1000", warnings), warnings
    table = html[html.index("Tableau de deux mille lignes"):]
    table = table[:table.index("</table>")]
    assert table.count("<tr") == limits.MAX_TABLE_ROWS + 1 and "k999<" in table and "k1000<" not in table
    assert "Les 1\u202f000 premières lignes sur 2\u202f000" in html
    data = _downloads(app, html, ".csv", "k1999")
    assert len(data.strip().splitlines()) == TABLE_ROWS + 1


# -- row 15: control characters, formulas, links ------------------------------------------------


def test_csv_downloads_neutralise_formulas_and_keep_numbers(app, html):
    data = _downloads(app, html, ".csv", "HYPERLINK")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[1] == ["'=HYPERLINK(\"http://example.com\",\"x\")", "-3"]
    assert rows[2] == ["'@SUM(A1)", "-3.5"]
    assert rows[3] == ["'+cmd", "2"] and rows[4] == ["'-moins", "1"]


def test_safe_cell():
    assert [safe_cell(cell) for cell in ("=1+2", "+A1", "-3,5", "-3.5", "+12", "-1e5", "@x", "\tx",
                                         "\rx", "-", "texte", "12 %", "-12 Md")] == [
        "'=1+2", "'+A1", "-3,5", "-3.5", "+12", "-1e5", "'@x", "'\tx", "'\rx", "'-", "texte", "12 %", "-12 Md"]
    assert table_csv(["=h"], [["=a"]]) == "'=h\r\n'=a\r\n"


def test_control_characters_are_located_warnings(app, html, warnings):
    assert re.search(r"controls\.csv:3: WARNING: chart-bar: caractère de contrôle U\+0000 à la ligne 2,"
                     r" colonne 1", warnings), warnings
    line = _line_of(app, "b\x07 : 2")
    assert re.search(rf"index\.md:{line}: WARNING: chart-bar: caractère de contrôle U\+0007 à la ligne 2,"
                     r" colonne 1", warnings), warnings
    line = _line_of(app, "data/controls.json")
    assert re.search(rf"index\.md:{line}: WARNING: chart: data/controls\.json : data\[0\]\.name :"
                     r" caractère de contrôle U\+0007", warnings), warnings
    assert "\x00" not in html and "\x07" not in html
    for path in Path(app.outdir, "_downloads").rglob("*.csv"):
        assert "\x00" not in path.read_text(encoding="utf-8")


def test_control_characters_in_the_grammar():
    with pytest.raises(DataError, match=r"U\+007F in row 1, column 2") as error:
        parse_lines(["a : 1\x7f"])
    assert error.value.offset == 0
    with pytest.raises(DataError, match=r"U\+001F in row 1, column 2"):
        parse_lines(["a : 1\x1f"])  # str.strip() would have taken it for white space
    with pytest.raises(DataError, match=r"U\+0001 in the header row, column 2"):
        parse_csv("a,b\x01\n1,2\n")
    headers, rows = parse_csv('a,b\nx\ty,"deux\nlignes"\n')  # tab and new line are data
    assert rows[0].label == "x\ty"


def test_no_link_comes_out_of_plotly_text(app, html):
    svg = _svg(html, "Liens dans la figure")
    figure = html[html.index(svg):]
    figure = figure[:figure.index("</div>")]
    assert re.findall(r'(?:href|src)="([^"]*)"', figure) == [
        href for href in re.findall(r'href="([^"]*)"', figure) if href.startswith("_downloads/")]
    assert "<a href=\"javascript" not in figure and "data:text" not in figure
    anchors = re.findall(r"<a [^>]*>", figure)
    assert anchors and all('class="reference download"' in anchor for anchor in anchors)
    # names without their tags; the figure's own title is drawn above the chart as text, its link dropped
    assert "série" in figure and re.search(r'data-mark="title">Titre[^<]*</text>', figure)


def test_the_typst_edition_stays_small(build_root):
    """Regression: the 100 000-row bar chart made a 4 million pixel high SVG, 1.95 GB for Typst."""
    app = build_root("figures-hostile", "typst", edit=write_data, confoverrides={
        "extensions": ["myst_parser", "sphinx_publication.figures", "sphinx_publication.typst"]})
    sources = [path for path in Path(app.outdir).rglob("*.typ") if path.name != "publication.typ"]
    assert sources and all(path.stat().st_size < 3_000_000 for path in sources)
    heights = [float(h) for h in re.findall(r'<svg [^>]*? height=\\"(\d+)', sources[0].read_text(encoding="utf-8"))]
    assert heights and max(heights) < 2_000
    assert list(Path(app.outdir).glob("*.pdf"))
