"""Hostile input in a real browser (issue 21, deliverable 8): the
``test-hostile-input`` root built with html and singlehtml, served on
127.0.0.1, every page opened in the system Chromium.

On every page the test records every alert, confirm or prompt (a payload that
ran), every navigation of a frame to a scheme other than http(s), every
console message about a ``javascript:`` or ``data:`` address, every uncaught
script error, and every request for ``x`` (what ``<img src=x onerror=…>``
asks for once it is markup). It then

* reads the page's DOM, templates included: no ``on*`` attribute, no address
  attribute whose scheme, resolved as the browser resolves it, is not http(s),
  and no ``a[href]`` whose ``protocol`` is not ``http:``/``https:``;
* hovers and focuses every citation (the cards), reads each card the same way
  and clicks every link in it;
* clicks every distinct link of the page. Requests to other hosts are aborted:
  the test never leaves the machine; a page reached inside the site is checked
  in the same way when it loads.

Any dialog fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from browser_support import BrowserPage, page_opener, sphinx_build

ROOT = Path(__file__).resolve().parent / "roots" / "test-hostile-input"
PAGES = [
    "html/index.html", "html/figures.html", "html/notes.html", "html/etat.html", "html/bibliographie.html",
    "html/une-page.html", "html/genindex.html", "html/search.html", "single/index.html",
]
TRIGGER = "a.publication-card-trigger"
#: what a link to another host opens: nothing leaves the machine
OFFSITE_PAGE = "<!DOCTYPE html><title>off-site</title><p>off-site</p>"
CARD = ".publication-card"

pytestmark = pytest.mark.browser

#: the page's addresses and event attributes, templates (the cards) included,
#: resolved as the browser resolves them
DOM_PROBLEMS = """
(root) => {
  const problems = [];
  const safe = (value) => {
    try {
      const url = new URL(value, document.baseURI);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch (error) {
      return false;
    }
  };
  const names = ["href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "cite"];
  const scopes = [root || document];
  for (const template of (root || document).querySelectorAll("template")) scopes.push(template.content);
  for (const scope of scopes) {
    for (const element of scope.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on")) problems.push(`${element.tagName} ${name}=${attribute.value}`);
        if (names.includes(name) && !safe(attribute.value))
          problems.push(`${element.tagName} ${name}=${attribute.value}`);
      }
    }
  }
  // what the browser itself makes of each live link (template contents are
  // inert: their links have no base, and were read above)
  for (const link of (root || document).querySelectorAll("a[href], area[href]")) {
    if (link.protocol !== "http:" && link.protocol !== "https:")
      problems.push(`${link.tagName} protocol ${link.protocol} ${link.getAttribute("href")}`);
  }
  return problems;
}
"""


#: marks the document, then clicks one element: a click that loads a document
#: (another page, a refused address) drops the mark
CLICK = """
([selector, index]) => {
  window.__hostileMark = true;
  const elements = document.querySelectorAll(selector);
  if (index < elements.length) elements[index].click();
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The root built by ``sphinx-build`` as a reader's site is, html and singlehtml."""
    work = tmp_path_factory.mktemp("hostile-browser")
    source = work / "src"
    shutil.copytree(ROOT, source)
    sphinx_build("html", source, work / "www" / "html")
    sphinx_build("singlehtml", source, work / "www" / "single")
    return work / "www"


class Watched(BrowserPage):
    """A page whose dialogs, navigations, console, popups and requests are recorded;
    requests to any other host are aborted."""

    def prepare(self) -> None:
        self.dialogs: list[str] = []
        self.navigations: list[str] = []
        self.console: list[str] = []
        self.injected: list[str] = []
        self.offsite: list[str] = []
        self.context.route("**/*", self._route)

    def watch(self) -> None:
        self.page.set_default_timeout(5000)
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)
        self.page.on("framenavigated", self._navigated)
        self.context.on("page", self._popup)  # once self.page is the reader's tab

    def _route(self, route) -> None:
        url = route.request.url
        if not url.startswith(self.base):
            self.offsite.append(url)
            if route.request.resource_type == "document":  # a stub: the tab stays on http(s)
                route.fulfill(status=200, content_type="text/html", body=OFFSITE_PAGE)
            else:
                route.abort()
            return
        if urlsplit(url).path.rsplit("/", 1)[-1] == "x":
            self.injected.append(url)
        route.continue_()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} (on {self.page.url})")
        dialog.dismiss()

    def _console(self, message) -> None:
        text = message.text
        if "javascript:" in text.lower() or "data:" in text.lower() or "Not allowed to navigate" in text:
            self.console.append(f"{message.type}: {text}")

    def _navigated(self, frame) -> None:
        scheme = urlsplit(frame.url).scheme
        if scheme not in ("http", "https", "about", "chrome-error"):
            self.navigations.append(frame.url)

    def _popup(self, popup) -> None:
        if popup != self.page:
            self.navigations.append(f"popup {popup.url}")
            popup.close()

    # -- what the test does on the page ---------------------------------------------------

    def dom_problems(self, root=None) -> list[str]:
        if root is None:
            return self.page.evaluate(DOM_PROBLEMS, None)
        return root.evaluate(DOM_PROBLEMS)

    def open_card(self, trigger) -> None:
        """Hover *trigger* and wait for its card."""
        self.page.mouse.move(1, 1)
        trigger.scroll_into_view_if_needed()
        trigger.hover(force=True)
        self.page.locator(CARD).first.wait_for(state="visible")

    def click(self, selector: str, index: int, home: str) -> None:
        """Click the *index*-th element matching *selector* as a script would (hidden
        links too); a page reached in the site is checked; then back on *home*."""
        try:
            self.page.evaluate(CLICK, [selector, index])
        except PlaywrightError:  # the click's navigation destroyed the context
            pass
        self.page.wait_for_timeout(60)
        self.page.wait_for_load_state("load")
        try:
            stayed = self.page.evaluate("() => window.__hostileMark === true")
        except PlaywrightError:
            self.page.wait_for_load_state("load")
            stayed = False
        if stayed:
            return
        reached = urldefrag(self.page.url).url
        if reached.startswith(self.base) and reached not in self.checked_pages:
            self.checked_pages.add(reached)
            assert self.dom_problems() == [], reached
        self.go(home)

    def go(self, url: str) -> None:
        """Open *url*, past a navigation the last click may still be making."""
        for attempt in range(3):
            try:
                self.page.goto(url, wait_until="load")
                return
            except PlaywrightError:
                if attempt == 2:
                    raise
                self.page.wait_for_timeout(200)

    def target(self, href: str) -> str:
        """What clicking *href* (absolute) does: a fragment of this document is one
        target each, another document one target whatever its fragment."""
        document = urldefrag(href).url
        return href if document == urldefrag(self.page.url).url else document

    def problems(self) -> dict[str, list[str]]:
        found = {"dialogs": self.dialogs, "navigations": self.navigations, "console": self.console,
                 "injected requests": self.injected, "page errors": self.errors}
        return {name: values for name, values in found.items() if values}


@pytest.fixture
def tab(browser, server):
    yield from page_opener(Watched, browser, server)


def test_every_page_of_the_site_is_visited(site):
    built = sorted(str(path.relative_to(site)) for path in site.rglob("*.html") if "_static" not in path.parts)
    assert built == sorted(PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_load_hover_or_click(tab, path):
    t = tab(path)
    url = t.page.url
    t.checked_pages = {urldefrag(url).url}
    assert t.response is not None and t.response.ok
    assert t.problems() == {}  # on load
    assert t.dom_problems() == []

    # every citation: hovered, then focused; each card read and its links clicked
    triggers = t.page.locator(TRIGGER)
    card = t.page.locator(CARD).first
    clicked: set[str] = set()
    for index in range(triggers.count()):
        trigger = triggers.nth(index)
        if not trigger.is_visible():
            continue
        t.open_card(trigger)
        assert t.dom_problems(card) == [], trigger.get_attribute("href")
        hrefs = card.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        for number, href in enumerate(hrefs):
            if t.target(href) in clicked:
                continue
            clicked.add(t.target(href))
            if not card.is_visible():  # the previous click closed it, or left the page
                t.open_card(trigger)
            t.click(f"{CARD} a[href]", number, url)
        t.page.keyboard.press("Escape")
        t.page.mouse.move(1, 1)
        trigger.focus()
        t.page.wait_for_timeout(50)
        t.page.keyboard.press("Escape")
    assert t.problems() == {}
    assert t.dom_problems() == []

    # every link of the page, clicked: each fragment, each other document once
    hrefs = t.page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    for index, href in enumerate(hrefs):
        if t.target(href) in clicked:
            continue
        clicked.add(t.target(href))
        t.click("a[href]", index, url)
    assert t.problems() == {}
    assert clicked, "no link on the page"


def test_cards_show_the_hostile_entries_as_text(tab):
    """The card of the entry with markup in its title prints the markup."""
    t = tab("html/index.html")
    trigger = t.page.locator(f"{TRIGGER}[href$='#cite-markup']").first
    trigger.hover()
    card = t.page.locator(CARD).first
    card.wait_for(state="visible")
    text = " ".join(card.inner_text().split())
    assert "</script><script>alert(207)</script> <img src=x onerror=alert(208)>" in text
    assert card.locator("img, script, svg[onload]").count() == 0
    assert t.problems() == {}
