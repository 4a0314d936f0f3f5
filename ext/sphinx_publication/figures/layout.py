"""Geometry without drawing: text widths, line wrapping, scales and ticks.

Widths are estimated from per-character advances of a wide sans-serif
(DejaVu Sans), so the estimate errs on the generous side for narrower theme
fonts: labels may get a little more room than they need, never less.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NARROW = set("iljI.,:;'|!()[]{}\u00a0\u202f `")
_SEMI = set("frt -/\"1")
_WIDE = set("mwMW%@")
_CAPS_WIDTH = 0.72
# Only these break a line: no-break spaces (in "1 700 Md", "Santé : 45 %") hold.
_BREAKING_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def text_width(text: str, size: float) -> float:
    """Estimated advance of *text* at font size *size* (px)."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.32
        elif char in _SEMI:
            width += 0.42
        elif char in _WIDE:
            width += 0.95
        elif char.isupper():
            width += _CAPS_WIDTH
        elif char.isdigit():
            width += 0.64
        else:
            width += 0.62
    return width * size


def wrap(text: str, max_width: float, size: float) -> list[str]:
    """Break *text* at spaces into lines no wider than *max_width* when possible.

    A single word wider than *max_width* keeps its own line: callers size
    their boxes from :func:`text_width` of the result, so nothing is clipped.
    """
    words = [word for word in _BREAKING_SPACE.split(text) if word]
    if not words:
        return [""]
    lines = [words[0]]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if text_width(candidate, size) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


@dataclass
class Scale:
    """Maps data values to pixels along one axis."""

    low: float
    high: float
    start: float
    end: float
    log: bool = False

    def __call__(self, value: float) -> float:
        if self.log:
            value = math.log10(max(value, self.low))
            low, high = math.log10(self.low), math.log10(self.high)
        else:
            low, high = self.low, self.high
        if high == low:
            return self.start
        return self.start + (value - low) / (high - low) * (self.end - self.start)

    @property
    def zero(self) -> float:
        """Where bars start: 0, or the bottom of a logarithmic axis."""
        return self(self.low if self.log else min(max(0.0, self.low), self.high))

    def ticks(self, count: int = 5) -> list[float]:
        if self.log:
            first, last = round(math.log10(self.low)), round(math.log10(self.high))
            return [10.0**power for power in range(first, last + 1)]
        step = nice_step(self.high - self.low, count)
        first = math.ceil(self.low / step - 1e-9)
        ticks = []
        index = first
        while index * step <= self.high + step * 1e-9:
            ticks.append(round(index * step, 10))
            index += 1
        return ticks


def value_scale(values: list[float], start: float, end: float, log: bool, count: int = 5) -> Scale:
    """A scale whose domain covers *values* with round ends (0 included if linear)."""
    if log:
        positive = [value for value in values if value > 0] or [1.0]
        # One decade below the smallest value keeps the shortest bar visible.
        low = 10.0 ** (math.floor(math.log10(min(positive))) - 1)
        high = 10.0 ** math.ceil(math.log10(max(positive)))
        if high <= low:
            high = low * 10
        return Scale(low, high, start, end, log=True)
    low, high = min([0.0, *values]), max([0.0, *values])
    if low == high:
        high = 1.0
    step = nice_step(high - low, count)
    return Scale(math.floor(low / step) * step, math.ceil(high / step) * step, start, end)


def fmt(number: float) -> str:
    """A coordinate: one decimal at most, no trailing zeros (stable output)."""
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# -- many points: what is drawn of them -------------------------------------------


def decimate(points: list[tuple[float, float]], column: float = 1.0) -> list[tuple[float, float]]:
    """A polyline with at most four points per *column* px of x: the first, the
    lowest, the highest and the last of each column, in their order (M4).

    Every extreme of the line stays where it was; what goes is only what one
    pixel column could not show apart. Linear; points must run along x.
    """
    if len(points) <= 4:
        return list(points)
    kept: list[tuple[float, float]] = []
    group: list[tuple[float, float]] = []
    current = None
    for point in points:
        key = math.floor(point[0] / column)
        if key != current and group:
            kept.extend(_m4(group))
            group = []
        current = key
        group.append(point)
    kept.extend(_m4(group))
    return kept


def _m4(group: list[tuple[float, float]]) -> list[tuple[float, float]]:
    if len(group) <= 4:
        return group
    low = min(range(len(group)), key=lambda n: group[n][1])
    high = max(range(len(group)), key=lambda n: group[n][1])
    return [group[n] for n in sorted({0, low, high, len(group) - 1})]


def binned(indices_points: list[tuple[int, float, float]], cell: float) -> list[tuple[int, float, float]]:
    """One point per occupied *cell* x *cell* px square (the first one drawn there)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for index, x, y in indices_points:
        key = (math.floor(x / cell), math.floor(y / cell))
        if key not in seen:
            seen.add(key)
            kept.append((index, x, y))
    return kept
