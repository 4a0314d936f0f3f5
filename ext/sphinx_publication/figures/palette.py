"""The charts' series styles: the one definition of their colours, fill
patterns, line dashes and marker shapes, for every output.

Colours differ in lightness (CIE L*) as well as hue, so that a chart stays
readable in greyscale (print, e-ink) and for colour-blind readers. Series
come in groups of :data:`GREY_LEVELS`: within a group the lightnesses are at
least 15 L* apart (dark, light, middle); each next group repeats those levels
with the other three hues and a second channel: a fill pattern for bars, areas
and pie slices, a dash and a marker shape for lines (the first group is plain,
solid, round). There are :data:`GROUPS` of them, an odd number against the two
sets of three hues, so that no series repeats the colour and second channel of
another before :data:`UNIQUE_SERIES` (54) series, more than a pie may have
slices; the first ``GREY_LEVELS * GROUPS`` (27) are told apart in greyscale
too. Every colour keeps a 3:1 contrast with the page (WCAG 1.4.11), light and
dark (furo's backgrounds); text drawn over a fill takes black or white,
whichever contrasts more. ``tests/test_palette.py`` measures all of it.

The SVG uses the light colours as literals (PDF, EPUB fallbacks, no
stylesheet) and, in HTML, classes that :func:`stylesheet` maps to the light
or the dark colours with the page's theme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#131416"  # furo's --color-background-primary in dark mode
GREY_LEVELS = 3  # series that lightness alone keeps apart
# CIE L*, light / dark: 26 / 88, 60 / 48, 43 / 68, then 29 / 85, 61 / 48, 45 / 66
# (hues: blue, orange, green, crimson, cyan, purple; tests/test_palette.py measures them).
LIGHT = ("#0a4068", "#db773b", "#117452", "#8b0c22", "#20a0b5", "#8f4eaf")
DARK = ("#cadefd", "#b5571c", "#22bc86", "#fdc6c2", "#177d8e", "#cb86eb")
# One per group of series, in the order they are taken: the most different first.
PATTERNS = ("", "stripes", "dots", "crosshatch", "horizontal", "backstripes", "grid", "vertical", "zigzag")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "12 4", "2 5", "12 3 2 3 2 3", "16 3 4 3", "4 6")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross", "star", "hourglass")
GROUPS = len(PATTERNS)  # odd: a group's hues alternate, so each pattern meets all six colours
TILE = 6  # pattern tile, in SVG user units
BLACK, WHITE = "#000", "#fff"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb`` or ``#rgb``."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    digits = colour[1:] if len(colour) == 7 else "".join(2 * digit for digit in colour[1:])
    red, green, blue = (linear(int(digits[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@lru_cache(maxsize=256)  # a handful of fills, asked for on every mark of every chart
def text_on(fill: str) -> str:
    """Black or white, whichever is more legible on *fill*."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


@dataclass(frozen=True)
class SeriesStyle:
    """How series *index* is drawn."""

    index: int  # the colour's index in the palette (series number modulo its size)
    colour: str
    dark: str
    pattern: str  # "" for a plain fill
    dash: str  # stroke-dasharray, "" for a solid line
    marker: str

    @property
    def on(self) -> str:
        return text_on(self.colour)

    @property
    def on_dark(self) -> str:
        return text_on(self.dark)


@lru_cache(maxsize=256)  # frozen, a pure function of the index: asked for on every mark
def style(series: int) -> SeriesStyle:
    """The style of the *series*-th series: colours repeat after the sixth,
    patterns, dashes and markers change every :data:`GREY_LEVELS` series;
    the combination repeats after :data:`UNIQUE_SERIES` series."""
    index = series % len(LIGHT)
    group = (series // GREY_LEVELS) % GROUPS
    return SeriesStyle(index, LIGHT[index], DARK[index], PATTERNS[group], DASHES[group], MARKERS[group])


#: series whose colour, pattern, dash and marker differ from every other's
UNIQUE_SERIES = math.lcm(len(LIGHT), GREY_LEVELS * GROUPS)


_TILE_MARKS = {  # path data on a TILE x TILE tile, stroke width (dots are a circle)
    "stripes": ("M-1 1l2-2M0 6l6-6M5 7l2-2", 1.5),
    "backstripes": ("M-1 5l2 2M0 0l6 6M5-1l2 2", 1.5),
    "crosshatch": ("M-1 1l2-2M0 6l6-6M5 7l2-2M-1 5l2 2M0 0l6 6M5-1l2 2", 1),
    "horizontal": ("M0 3h6", 1.5),
    "vertical": ("M3 0v6", 1.5),
    "grid": ("M0 3h6M3 0v6", 1),
    "zigzag": ("M0 4.5l1.5-3 1.5 3 1.5-3 1.5 3", 1),
}


def pattern_tile(pattern: str, ink: str) -> str:
    """The marks of one pattern tile, on a transparent ground (the series'
    plain fill is drawn below, so that tile edges never show as seams);
    *ink* holds the attributes that colour them (fill for dots, stroke else)."""
    if pattern == "dots":
        return f'<circle cx="3" cy="3" r="1.4"{ink}/>'
    lines, width = _TILE_MARKS.get(pattern, _TILE_MARKS["stripes"])
    return f'<path d="{lines}" stroke-width="{width:g}"{ink}/>'


def _polygon(x: float, y: float, points: list[tuple[float, float]]) -> str:
    from .layout import fmt

    return "M" + "L".join(f"{fmt(x + dx)} {fmt(y + dy)}" for dx, dy in points) + "Z"


def marker_path(marker: str, x: float, y: float, size: float = 4.0) -> str:
    """The outline (path data) of a marker centred on (x, y), about as large
    as a circle of radius *size* (any shape but the circle)."""
    from .layout import fmt

    if marker == "square":
        side = size * 1.6
        return f"M{fmt(x - side / 2)} {fmt(y - side / 2)}h{fmt(side)}v{fmt(side)}h{fmt(-side)}Z"
    if marker in ("triangle", "triangle-down"):
        half, sign = size * 1.1, 1 if marker == "triangle" else -1
        return _polygon(x, y, [(0, -sign * half * 1.15), (half, sign * half * 0.75), (-half, sign * half * 0.75)])
    if marker in ("plus", "cross"):
        arm, reach = size * 0.45, size * 1.3
        outline = [(-arm, -reach), (arm, -reach), (arm, -arm), (reach, -arm), (reach, arm), (arm, arm),
                   (arm, reach), (-arm, reach), (-arm, arm), (-reach, arm), (-reach, -arm), (-arm, -arm)]
        if marker == "cross":  # the plus turned by 45°
            outline = [((dx - dy) * math.sqrt(0.5), (dx + dy) * math.sqrt(0.5)) for dx, dy in outline]
        return _polygon(x, y, outline)
    if marker == "star":
        outer, inner = size * 1.5, size * 0.65
        return _polygon(x, y, [((outer if k % 2 == 0 else inner) * math.sin(k * math.pi / 5),
                                -(outer if k % 2 == 0 else inner) * math.cos(k * math.pi / 5)) for k in range(10)])
    if marker == "hourglass":  # two triangles tip to tip
        reach = size * 1.15
        return _polygon(x, y, [(-reach, -reach), (reach, -reach), (-reach, reach), (reach, reach)])
    reach = size * 1.25  # diamond
    return f"M{fmt(x)} {fmt(y - reach)}l{fmt(reach)} {fmt(reach)}l{fmt(-reach)} {fmt(reach)}l{fmt(-reach)} {fmt(-reach)}Z"


# -- the HTML stylesheet -------------------------------------------------------------


def _properties(colours: tuple[str, ...]) -> str:
    names = [f"--sp-chart-{index}: {colour};" for index, colour in enumerate(colours)]
    names += [f"--sp-chart-on-{index}: {text_on(colour)};" for index, colour in enumerate(colours)]
    return " ".join(names)


def class_rules() -> list[str]:
    """Each colour class with its literal first: reading systems that ignore
    custom properties (e-ink ones especially) still get the palette."""
    rules = []
    for index, colour in enumerate(LIGHT):
        on = text_on(colour)
        for kind, attribute, value, variable in (
            ("s", "fill", colour, f"--sp-chart-{index}"),
            ("l", "stroke", colour, f"--sp-chart-{index}"),
            ("o", "fill", on, f"--sp-chart-on-{index}"),  # text and dots on the fill
            ("h", "stroke", on, f"--sp-chart-on-{index}"),  # hatching on the fill
        ):
            rules.append(f".sp-{kind}{index} {{ {attribute}: {value}; {attribute}: var({variable}, {value}); }}")
    return rules


def stylesheet() -> str:
    """The charts' colour stylesheet: light colours, dark ones with the theme's
    dark mode on screen (furo: ``body[data-theme]``, pydata-sphinx-theme:
    ``html[data-theme]``); paper is white, so print keeps the light colours.

    The dark rules are ``@media screen``: in a media query ``not`` negates the
    whole query, so ``not print and (prefers-color-scheme: dark)`` would hold on
    every screen with a light preference and paint furo's « auto » mode dark."""
    dark = _properties(DARK)
    return "\n".join([
        "/* sphinx_publication.figures: chart colours, written from figures/palette.py. */",
        f":root {{ {_properties(LIGHT)} }}",
        f'@media screen {{ body[data-theme="dark"], html[data-theme="dark"] {{ {dark} }} }}',
        f'@media screen and (prefers-color-scheme: dark) {{ body[data-theme="auto"] {{ {dark} }} }}',
        *class_rules(),
    ]) + "\n"
