"""Plotly's ``box`` and ``heatmap`` traces, drawn (kinds ``"box"`` and
``"heatmap"`` of :class:`~.model.Chart`).

A box chart's rows are its boxes and its columns the statistics (``n``,
``min``, ``Q1``, ``Q2``, ``Q3``, ``max``, and ``x̄`` with ``boxmean``);
``chart.stats`` adds the whiskers' ends, the outliers and the orientation.
A heatmap's rows are its y labels and its columns its x labels: the drawing
colours each cell on one sequential scale (the first series' colour, from
light to full) with a colour bar, and writes the value in cells wide enough.
"""

from __future__ import annotations

from .layout import fmt, text_width, wrap
from .model import Chart
from .numbers import NumberFormat
from .svg_canvas import FONT, LINE, PAD, SMALL, esc
from .svg_plot import Continuous, _padded, linear_ticks

_STEPS = 5  # colour bar steps


def _number(numbers: NumberFormat, value: float) -> str:
    from decimal import Decimal

    from .model import Value

    return numbers.exact(Value(Decimal(repr(round(value, 10))).normalize()))


def draw_box(chart: Chart, numbers: NumberFormat, canvas) -> tuple[float, float]:
    stats = chart.stats
    horizontal = stats.get("horizontal", False)
    columns = {series.name: series.values for series in chart.series}
    rows = len(chart.labels)
    lowers, uppers = stats["lower"], stats["upper"]
    outliers: list[list[float]] = stats["outliers"]
    points: list[list[float]] = stats.get("points", [[] for _row in range(rows)])
    extent = [v.as_float for name in ("min", "max") for v in columns[name] if v is not None]
    low, high = _padded(min(extent), max(extent), "linear", False)
    y = PAD
    if chart.y_label and not horizontal:
        canvas.text(PAD, y + FONT, wrap(chart.y_label, 540, FONT), extra=' font-weight="bold"')
        y += LINE
    label_width = max(text_width(label, SMALL) for label in chart.labels) + 12
    slot = max(48.0, min(120.0, label_width)) if not horizontal else 36.0
    if horizontal:
        v_start, v_end = PAD + min(label_width, 220), PAD + min(label_width, 220) + 420
        p_start = y + 6
    else:
        ticks_width = max(text_width(_number(numbers, t), SMALL) for t in linear_ticks(Continuous(low, high, 0, 1)))
        p_start = PAD + ticks_width + 10
        v_start, v_end = y + 10 + 230, y + 10
    scale = Continuous(low, high, v_start, v_end)
    p_end = p_start + slot * rows

    def point(p: float, v: float) -> tuple[float, float]:
        return (v, p) if horizontal else (p, v)

    def line(p0: float, v0: float, p1: float, v1: float, extra: str = "") -> str:
        (x0, y0), (x1, y1) = point(p0, v0), point(p1, v1)
        return f"M{fmt(x0)} {fmt(y0)}L{fmt(x1)} {fmt(y1)}"

    for tick in linear_ticks(scale):
        v = scale(tick)
        canvas.line(*point(p_start, v), *point(p_end, v), opacity=".15")
        x, yy = point(p_start, v)
        if horizontal:
            canvas.text(v, p_end + SMALL + 5, _number(numbers, tick), anchor="middle", size=SMALL)
        else:
            canvas.text(x - 6, yy + 4, _number(numbers, tick), anchor="end", size=SMALL)
    for row, label in enumerate(chart.labels):
        centre = p_start + slot * (row + 0.5)
        half = slot * 0.3
        q1, median, q3 = (columns[name][row].as_float for name in ("Q1", "Q2", "Q3"))
        index = stats.get("trace", list(range(rows)))[row]
        tooltip = "; ".join(f"{series.name} {_number(numbers, series.values[row].as_float)}"
                            for series in chart.series if series.values[row] is not None)
        (x0, y0), (x1, y1) = point(centre - half, scale(q1)), point(centre + half, scale(q3))
        canvas.area("rect", f'x="{fmt(min(x0, x1))}" y="{fmt(min(y0, y1))}" width="{fmt(max(abs(x1 - x0), 1))}"'
                    f' height="{fmt(max(abs(y1 - y0), 1))}"', index, f"<title>{esc(label)}: {esc(tooltip)}</title>",
                    f' data-mark="box" data-row="{row}" fill-opacity=".55"')
        whiskers = (line(centre, scale(lowers[row]), centre, scale(q1)) + line(centre, scale(q3), centre, scale(uppers[row]))
                    + line(centre - half / 2, scale(lowers[row]), centre + half / 2, scale(lowers[row]))
                    + line(centre - half / 2, scale(uppers[row]), centre + half / 2, scale(uppers[row])))
        canvas.add(f'<path data-mark="whisker" d="{whiskers}" stroke="{canvas.ink}" fill="none"/>')
        canvas.add(f'<path data-mark="median" d="{line(centre - half, scale(median), centre + half, scale(median))}"'
                   f' stroke="{canvas.ink}" stroke-width="2.5" fill="none"/>')
        if "x̄" in columns and stats.get("mean", [True] * rows)[row]:
            mean = scale(columns["x̄"][row].as_float)
            canvas.add(f'<path data-mark="mean" d="{line(centre - half, mean, centre + half, mean)}"'
                       f' stroke="{canvas.ink}" stroke-dasharray="4 3" fill="none"/>')
        for value in (points[row] if points[row] else outliers[row]):
            x, yy = point(centre, scale(value))
            canvas.marker(index, x, yy, "", f' data-mark="{"point" if points[row] else "outlier"}"', 3.0)
        x, yy = point(centre, v_start if not horizontal else v_start)
        if horizontal:
            canvas.text(v_start - 6, centre + 4, label, anchor="end", size=SMALL)
        else:
            canvas.text(centre, v_start + SMALL + 6, wrap(label, slot - 4, SMALL), anchor="middle", size=SMALL)
    bottom = (p_end if horizontal else v_start) + SMALL + 10 + LINE
    if horizontal:
        if chart.x_label:
            canvas.text((v_start + v_end) / 2, bottom + LINE, chart.x_label, anchor="middle",
                        extra=' font-weight="bold"')
            bottom += LINE
        return v_end + 40, bottom + PAD
    if chart.x_label:
        canvas.text((p_start + p_end) / 2, bottom + LINE, chart.x_label, anchor="middle", extra=' font-weight="bold"')
        bottom += LINE
    return max(p_end + PAD + 24, 300.0), bottom + PAD


def draw_heatmap(chart: Chart, numbers: NumberFormat, canvas) -> tuple[float, float]:
    rows, columns = chart.labels, [series.name for series in chart.series]
    values = [v.as_float for v in chart.values]
    z_low = chart.stats.get("zmin", min(values, default=0.0))
    z_high = chart.stats.get("zmax", max(values, default=1.0))
    span = (z_high - z_low) or 1.0
    label_width = min(max((text_width(label, SMALL) for label in rows), default=0) + 12, 200)
    cell_w = max(18.0, min(80.0, 480 / max(len(columns), 1)))
    cell_h = max(14.0, min(40.0, 320 / max(len(rows), 1)))
    y = PAD
    if chart.y_label:
        canvas.text(PAD, y + FONT, chart.y_label, extra=' font-weight="bold"')
        y += LINE
    x0 = PAD + label_width
    top = y + 6
    bottom = top + cell_h * len(rows)
    writes = len(rows) * len(columns) <= 400
    for row, label in enumerate(rows):
        cell_y = bottom - cell_h * (row + 1)  # Plotly: the first row at the bottom
        canvas.text(x0 - 6, cell_y + cell_h / 2 + 4, label, anchor="end", size=SMALL)
        for column, series in enumerate(chart.series):
            value = series.values[row]
            if value is None:
                continue  # no value: no cell, as in Plotly
            share = min(max((value.as_float - z_low) / span, 0.0), 1.0)
            text = _number(numbers, value.as_float)
            canvas.add(f'<rect x="{fmt(x0 + cell_w * column)}" y="{fmt(cell_y)}" width="{fmt(cell_w)}"'
                       f' height="{fmt(cell_h)}" fill-opacity="{fmt(0.08 + 0.92 * share)}" data-mark="cell"'
                       f' data-row="{row}" data-column="{column}"{canvas.colour(0)}>'
                       f"<title>{esc(label)} — {esc(series.name)}: {esc(text)}</title></rect>")
            if writes and text_width(text, SMALL) + 4 <= cell_w and cell_h >= SMALL + 2:
                extra = canvas.on_fill(0) if share > 0.55 else ""
                canvas.text(x0 + cell_w * (column + 0.5), cell_y + cell_h / 2 + 4, text, anchor="middle",
                            size=SMALL, extra=extra + ' data-mark="value"')
    step = max(1, int(len(columns) * 40 // (cell_w * len(columns) or 1)))
    for column, name in enumerate(columns):
        if column % step == 0:
            canvas.text(x0 + cell_w * (column + 0.5), bottom + SMALL + 6, name, anchor="middle", size=SMALL)
    right = x0 + cell_w * len(columns)
    # the colour bar: the scale's steps, low at the bottom, with their values
    bar_x = right + 24
    step_h = (bottom - top) / _STEPS
    for k in range(_STEPS):
        share = k / (_STEPS - 1)
        canvas.add(f'<rect x="{fmt(bar_x)}" y="{fmt(bottom - step_h * (k + 1))}" width="14" height="{fmt(step_h)}"'
                   f' fill-opacity="{fmt(0.08 + 0.92 * share)}" data-mark="colourbar"{canvas.colour(0)}/>')
        canvas.text(bar_x + 20, bottom - step_h * (k + 0.5) + 4, _number(numbers, z_low + span * share), size=SMALL)
    end = bottom + SMALL + 10
    if chart.x_label:
        canvas.text((x0 + right) / 2, end + LINE, chart.x_label, anchor="middle", extra=' font-weight="bold"')
        end += LINE
    widest = max(text_width(_number(numbers, z_low + span * k / (_STEPS - 1)), SMALL) for k in range(_STEPS))
    return bar_x + 20 + widest + PAD, end + PAD
