"""A Plotly figure's cartesian traces (:class:`~.model.Plot`) -> SVG marks.

The drawing follows the figure: bars grouped, stacked (``stack``,
``relative``), overlaid or normalised (``barnorm``) as ``layout.barmode``
says, floating bars from their ``base``, scatters as lines, markers (sized:
bubbles) or text, areas filled to zero or to the previous trace, gaps at
``null`` values, error bars, and category, linear, logarithmic or date axes,
reversed when the figure reverses them. Positions run along x, values along
y, or the other way round for horizontal bars.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from babel.dates import format_datetime

from .layout import binned, decimate, fmt, nice_step, text_width, wrap
from .limits import BIN_PX, MAX_LINE_MARKERS, MAX_MARKERS
from decimal import Decimal

from .model import Axis, Chart, Plot, Trace, Value
from .numbers import NumberFormat
from .svg_canvas import FONT, LINE, PAD, SMALL, Canvas, dash, draw_legend, esc

BAR_FILL = 0.8  # share of a position's band that its bars take
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


# -- scales -------------------------------------------------------------------


@dataclass
class Continuous:
    """Data -> pixels for linear, log and date axes."""

    low: float
    high: float
    start: float
    end: float
    kind: str = "linear"

    def _t(self, value: float) -> float:
        if self.kind == "log":
            return math.log10(max(value, 1e-300))
        return value

    def __call__(self, value: float) -> float:
        if self.kind != "log":
            if self.high == self.low:
                return (self.start + self.end) / 2
            return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)
        low, high = self._t(self.low), self._t(self.high)
        if high == low:
            return (self.start + self.end) / 2
        return self.start + (self._t(value) - low) / (high - low) * (self.end - self.start)

    def clamp(self, value: float) -> float:
        return min(max(value, self.low), self.high)


def _padded(low: float, high: float, kind: str, include_zero: bool) -> tuple[float, float]:
    if kind == "log":
        low = 10.0 ** math.floor(math.log10(low))
        high = 10.0 ** math.ceil(math.log10(high))
        return (low, high * 10) if high <= low else (low, high)
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if low == high:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    if kind == "date":
        return low, high
    step = nice_step(high - low, 5)
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step


def linear_ticks(scale: Continuous) -> list[float]:
    if scale.kind == "log":
        first, last = round(math.log10(scale.low)), round(math.log10(scale.high))
        every = max(1, math.ceil((last - first + 1) / 8))
        return [10.0**power for power in range(first, last + 1, every)]
    step = nice_step(scale.high - scale.low, 5)
    ticks, index = [], math.ceil(scale.low / step - 1e-9)
    while index * step <= scale.high + step * 1e-9:
        ticks.append(round(index * step, 10))
        index += 1
    return ticks


_DAY = 86_400_000.0
_DATE_STEPS = [  # (milliseconds, unit, count, skeleton of the tick labels)
    (1000, "second", 1, "Hms"), (10_000, "second", 10, "Hms"), (60_000, "minute", 1, "Hm"),
    (600_000, "minute", 10, "Hm"), (3_600_000, "hour", 1, "Hm"), (6 * 3_600_000, "hour", 6, "MMMdHm"),
    (_DAY, "day", 1, "MMMd"), (2 * _DAY, "day", 2, "MMMd"), (7 * _DAY, "day", 7, "MMMd"), (30 * _DAY, "month", 1, "yMMM"),
    (91 * _DAY, "month", 3, "yMMM"), (365 * _DAY, "year", 1, "y"), (3650 * _DAY, "year", 10, "y"),
    (36500 * _DAY, "year", 100, "y"),
]


def _moment(ms: float) -> datetime:
    return _EPOCH + timedelta(milliseconds=ms)


def _ms(moment: datetime) -> float:
    return (moment - _EPOCH) / timedelta(milliseconds=1)


def date_ticks(low: float, high: float) -> tuple[list[float], str]:
    """Round dates between *low* and *high* (ms) and the skeleton to print them."""
    span = max(high - low, 1.0)
    step_ms, unit, count, skeleton = next(
        (step for step in _DATE_STEPS if span / step[0] <= 8), _DATE_STEPS[-1]
    )
    start = _moment(low)
    if unit == "year":
        moment = datetime(max(1, start.year - start.year % count), 1, 1, tzinfo=timezone.utc)
    elif unit == "month":
        moment = datetime(start.year, start.month - (start.month - 1) % count, 1, tzinfo=timezone.utc)
    else:
        moment = _moment(math.floor(low / step_ms) * step_ms)
    ticks = []
    while _ms(moment) <= high + 1 and len(ticks) < 40:
        if _ms(moment) >= low - 1:
            ticks.append(_ms(moment))
        if unit == "year":
            moment = moment.replace(year=moment.year + count)
        elif unit == "month":
            month = moment.month - 1 + count
            moment = moment.replace(year=moment.year + month // 12, month=month % 12 + 1)
        else:
            moment += timedelta(milliseconds=step_ms)
    return ticks, skeleton


def format_date(ms: float, numbers: NumberFormat, skeleton: str = "") -> str:
    """A date in the document language (French month names in French)."""
    moment = _moment(ms)
    if not skeleton:
        has_time = moment.hour or moment.minute or moment.second
        skeleton = "yMMMdHms" if moment.second else "yMMMdHm" if has_time else "yMMMd"
    skeletons = numbers.locale.datetime_skeletons
    if skeleton in skeletons:
        pattern = skeletons[skeleton].pattern
    else:  # e.g. "MMMdHm": the date's and the time's own patterns, side by side
        split = skeleton.index("H") if "H" in skeleton else len(skeleton)
        parts = [skeletons[part].pattern for part in (skeleton[:split], skeleton[split:]) if part in skeletons]
        pattern = " ".join(parts) or "y-MM-dd HH:mm"
    return format_datetime(moment, pattern, tzinfo=timezone.utc, locale=numbers.locale)


# -- the values drawn: stacking and normalisation -------------------------------


@dataclass
class Mark:
    """One bar or point: where it sits and the segment of the value axis it covers."""

    trace: int
    position: str | float
    low: float  # bar start (the base, or the top of the bar below it)
    high: float  # bar end / point value
    source: str | tuple  # the tooltip's text, or what makes it (only the drawn marks ask)
    error: tuple[float, float] | None = None

    @property
    def text(self) -> str:
        """The exact value, for the tooltip."""
        return self.source if isinstance(self.source, str) else _value_text(*self.source)


def _stacked(plot: Plot, numbers: NumberFormat) -> list[list[Mark | None]]:
    """Per trace, per point: the bar or point as drawn, after barmode and barnorm."""
    totals: dict[str | float, float] = {}
    if plot.barnorm:
        for trace in plot.traces:
            if trace.type == "bar":
                for position, value in zip(trace.positions, trace.values):
                    if position is not None and value is not None:
                        totals[position] = totals.get(position, 0.0) + value.as_float
    factor = 100.0 if plot.barnorm == "percent" else 1.0
    up: dict[str | float, float] = {}
    down: dict[str | float, float] = {}
    stacks = _scatter_stacks(plot, numbers)
    result = []
    for index, trace in enumerate(plot.traces):
        if trace.stackgroup:
            result.append(stacks[index])
            continue
        marks: list[Mark | None] = []
        for n, (position, value) in enumerate(zip(trace.positions, trace.values)):
            if position is None or value is None or (plot.value_axis.type == "log" and value.as_float <= 0):
                marks.append(None)  # a log axis has no place for it (Plotly leaves it out too)
                continue
            number = value.as_float
            text = (plot.value_axis, value, numbers, trace, n)
            error = None
            if trace.errors_plus is not None:
                error = (trace.errors_minus[n], trace.errors_plus[n])
            if trace.type == "bar" and plot.barnorm and totals.get(position):
                number = number / totals[position] * factor
                if error:
                    error = (error[0] / totals[position] * factor, error[1] / totals[position] * factor)
            if trace.type != "bar":
                marks.append(Mark(index, position, number, number, text, error))
                continue
            if trace.base is not None:
                low = trace.base[n]
            elif plot.barmode == "stack":
                low = up.get(position, 0.0)
                up[position] = low + number
            elif plot.barmode == "relative":
                pile = up if number >= 0 else down
                low = pile.get(position, 0.0)
                pile[position] = low + number
            else:
                low = 0.0
            marks.append(Mark(index, position, low, low + number, text, error))
        result.append(marks)
    return result


def _scatter_stacks(plot: Plot, numbers: NumberFormat) -> dict[int, list[Mark | None]]:
    """Stacked scatters (``stackgroup``): one mark per position of the group,
    a missing point counted as zero, piled on the traces before it."""
    order = _position_list(plot)
    groups: dict[str, list[int]] = {}
    for index, trace in enumerate(plot.traces):
        if trace.stackgroup:
            groups.setdefault(trace.stackgroup, []).append(index)
    result: dict[int, list[Mark | None]] = {}
    for members in groups.values():
        norm = next((plot.traces[i].groupnorm for i in members if plot.traces[i].groupnorm), "")
        own = [{str(p): v for p, v in zip(plot.traces[i].positions, plot.traces[i].values) if p is not None}
               for i in members]
        used = [p for p in order if any(str(p) in values for values in own)]
        if plot.traces[members[0]].stackgaps == "interpolate":
            own = [_interpolated(values, used, plot.position_axis) for values in own]
        totals = {str(p): sum(v.as_float for values in own if (v := values.get(str(p))) is not None) for p in used}
        running = dict.fromkeys(totals, 0.0)
        for index, values in zip(members, own):
            marks: list[Mark | None] = []
            for position in used:
                key = str(position)
                value = values.get(key)
                number = value.as_float if value is not None else 0.0
                if norm and totals[key]:
                    number = number / totals[key] * (100.0 if norm == "percent" else 1.0)
                low = running[key]
                running[key] = low + number
                text = (plot.value_axis, value, numbers, plot.traces[index], 0) if value else "0"
                marks.append(Mark(index, position, low, low + number, text))
            result[index] = marks
    return result


def _interpolated(values: dict, used: list, axis: Axis) -> dict:
    """Plotly's ``stackgaps: interpolate``: a missing point takes the value on the
    line between its neighbours, or the nearest value beyond the trace's ends."""
    from decimal import Decimal

    from .model import Value

    rank = {str(position): n for n, position in enumerate(used)} if axis.type == "category" else {}

    def where(position) -> float:
        return float(rank[str(position)]) if axis.type == "category" else float(position)

    known = [(where(p), values[str(p)].as_float) for p in used if values.get(str(p)) is not None]
    if not known:
        return values
    known_x = [x for x, _y in known]
    filled = dict(values)
    for position in used:
        if values.get(str(position)) is not None:
            continue
        x = where(position)
        after_index = bisect.bisect_right(known_x, x)  # *used* runs in axis order: so does *known*
        before_index = bisect.bisect_left(known_x, x) - 1
        if before_index < 0 or after_index >= len(known):
            number = (known[before_index] if before_index >= 0 else known[after_index])[1]
        else:
            (x0, y0), (x1, y1) = known[before_index], known[after_index]
            number = y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        filled[str(position)] = Value(Decimal(repr(number)))
    return filled


def _value_text(axis: Axis, value, numbers: NumberFormat, trace: Trace, n: int) -> str:
    if axis.type == "category":  # the name the figure gives, not its rank
        return axis.categories[int(value.number)]
    if axis.type == "date":
        if trace.base is not None:
            return f"{format_date(trace.base[n], numbers)} – {format_date(trace.base[n] + value.as_float, numbers)}"
        return format_date(value.as_float, numbers)
    if axis.percent:
        return numbers.share(value.as_float)
    return axis.prefix + numbers.exact(value) + axis.suffix


# -- drawing ------------------------------------------------------------------


class _Frame:
    """Turns (position px, value px) into (x, y) for the orientation of the plot."""

    def __init__(self, horizontal: bool) -> None:
        self.horizontal = horizontal

    def point(self, p: float, v: float) -> tuple[float, float]:
        return (v, p) if self.horizontal else (p, v)

    def rect(self, p0: float, p1: float, v0: float, v1: float) -> str:
        x0, y0 = self.point(p0, v0)
        x1, y1 = self.point(p1, v1)
        return (f'x="{fmt(min(x0, x1))}" y="{fmt(min(y0, y1))}" width="{fmt(max(abs(x1 - x0), 1))}"'
                f' height="{fmt(max(abs(y1 - y0), 1))}"')


def _tick_text(axis: Axis, value: float, numbers: NumberFormat, plain: NumberFormat) -> str:
    if axis.type == "category":
        return axis.categories[int(value)] if 0 <= int(value) < len(axis.categories) else ""
    if axis.percent:
        return numbers.share(value)
    if axis.suffix.strip() == "%" and not axis.prefix:
        return numbers.tick(value, percent=True)
    return axis.prefix + numbers.tick(value) + axis.suffix


def draw_plot(chart: Chart, numbers: NumberFormat, canvas: Canvas) -> tuple[float, float]:
    """Draw *chart*'s plot on *canvas*; return the drawing's width and height."""
    plot: Plot = chart.plot
    marks = _stacked(plot, numbers)
    frame = _Frame(plot.horizontal)
    positions = _position_list(plot)
    plain = NumberFormat(numbers.locale.language)  # no magnitude suffix, e.g. for years
    plain.exponent, plain.suffix = 0, ""
    pos_axis, val_axis = plot.position_axis, plot.value_axis
    has_bars = any(trace.type == "bar" for trace in plot.traces)
    low, high = _value_extent(plot, marks)
    if val_axis.type == "category":  # one unit per name, as Plotly spaces them
        low, high = -0.5, max(len(val_axis.categories), 1) - 0.5
    if val_axis.range is not None:  # the figure's range: what lies outside is clipped
        low, high = val_axis.range
    # geometry
    count = len(positions)
    names = [trace.name if trace.in_legend else None for trace in plot.traces]
    y = PAD
    shown = plot.showlegend if plot.showlegend is not None else len(plot.traces) > 1
    if shown and any(name is not None for name in names):
        y = draw_legend(canvas, names, PAD, y, 560, [_swatch(trace) for trace in plot.traces],
                   [trace.dash for trace in plot.traces])
    if plot.horizontal:
        label_texts = [_position_text(p, pos_axis, numbers, plain) for p in positions]
        label_width = max((text_width(t, FONT) for t in label_texts), default=0) + 10
        x0 = PAD + max(min(label_width, 220), 48)  # room for half of the first value tick
        p_extent = max(24 * count, 160) if pos_axis.type == "category" else 260
        p_start, p_end = y + 6, y + 6 + p_extent
        v_start, v_end = x0, x0 + 420
    else:
        probe = Continuous(low, high, 0, 1, val_axis.type)
        tick_values = (date_ticks(low, high)[0] if val_axis.type == "date"
                       else list(range(len(val_axis.categories))) if val_axis.type == "category"
                       else linear_ticks(probe))
        widest = max((text_width(_tick_text(val_axis, t, numbers, plain), SMALL) for t in tick_values), default=20)
        if val_axis.title:
            for line in wrap(val_axis.title, 540, FONT):
                canvas.text(PAD, y + FONT, line, extra=' font-weight="bold"')
                y += LINE
        x0 = PAD + widest + 10
        widest_label = max((text_width(str(p), SMALL) for p in positions), default=0) if pos_axis.type == "category" else 0
        slot = min(max(44, widest_label + 12), 120)
        p_extent = max(300, min(count * slot, 640)) if pos_axis.type == "category" else 520
        p_start, p_end = x0, x0 + p_extent
        v_start, v_end = y + 10 + 230, y + 10  # values grow upwards
    if plot.horizontal and pos_axis.type == "category":
        p_start, p_end = p_end, p_start  # Plotly puts the first category at the bottom
    if pos_axis.reversed:
        p_start, p_end = p_end, p_start
    if val_axis.reversed:
        v_start, v_end = v_end, v_start
    value_scale = Continuous(low, high, v_start, v_end, val_axis.type)
    place, band = _position_scale(positions, pos_axis, p_start, p_end, has_bars)
    p_low, p_high = min(p_start, p_end), max(p_start, p_end)
    v_low, v_high = min(v_start, v_end), max(v_start, v_end)
    # grid and value ticks
    if val_axis.type == "date":
        tick_values, skeleton = date_ticks(low, high)
        tick_labels = [format_date(t, numbers, skeleton) for t in tick_values]
    elif val_axis.type == "category":
        tick_values = [float(rank) for rank in range(len(val_axis.categories)) if low <= rank <= high]
        tick_labels = [val_axis.categories[int(t)] for t in tick_values]
    else:
        tick_values = linear_ticks(value_scale)
        tick_labels = [_tick_text(val_axis, t, numbers, plain) for t in tick_values]
    step = _thin_step(tick_labels, abs(v_end - v_start) / max(len(tick_values), 1), plot.horizontal)
    for index, (tick, label) in enumerate(zip(tick_values, tick_labels)):
        v = value_scale(tick)
        canvas.line(*frame.point(p_low, v), *frame.point(p_high, v), opacity=".15")
        if index % step:
            continue
        if plot.horizontal:
            canvas.text(v, p_high + SMALL + 5, label, anchor="middle", size=SMALL)
        else:
            canvas.text(p_low - 6, v + 4, label, anchor="end", size=SMALL)
    if val_axis.type == "linear" and low <= 0 <= high:
        canvas.line(*frame.point(p_low, value_scale(0)), *frame.point(p_high, value_scale(0)))
    canvas.line(*frame.point(p_low, value_scale(low if not val_axis.reversed else high)),
                *frame.point(p_high, value_scale(low if not val_axis.reversed else high)), opacity=".5")
    # position ticks
    depth = _position_ticks(canvas, frame, positions, pos_axis, place, numbers, plain,
                            p_low, p_high, v_high if not plot.horizontal else v_low, band)
    clip_from = len(canvas.parts)
    # marks: filled areas first, then bars, lines, markers and error bars
    bar_traces = [i for i, trace in enumerate(plot.traces) if trace.type == "bar"]
    previous: dict[str, list[tuple[float, float]]] = {}
    for index, trace in enumerate(plot.traces):
        if trace.type != "scatter":
            continue
        points = [(place(m.position), value_scale(m.high)) for m in marks[index] if m is not None]
        if len(points) > MAX_LINE_MARKERS:  # runs along the position axis: one pixel column each
            points = decimate(points)
        previous_points = previous.get(trace.stackgroup)
        if trace.fill != "none" and points:
            if trace.fill == "toself":  # the polygon of the trace's own points
                outline = points
            elif trace.fill == "tonexty" and previous_points:
                outline = points + previous_points[::-1]
            else:
                zero = value_scale(value_scale.clamp(0.0 if val_axis.type != "log" else low))
                outline = [(points[0][0], zero), *points, (points[-1][0], zero)]
            path = "M" + "L".join(f"{fmt(a)} {fmt(b)}" for a, b in (frame.point(*pt) for pt in outline)) + "Z"
            canvas.add(f'<path data-mark="area" data-trace="{index}" d="{path}" fill-opacity=".3" stroke="none"{canvas.colour(index)}/>')
            pattern = canvas.area_pattern_id(index)  # from the fourth series on, as bars
            if pattern:
                canvas.add(f'<path d="{path}" fill="url(#{pattern})" stroke="none"/>')
        previous[trace.stackgroup] = points
    for index in bar_traces:
        _draw_bars(canvas, frame, plot, index, marks[index], bar_traces, place, band, value_scale, numbers)
    simplified = []
    for index, trace in enumerate(plot.traces):
        if trace.type == "scatter" and _draw_scatter(canvas, frame, trace, index, marks[index], place, value_scale, plot, numbers):
            simplified.append(trace)
    for index, trace in enumerate(plot.traces):
        offset = _bar_offset(plot, index, bar_traces, band) if trace.type == "bar" else 0.0
        if trace.type == "scatter" and sum(mark is not None for mark in marks[index]) > MAX_MARKERS:
            if trace not in simplified and any(mark is not None and mark.error for mark in marks[index]):
                simplified.append(trace)
            continue  # error bars at every point would fill the plot: in the figure's JSON
        for mark in marks[index]:
            if mark is not None and mark.error:
                p = place(mark.position) + offset
                a, b = value_scale(mark.high - mark.error[0]), value_scale(mark.high + mark.error[1])
                canvas.add(f'<path data-mark="error" d="M{_xy(frame, p, a)}L{_xy(frame, p, b)}'
                           f'M{_xy(frame, p - 4, a)}L{_xy(frame, p + 4, a)}M{_xy(frame, p - 4, b)}'
                           f'L{_xy(frame, p + 4, b)}" stroke="{canvas.ink}" fill="none"/>')
    if pos_axis.range is not None or val_axis.range is not None:  # Plotly clips marks to the plot area
        clip = f"{canvas.uid}-c{len(canvas.parts)}"
        x_a, y_a = frame.point(p_low, v_low)
        x_b, y_b = frame.point(p_high, v_high)
        canvas.parts[clip_from:] = [
            f'<clipPath id="{clip}"><rect x="{fmt(min(x_a, x_b) - 1)}" y="{fmt(min(y_a, y_b) - 1)}"'
            f' width="{fmt(abs(x_b - x_a) + 2)}" height="{fmt(abs(y_b - y_a) + 2)}"/></clipPath>'
            f'<g clip-path="url(#{clip})">{"".join(canvas.parts[clip_from:])}</g>']
    # axis titles
    if plot.horizontal:
        bottom = p_high + SMALL + 10
        if val_axis.title:
            lines = wrap(val_axis.title, v_high - v_low, FONT)
            canvas.text((v_low + v_high) / 2, bottom + LINE, lines, anchor="middle", extra=' font-weight="bold"')
            bottom += LINE * len(lines)
        if pos_axis.title:
            canvas.text(PAD, PAD + FONT if len(plot.traces) == 1 else p_low - 10, pos_axis.title,
                        extra=' font-weight="bold"')
        return v_high + 60, bottom + PAD
    bottom = v_high + SMALL + 8 + depth * LINE
    if pos_axis.title:
        lines = wrap(pos_axis.title, p_high - p_low, FONT)
        canvas.text((p_low + p_high) / 2, bottom + LINE, lines, anchor="middle", extra=' font-weight="bold"')
        bottom += LINE * len(lines) + 4
    if simplified:
        count = sum(len(trace.values) for trace in simplified)
        lines = wrap(canvas.wording.simplified.format(count=numbers.count(count)), 540, SMALL)
        canvas.text(PAD, bottom + LINE, lines, size=SMALL, extra=' font-style="italic"')
        bottom += LINE * len(lines) + 4
    return max(p_high + PAD + 24, 560 + 2 * PAD), bottom + PAD


def _value_extent(plot: Plot, marks: list[list[Mark | None]]) -> tuple[float, float]:
    """The value axis as autorange draws it: every bar, point and error bar, padded."""
    values = []
    for trace_marks in marks:
        for mark in trace_marks:
            if mark is None:
                continue
            values += [mark.low, mark.high]
            if mark.error:
                values += [mark.high - mark.error[0], mark.high + mark.error[1]]
    val_axis = plot.value_axis
    has_bars = any(trace.type == "bar" for trace in plot.traces)
    fills_zero = any(trace.fill == "tozeroy" for trace in plot.traces)
    include_zero = val_axis.type == "linear" and (has_bars or fills_zero)
    if val_axis.type == "log":
        values = [value for value in values if value > 0] or [1.0]
    return _padded(min(values, default=0.0), max(values, default=1.0), val_axis.type, include_zero)


def shared_axes(panels: list[Chart], numbers: NumberFormat) -> list[Chart]:
    """Panels whose axes ``matches`` one another drawn with one range: copies
    of the panels with that range (the union of theirs) fixed."""
    from dataclasses import replace

    plots = [panel.plot for panel in panels]
    result = list(panels)
    for role in ("value_axis", "position_axis"):
        groups: dict[tuple[str, str], list[int]] = {}
        for n, plot in enumerate(plots):
            if plot is not None and getattr(plot, role).match and getattr(plot, role).range is None:
                groups.setdefault((getattr(plot, role).match, getattr(plot, role).type), []).append(n)
        for members in groups.values():
            if len(members) < 2:
                continue
            if role == "value_axis":
                extents = [_value_extent(plots[n], _stacked(plots[n], numbers)) for n in members]
                shared = (min(e[0] for e in extents), max(e[1] for e in extents))
                change = {"range": shared}
            elif plots[members[0]].position_axis.type == "category":
                names = list(dict.fromkeys(c for n in members for c in plots[n].position_axis.categories))
                change = {"categories": names}
            else:
                points = sorted({float(p) for n in members for t in plots[n].traces for p in t.positions
                                 if p is not None})
                if len(points) < 2:
                    continue
                gaps = [b - a for a, b in zip(points, points[1:]) if b > a]
                bars = any(t.type == "bar" for n in members for t in plots[n].traces)
                margin = min(gaps) / 2 if bars else (points[-1] - points[0]) * 0.02
                if plots[members[0]].position_axis.type == "log":
                    continue  # log positions keep their own range
                change = {"range": (points[0] - margin, points[-1] + margin)}
            for n in members:
                plot = result[n].plot
                axis = replace(getattr(plot, role), **change)
                result[n] = replace(result[n], plot=replace(plot, **{role: axis}))
                plots[n] = result[n].plot
    return result


def _xy(frame: _Frame, p: float, v: float) -> str:
    x, y = frame.point(p, v)
    return f"{fmt(x)} {fmt(y)}"


def _swatch(trace: Trace) -> str:
    if trace.type == "bar":
        return "bar"
    return "line" if "lines" in trace.mode else "marker"


def _position_list(plot: Plot) -> list[str | float]:
    from .plotly import position_order  # the table and the drawing share one order

    return position_order(plot)


def _position_scale(positions: list, axis: Axis, start: float, end: float, has_bars: bool):
    """Where each position sits, and the width of a position's band (px)."""
    if axis.type == "category":
        index = {name: n for n, name in enumerate(positions)}
        if axis.range is not None:  # in category indices: -0.5 to n - 0.5 shows them all
            first, last = axis.range
            slot = (end - start) / (last - first)
            return (lambda position: start + slot * (index[str(position)] - first)), abs(slot)
        slot = (end - start) / max(len(positions), 1)
        return (lambda position: start + slot * (index[str(position)] + 0.5)), abs(slot)
    numbers = [float(p) for p in positions]
    gaps = [b - a for a, b in zip(numbers, numbers[1:]) if b > a]
    if axis.type == "log":
        gaps = [math.log10(b) - math.log10(a) for a, b in zip(numbers, numbers[1:]) if b > a]
    gap = min(gaps) if gaps else (1.0 if axis.type != "date" else _DAY)
    low, high = min(numbers), max(numbers)
    if axis.type == "log":
        scale = Continuous(low, high, 0, 1, "log")
        span = math.log10(high) - math.log10(low) if high > low else 1.0
    else:
        scale = Continuous(low, high, 0, 1, "linear")
        span = high - low if high > low else 1.0
    if axis.range is not None:  # the figure's range, edge to edge
        shown = Continuous(*axis.range, start, end, axis.type)
        unit = abs(shown(axis.range[0] + gap if axis.type != "log" else axis.range[0] * 10 ** gap) - shown(axis.range[0]))
        return shown, unit
    margin = gap / 2 / span if has_bars else 0.02
    inner_start = start + (end - start) * margin / (1 + 2 * margin)
    inner_end = end - (end - start) * margin / (1 + 2 * margin)
    if high == low and axis.range is None:
        return (lambda position: (start + end) / 2), abs(end - start) / 3

    def place(position: str | float) -> float:
        return inner_start + scale(float(position)) * (inner_end - inner_start)

    band = abs(inner_end - inner_start) * gap / span
    return place, band


def _position_tick(axis: Axis, value: float, numbers: NumberFormat, plain: NumberFormat) -> str:
    """A number along the position axis: years read 1995, not 1 995."""
    if axis.percent or axis.suffix or axis.prefix:
        return _tick_text(axis, value, numbers, plain)
    return plain.tick(value, grouping=False)


def _position_text(position, axis: Axis, numbers: NumberFormat, plain: NumberFormat, skeleton: str = "") -> str:
    if axis.type == "category":
        return str(position)
    if axis.type == "date":
        return format_date(float(position), numbers, skeleton)
    return _position_tick(axis, float(position), numbers, plain)


def _position_ticks(canvas, frame, positions, axis, place, numbers, plain, p_low, p_high, v_edge, band) -> int:
    """Tick labels along the position axis; return their depth in lines."""
    edge_low, edge_high = min(p_low, p_high), max(p_low, p_high)
    if axis.type == "category":
        ticks = [(place(p), str(p)) for p in positions if edge_low - 0.5 <= place(p) <= edge_high + 0.5]
    elif axis.type == "date":
        first, last = axis.range or (min(positions), max(positions))
        values, skeleton = date_ticks(first, last)
        ticks = [(place(v), format_date(v, numbers, skeleton)) for v in values
                 if first <= v <= last] or [(place(p), format_date(p, numbers)) for p in positions]
    else:
        low, high = axis.range or (min(positions), max(positions))
        scale = Continuous(low, high, 0, 1, axis.type)
        candidates = linear_ticks(scale) if axis.type == "log" else linear_ticks(
            Continuous(*_padded(low, high, "linear", False), 0, 1))
        ticks = [(place(v), _position_tick(axis, v, numbers, plain)) for v in candidates if low <= v <= high]
    if frame.horizontal:
        for p, text in ticks:
            canvas.text(v_edge - 6, p + 4, text, anchor="end")
        return 1
    spacing = (p_high - p_low) / max(len(ticks), 1)
    if len(ticks) > MAX_LINE_MARKERS:  # only the ticks that get a label: a step from the widest, unwrapped
        every = _thin_step([text for _p, text in ticks], spacing, False)
        ticks, spacing = ticks[::every], spacing * every
    lines = [wrap(text, max(spacing - 6, 48), SMALL) for _p, text in ticks]
    flat = [max(group, key=lambda line: text_width(line, SMALL)) for group in lines]
    step = _thin_step(flat, spacing, False)
    depth = 1
    for n, ((p, _text), group) in enumerate(zip(ticks, lines)):
        canvas.line(p, v_edge, p, v_edge + 4)
        if n % step == 0:
            canvas.text(p, v_edge + SMALL + 6, group, anchor="middle", size=SMALL)
            depth = max(depth, len(group))
    return depth


def _thin_step(labels: list[str], spacing: float, vertical_stack: bool) -> int:
    if vertical_stack and spacing > 0:
        widest = max((text_width(label, SMALL) for label in labels), default=0)
    else:
        widest = max((text_width(label, SMALL) for label in labels), default=0)
    step = 1
    while spacing > 0 and widest + 8 > spacing * step and step < len(labels):
        step += 1
    return step


def _bar_offset(plot: Plot, index: int, bar_traces: list[int], band: float) -> float:
    if plot.barmode != "group" or len(bar_traces) == 1:
        return 0.0
    width = band * BAR_FILL / len(bar_traces)
    slot = bar_traces.index(index)
    return -band * BAR_FILL / 2 + width * (slot + 0.5)


def _unit_px(plot: Plot, place, band: float) -> float:
    """Pixels per unit of the position axis (a category is one unit); nan on log axes."""
    axis = plot.position_axis
    if axis.type == "category":
        return band
    if axis.type == "log":
        return math.nan
    first = next((p for trace in plot.traces for p in trace.positions if p is not None), 0.0)
    return abs(place(float(first) + 1.0) - place(float(first)))


def _draw_bars(canvas, frame, plot: Plot, index: int, marks, bar_traces, place, band, value_scale,
               numbers: NumberFormat) -> None:
    grouped = plot.barmode == "group" and len(bar_traces) > 1
    width = band * BAR_FILL / (len(bar_traces) if grouped else 1)
    offset = _bar_offset(plot, index, bar_traces, band)
    trace = plot.traces[index]
    unit = _unit_px(plot, place, band) if trace.bar_width or trace.bar_offset else math.nan
    for n, mark in enumerate(marks):
        if mark is None:
            continue
        centre = place(mark.position) + offset
        start, end = centre - width / 2, centre + width / 2
        own_width = trace.bar_width[n] * unit if trace.bar_width and not math.isnan(trace.bar_width[n] * unit) else None
        own_offset = trace.bar_offset[n] * unit if trace.bar_offset and not math.isnan(trace.bar_offset[n] * unit) else None
        if own_width is not None:  # Plotly's width, in axis units, centred where its bar would be
            start, end = centre - own_width / 2, centre + own_width / 2
        if own_offset is not None:  # Plotly's offset: the bar starts there from its position
            start = place(mark.position) + own_offset
            end = start + (own_width if own_width is not None else width)
        low = value_scale(value_scale.clamp(mark.low))
        high = value_scale(value_scale.clamp(mark.high))
        tooltip = canvas.wording.labelled(f"{trace.name} — {mark.position}" if len(plot.traces) > 1
                                          else str(mark.position), mark.text)
        if trace.hovertexts and n < len(trace.hovertexts) and trace.hovertexts[n]:
            tooltip += f" — {trace.hovertexts[n]}"
        canvas.area("rect", frame.rect(min(start, end), max(start, end), low, high), index,
                    f"<title>{esc(tooltip)}</title>",
                    f' data-mark="bar" data-trace="{index}" data-position="{_attr(mark.position)}"')
        if trace.texts is not None:
            text = point_text(plot, trace, n, mark, numbers)
            if text:
                _bar_text(canvas, frame, trace, index, text, (start + end) / 2, low, high)


def point_text(plot: Plot, trace: Trace, n: int, mark: Mark, numbers: NumberFormat) -> str:
    """What the figure writes at point *n*: its ``text``, or its ``texttemplate``
    filled (``%{y}``, ``%{x}``, ``%{label}``, ``%{value}``, ``%{text}``; ``<br>``
    a new line, other tags dropped)."""
    import re

    texts = trace.texts or []
    own = texts[n] if n < len(texts) else ""
    if not trace.text_template:
        return own
    raw = trace.values[n]
    if plot.value_axis.type == "date":
        value = format_date(raw.as_float, numbers)
    elif plot.value_axis.percent:
        value = numbers.share(raw.as_float)
    else:
        value = plot.value_axis.prefix + numbers.exact(raw) + plot.value_axis.suffix
    position = str(mark.position)
    if plot.position_axis.type == "date":
        position = format_date(float(mark.position), numbers)
    elif plot.position_axis.type != "category":
        position = numbers.exact(Value(Decimal(repr(float(mark.position))).normalize()))
    x, y = (value, position) if plot.horizontal else (position, value)
    fields = {"x": x, "y": y, "label": position, "value": value, "text": own}
    filled = re.sub(r"%\{(\w+)(?::[^}]*)?\}", lambda m: fields.get(m.group(1), ""), trace.text_template)
    filled = re.sub(r"<br\s*/?>", "\n", filled, flags=re.I)
    return re.sub(r"<[^>]+>", "", filled).strip()


def _bar_text(canvas, frame, trace: Trace, index: int, text: str, p: float, low: float, high: float) -> None:
    """A bar's text: inside its end when it fits (``inside``, ``auto``), else beyond it (``outside``)."""
    lines = text.split("\n")
    length = abs(high - low)
    needed = (LINE * len(lines) if not frame.horizontal else max(text_width(line, SMALL) for line in lines)) + 6
    inside = trace.text_position == "inside" or (trace.text_position == "auto" and length >= needed)
    direction = 1 if high >= low else -1  # pixels grow towards the bar's end
    edge = high - direction * (needed / 2 + 1) if inside else high + direction * (needed / 2 + 2)
    if trace.text_position == "inside" and length < needed:
        edge = (low + high) / 2
    x, y = frame.point(p, edge)
    for number, line in enumerate(lines):
        offset = (number - (len(lines) - 1) / 2) * LINE + 4
        if inside:
            canvas.text(x, y + offset, line, anchor="middle", size=SMALL, extra=canvas.on_fill(index)
                        + ' data-mark="text"')
        else:
            canvas.text(x, y + offset, line, anchor="middle", size=SMALL, extra=' data-mark="text"')


def _draw_scatter(canvas, frame, trace: Trace, index: int, marks, place, value_scale, plot: Plot,
                  numbers: NumberFormat) -> bool:
    """Draw a scatter trace; return whether it was simplified (too many points
    to draw one by one: see :mod:`.limits`)."""
    segments: list[list[tuple[float, float]]] = [[]]
    points: list[tuple[int, Mark, float, float]] = []  # (index in the trace, mark, x, y)
    for n, mark in enumerate(marks):
        if mark is None:
            if not trace.connectgaps and segments[-1]:
                segments.append([])
            continue
        x, y = frame.point(place(mark.position), value_scale(mark.high))
        segments[-1].append((x, y))
        points.append((n, mark, x, y))
    simplified = False
    if "lines" in trace.mode:
        for segment in segments:
            if len(segment) > 1:
                if len(segment) > MAX_LINE_MARKERS:
                    drawn = decimate(segment)
                    simplified = simplified or len(drawn) < len(segment)
                    segment = drawn
                path = "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in segment)
                canvas.add(f'<path data-mark="line" data-trace="{index}" d="{path}" fill="none" stroke-width="2.5"'
                           f'{dash(index, trace.dash)}{canvas.colour(index, "stroke")}/>')
    sizes = trace.sizes
    many = len(points) > MAX_MARKERS
    if "markers" in trace.mode or ("lines" in trace.mode and len(points) == 1):
        shown = points
        if many:  # binned: one marker per occupied cell, the largest bubble of the cell first
            order = sorted(range(len(points)), key=lambda k: -sizes[points[k][0]]) if sizes else range(len(points))
            kept = binned([(k, points[k][2], points[k][3]) for k in order], BIN_PX)
            shown = [points[k] for k, _x, _y in sorted(kept)]
            simplified = True
        if many and (sizes is None or trace.stackgroup):  # one path of dots, a cell each
            dots = "".join(f"M{fmt(x - BIN_PX / 2)} {fmt(y - BIN_PX / 2)}h{fmt(BIN_PX)}v{fmt(BIN_PX)}"
                           f"h{fmt(-BIN_PX)}z" for _n, _mark, x, y in shown)
            canvas.add(f'<path data-mark="markers-binned" data-trace="{index}" d="{dots}"{canvas.colour(index)}/>')
            shown = []
        for n, mark, x, y in shown:
            radius = 3.5 if sizes is None or trace.stackgroup else sizes[n] / 2
            extra = f' data-mark="marker" data-trace="{index}" fill-opacity="{".6" if sizes else "1"}"'
            hover = trace.hovertexts[n] if trace.hovertexts and n < len(trace.hovertexts) else ""
            title = "" if many else (f"<title>{esc(canvas.wording.labelled(f'{trace.name} — {mark.position}', mark.text))}"
                                     f"{esc(' — ' + hover) if hover else ''}</title>")
            if sizes is None or trace.stackgroup:
                canvas.marker(index, x, y, title, extra, radius)
            elif title:  # bubbles: the area is the value, the shape stays round
                canvas.add(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(radius)}"{extra}'
                           f'{canvas.colour(index)}>{title}</circle>')
            else:
                canvas.add(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(radius)}"{extra}{canvas.colour(index)}/>')
    if trace.texts is not None and not trace.stackgroup:
        if many:
            simplified = True  # texts at every point would cover each other: in the data table
        else:
            for n, mark, x, y in points:
                text = point_text(plot, trace, n, mark, numbers).split("\n")
                position = trace.text_position
                dy = -8 if position.startswith("top") else 16 if position.startswith("bottom") else 4
                canvas.text(x, y + dy if "markers" in trace.mode or position != "middle center" else y + 4,
                            text, anchor="middle", size=SMALL, extra=' data-mark="text"')
    return simplified


def _attr(position) -> str:
    return esc(str(position))


def plot_cell(chart: Chart, numbers: NumberFormat, series_index: int, row: int) -> str:
    """The data table's cell of trace *series_index* at the *row*-th position, as the chart says it."""
    return plot_columns(chart, numbers, row + 1)[series_index][row]


def plot_columns(chart: Chart, numbers: NumberFormat, rows: int | None = None) -> list[list[str]]:
    """The data table's cells, one column per trace, for the first *rows* positions
    (all by default), as the chart says them. Linear: each trace's points are
    indexed by position once."""
    plot: Plot = chart.plot
    order = _position_list(plot)
    if rows is not None:
        order = order[:rows]
    columns = []
    for trace in plot.traces:
        first: dict[str, int] = {}
        for n, (candidate, value) in enumerate(zip(trace.positions, trace.values)):
            if candidate is not None and value is not None:
                first.setdefault(str(candidate), n)
        column = []
        for position in order:
            n = first.get(str(position))
            column.append("" if n is None else _value_text(plot.value_axis, trace.values[n], numbers, trace, n))
        columns.append(column)
    return columns
