"""The palette and its patterns in built outputs: HTML (ids unique on a page,
legend and marks alike, the generated colour stylesheet), LaTeX and Typst
PDFs (the SVG's colours and patterns), and in a browser (light and dark mode).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from browser_support import BrowserPage
from sphinx_publication.figures.palette import DARK, LIGHT, stylesheet, style

ROOT = "figures-palette"
COLOUR_CSS = "sphinx-publication-chart-colours.css"


def read(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html(build_once):
    return build_once(ROOT, "html")


def charts(page: str) -> list:
    return BeautifulSoup(page, "html.parser").select("svg.sp-chart-svg")


# -- HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize("builder, page", [("html", "index.html"), ("singlehtml", "index.html")])
def test_pattern_ids_are_unique_and_resolve_within_their_chart(build_once, html, builder, page):
    app = html if builder == "html" else build_once(ROOT, builder)
    text = read(app, page)
    ids = Counter(re.findall(r'\bid="([^"]+)"', text))
    assert not [name for name, count in ids.items() if count > 1], "ids repeated on the page"
    svgs = charts(text)
    assert len(svgs) == (4 if builder == "singlehtml" else 2)
    own_patterns = []
    for svg in svgs:
        patterns = {pattern["id"] for pattern in svg.find_all("pattern")}
        used = set(re.findall(r'fill="url\(#([^)]+)\)"', str(svg)))
        assert used == patterns, "a pattern used but not defined, or defined but unused"
        own_patterns.append(patterns)
    assert sum(map(bool, own_patterns)) == (3 if builder == "singlehtml" else 2)  # lines have none
    assert all(not a & b for n, a in enumerate(own_patterns) for b in own_patterns[n + 1:])


def overlays(svg) -> dict[int, set[str]]:
    """Series index (from the pattern's id) -> the patterns laid over its marks,
    legend swatch included; each lies on a mark of its series' colour."""
    laid: dict[int, set[str]] = {}
    for element in svg.find_all(fill=re.compile(r"^url\(")):
        series = int(re.search(r"-p(\d+)\)$", element["fill"])[1])
        below = element.find_previous_sibling()
        assert f"sp-s{style(series).index}" in below.get("class", [])
        assert all(below.get(attr) == element.get(attr) for attr in ("x", "y", "width", "height", "d")), \
            "a pattern off its mark"
        laid.setdefault(series, set()).add(element["fill"])
    return laid


def test_legend_swatches_show_the_pattern_of_their_bars(html):
    bars = charts(read(html, "index.html"))[0]
    laid = overlays(bars)
    assert sorted(laid) == [3, 4, 5], "the first three series are plain, the next three patterned"
    for index, fills in laid.items():
        assert len(fills) == 1, f"series {index}: legend and bars differ"
        swatches = [rect for rect in bars.find_all("rect", width="12") if f"sp-s{index}" in rect.get("class", [])]
        assert len(swatches) == 1
        bar_count = len([rect for rect in bars.find_all("rect", class_=f"sp-s{index}") if rect.title])
        assert len(bars.find_all(fill=fills.pop())) == bar_count + 1  # each bar and the swatch
        pattern = bars.find("pattern", id=re.compile(rf"-p{index}$"))
        assert pattern.find("path" if style(index).pattern != "dots" else "circle")


def test_pie_slices_beyond_the_third_are_patterned_with_a_legible_label(html):
    pie = charts(read(html, "index.html"))[1]
    laid = overlays(pie)
    assert sorted(laid) == [3, 4, 5, 6]
    halo = pie.find_all("text", stroke=True)
    assert halo and all("sp-l" in " ".join(text["class"]) for text in halo)
    assert [p["id"].rsplit("-", 1)[1] for p in pie.find_all("pattern")] == ["p3", "p4", "p5", "p6"]
    assert pie.find("pattern", id=re.compile("-p6$")).circle, "the seventh slice: dots"


def test_lines_differ_by_dash_and_marker_beyond_the_third(html):
    line = charts(read(html, "autre.html"))[0]
    paths = line.find_all("path", attrs={"stroke-width": "2.5", "fill": "none"})
    assert [path.get("stroke-dasharray", "") for path in paths] == ["", "", "", "6 3", "6 3"]
    assert len(line.find_all("circle")) == 3 * 3 + 3  # the first three series: points and legend
    squares = [path for path in line.find_all("path") if path.get("d", "").endswith("Z")]
    assert len(squares) == 2 * 3 + 2  # series D and E: points and legend


def test_the_colour_stylesheet_is_written_from_the_palette_and_linked(html):
    assert read(html, f"_static/{COLOUR_CSS}") == stylesheet()
    assert re.search(rf'<link[^>]+href="_static/{re.escape(COLOUR_CSS)}\?v=[0-9a-f]+"', read(html, "index.html"))
    static_css = read(html, "_static/sphinx-publication-figures.css")
    assert not re.search(r"#[0-9a-fA-F]{6}", static_css), "a colour copied by hand into the static CSS"


# -- PDF routes ---------------------------------------------------------------------------


def pdf_colours(path: Path) -> tuple[set[str], int]:
    """The RGB fill and stroke colours a PDF paints (pages, forms, patterns),
    and its number of tiling patterns."""
    found: set[str] = set()
    tiling = 0
    seen = set()

    def walk(stream, resources) -> None:
        nonlocal tiling
        for operands, operator in pikepdf.parse_content_stream(stream):
            if str(operator) in ("rg", "RG", "sc", "SC", "scn", "SCN") and len(operands) == 3:
                found.add("#" + "".join(f"{round(float(value) * 255):02x}" for value in operands))
        for key in ("/XObject", "/Pattern"):
            for _name, child in (resources or {}).get(key, {}).items():
                if child.objgen in seen or not isinstance(child, pikepdf.Stream):
                    continue
                seen.add(child.objgen)
                tiling += key == "/Pattern" and child.get("/PatternType") == 1
                walk(child, child.get("/Resources"))

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            walk(page.obj, page.obj.get("/Resources"))
    return found, tiling


def svg_literal_colours(svg: str) -> set[str]:
    return {colour.lower() for colour in re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', svg)}


def test_latex_chart_pdfs_paint_the_svg_colours_and_patterns(build_once):
    app = build_once(ROOT, "latex")
    names = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{(sp-chart-[0-9a-f]+\.pdf)\}", read(app, "palette.tex"))
    assert len(names) == 4
    bars, _pie, _line, _four = (Path(app.outdir) / name for name in names)
    colours, tiling = pdf_colours(bars)
    assert set(LIGHT) <= colours, f"missing {set(LIGHT) - colours}"
    assert tiling >= 3, "series D, E and F patterned"
    assert not (colours - set(LIGHT) - {"#000000", "#ffffff", "#1f1f1f"}), "a colour outside the palette"


def test_typst_pdf_paints_the_same_colours_and_patterns(build_once):
    from sphinx_publication.figures.numbers import NumberFormat
    from sphinx_publication.figures.parse import build_chart, parse_lines
    from sphinx_publication.figures.svg import render_svg

    app = build_once(ROOT, "typst")
    colours, tiling = pdf_colours(Path(app.outdir) / "palette.pdf")
    rows = parse_lines(["Santé : 85 ; 70 ; 60 ; 50 ; 40 ; 30", "Éducation : 70 ; 60 ; 55 ; 45 ; 35 ; 25"])
    chart = build_chart("bar", "Six séries", ["Secteur", "A", "B", "C", "D", "E", "F"], rows)
    svg = render_svg(chart, NumberFormat("fr", chart.values), for_screen=False).text
    chromatic = svg_literal_colours(svg) - {"#000000", "#ffffff", "#1f1f1f"}
    assert chromatic == set(LIGHT)
    assert chromatic <= colours, f"missing {chromatic - colours}"
    assert tiling >= 3, "patterns drawn as PDF tiling patterns"


# -- in a browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(html):
    return Path(html.outdir)


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_page_paints_the_palette_of_its_mode(browser, server, dark, tmp_path_factory):
    page = BrowserPage(browser, server, "index.html", dark=dark)
    try:
        chart = page.page.locator("svg.sp-chart-svg").first
        chart.scroll_into_view_if_needed()
        fills = page.page.evaluate("""() => [0, 1, 2, 3, 4, 5].map(i => getComputedStyle(
            document.querySelector(`svg.sp-chart-svg .sp-s${i}`)).fill)""")
        expected = DARK if dark else LIGHT
        assert fills == [f"rgb({int(c[1:3], 16)}, {int(c[3:5], 16)}, {int(c[5:7], 16)})" for c in expected]
        shot = tmp_path_factory.mktemp("shots") / f"palette-{'dark' if dark else 'light'}.png"
        chart.screenshot(path=str(shot))
        assert _hatched(page.page, shot, 3), "the fourth series' pattern is not drawn"
        assert not _hatched(page.page, shot, 0), "the first series is plain"
    finally:
        page.close()


def _hatched(page, shot: Path, index: int) -> bool:
    """Whether the first bar of series *index* shows two colours (fill and pattern)."""
    from PIL import Image

    box = page.evaluate(f"""() => {{
        const bar = [...document.querySelectorAll('svg.sp-chart-svg rect.sp-s{index}')].find(r => r.querySelector('title'));
        const chart = document.querySelector('svg.sp-chart-svg').getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        return [b.x - chart.x, b.y - chart.y, b.width, b.height];
    }}""")
    x, y, width, height = (round(value) for value in box)  # device pixel ratio 1
    image = Image.open(shot).convert("RGB").crop((x + 2, y + 2, x + width - 2, y + height - 2))
    return len(image.getcolors(maxcolors=1 << 16) or []) > 2



# -- small multiples -----------------------------------------------------------------------


def test_small_multiples_define_each_pattern_once():
    """Panels share the drawing's patterns: one definition, ids unique in the SVG."""
    from sphinx_publication.figures.plotly import parse_plotly
    from sphinx_publication.figures.render import number_format
    from sphinx_publication.figures.svg import render_svg

    mocks = Path(__file__).resolve().parent / "roots" / "test-plotly-mocks"
    chart = parse_plotly(next(mocks.glob("*/pie_title_multiple.json")).read_text(encoding="utf-8"), "T")
    svg = render_svg(chart, number_format(chart, "fr"), uid="u").text
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert len(ids) == len(set(ids))
    assert sorted(i for i in ids if "-p" in i) == ["u-p3", "u-p4", "u-p5"]
    assert svg.count('fill="url(#u-p3)"') == 2 * 4  # a slice and a swatch in each of the four panels


# -- many series -----------------------------------------------------------------------------


def test_a_pie_of_26_slices_draws_26_different_swatches():
    """Each slice's colour class and the tile of the pattern over it (none for
    the first three): no two slices alike (they were every 12 slices)."""
    from sphinx_publication.figures.parse import build_chart, parse_lines
    from sphinx_publication.figures.render import number_format
    from sphinx_publication.figures.svg import render_svg

    rows = parse_lines([f"Part {n} : {100 - n}" for n in range(26)])
    chart = build_chart("pie", "Vingt-six parts", [], rows)
    svg = BeautifulSoup(render_svg(chart, number_format(chart, "fr"), uid="u").text, "html.parser")
    tiles = {pattern["id"]: pattern.find(["path", "circle"]).get("d", "dots") for pattern in svg.find_all("pattern")}
    slices = svg.find_all(attrs={"data-mark": True}) or [
        mark for mark in svg.find_all(["path", "circle"]) if mark.title]
    assert len(slices) == 26
    swatches = []
    for mark in slices:
        over = mark.find_next_sibling()
        pattern = re.search(r"url\(#([^)]+)\)", over.get("fill", "")) if over is not None else None
        swatches.append((" ".join(mark["class"]), tiles[pattern[1]] if pattern else ""))
    assert len(set(swatches)) == 26, Counter(swatches).most_common(2)


def test_areas_beyond_the_third_are_hatched_in_their_own_colour():
    """A translucent area (Plotly ``fill``) gets its series' pattern too, drawn
    in the series' colour (black or white would vanish on a pale tint)."""
    import json

    from sphinx_publication.figures.plotly import parse_plotly
    from sphinx_publication.figures.render import number_format
    from sphinx_publication.figures.svg import render_svg

    traces = [{"type": "scatter", "mode": "lines", "stackgroup": "one", "name": name,
               "x": [2020, 2021, 2022], "y": [n + 1, n + 2, n + 3]} for n, name in enumerate("ABCDE")]
    chart = parse_plotly(json.dumps({"data": traces}), "Aires")
    svg = BeautifulSoup(render_svg(chart, number_format(chart, "fr"), uid="u").text, "html.parser")
    assert sorted(pattern["id"] for pattern in svg.find_all("pattern")) == ["u-a3", "u-a4"]
    for index in (3, 4):
        area = svg.find("path", attrs={"data-mark": "area", "data-trace": str(index)})
        over = area.find_next_sibling()
        assert over["fill"] == f"url(#u-a{index})" and over["d"] == area["d"]
        ink = svg.find("pattern", id=f"u-a{index}").find(["path", "circle"])
        assert ink.get("stroke", ink.get("fill")) == LIGHT[index]
        assert ink["class"] == [f"sp-l{index}" if ink.name == "path" else f"sp-s{index}"]
