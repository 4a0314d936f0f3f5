"""The one-page reading edition in a real browser (system Chromium, Playwright).

The publication is built once (the ``site`` fixture of test_browser); the
edition ``docs/lire-en-une-page.html`` is opened as a reader would: no axe-core
violation in light and dark mode, dark mode applied, nothing scrolling
sideways on a 320 px screen, every id once, every internal link staying on
the page, and reachable from the landing page and the sidebar.
"""

from __future__ import annotations

import pytest

from browser_support import assert_accessible
from test_browser import CHART, site, visit  # noqa: F401

EDITION = "docs/lire-en-une-page.html"
LABEL = "Lire l’article en une page"

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_violation(visit, dark):
    assert_accessible(visit(EDITION, dark=dark).page, dark=dark)


def test_stays_local_and_quiet(visit):
    v = visit(EDITION)
    v.page.wait_for_load_state("networkidle")
    assert v.foreign_requests() == [] and v.console_errors == []


def test_the_whole_article_is_on_the_page(visit):
    v = visit(EDITION)
    headings = v.page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("La montée des grands modèles")
    assert headings[-1].startswith("Bibliographie")
    assert any(h.startswith("Conclusion") for h in headings)
    assert v.page.locator("article " + CHART).count() >= 4
    assert v.page.locator("article .citation").count() >= 20


@pytest.mark.parametrize("width", [320, 1280])
def test_nothing_scrolls_sideways(visit, width):
    v = visit(EDITION, width=width)
    charts = v.page.locator(CHART)
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (i, box)
    scroll_width = v.page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways ({scroll_width} px)"


def test_every_id_once(visit):
    v = visit(EDITION)
    repeated = v.page.evaluate("""() => {
        const seen = new Map();
        for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) || 0) + 1);
        return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    }""")
    assert repeated == []


def test_internal_links_stay_on_the_page(visit):
    v = visit(EDITION)
    leaving = v.page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .map(a => new URL(a.href))
        .filter(u => u.origin === location.origin && u.pathname !== location.pathname)
        .map(u => u.pathname)
        // by design: a review note's row in the report, a chart's data files, the article's .bib/.ris
        .filter(p => !p.endsWith('/etat-editorial.html') && !p.includes('/_downloads/') && !p.includes('/_citation/'))""")
    assert leaving == []
    dangling = v.page.evaluate("""() => [...document.querySelectorAll('article a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => id && !document.getElementById(id))""")
    assert dangling == []


def test_citation_and_backlink_land_on_the_page(visit):
    v = visit(EDITION)
    path = v.page.evaluate("location.pathname")
    citation = v.page.locator("article a[href^='#cite-']").first
    target = citation.get_attribute("href")
    citation.click()
    assert v.page.evaluate("location.pathname") == path
    assert v.page.evaluate("location.hash") == target
    backlink = v.page.locator(f"{target} a.citation-backlink").first
    backlink.click()
    assert v.page.evaluate("location.pathname") == path
    assert v.page.evaluate("location.hash").startswith("#cite-ref-")


@pytest.mark.parametrize("where", ["landing page", "sidebar"])
def test_linked_from_the_landing_page_and_the_sidebar(visit, where):
    start = "docs/index.html" if where == "landing page" else "docs/mistral-ai.html"
    v = visit(start)
    scope = "article" if where == "landing page" else ".sidebar-drawer"
    link = v.page.locator(f"{scope} a", has_text=LABEL).first
    link.click()
    v.page.wait_for_url("**/" + EDITION)
    assert v.page.locator("article h2").count() >= 10
