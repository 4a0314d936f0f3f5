"""Citation cards and the reviewer's path, in a real browser (system Chromium).

Built once: the publication (html), the ``test-cards`` root (html and
singlehtml). Served on 127.0.0.1 by a thread. Every page load of the
reader's tab is counted, so "checked without leaving the page" is measured.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser_support import BrowserPage, assert_accessible, copy_publication, page_opener, sphinx_build

ROOTS = Path(__file__).resolve().parent / "roots"
PUBLICATION_FILES = ("conf.py", "refs.bib", "docs", "locale")
CLAIMS_PAGE = "publication/docs/montee-des-grands-modeles.html"
CARD = ".publication-card"

pytestmark = pytest.mark.browser


# -- the sites and the browser --------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("cards")
    source = copy_publication(PUBLICATION_FILES, work / "src")
    sphinx_build("html", source, work / "www" / "publication")
    sphinx_build("html", ROOTS / "test-cards", work / "www" / "html")
    sphinx_build("singlehtml", ROOTS / "test-cards", work / "www" / "single")
    return work / "www"


class Tab(BrowserPage):
    """One page in a fresh context; counts the documents it loads."""

    height = 800

    def prepare(self) -> None:
        self.loads: list[str] = []

    def watch(self) -> None:
        self.page.on("request", self._request)

    def _request(self, request) -> None:
        if request.resource_type == "document" and request.frame == self.page.main_frame:
            self.loads.append(request.url)

    def card(self):
        return self.page.locator(CARD)


@pytest.fixture
def tab(browser, server):
    yield from page_opener(Tab, browser, server)


def entry_text(site: Path, citation_id: str) -> str:
    """The entry's text on the bibliography page of the publication, read from disk."""
    html = (site / "publication" / "docs" / "bibliographie.html").read_text(encoding="utf-8")
    entry = BeautifulSoup(html, "html.parser").find(id=citation_id)
    return normalise(entry.find("p").get_text())


def normalise(text: str) -> str:
    return " ".join(text.split())


def target_of(href: str) -> str:
    return href.rsplit("#", 1)[1]


def keyboard_focus(page, locator) -> None:
    """Focus *locator* the way a keyboard user arrives on it."""
    locator.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")


# -- hover, keyboard, touch, no script --------------------------------------------------------


def test_hover_shows_the_bibliography_entry_in_place(tab, site):
    t = tab(CLAIMS_PAGE)
    link = t.page.locator("aside.editorial-review-note span.bibtex-citation a").first
    citation_id = target_of(link.get_attribute("href"))
    link.hover()
    card = t.card()
    card.wait_for(state="visible")
    text = normalise(card.inner_text())
    assert entry_text(site, citation_id) in text
    assert "Cité dans" in text
    hrefs = card.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert "https://doi.org/10.48550/arXiv.2303.08774" in hrefs  # OpenAI's report: DOI and arXiv
    assert "https://arxiv.org/abs/2303.08774" in hrefs
    assert link.get_attribute("aria-expanded") == "true"
    assert link.get_attribute("title") is None  # no browser tooltip over the card
    box, at = card.bounding_box(), link.bounding_box()  # beside the link, never over it
    assert box["y"] >= at["y"] + at["height"] or box["y"] + box["height"] <= at["y"], (box, at)
    # Escape dismisses it, and it stays dismissed while the pointer rests on the link
    t.page.keyboard.press("Escape")
    card.wait_for(state="detached")
    t.page.wait_for_timeout(500)
    assert t.card().count() == 0
    t.page.mouse.move(2, 2)
    link.hover()
    card.wait_for(state="visible")
    # the card can be hovered (WCAG 1.4.13) ...
    card.locator(".publication-card-go a").hover()
    t.page.wait_for_timeout(700)
    assert card.is_visible()
    # ... and moving away closes it
    t.page.mouse.move(2, 2)
    card.wait_for(state="detached")
    assert link.get_attribute("aria-expanded") == "false"
    assert len(t.loads) == 1 and t.errors == []


def test_keyboard_opens_enters_and_escapes_the_card(tab):
    t = tab(CLAIMS_PAGE)
    link = t.page.locator("aside.editorial-review-note span.bibtex-citation a").first
    keyboard_focus(t.page, link)
    card = t.card()
    card.wait_for(state="visible")
    assert link.get_attribute("aria-expanded") == "true"
    assert link.get_attribute("aria-controls") == "publication-card"
    assert card.get_attribute("role") == "group" and card.get_attribute("aria-label") == "Référence [1]"
    t.page.keyboard.press("Tab")
    assert t.page.evaluate("document.activeElement.closest('.publication-card') !== null"), (
        "Tab did not move into the card")
    assert t.page.evaluate("document.activeElement.tagName") == "A"
    t.page.keyboard.press("Escape")
    card.wait_for(state="detached")
    assert t.page.evaluate("document.activeElement") == link.element_handle().evaluate("a => a")
    assert link.evaluate("a => a === document.activeElement")
    assert link.get_attribute("aria-expanded") == "false"
    # leaving the card with Tab closes it too
    keyboard_focus(t.page, link)
    card.wait_for(state="visible")
    for _ in range(card.locator("a").count() + 1):
        t.page.keyboard.press("Tab")
    assert link.get_attribute("aria-expanded") == "false"
    assert t.page.evaluate("document.activeElement.closest('.publication-card') === null")
    assert len(t.loads) == 1 and t.errors == []


def test_first_tap_opens_the_card_and_its_link_leads_to_the_entry(tab):
    t = tab(CLAIMS_PAGE, width=390, has_touch=True, is_mobile=True)
    link = t.page.locator("aside.editorial-review-note span.bibtex-citation a").first
    citation_id = target_of(link.get_attribute("href"))
    url = t.page.url
    link.tap()
    card = t.card()
    card.wait_for(state="visible")
    assert t.page.url == url and len(t.loads) == 1, "the first tap left the page"
    # a tap outside closes it
    t.page.locator("h1").tap()
    card.wait_for(state="detached")
    link.tap()
    card.wait_for(state="visible")
    card.locator(".publication-card-go a").tap()
    t.page.wait_for_url(f"**/bibliographie.html#{citation_id}")
    entry = t.page.locator(f"#{citation_id}")
    assert entry.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # :target
    assert len(t.loads) == 2 and t.errors == []


def test_without_javascript_a_citation_is_a_plain_link_to_the_entry(tab):
    t = tab(CLAIMS_PAGE, java_script_enabled=False)
    assert t.card().count() == 0
    assert t.page.locator("template.publication-cards").count() == 1
    assert not t.page.locator("template.publication-cards").is_visible()
    link = t.page.locator("aside.editorial-review-note span.bibtex-citation a").first
    citation_id = target_of(link.get_attribute("href"))
    link.hover()
    t.page.wait_for_timeout(400)
    assert t.card().count() == 0
    link.click()
    t.page.wait_for_url(f"**/bibliographie.html#{citation_id}")
    assert t.page.locator(f"#{citation_id}").is_visible()


# -- figures, tables, one-page edition ----------------------------------------------------------


@pytest.mark.parametrize("edition", ["html/premier.html", "single/index.html"])
def test_numref_cards_show_the_caption(tab, edition):
    t = tab(edition)
    expected = {
        "fig-modeles": ("Fig. 1 – Paramètres des modèles", "Voir la figure"),
        "tab-couts": ("Tableau 1 – Coûts d’entraînement", "Voir le tableau"),
    }
    for target, (caption, go) in expected.items():
        link = t.page.locator(f"a.publication-card-trigger[href$='#{target}']").first
        link.hover()
        card = t.card()
        card.wait_for(state="visible")
        text = normalise(card.inner_text())
        assert caption in text and go in text
        t.page.keyboard.press("Escape")
        card.wait_for(state="detached")
    assert len(t.loads) == 1 and t.errors == []


def test_one_page_edition_cards_lead_to_the_entry_on_the_same_page(tab):
    t = tab("single/index.html")
    link = t.page.locator("span.bibtex-citation a").first
    keyboard_focus(t.page, link)
    card = t.card()
    card.wait_for(state="visible")
    assert "Łukasz Kaiser" in card.inner_text()
    card.locator(".publication-card-go a").click()
    t.page.wait_for_function("location.hash === '#cite-kaiser2017tensor2tensor'")
    card.wait_for(state="detached")
    assert len(t.loads) == 1 and t.errors == []


# -- accessibility -------------------------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_open_card_has_no_axe_violation_and_fits_a_320px_screen(tab, dark):
    t = tab(CLAIMS_PAGE, dark=dark, width=320)
    link = t.page.locator("aside.editorial-review-note span.bibtex-citation a").nth(1)
    keyboard_focus(t.page, link)
    card = t.card()
    card.wait_for(state="visible")
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert card.evaluate("c => c.scrollWidth <= c.clientWidth"), "a long URL overflows the card"
    assert t.page.evaluate("document.documentElement.scrollWidth") <= 320
    # Furo shows its "back to top" button after the page scrolls up, outside any
    # landmark (axe's best-practice rule "region"): the theme's, not the card's.
    context = {"exclude": [[".back-to-top"]]}
    assert_accessible(t.page, context=context)


def test_backlinks_name_the_citation_and_the_page_they_return_to(tab):
    t = tab("publication/docs/bibliographie.html")
    page_title = "La montée des grands modèles linguistiques"
    entry = t.page.locator("#cite-brown2020language .citation-backlinks")
    assert normalise(entry.evaluate(
        "p => [...p.childNodes].map(n => n.nodeType === 3 ? n.textContent : "
        "(n.querySelector('.publication-visually-hidden') ? n.firstChild.firstChild.textContent "
        ": n.textContent)).join('')")) == f"Cité dans : {page_title} ↩ a, b"
    for number, letter in ((1, "a"), (2, "b")):
        # (Chromium puts a space where the visually hidden words begin)
        name = re.compile(
            rf"^{letter} ?, retour à la citation {number} sur 2 de la page «\s{page_title}\s»$")
        assert entry.get_by_role("link", name=name).count() == 1
    # following one lands on the citation, highlighted
    entry.locator("a").nth(1).click()
    t.page.wait_for_url("**/montee-des-grands-modeles.html#cite-ref-*")
    citation = t.page.locator("span.bibtex-citation:target")
    assert citation.count() == 1
    assert citation.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


# -- the reviewer's path --------------------------------------------------------------------------


def test_three_claims_checked_in_at_most_two_page_loads(tab, site):
    """Every source of the three notes previewed in place, then the report row reached."""
    t = tab(CLAIMS_PAGE)
    notes = t.page.locator("aside.editorial-review-note")
    assert notes.count() == 3
    checked: set[str] = set()
    for n in range(3):
        links = notes.nth(n).locator("span.bibtex-citation a")
        assert links.count() >= 1
        for i in range(links.count()):
            link = links.nth(i)
            citation_id = target_of(link.get_attribute("href"))
            link.hover()
            card = t.card()
            card.wait_for(state="visible")
            text = normalise(card.inner_text())
            assert entry_text(site, citation_id) in text, citation_id
            external = card.locator("a[href^='http']").count()
            assert external >= 1, f"{citation_id}: no DOI, URL or arXiv link in the card"
            checked.add(citation_id)
            t.page.keyboard.press("Escape")
            card.wait_for(state="detached")
    assert len(checked) == 9, sorted(checked)
    assert len(t.loads) == 1
    # second load: the first note's row in the editorial report, highlighted, with « suivant »
    notes.first.locator("a.editorial-report-link").click()
    t.page.wait_for_url(re.compile(r".*/etat-editorial\.html#editorial-report-review-note-.*"))
    row = t.page.locator("li:target")
    assert row.count() == 1
    assert row.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert row.get_by_role("link", name="suivant").count() == 1
    assert len(t.loads) <= 2, t.loads
    print(f"\npage loads to check the three claims: {len(t.loads)}")
