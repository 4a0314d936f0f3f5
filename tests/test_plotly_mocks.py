"""Every Plotly figure made elsewhere (plotly.js image-test mocks and the
sphinx-charts examples, in ``tests/roots/test-plotly-mocks``) through html,
latex and text builds: no traceback, and each figure is either drawn or
refused with a warning located at its directive that names the file, the
JSON path and what to do."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from defusedxml import ElementTree

ROOT = "test-plotly-mocks"
# None: drawn. Otherwise the JSON path and the reason the warning must give.
EXPECTED: dict[str, str | None] = {
    "axes_category_descending": None,
    "axes_category_null": None,
    "axes_range_type": None,
    "axes_reversed": None,
    "bar-grouping-vs-defaults": None,
    "bar-with-milliseconds": None,
    "bar_attrs_group": None,
    "bar_gantt-chart": None,
    "bar_hide_nulls": None,
    "bar_line": None,
    "bar_marker_array": None,
    "bar_show_narrow": None,
    "bar_stackto1": None,
    "basic_bar": None,
    "basic_heatmap": None,
    "basic_line": None,
    "bubblechart": None,
    "date_axes": None,
    "error_bar_bar": None,
    "grouped_bar": None,
    "line_scatter": None,
    "pie_automargin": None,
    "pie_labels_colors_text": None,
    "pie_simple": None,
    "pie_title_multiple": None,
    "polar_line": r"data\[0\]\.type = 'scatterpolar' : ce type de trace ne peut pas être dessiné",
    "sankey_circular_simple": r"data\[0\]\.type = 'sankey' : ce type de trace ne peut pas être dessiné",
    "stacked_area": None,
    "stacked_bar": None,
    "style_bar": None,
    "tick-percent": None,
    "treemap_first": r"data\[0\]\.type = 'treemap' : ce type de trace ne peut pas être dessiné",
    "test": None,
    "test_bar_and_scatter_plot": None,
    "test_subdir_example": None,
    "validation_perry_marusic_12a": None,
    "validation_perry_marusic_6b": None,
}

# Drawn, with a located warning for what the drawing leaves out (JSON paths).
NOTES: dict[str, list[str]] = {
    # values at or below zero on a log axis: left out as Plotly does, said at the directive
    "axes_range_type": [re.escape(path) + " = 0 : un axe logarithmique" for path in
                        ("data[0].y[8]", "data[0].x[0]", "data[1].y[0]", "data[1].x[0]")],
}


def _build(make_app, rootdir: Path, tmp_path: Path, buildername: str):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / ROOT, srcdir)
    app = make_app(buildername, srcdir=srcdir)
    app.build()
    return app


def _directive_lines(rootdir: Path) -> dict[str, int]:
    lines = (rootdir / ROOT / "index.md").read_text(encoding="utf-8").splitlines()
    return {
        Path(line.split()[-1]).stem: number
        for number, line in enumerate(lines, start=1)
        if line.startswith("```{chart}")
    }


def test_every_shared_figure_is_listed(rootdir):
    files = sorted(p.stem for p in (rootdir / ROOT).glob("*/*.json"))
    assert files == sorted(EXPECTED)
    assert len(list((rootdir / ROOT / "mocks").glob("*.json"))) == 32


def _figure_id(stem: str) -> str:
    return "fig-" + stem.replace("_", "-").lower()


@pytest.mark.parametrize("buildername", ["html", "latex", "text"])
def test_each_figure_is_drawn_or_refused_with_a_located_warning(make_app, rootdir, tmp_path, buildername):
    app = _build(make_app, rootdir, tmp_path, buildername)
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings
    lines = _directive_lines(rootdir)
    refused = {stem: pattern for stem, pattern in EXPECTED.items() if pattern}
    for stem, pattern in refused.items():
        folder = "mocks" if (rootdir / ROOT / "mocks" / f"{stem}.json").exists() else "examples"
        located = rf"index\.md:{lines[stem]}: WARNING: chart: {folder}/{re.escape(stem)}\.json : {pattern}"
        assert len(re.findall(located, warnings)) == 1, (stem, located)
    for stem, paths in NOTES.items():
        for path in paths:
            located = rf"index\.md:{lines[stem]}: WARNING: chart: mocks/{re.escape(stem)}\.json : {path}"
            assert len(re.findall(located, warnings)) == 1, (stem, located)
    # nothing else was refused, and nothing else went wrong
    assert warnings.count("WARNING") == len(refused) + sum(map(len, NOTES.values())), warnings
    if buildername == "html":
        html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
        for stem, pattern in EXPECTED.items():
            figure = re.search(rf'<figure[^>]*id="{_figure_id(stem)}".*?</figure>', html, re.S)
            assert (figure is not None) == (pattern is None), stem
            if figure is not None:
                svg = re.search(r"<svg .*?</svg>", figure.group(0), re.S).group(0)
                ElementTree.fromstring(svg)  # well-formed
        assert html.count("Cette figure n’a pas pu être dessinée") == len(refused)
        # a refused figure still gives its data: a table after the error box, and its CSV
        for stem in ("sankey_circular_simple", "treemap_first", "polar_line"):
            after = html.split(f"{stem}.json", 1)[1]
            table = re.search(r"<table.*?</table>", after, re.S).group(0)
            assert "<th" in table and after.index("<table") < after.index("<figure") if "<figure" in after else True
        assert "Eve" in html and "Figure8" in html and "link.source" in html
        assert (Path(app.outdir) / "_downloads").exists() or "treemap_first.csv" in html
    elif buildername == "latex":
        tex = (Path(app.outdir) / "mocks.tex").read_text(encoding="utf-8")
        drawn = [stem for stem, pattern in EXPECTED.items() if pattern is None]
        assert tex.count("\\sphinxincludegraphics") == len(drawn)
        for stem in drawn:
            assert f"{_figure_id(stem)}" in tex
    else:
        text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
        # the data of every drawn chart is there as a table: e.g. the stacked bars
        assert "giraffes" in text and "orangutans" in text and "SF Zoo" in text
