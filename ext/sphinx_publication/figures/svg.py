"""Chart model -> SVG text.

Two variants of the same drawing:

* ``theme=True`` (HTML): marks carry a class (``sp-s0``…) that the stylesheet
  maps to CSS custom properties, so colours follow the theme's light/dark mode;
  text and axes use ``currentColor``. The literal colour stays as presentation
  attribute, a fallback where the stylesheet is missing.
* ``theme=False`` (PDF): literal colours only (cairosvg cannot resolve ``var()``).

Series styles (colours, patterns, dashes, markers) come from :mod:`.palette`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .layout import decimate, fmt, text_width, value_scale, wrap
from .limits import MAX_LINE_MARKERS, MAX_SUMMARY_ROWS, drawing_limit
from .model import Chart
from .numbers import NumberFormat
from .palette import LIGHT, TILE, marker_path, pattern_tile, style

FONT = 13
SMALL = 12
LINE = 16
PAD = 8
# Drawn in layout units (13-unit text); HTML shows it 1.2 times larger so that
# text meets the body size on wide screens (and scales down on narrow ones);
# the PDF keeps 1.0, about 10 pt text beside an 11 pt body.
DISPLAY_SCALE = 1.2
PALETTE = LIGHT
TEXT_COLOUR = "#1f1f1f"
PDF_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(text: str) -> str:
    """Text safe in XML content and double-quoted attributes."""
    return escape(_INVALID_XML.sub("", text), {'"': "&quot;"})


@dataclass(frozen=True)
class Wording:
    """The punctuation of the chart's text, from the build language's catalog
    (French: "{label} : {value}", " ; ")."""

    pair: str = "{label}: {value}"
    separator: str = "; "
    #: under a drawing simplified for its many points (see :mod:`.limits`)
    simplified: str = ("Drawing simplified: {count} points, too many to draw one by one (each pixel column"
                       " keeps its extremes); every value is in the data file.")
    #: in place of a drawing refused for its size, per what is counted
    not_drawn_rows: str = ("Not drawn: {count} rows, more than the {limit} this chart can show."
                           " The data table and the data file give every value.")
    not_drawn_bars: str = ("Not drawn: {count} bars, more than the {limit} this chart can show."
                           " The data table and the data file give every value.")
    not_drawn_slices: str = ("Not drawn: {count} slices, more than the {limit} a pie can show."
                             " The data table and the data file give every value.")
    not_drawn_cells: str = ("Not drawn: {count} cells, more than the {limit} a heatmap can show."
                            " The data table and the data file give every value.")
    #: the end of a text alternative that lists only the first rows
    more_rows: str = "… and {count} more rows in the data table"

    def labelled(self, label: str, value: str) -> str:
        return self.pair.format(label=label, value=value)


ENGLISH = Wording()


@dataclass
class SvgDrawing:
    text: str
    width: float
    height: float


class _Canvas:
    def __init__(self, theme: bool, wording: Wording, uid: str = "chart",
                 patterns: dict[int, str] | None = None) -> None:
        self.theme = theme
        self.wording = wording
        self.uid = uid
        # series index -> pattern, shared with the panels of small multiples:
        # one <defs> per SVG, ids unique on the page through *uid*; ~index
        # (negative) for the pattern of a translucent area (:meth:`area_pattern_id`)
        self.patterns: dict[int, str] = {} if patterns is None else patterns
        self.parts: list[str] = []

    def panel(self) -> _Canvas:
        return _Canvas(self.theme, self.wording, self.uid, self.patterns)

    def colour(self, index: int, attribute: str = "fill") -> str:
        series = style(index)
        if self.theme:
            kind = "s" if attribute == "fill" else "l"
            return f' class="sp-{kind}{series.index}" {attribute}="{series.colour}"'
        return f' {attribute}="{series.colour}"'

    def on_fill(self, index: int) -> str:
        """Text drawn over series *index*'s fill: black or white."""
        series = style(index)
        return f' class="sp-o{series.index}" fill="{series.on}"' if self.theme else f' fill="{series.on}"'

    def area(self, tag: str, geometry: str, index: int, inner: str = "", extra: str = "") -> None:
        """A filled mark (bar, slice, swatch), then its pattern over it when its
        series has one: the same geometry filled with the pattern."""
        self.add(f"<{tag} {geometry}{extra}{self.colour(index)}>{inner}</{tag}>" if inner
                 else f"<{tag} {geometry}{extra}{self.colour(index)}/>")
        pattern = self.pattern_id(index)
        if pattern:
            rule = ' fill-rule="evenodd"' if "fill-rule" in extra else ""
            self.add(f'<{tag} {geometry}{rule} fill="url(#{pattern})"/>')

    def pattern_id(self, index: int) -> str:
        series = style(index)
        if not series.pattern:
            return ""
        self.patterns[index] = series.pattern
        return f"{self.uid}-p{index}"

    def area_pattern_id(self, index: int) -> str:
        """The pattern laid over series *index*'s translucent area (Plotly
        ``fill``): drawn in the series' colour, as no opaque fill lies below."""
        series = style(index)
        if not series.pattern:
            return ""
        self.patterns[~index] = series.pattern
        return f"{self.uid}-a{index}"

    def marker(self, index: int, x: float, y: float, inner: str = "", extra: str = "",
               radius: float = 4.0) -> None:
        """Series *index*'s marker shape (circle, square, triangle, diamond)."""
        shape = style(index).marker
        if shape == "circle":
            head = f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(radius)}"{extra}{self.colour(index)}'
        else:
            head = f'<path d="{marker_path(shape, x, y, radius)}"{extra}{self.colour(index)}'
        self.add(f"{head}>{inner}</{head.split(' ', 1)[0][1:]}>" if inner else f"{head}/>")

    def defs(self) -> str:
        """The patterns the drawing uses, on a transparent ground."""
        tiles = []
        for key in sorted(self.patterns, key=lambda key: (key < 0, abs(key))):
            index, on_area = (key, False) if key >= 0 else (~key, True)
            series = style(index)
            attribute = "fill" if series.pattern == "dots" else "stroke"
            if on_area:  # the series' own colour
                kind, colour, name = ("s" if attribute == "fill" else "l"), series.colour, "a"
            else:  # black or white over the series' fill
                kind, colour, name = ("o" if attribute == "fill" else "h"), series.on, "p"
            ink = f' {attribute}="{colour}"'
            if self.theme:
                ink = f' class="sp-{kind}{series.index}"' + ink
            tiles.append(f'<pattern id="{self.uid}-{name}{index}" width="{TILE}" height="{TILE}"'
                         f' patternUnits="userSpaceOnUse">{pattern_tile(series.pattern, ink)}</pattern>')
        return f"<defs>{''.join(tiles)}</defs>" if tiles else ""

    @property
    def ink(self) -> str:
        return "currentColor" if self.theme else TEXT_COLOUR

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def text(self, x: float, y: float, lines: list[str] | str, *, anchor: str = "start",
             size: int = FONT, extra: str = "") -> None:
        if isinstance(lines, str):
            lines = [lines]
        attrs = f'x="{fmt(x)}" y="{fmt(y)}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if size != FONT:
            attrs += f' font-size="{size}"'
        if len(lines) == 1:
            self.add(f"<text {attrs}{extra}>{esc(lines[0])}</text>")
            return
        shift = f' dy="{LINE}"'
        spans = "".join(
            f'<tspan x="{fmt(x)}"{"" if i == 0 else shift}>{esc(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.add(f"<text {attrs}{extra}>{spans}</text>")

    def line(self, x1: float, y1: float, x2: float, y2: float, opacity: str = "") -> None:
        extra = f' stroke-opacity="{opacity}"' if opacity else ""
        self.add(
            f'<path d="M{fmt(x1)} {fmt(y1)}L{fmt(x2)} {fmt(y2)}" stroke="{self.ink}"{extra}/>'
        )


def _tooltip(wording: Wording, label: str, value: str, series: str = "") -> str:
    prefix = f"{series} — " if series else ""
    return f"<title>{esc(wording.labelled(prefix + label, value))}</title>"


def _legend(canvas: _Canvas, names: list[str | None], x: float, y: float, width: float,
            swatches: list[str] | None = None, dashes: list[str] | None = None) -> float:
    """Draw swatches ("bar", "line" or "marker") and names flowing in rows;
    return the y below the legend. Each swatch shows its series' fill pattern,
    or its dash and marker shape, as the marks do."""
    cursor_x, row_y = x, y
    for index, name in enumerate(names):
        if name is None:  # no entry (Plotly's ``showlegend: false``): the colours stay the series'
            continue
        swatch = swatches[index] if swatches else "bar"
        swatch_width = 22 if swatch == "line" else 12
        item_width = swatch_width + 6 + text_width(name, FONT) + 14
        if cursor_x > x and cursor_x + item_width > x + width:
            cursor_x, row_y = x, row_y + LINE + 4
        if swatch == "line":
            from .svg_plot import dash

            canvas.add(
                f'<path d="M{fmt(cursor_x)} {fmt(row_y + 8)}h{swatch_width}" stroke-width="2.5"'
                f'{dash(index, dashes[index] if dashes else "")}{canvas.colour(index, "stroke")}/>'
            )
            canvas.marker(index, cursor_x + swatch_width / 2, row_y + 8, radius=3.5)
        elif swatch == "marker":
            canvas.marker(index, cursor_x + 6, row_y + 8)
        else:
            canvas.area("rect", f'x="{fmt(cursor_x)}" y="{fmt(row_y + 2)}" width="12" height="12"', index)
        canvas.text(cursor_x + swatch_width + 6, row_y + 12, name)
        cursor_x += item_width
    return row_y + LINE + 8


def _thin(labels: list[str], spacing: float, size: int) -> int:
    """Show every n-th tick label so that neighbours never overlap."""
    widest = max((text_width(label, size) for label in labels), default=0)
    step = 1
    while spacing > 0 and widest + 8 > spacing * step and step < len(labels):
        step += 1
    return step


def _bar(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
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
        y = _legend(canvas, [s.name for s in chart.series], PAD, y, width - 2 * PAD)
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
                index, _tooltip(canvas.wording, label, numbers.exact(value), series.name),
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


def _line(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
    from .svg_plot import dash

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
        y = _legend(canvas, [s.name for s in chart.series], PAD, y, width - 2 * PAD,
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
            canvas.marker(index, px, py, _tooltip(canvas.wording, label, numbers.exact(value), series.name))
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


def _pie(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
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
        tooltip = _tooltip(canvas.wording, label, f"{numbers.exact(value)} ({numbers.share(share)})")
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


def _label_on_fill(canvas: _Canvas, index: int, x: float, y: float, text: str) -> None:
    """Text over series *index*'s fill, in black or white; over a pattern, first
    a halo of the plain fill colour so that the hatching stops short of the glyphs
    (drawn as a second text: cairosvg ignores ``paint-order``)."""
    if style(index).pattern:
        series = style(index)
        halo = f' stroke="{series.colour}" stroke-width="3" stroke-linejoin="round"'
        if canvas.theme:
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


def _plot(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
    from .svg_plot import draw_plot

    return draw_plot(chart, numbers, canvas, _legend)


def _panels(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
    """Small multiples: each panel under its heading, with its own axes, in
    the rows of ``chart.grid`` (side by side as the figure's domains place
    them), else one below the other; matched axes share one range."""
    from .svg_plot import shared_axes

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


def _box(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
    from .svg_stats import draw_box

    return draw_box(chart, numbers, canvas)


def _heatmap(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
    from .svg_stats import draw_heatmap

    return draw_heatmap(chart, numbers, canvas)


_DRAWERS = {"bar": _bar, "line": _line, "pie": _pie, "plot": _plot, "panels": _panels, "box": _box,
            "heatmap": _heatmap}


def _not_drawn(chart: Chart, numbers: NumberFormat, canvas: _Canvas, limit: tuple[str, int, int]) -> tuple[float, float]:
    """In place of a chart too large to draw: what it would have held, and where its data is."""
    what, count, most = limit
    template = {"rows": canvas.wording.not_drawn_rows, "bars": canvas.wording.not_drawn_bars,
                "slices": canvas.wording.not_drawn_slices, "cells": canvas.wording.not_drawn_cells}[what]
    lines = wrap(template.format(count=numbers.count(count), limit=numbers.count(most)), 400, FONT)
    canvas.text(PAD, PAD + FONT, lines, extra=' font-style="italic"')
    return 400 + 2 * PAD, PAD + LINE * len(lines) + PAD


def _draw(chart: Chart, numbers: NumberFormat, canvas: _Canvas) -> tuple[float, float]:
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
        from .svg_plot import plot_columns  # names and dates as the table says them, not ranks or ms

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
    theme: bool = True,
    wording: Wording = ENGLISH,
) -> SvgDrawing:
    """Draw *chart*; *uid* makes the ``<title>``/``<desc>`` ids unique on a page."""
    canvas = _Canvas(theme, wording, uid)
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
    zoom = DISPLAY_SCALE if theme else 1.0
    shown_width, shown_height = math.ceil(width * zoom), math.ceil(height * zoom)
    description = chart.description or summary(chart, numbers, wording)
    if theme:
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
    drawing = canvas.defs() + (f'<g aria-hidden="true">{body}</g>' if theme else body)
    text = (
        f'{head}<title id="{uid}-t">{esc(chart.title)}</title>'
        f'<desc id="{uid}-d">{esc(description)}</desc>{drawing}</svg>'
    )
    return SvgDrawing(text, width, height)
