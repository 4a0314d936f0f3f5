"""The charts' colours in a real browser: furo's three themes (body
``data-theme`` light, dark, auto) × the reader's colour scheme (light, dark)
× screen and print, read as computed styles of a built page's marks.

Light colours in the light theme, in « auto » with a light preference and on
paper whatever the theme; dark colours in the dark theme and in « auto » with
a dark preference; each at least 3:1 against the page's computed background. The fills, strokes and pattern inks of every series are
read, not the stylesheet's text: a media query that reads right but matches
wrong (``not print and (prefers-color-scheme: dark)`` is true on a light
screen) fails here.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from browser_support import BrowserPage
from sphinx_publication.figures.palette import DARK, LIGHT, contrast, text_on

ROOT = "figures-palette"
THEMES = ("light", "dark", "auto")
SCHEMES = ("light", "dark")
MEDIA = ("screen", "print")


@pytest.fixture(scope="module")
def site(build_once):
    return Path(build_once(ROOT, "html").outdir)


class ThemedPage(BrowserPage):
    """A page whose furo theme choice (kept in localStorage) is *theme*, seen
    with the colour scheme *scheme*."""

    def __init__(self, browser, base: str, path: str, *, theme: str, scheme: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": self.height},
                                           color_scheme=scheme, service_workers="block")
        self.context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.response = self.page.goto(base + path, wait_until="load")


def expected_palette(theme: str, scheme: str, media: str) -> tuple[str, ...]:
    if media == "print":
        return LIGHT
    return DARK if theme == "dark" or (theme == "auto" and scheme == "dark") else LIGHT


def hex_colour(computed: str) -> str:
    """``rgb(r, g, b)`` as ``#rrggbb`` (an opaque colour)."""
    red, green, blue = (int(part) for part in computed[computed.index("(") + 1:-1].split(","))
    return f"#{red:02x}{green:02x}{blue:02x}"


def rgb(colour: str) -> str:
    digits = colour[1:] if len(colour) == 7 else "".join(2 * digit for digit in colour[1:])
    return "rgb({}, {}, {})".format(*(int(digits[i:i + 2], 16) for i in (0, 2, 4)))


READ_SERIES = """() => {
    const first = (selector, property) => {
        const element = document.querySelector(selector);
        return element ? getComputedStyle(element)[property] : null;
    };
    return [0, 1, 2, 3, 4, 5].map(i => ({
        fill: first(`svg.sp-chart-svg .sp-s${i}`, 'fill'),
        hatch: first(`svg.sp-chart-svg pattern .sp-h${i}`, 'stroke'),
        dots: first(`svg.sp-chart-svg pattern .sp-o${i}`, 'fill'),
    }));
}"""


@pytest.mark.browser
@pytest.mark.parametrize("theme, scheme, media", list(itertools.product(THEMES, SCHEMES, MEDIA)))
def test_series_are_painted_with_the_palette_of_the_mode(browser, server, theme, scheme, media):
    page = ThemedPage(browser, server, "index.html", theme=theme, scheme=scheme)
    try:
        page.page.emulate_media(media=media, color_scheme=scheme)
        assert page.page.evaluate("() => document.body.dataset.theme") == theme
        assert page.page.evaluate(f"() => matchMedia('(prefers-color-scheme: {scheme})').matches")
        assert page.page.evaluate(f"() => matchMedia('{media}').matches")
        palette = expected_palette(theme, scheme, media)
        series = page.page.evaluate(READ_SERIES)
        assert [found["fill"] for found in series] == [rgb(colour) for colour in palette], \
            f"{theme} theme, {scheme} preference, {media}: {'dark' if palette is DARK else 'light'} colours expected"
        # the inks of the patterns (series 3 to 5 on this page): black or white
        # over their fill, as the fill's mode asks
        for index in (3, 4, 5):
            ink = series[index]["hatch"] or series[index]["dots"]
            assert ink == rgb(text_on(palette[index])), f"series {index}: pattern ink"
        # and each series stands out from the page the reader sees: 3:1 (WCAG 1.4.11)
        page_colour = hex_colour(page.page.evaluate("() => getComputedStyle(document.body).backgroundColor"))
        for index, found in enumerate(series):
            ratio = contrast(hex_colour(found["fill"]), page_colour)
            assert ratio >= 3, f"series {index}: {found['fill']} on {page_colour}: {ratio:.2f}:1"
        assert not page.errors
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("theme, scheme", [("auto", "light"), ("auto", "dark"), ("dark", "light")])
def test_lines_follow_the_mode_too(browser, server, theme, scheme):
    page = ThemedPage(browser, server, "autre.html", theme=theme, scheme=scheme)
    try:
        strokes = page.page.evaluate("""() => [0, 1, 2, 3, 4].map(i => getComputedStyle(
            document.querySelector(`svg.sp-chart-svg path.sp-l${i}`)).stroke)""")
        palette = expected_palette(theme, scheme, "screen")
        assert strokes == [rgb(colour) for colour in palette[:5]]
    finally:
        page.close()
