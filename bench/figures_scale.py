"""Charts against their number of points: ``make bench``'s « Charts: points per second ».

In process, no Sphinx build: for a Plotly scatter (figure JSON text) and an
inline ``chart-line`` (directive body lines) of 1 k, 10 k and 100 k points,
the time to read the data into the chart model, draw the SVG, make the
in-page data table and the CSV file, as a build does for each chart. Points
per second that stay level from 1 k to 100 k show the costs are linear (the
data table once scanned every point for every cell: 20 000 points took
152 s of a build). ``python bench/figures_scale.py`` prints the rows alone.
"""

from __future__ import annotations

import json
import random
import statistics
import time

SIZES = (1_000, 10_000, 100_000)


def plotly_scatter(points: int) -> str:
    rng = random.Random(points)
    xs = [x / 100 for x in rng.sample(range(100 * points), points)]
    return json.dumps({"data": [{"type": "scatter", "mode": "markers", "name": "mesures", "x": xs,
                                 "y": [round(rng.gauss(50, 15), 3) for _ in xs]}]})


def inline_line(points: int) -> list[str]:
    return [f"{n} : {(n * 7919) % 1000}" for n in range(points)]


def _chart_outputs(chart) -> int:
    """What a build makes of one chart; returns its bytes (kept alive until timed)."""
    from sphinx_publication.figures.render import chart_csv, data_table_html, number_format
    from sphinx_publication.figures.svg import render_svg

    numbers = number_format(chart, "fr")
    return len(render_svg(chart, numbers).text) + len(data_table_html(chart, numbers)) + len(chart_csv(chart))


def time_plotly(text: str) -> float:
    from sphinx_publication.figures.plotly import parse_plotly

    start = time.perf_counter()
    _chart_outputs(parse_plotly(text, title="Nuage"))
    return time.perf_counter() - start


def time_inline(lines: list[str]) -> float:
    from sphinx_publication.figures.parse import build_chart, parse_lines

    start = time.perf_counter()
    _chart_outputs(build_chart("line", "Ligne", None, parse_lines(lines)))
    return time.perf_counter() - start


def measure(runs: int = 3) -> dict[tuple[str, int], float]:
    """Points per second, median of *runs*, per (kind, points)."""
    time_plotly(plotly_scatter(100))  # imports, locale data and caches: not the 1 k row's
    time_inline(inline_line(100))
    rates = {}
    for kind, make, timed in (("Plotly scatter", plotly_scatter, time_plotly),
                              ("inline chart-line", inline_line, time_inline)):
        for points in SIZES:
            data = make(points)
            seconds = statistics.median(timed(data) for _run in range(runs))
            rates[kind, points] = points / seconds
    return rates


def report(table, quick: bool) -> None:
    """The bench table's rows (``table`` is ``run.Table``)."""
    rates = measure(1 if quick else 3)
    table.section("Charts: points per second (model, SVG, data table and CSV, in process)")
    for (kind, points), rate in rates.items():
        table.add(f"{kind}, {points // 1000} k points", f"{rate:,.0f} points/s")
    for kind in ("Plotly scatter", "inline chart-line"):
        ratio = rates[kind, SIZES[-1]] / rates[kind, SIZES[1]]
        table.add(f"{kind}: rate at 100 k / rate at 10 k", f"{ratio:.2f}", "≥ 0.5 (linear)", ratio >= 0.5)


if __name__ == "__main__":
    for (kind, points), rate in measure().items():
        print(f"{kind:18} {points:>7} points  {rate:>12,.0f} points/s")
