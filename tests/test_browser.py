"""The built site in a real browser: headless Chromium driven by Playwright.

The publication is built once, served on 127.0.0.1 by a thread, and every
page is opened as a reader would open it:

* charts are drawn (non-empty boxes, more than a background colour) in light
  mode, in dark mode and on a 320 px wide screen, where nothing scrolls
  sideways;
* axe-core (bundled locally by axe-playwright-python) finds no violation, in
  light and in dark mode;
* no request leaves the local site, and the console stays free of errors.

The browser is the system's Chromium: never a downloaded one.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from browser_support import (
    PROJECT_DIR, BrowserPage, assert_accessible, copy_publication, is_dark, page_opener, sphinx_build,
)

PUBLICATION_FILES = ("conf.py", "CITATION.cff", "refs.bib", "docs", "locale")
CHART = "svg[role='img']"
PAGES = sorted(
    path.relative_to(PROJECT_DIR).with_suffix(".html").as_posix()
    for path in (PROJECT_DIR / "docs").rglob("*.md")
    if not any(part.startswith("_") for part in path.parts)
) + ["genindex.html", "search.html"]
CHART_PAGES = sorted(
    page for page in PAGES
    if page.startswith("docs/") and "```{chart-" in (PROJECT_DIR / page).with_suffix(".md")
    .read_text(encoding="utf-8")
)

pytestmark = pytest.mark.browser


# -- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The publication's HTML, built from a copy of its sources."""
    work = tmp_path_factory.mktemp("site")
    sphinx_build("html", copy_publication(PUBLICATION_FILES, work / "src"), work / "html")
    return work / "html"


class Visit(BrowserPage):
    """A page opened in a fresh context, with everything it asked for logged."""

    def __init__(self, browser, base: str, page: str, **options) -> None:
        super().__init__(browser, base, page, **options)
        response = self.response
        assert response is not None and response.ok, f"{page}: HTTP {response and response.status}"

    def prepare(self) -> None:
        self.requests: list[str] = []
        self.console_errors = self.errors  # uncaught errors and console errors alike
        self.context.route("**/*", self._route)

    def watch(self) -> None:
        self.page.on("console", self._console)

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.base) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location})")

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if not u.startswith(self.base) and not u.startswith(("data:", "blob:", "about:"))]


@pytest.fixture
def visit(browser, server):
    yield from page_opener(Visit, browser, server)


# -- every page -------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_page_stays_local_and_quiet(visit, page):
    v = visit(page)
    v.page.wait_for_load_state("networkidle")
    assert v.foreign_requests() == [], "requests left the local site"
    assert v.console_errors == []


def test_site_root_forwards_to_the_article(visit):
    """The source dir is the repository root: its index.html only forwards."""
    v = visit("index.html")
    v.page.wait_for_url("**/docs/index.html")
    assert v.page.locator("h1").first.inner_text().startswith("Les grands modèles")
    assert v.foreign_requests() == [] and v.console_errors == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violation(visit, page, dark):
    assert_accessible(visit(page, dark=dark).page, dark=dark)


# -- charts -------------------------------------------------------------------------------


def test_the_publication_has_chart_pages():
    assert len(CHART_PAGES) >= 3, "the chart tests below would test nothing"


@pytest.mark.parametrize(
    "mode", [{"dark": False}, {"dark": True}, {"width": 320}], ids=["light", "dark", "320px"])
@pytest.mark.parametrize("page", CHART_PAGES)
def test_charts_are_drawn(visit, page, mode):
    v = visit(page, **mode)
    if mode.get("dark"):
        assert is_dark(v.page), "dark mode did not take effect"
    charts = v.page.locator(CHART)
    assert charts.count() >= 1, f"no chart on {page}"
    viewport_width = v.page.viewport_size["width"]
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 60, f"chart {i} box: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport_width + 1, (
            f"chart {i} overflows the {viewport_width} px screen: {box}")
        colours = _distinct_colours(chart.screenshot())
        assert colours >= 3, f"chart {i} is drawn in {colours} colour(s) only"
    scroll_width = v.page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= viewport_width, f"the page scrolls sideways ({scroll_width} px)"


def _distinct_colours(png: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    # Ignore anti-aliasing specks: a colour counts when it covers 0.2 % of the box.
    total = sum(count for count, _ in colours) if colours else 1
    return sum(1 for count, _ in colours or [] if count >= total * 0.002) if colours else 99


def test_chart_text_contrasts_with_the_page_in_dark_mode(visit):
    """Axis labels follow the theme: light text on a dark page."""
    page = CHART_PAGES[0]
    v = visit(page, dark=True)
    colours = v.page.evaluate("""() => {
        const text = document.querySelector("svg[role='img'] text");
        return [getComputedStyle(text).fill, getComputedStyle(document.body).backgroundColor];
    }""")
    fill, background = (_luminance(c) for c in colours)
    assert abs(fill - background) > 0.4, f"text {colours[0]} on background {colours[1]}"


def _luminance(css_colour: str) -> float:
    import re

    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css_colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# -- the guards themselves ------------------------------------------------------------------


def test_foreign_requests_are_caught(visit, tmp_path):
    """A page asking for a remote script is reported, and the request blocked."""
    v = visit("docs/index.html")
    v.page.set_content('<script src="https://cdn.example.com/x.js"></script>')
    v.page.wait_for_load_state("load")
    assert any("cdn.example.com" in u for u in v.foreign_requests())


def test_axe_reports_a_planted_violation(visit):
    from axe_playwright_python.sync_playwright import Axe

    v = visit("docs/index.html")
    v.page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    ids = [violation["id"] for violation in Axe().run(v.page).response["violations"]]
    assert "image-alt" in ids


if os.environ.get("SCREENSHOTS_DIR"):  # for a human look: SCREENSHOTS_DIR=... pytest -k shots

    @pytest.mark.parametrize("mode", [{}, {"dark": True}, {"width": 320}],
                             ids=["light", "dark", "320px"])
    def test_shots(visit, mode):
        target = Path(os.environ["SCREENSHOTS_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        v = visit(CHART_PAGES[0], **mode)
        name = json.dumps(mode, sort_keys=True).strip("{}").replace('"', "").replace(": ", "-")
        v.page.screenshot(path=str(target / f"{name or 'light'}.png"), full_page=True)
