"""The chart palette, measured with an independent colour library (coloraide).

Thresholds, and why:

* ΔL* ≥ 15 between series that share a fill pattern, dash and marker: on a
  16-grey e-ink screen one grey step is about 100/15 ≈ 6.7 L*, so 15 L* keeps
  two such series at least two steps apart after the screen (or a printer's
  halftone) rounds them; series whose lightness may be close differ by pattern.
* CIEDE2000 ≥ 12 between every two colours (adjacent or not: on a pie any two
  may meet) as seen with deuteranopia, protanopia and tritanopia (full-severity
  simulation, Brettel and Machado), ≥ 20 with normal vision: 2.3 is a just
  noticeable difference between large patches; chart marks are small (a 12 px
  swatch, a 2.5 px line) and are matched from the legend, not set side by
  side, so we ask for several times that.

  Measured (coloraide, CIEDE2000, any pair, Brettel / Machado):
  light — normal 27.4, protanopia 12.8 / 14.8, deuteranopia 13.2 / 13.4,
  tritanopia 13.6 / 15.4; dark — normal 23.9, protanopia 13.2 / 13.3,
  deuteranopia 14.4 / 14.5, tritanopia 13.8 / 14.1. In greyscale, series that
  share a pattern (among the first 27, all told apart so) are ≥ 15.7 L*
  apart in light mode, ≥ 18.2 in dark mode.
* No two series of a chart share colour, pattern, dash and marker below
  ``UNIQUE_SERIES`` (54; a pie draws at most 50 slices).
* WCAG contrast ≥ 3:1 of every colour against its page background, light
  (white) and dark (furo's dark background) — WCAG 1.4.11 for graphical objects
  (measured: ≥ 3.11:1 light, ≥ 3.81:1 dark);
  text drawn over a fill ≥ 4.5:1 (WCAG 1.4.3, the labels are small text).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from coloraide import Color

from sphinx_publication.figures import palette
from sphinx_publication.figures.palette import (
    DARK,
    DARK_BACKGROUND,
    GREY_LEVELS,
    GROUPS,
    LIGHT,
    LIGHT_BACKGROUND,
    MARKERS,
    PATTERNS,
    DASHES,
    UNIQUE_SERIES,
    stylesheet,
    style,
    text_on,
)

MIN_DELTA_L = 15
MIN_CVD_DELTA_E = 12
MIN_NORMAL_DELTA_E = 20
VISIONS = ("deutan", "protan", "tritan")
SIMULATIONS = ("brettel", "machado")
GREYSCALE_SERIES = GREY_LEVELS * GROUPS  # each pattern once per lightness level
MODES = {"light": (LIGHT, LIGHT_BACKGROUND), "dark": (DARK, DARK_BACKGROUND)}


def lightness(colour: str) -> float:
    return Color(colour).convert("lab-d65")["lightness"]


def seen_with(colour: str, vision: str | None, method: str | None = None) -> Color:
    original = Color(colour)
    if vision is None:
        return original
    return original.filter(vision, method=method, out_space="srgb").clip()


def test_the_palette_has_six_colours_in_both_modes():
    assert len(LIGHT) == len(DARK) == 6
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in LIGHT + DARK)


@pytest.mark.parametrize("mode", MODES)
def test_series_that_share_their_second_channel_differ_in_lightness(mode):
    """Any two of the first 27 series are told apart without hue: by
    lightness, or by their pattern, dash and marker."""
    colours = MODES[mode][0]
    for first, second in itertools.combinations(range(GREYSCALE_SERIES), 2):
        a, b = style(first), style(second)
        if (a.pattern, a.dash, a.marker) != (b.pattern, b.dash, b.marker):
            continue
        delta = abs(lightness(colours[a.index]) - lightness(colours[b.index]))
        assert delta >= MIN_DELTA_L, f"{mode}: series {first} and {second}: ΔL* {delta:.1f}"
    assert GREYSCALE_SERIES == 27


def test_the_first_series_of_a_chart_need_no_pattern():
    assert [bool(style(n).pattern) for n in range(7)] == [False] * GREY_LEVELS + [True] * 4
    assert (style(0).dash, style(0).marker) == ("", "circle")


def test_second_channels_are_all_different():
    for channel in (PATTERNS, DASHES, MARKERS):
        assert len(channel) == GROUPS and len(set(channel)) == GROUPS
    assert GROUPS % 2 == 1, "an even count would give each pattern only three of the six hues"


def swatch(series: int) -> tuple:
    drawn = style(series)
    return drawn.colour, drawn.pattern, drawn.dash, drawn.marker


def test_no_swatch_repeats_within_a_chart_of_up_to_54_series():
    """Colour and pattern (bars, areas, slices), colour, dash and marker
    (lines): each of the first ``UNIQUE_SERIES`` series has its own, and the
    series after them start over."""
    from sphinx_publication.figures.limits import MAX_PIE_SLICES

    assert UNIQUE_SERIES == 54 >= max(50, MAX_PIE_SLICES)
    for key in (lambda n: (style(n).colour, style(n).pattern),
                lambda n: (style(n).colour, style(n).dash, style(n).marker)):
        assert len({key(n) for n in range(UNIQUE_SERIES)}) == UNIQUE_SERIES
    assert swatch(UNIQUE_SERIES) == swatch(0)
    pie = [swatch(n) for n in range(26)]  # repeated every 12 slices before
    assert len(set(pie)) == 26


def test_every_marker_has_its_own_outline():
    from sphinx_publication.figures.palette import marker_path

    outlines = {marker_path(marker, 10, 10) for marker in MARKERS if marker != "circle"}
    assert len(outlines) == len(MARKERS) - 1
    for outline in outlines:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", outline)]
        assert outline.endswith("Z") and numbers


def test_every_pattern_has_its_own_tile():
    from sphinx_publication.figures.palette import pattern_tile

    tiles = {pattern_tile(pattern, ' stroke="#000"') for pattern in PATTERNS if pattern}
    assert len(tiles) == len(PATTERNS) - 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("vision, method", [(None, None), *itertools.product(VISIONS, SIMULATIONS)])
def test_colours_stay_apart_with_colour_vision_deficiencies(mode, vision, method):
    """Any two colours, whatever their order (the module's docstring gives
    the minimum measured for each vision and simulation)."""
    colours = MODES[mode][0]
    floor = MIN_NORMAL_DELTA_E if vision is None else MIN_CVD_DELTA_E
    for a, b in itertools.combinations(colours, 2):
        distance = seen_with(a, vision, method).delta_e(seen_with(b, vision, method), method="2000")
        assert distance >= floor, f"{mode}, {vision or 'normal'} ({method}): {a} and {b} are {distance:.1f} apart"


@pytest.mark.parametrize("mode", MODES)
def test_every_colour_contrasts_with_its_page(mode):
    colours, background = MODES[mode]
    for colour in colours:
        ratio = Color(colour).contrast(background, method="wcag21")
        assert ratio >= 3, f"{mode}: {colour} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize("mode", MODES)
def test_text_over_a_fill_is_legible(mode):
    for colour in MODES[mode][0]:
        ratio = Color(text_on(colour)).contrast(colour, method="wcag21")
        assert ratio >= 4.5, f"{mode}: {text_on(colour)} on {colour}: {ratio:.2f}:1"


def test_our_contrast_formula_agrees_with_the_library():
    for colour in LIGHT + DARK + (LIGHT_BACKGROUND, DARK_BACKGROUND, "#888"):
        assert palette.contrast(colour, "#000") == pytest.approx(Color(colour).contrast("#000"), abs=1e-3)


def test_the_backgrounds_are_furos():
    furo = pytest.importorskip("furo")
    css = (Path(furo.__file__).parent / "theme/furo/static/styles/furo.css").read_text(encoding="utf-8")
    dark_blocks = re.findall(r"body\[data-theme=dark\]\{([^}]*)\}", css)
    assert dark_blocks and f"--color-background-primary:{DARK_BACKGROUND}" in dark_blocks[0]
    auto_dark = re.findall(r"prefers-color-scheme:dark\)\{body:not\(\[data-theme=light\]\)\{([^}]*)\}", css)
    assert auto_dark and f"--color-background-primary:{DARK_BACKGROUND}" in auto_dark[0]
    light = re.search(r"--color-background-primary:(#[0-9a-f]+)", css)[1]  # body's, the first
    assert Color(light).to_string(hex=True) == LIGHT_BACKGROUND


def test_the_stylesheet_says_each_colour_once_per_mode():
    css = stylesheet()
    light_block = re.search(r":root \{([^}]*)\}", css)[1]
    for index, (light, dark) in enumerate(zip(LIGHT, DARK)):
        assert f"--sp-chart-{index}: {light};" in light_block
        assert css.count(f"--sp-chart-{index}: {dark};") == 2  # explicit dark mode, and auto
        assert f".sp-s{index} {{ fill: {light}; fill: var(--sp-chart-{index}, {light}); }}" in css
    assert not re.search(r"var\(--[\w-]+\)", css), "a var() without a literal fallback"
    for rule in css.splitlines():
        if any(f"{dark};" in rule for dark in DARK):
            # print keeps the light colours; and never "not print and (…)": ``not``
            # negates the whole query, true on a light screen
            assert rule.startswith("@media screen"), rule
            assert " not " not in rule and "not print" not in rule, rule
