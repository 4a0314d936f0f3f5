"""The tracked-changes edition in a real browser (system Chromium, Playwright):
axe-core finds no violation in light and dark mode, the keyboard walks through
every change with « modification suivante / précédente » (« 3 / N »), unchanged
sections fold, and nothing is asked of another site."""

from __future__ import annotations

import pytest

from browser_support import assert_accessible, page_opener
from test_browser import Visit
from test_revisions import EDITION, diff, edit_all, make_repo

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("revisions-browser")
    repo = make_repo(tmp)
    edit_all(repo)
    assert diff(repo, "main", tmp / "diff", "--no-pdf") == 0
    return tmp / "diff" / "html"


@pytest.fixture
def visit(browser, server):
    yield from page_opener(Visit, browser, server)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_violation(visit, dark):
    assert_accessible(visit(EDITION, dark=dark).page, dark=dark)


def test_stays_local_and_quiet(visit):
    v = visit(EDITION)
    v.page.wait_for_load_state("networkidle")
    assert v.foreign_requests() == []
    assert v.console_errors == []


def test_keyboard_walks_through_every_change(visit):
    v = visit(EDITION)
    page = v.page
    count = page.locator(".sp-rev-mark[id]").count()
    assert count > 10
    position = page.locator(".sp-rev-position")
    assert position.inner_text() == f"0 / {count}"
    for _press in range(60):  # reachable with Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sp-rev-next')"):
            break
    else:
        pytest.fail("« modification suivante » is not reachable with the keyboard")
    page.keyboard.press("Enter")
    assert position.inner_text() == f"1 / {count}"
    first = page.evaluate("document.querySelector('.sp-rev-current').id")
    page.locator(".sp-rev-next").press("Enter")
    page.locator(".sp-rev-next").press("Enter")
    assert position.inner_text() == f"3 / {count}"
    third = page.evaluate("document.querySelector('.sp-rev-current').id")
    ids = page.evaluate("Array.from(document.querySelectorAll('.sp-rev-mark[id]')).map(e => e.id)")
    assert ids.index(third) == ids.index(first) + 2  # reading order
    box = page.locator(f"#{third}").bounding_box()
    assert box is not None and 0 <= box["y"] <= v.height
    page.locator(".sp-rev-prev").press("Enter")
    assert position.inner_text() == f"2 / {count}"


def test_marks_are_seen_without_colour(visit):
    v = visit(EDITION)
    styles = v.page.evaluate("""() => ['ins.sp-rev-ins', 'del.sp-rev-del'].map(s => {
        const e = document.querySelector(s); return getComputedStyle(e).textDecorationLine; })""")
    assert styles == ["underline", "line-through"]
    hidden = v.page.evaluate("getComputedStyle(document.querySelector('.sp-rev-sr')).clip")
    assert "rect" in hidden


def test_unchanged_sections_fold(visit):
    v = visit(EDITION)
    page = v.page
    unchanged = page.locator(".sp-rev-unchanged p").first
    assert unchanged.is_visible()
    page.locator(".sp-rev-fold").click()
    assert not unchanged.is_visible()
    assert page.locator(".sp-rev-fold").get_attribute("aria-pressed") == "true"
    page.locator(".sp-rev-fold").click()
    assert unchanged.is_visible()


def test_small_screen(visit):
    v = visit(EDITION, width=320)
    assert v.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    bar = v.page.locator(".sp-rev-nav").bounding_box()
    assert bar["height"] < 100  # the change bar leaves the page readable
    assert v.page.locator(".sp-rev-next").get_attribute("aria-label") == "modification suivante"
