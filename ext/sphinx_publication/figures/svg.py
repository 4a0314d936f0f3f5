"""Chart model -> SVG text.

Two variants of the same drawing:

* ``for_screen=True`` (HTML): marks carry a class (``sp-s0``…) that the stylesheet
  maps to CSS custom properties, so colours follow the theme's light/dark mode;
  text and axes use ``currentColor``. The literal colour stays as presentation
  attribute, a fallback where the stylesheet is missing.
* ``for_screen=False`` (PDF): literal colours only (cairosvg cannot resolve ``var()``).

Series styles (colours, patterns, dashes, markers) come from :mod:`.palette`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .layout import decimate, fmt, text_width, value_scale, wrap
from .limits import MAX_LINE_MARKERS, MAX_SUMMARY_ROWS, drawing_limit
from .model import Chart
from .numbers import NumberFormat
from .palette import LIGHT, style
from .svg_canvas import (
    ENGLISH, FONT, LINE, PAD, SMALL, TEXT_COLOUR, Canvas, Wording, dash, draw_legend, esc, tooltip_title,
)
from .svg_plot import draw_plot, plot_columns, shared_axes
from .svg_stats import draw_box, draw_heatmap

# Drawn in layout units (13-unit text); HTML shows it 1.2 times larger so that
# text meets the body size on wide screens (and scales down on narrow ones);
# the PDF keeps 1.0, about 10 pt text beside an 11 pt body.
DISPLAY_SCALE = 1.2
PALETTE = LIGHT
PDF_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@dataclass
class SvgDrawing:
    text: str
    width: float
    height: float


def _thin(labels: list[str], spacing: float, size: int) -> int:
    """Show every n-th tick label so that neighbours never overlap."""
    widest = max((text_width(label, size) for label in labels), default=0)
    step = 1
    while spacing > 0 and widest + 8 > spacing * step and step < len(labels):
        step += 1
    return step


def _bar(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    n_series = len(chart.series)
    bar_height = 22 if n_series == 1 else 14
    group_height = n_series * bar_height + 2 * (n_series - 1)
    label_lines = [wrap(label, 170, FONT) for label in chart.labels]
    label_width = max(text_width(line, FONT) for lines in label_lines for line in lines)
    if chart.x_label:
        # bold text is about 10 % wider than the estimate for regular text
        label_width = max(label_width, min(text_width(chart.x_label, FONT) * 1.1, 170))
    texts = [[numbers.label(value) for value in series.values] for series in chart.series]
    value_width = max(text_width(text, SMALL) for column in texts for text in column) + 8
    negative = any(value.number < 0 for value in chart.values)
    x0 = PAD + label_width + 10 + (value_width if negative else 0)
    x1 = x0 + 190
    width = x1 + value_width + PAD
    y = PAD
    if chart.has_legend:
        y = draw_legend(canvas, [s.name for s in chart.series], PAD, y, width - 2 * PAD)
    if chart.x_label:
        for line in wrap(chart.x_label, x0 - PAD - 6, FONT):
            canvas.text(x0 - 10, y + FONT, line, anchor="end", extra=' font-weight="bold"')
            y += LINE
        y += 4
    top = y
    row_heights = [max(group_height, len(lines) * LINE) + 12 for lines in label_lines]
    bottom = top + sum(row_heights)
    scale = value_scale([v.as_float for v in chart.values], x0, x1, chart.scale == "log")
    ticks = scale.ticks()
    tick_texts = [numbers.tick(tick, chart.is_percent) for tick in ticks]
    spacing = (x1 - x0) / max(len(ticks) - 1, 1)
    step = _thin(tick_texts, spacing, SMALL)
    for index, (tick, tick_text) in enumerate(zip(ticks, tick_texts)):
        canvas.line(scale(tick), top, scale(tick), bottom, opacity=".15")
        if index % step == 0:
            canvas.text(scale(tick), bottom + SMALL + 5, tick_text, anchor="middle", size=SMALL)
    canvas.line(scale.zero, top, scale.zero, bottom)
    row_top = top
    for row, (label, lines) in enumerate(zip(chart.labels, label_lines)):
        middle = row_top + row_heights[row] / 2
        canvas.text(x0 - 10, middle + 4.5 - (len(lines) - 1) * LINE / 2, lines, anchor="end")
        for index, series in enumerate(chart.series):
            value = series.values[row]
            bar_y = middle - group_height / 2 + index * (bar_height + 2)
            start, end = scale.zero, scale(value.as_float)
            left, length = min(start, end), max(abs(end - start), 1)
            canvas.area(
                "rect", f'x="{fmt(left)}" y="{fmt(bar_y)}" width="{fmt(length)}" height="{bar_height}"',
                index, tooltip_title(canvas.wording, label, numbers.exact(value), series.name),
            )
            text_y = bar_y + bar_height / 2 + SMALL * 0.36
            if value.number < 0:
                canvas.text(left - 4, text_y, texts[index][row], anchor="end", size=SMALL)
            else:
                canvas.text(left + length + 4, text_y, texts[index][row], size=SMALL)
        row_top += row_heights[row]
    y = bottom + SMALL + 8
    if chart.y_label:
        y += LINE
        canvas.text((x0 + x1) / 2, y, wrap(chart.y_label, x1 - x0, FONT), anchor="middle",
                    extra=' font-weight="bold"')
        y += LINE * (len(wrap(chart.y_label, x1 - x0, FONT)) - 1)
    return width, y + PAD


def _numeric_positions(labels: list[str]) -> list[float] | None:
    try:
        numbers = [float(label.replace(",", ".")) for label in labels]
    except ValueError:
        return None
    if len(set(numbers)) != len(numbers) or not all(map(math.isfinite, numbers)):
        return None
    if not math.isfinite(max(numbers) - min(numbers)):
        return None  # "-1e308" and "1e308": the span overflows
    return numbers


def _line(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:

    count = len(chart.labels)
    plot_width = max(300, min(count * 40, 700))
    scale_probe = value_scale([v.as_float for v in chart.values], 0, 1, chart.scale == "log")
    ticks = scale_probe.ticks()
    tick_texts = [numbers.tick(tick, chart.is_percent) for tick in ticks]
    x0 = PAD + max(text_width(text, SMALL) for text in tick_texts) + 8
    x1 = x0 + plot_width
    width = x1 + PAD + 12
    y = PAD
    if chart.has_legend:
        y = draw_legend(canvas, [s.name for s in chart.series], PAD, y, width - 2 * PAD,
                    ["line"] * len(chart.series))
    if chart.y_label:
        for line in wrap(chart.y_label, width - 2 * PAD, FONT):
            canvas.text(PAD, y + FONT, line, extra=' font-weight="bold"')
            y += LINE
    top = y + LINE + 4  # room for the value labels of the highest points
    bottom = top + 200
    scale = value_scale([v.as_float for v in chart.values], bottom, top, chart.scale == "log")
    for tick, tick_text in zip(ticks, tick_texts):
        canvas.line(x0, scale(tick), x1, scale(tick), opacity=".15")
        canvas.text(x0 - 6, scale(tick) + 4, tick_text, anchor="end", size=SMALL)
    canvas.line(x0, scale.zero, x1, scale.zero)
    slot = plot_width / count
    numeric = _numeric_positions(chart.labels)
    if numeric and count > 1:
        inner = min(slot / 2, 24)
        low, high = min(numeric), max(numeric)
        xs = [x0 + inner + (n - low) / (high - low) * (plot_width - 2 * inner) for n in numeric]
        gaps = [b - a for a, b in zip(sorted(xs), sorted(xs)[1:])]
        spacing = min(gaps) if gaps else plot_width
    else:
        xs = [x0 + slot * (index + 0.5) for index in range(count)]
        spacing = slot
    many = count > MAX_LINE_MARKERS  # drawn simplified: see .limits
    if many:  # ticks only where a label is printed: a step from the widest label, unwrapped
        step = _thin(chart.labels, spacing, SMALL)
        shown = range(0, count, step)
        label_lines = {index: wrap(chart.labels[index], max(spacing * step - 6, 48), SMALL) for index in shown}
    else:
        label_lines = {index: wrap(label, max(spacing - 6, 48), SMALL) for index, label in enumerate(chart.labels)}
        flat = [max(lines, key=lambda line: text_width(line, SMALL)) for lines in label_lines.values()]
        step = _thin(flat, spacing, SMALL)
        shown = range(count)
    depth = 1
    for index in shown:
        x, lines = xs[index], label_lines[index]
        canvas.line(x, bottom, x, bottom + 4)
        if index % step == 0:
            canvas.text(x, bottom + SMALL + 6, lines, anchor="middle", size=SMALL)
            depth = max(depth, len(lines))
    for index, series in enumerate(chart.series):
        points = [(x, scale(value.as_float)) for x, value in zip(xs, series.values)]
        if many:
            points = decimate(points)
        path = "M" + "L".join(f"{fmt(px)} {fmt(py)}" for px, py in points)
        canvas.add(f'<path d="{path}" fill="none" stroke-width="2.5"{dash(index)}{canvas.colour(index, "stroke")}/>')
        if many:
            continue  # a marker and a label at each of so many points would cover each other
        for label, value, (px, py) in zip(chart.labels, series.values, points):
            canvas.marker(index, px, py, tooltip_title(canvas.wording, label, numbers.exact(value), series.name))
            if len(chart.series) == 1:
                canvas.text(px, py - 9, numbers.label(value), anchor="middle", size=SMALL)
    y = bottom + SMALL + 6 + (depth - 1) * LINE + 4
    if chart.x_label:
        lines = wrap(chart.x_label, plot_width, FONT)
        canvas.text((x0 + x1) / 2, y + LINE, lines, anchor="middle", extra=' font-weight="bold"')
        y += LINE * len(lines)
    if many:
        lines = wrap(canvas.wording.simplified.format(count=numbers.count(count * len(chart.series))),
                     width - 2 * PAD, SMALL)
        canvas.text(PAD, y + LINE, lines, size=SMALL, extra=' font-style="italic"')
        y += LINE * len(lines) + 4
    return width, y + PAD


def _pie(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    values = chart.series[0].values
    total = sum(value.as_float for value in values)
    shares = [value.as_float / total for value in values]
    entries = []
    for label, value, share in zip(chart.labels, values, shares):
        shown = numbers.label(value)
        if not value.percent:
            shown = f"{shown} ({numbers.share(share)})"
        entries.append(canvas.wording.labelled(label, shown))
    radius = 90
    inner = radius * chart.hole  # a donut's hole (Plotly's "hole")
    legend_max = 320
    legend_lines = [wrap(entry, legend_max, FONT) for entry in entries]
    legend_width = max(text_width(line, FONT) for lines in legend_lines for line in lines) + 18
    width = max(2 * radius + 2 * PAD, legend_width + 2 * PAD, 240)
    pull_room = radius * max(chart.pulls, default=0.0)
    width += 2 * pull_room
    cx, cy = width / 2, PAD + radius + pull_room
    # Plotly's geometry: angles clockwise from 12 o'clock; the first slice starts at
    # ``rotation``; counterclockwise, the others go the other way from there
    turn = 2 * math.pi
    first_sweep = shares[0] * turn if shares else 0.0
    cumulative = 0.0
    for index, (label, value, share) in enumerate(zip(chart.labels, values, shares)):
        sweep = share * turn
        if chart.clockwise:
            start = math.radians(chart.rotation) + cumulative
        else:
            start = math.radians(chart.rotation) + first_sweep - cumulative - sweep
        cumulative += sweep
        angle = start - math.pi / 2
        pull = radius * chart.pulls[index] if index < len(chart.pulls) else 0.0
        if pull:
            cx, cy = width / 2 + pull * math.cos(angle + sweep / 2), PAD + radius + pull_room + pull * math.sin(angle + sweep / 2)
        else:
            cx, cy = width / 2, PAD + radius + pull_room
        tooltip = tooltip_title(canvas.wording, label, f"{numbers.exact(value)} ({numbers.share(share)})")
        if inner and share > 0:
            canvas.area("path", f'd="{_ring_slice(cx, cy, radius, inner, angle, sweep)}"', index, tooltip,
                        ' data-mark="slice" fill-rule="evenodd"')
        elif share >= 0.9999:
            canvas.area("circle", f'cx="{fmt(cx)}" cy="{fmt(cy)}" r="{radius}"', index, tooltip)
        elif share > 0:
            x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            x2, y2 = cx + radius * math.cos(angle + sweep), cy + radius * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            canvas.area("path", f'd="M{fmt(cx)} {fmt(cy)}L{fmt(x1)} {fmt(y1)}A{radius} {radius} 0 {large} 1 '
                                f'{fmt(x2)} {fmt(y2)}Z"', index, tooltip, ' data-mark="slice"')
        text = numbers.share(share) if chart.slice_text is None else _slice_label(
            chart.slice_text, label, numbers.exact(value), numbers.share(share),
            chart.slice_texts[index] if index < len(chart.slice_texts) else "")
        if sweep >= 0.5 and text:
            middle = angle + sweep / 2
            reach = (1 + chart.hole) / 2 if inner else 0.62
            tx, ty = cx + radius * reach * math.cos(middle), cy + radius * reach * math.sin(middle)
            lines = text.split("\n")
            for number, line in enumerate(lines):
                _label_on_fill(canvas, index, tx, ty + 4 + LINE * (number - (len(lines) - 1) / 2), line)
    y = PAD + 2 * radius + 2 * pull_room + 14
    for index, lines in enumerate(legend_lines):
        left = (width - legend_width) / 2
        canvas.area("rect", f'x="{fmt(left)}" y="{fmt(y + 2)}" width="12" height="12"', index)
        canvas.text(left + 18, y + 12, lines)
        y += LINE * len(lines) + 4
    return width, y + PAD


def _slice_label(template: str, label: str, value: str, percent: str, text: str) -> str:
    """A Plotly text template (``%{label}``, ``%{value}``, ``%{percent}``,
    ``%{text}``; ``<br>`` a new line) filled for one slice; tags dropped."""
    fields = {"label": label, "value": value, "percent": percent, "text": text}
    filled = re.sub(r"%\{(\w+)(?::[^}]*)?\}", lambda m: fields.get(m.group(1), ""), template)
    filled = re.sub(r"<br\s*/?>", "\n", filled, flags=re.I)
    return re.sub(r"<[^>]+>", "", filled).strip()


def _label_on_fill(canvas: Canvas, index: int, x: float, y: float, text: str) -> None:
    """Text over series *index*'s fill, in black or white; over a pattern, first
    a halo of the plain fill colour so that the hatching stops short of the glyphs
    (drawn as a second text: cairosvg ignores ``paint-order``)."""
    if style(index).pattern:
        series = style(index)
        halo = f' stroke="{series.colour}" stroke-width="3" stroke-linejoin="round"'
        if canvas.for_screen:
            halo = f' class="sp-l{series.index} sp-s{series.index}"' + halo
        canvas.text(x, y, text, anchor="middle", extra=halo + f' fill="{series.colour}"')
    canvas.text(x, y, text, anchor="middle", extra=canvas.on_fill(index))


def _ring_slice(cx: float, cy: float, outer: float, inner: float, start: float, sweep: float) -> str:
    """The path of a donut slice: an outer arc, then the inner arc back."""
    if sweep >= 2 * math.pi - 1e-6:  # the whole ring: two circles, the inner one a hole
        return (f"M{fmt(cx + outer)} {fmt(cy)}A{fmt(outer)} {fmt(outer)} 0 1 1 {fmt(cx - outer)} {fmt(cy)}"
                f"A{fmt(outer)} {fmt(outer)} 0 1 1 {fmt(cx + outer)} {fmt(cy)}Z"
                f"M{fmt(cx + inner)} {fmt(cy)}A{fmt(inner)} {fmt(inner)} 0 1 0 {fmt(cx - inner)} {fmt(cy)}"
                f"A{fmt(inner)} {fmt(inner)} 0 1 0 {fmt(cx + inner)} {fmt(cy)}Z")
    end = start + sweep
    large = 1 if sweep > math.pi else 0

    def at(radius: float, angle: float) -> str:
        return f"{fmt(cx + radius * math.cos(angle))} {fmt(cy + radius * math.sin(angle))}"

    return (f"M{at(outer, start)}A{fmt(outer)} {fmt(outer)} 0 {large} 1 {at(outer, end)}"
            f"L{at(inner, end)}A{fmt(inner)} {fmt(inner)} 0 {large} 0 {at(inner, start)}Z")


def _plot(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    return draw_plot(chart, numbers, canvas)


def _panels(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    """Small multiples: each panel under its heading, with its own axes, in
    the rows of ``chart.grid`` (side by side as the figure's domains place
    them), else one below the other; matched axes share one range."""
    panels = shared_axes(chart.panels, numbers)
    rows = chart.grid or [[number] for number in range(len(panels))]
    y, width = PAD, 0.0
    for row in rows:
        x, row_height = 0.0, 0.0
        for number in row:
            panel = panels[number]
            inner = canvas.panel()
            panel_width, panel_height = _draw(panel, panel_numbers(panel, numbers), inner)
            heading = wrap(panel.title, max(panel_width - 2 * PAD, 200), FONT)
            for line_number, line in enumerate(heading):
                canvas.text(x + PAD, y + FONT + LINE * line_number, line, extra=' font-weight="bold"')
            top = y + LINE * len(heading)
            canvas.add(f'<g data-panel="{number}" transform="translate({fmt(x)} {fmt(top)})">{"".join(inner.parts)}</g>')
            x += panel_width
            row_height = max(row_height, LINE * len(heading) + panel_height)
        y += row_height + LINE
        width = max(width, x)
    return width, y


def panel_numbers(panel: Chart, numbers: NumberFormat) -> NumberFormat:
    """The number format of one panel (its own magnitude; none for dates)."""
    dates = panel.plot is not None and panel.plot.value_axis.type == "date"
    return NumberFormat(str(numbers.locale), () if dates else panel.values, panel.unit)


def _box(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    return draw_box(chart, numbers, canvas)


def _heatmap(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    return draw_heatmap(chart, numbers, canvas)


_DRAWERS = {"bar": _bar, "line": _line, "pie": _pie, "plot": _plot, "panels": _panels, "box": _box,
            "heatmap": _heatmap}


def _not_drawn(chart: Chart, numbers: NumberFormat, canvas: Canvas, limit: tuple[str, int, int]) -> tuple[float, float]:
    """In place of a chart too large to draw: what it would have held, and where its data is."""
    what, count, most = limit
    template = {"rows": canvas.wording.not_drawn_rows, "bars": canvas.wording.not_drawn_bars,
                "slices": canvas.wording.not_drawn_slices, "cells": canvas.wording.not_drawn_cells}[what]
    lines = wrap(template.format(count=numbers.count(count), limit=numbers.count(most)), 400, FONT)
    canvas.text(PAD, PAD + FONT, lines, extra=' font-style="italic"')
    return 400 + 2 * PAD, PAD + LINE * len(lines) + PAD


def _draw(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    """Draw *chart*, or say why not when it is too large (:func:`.limits.drawing_limit`)."""
    limit = drawing_limit(chart)
    if limit is not None:
        return _not_drawn(chart, numbers, canvas, limit)
    return _DRAWERS[chart.kind](chart, numbers, canvas)


def summary(chart: Chart, numbers: NumberFormat, wording: Wording = ENGLISH) -> str:
    """A text alternative when the author gave no ``:description:``."""
    if chart.panels:
        return wording.separator.join(
            f"{panel.title} — {summary(panel, panel_numbers(panel, numbers), wording)}" for panel in chart.panels
        )
    parts = []
    cells = None
    if chart.plot is not None and chart.plot.value_axis.type in ("category", "date"):
        # names and dates as the table says them, not ranks or ms
        cells = plot_columns(chart, numbers, MAX_SUMMARY_ROWS)
    for row, label in enumerate(chart.labels[:MAX_SUMMARY_ROWS]):
        values = ", ".join(
            (f"{s.name} " if s.name else "") + (cells[n][row] if cells else numbers.label(s.values[row]))
            for n, s in enumerate(chart.series)
            if s.values[row] is not None
        )
        parts.append(wording.labelled(label, values))
    if len(chart.labels) > MAX_SUMMARY_ROWS:
        parts.append(wording.more_rows.format(count=numbers.count(len(chart.labels) - MAX_SUMMARY_ROWS)))
    return wording.separator.join(parts)


def render_svg(
    chart: Chart,
    numbers: NumberFormat,
    *,
    uid: str = "chart",
    for_screen: bool = True,
    wording: Wording = ENGLISH,
) -> SvgDrawing:
    """Draw *chart*; *uid* makes the ``<title>``/``<desc>`` ids unique on a page."""
    canvas = Canvas(for_screen, wording, uid)
    width, height = _draw(chart, numbers, canvas)
    if chart.heading:  # the figure's own title (Plotly ``layout.title``), above the drawing
        lines = wrap(chart.heading, max(width - 2 * PAD, 200), FONT + 2)
        top = PAD + LINE * len(lines) + 4
        body = "".join(canvas.parts)
        canvas.parts = []
        canvas.text(PAD, PAD + FONT + 1, lines, size=FONT + 2, extra=' font-weight="bold" data-mark="title"')
        canvas.add(f'<g transform="translate(0 {fmt(top)})">{body}</g>')
        width, height = max(width, text_width(lines[0], FONT + 2) + 2 * PAD), height + top
    width, height = math.ceil(width), math.ceil(height)
    zoom = DISPLAY_SCALE if for_screen else 1.0
    shown_width, shown_height = math.ceil(width * zoom), math.ceil(height * zoom)
    description = chart.description or summary(chart, numbers, wording)
    if for_screen:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="sp-chart-svg" role="img"'
            f' aria-labelledby="{uid}-t" aria-describedby="{uid}-d" viewBox="0 0 {width} {height}"'
            f' width="{shown_width}" height="{shown_height}" font-size="{FONT}" fill="currentColor">'
        )
    else:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
            f' width="{shown_width}" height="{shown_height}" font-size="{FONT}" fill="{TEXT_COLOUR}"'
            f' font-family="{PDF_FONT}">'
        )
    body = "".join(canvas.parts)
    # Name = title, description = desc (once); the marks stay out of the
    # accessibility tree: the data table beside the chart carries the numbers.
    drawing = canvas.defs() + (f'<g aria-hidden="true">{body}</g>' if for_screen else body)
    text = (
        f'{head}<title id="{uid}-t">{esc(chart.title)}</title>'
        f'<desc id="{uid}-d">{esc(description)}</desc>{drawing}</svg>'
    )
    return SvgDrawing(text, width, height)
