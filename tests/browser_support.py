"""What the browser tests share: the system Chromium driven by Playwright, a
local HTTP server, the publication built as a reader gets it, and a page
opened in a fresh browser context.

The browser is the system's Chromium, never a downloaded one: missing, the
tests skip locally and fail under ``CI=true`` (``helpers.require_tool``).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import require_tool

PROJECT_DIR = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium(why: str = "the browser tests drive the system Chromium") -> Iterator:
    """The system Chromium launched headless through Playwright."""
    executable = require_tool("chromium", why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """*directory* served by a thread on 127.0.0.1 and a free port; yields the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def sphinx_build(builder: str, source: Path, out: Path) -> None:
    """``sphinx-build -q -E -b BUILDER`` in a new process, as a reader's site is built."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-E", "-b", builder, str(source), str(out)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def copy_publication(names: tuple[str, ...], dest: Path) -> Path:
    """Copy the publication's sources *names* (those present) to *dest*, compiled
    catalogs left out (the build compiles them)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


class BrowserPage:
    """A page opened in a fresh context: viewport, colour scheme (and furo's
    stored theme choice), no service workers, uncaught page errors collected."""

    height = 900

    def __init__(self, browser, base: str, path: str, *, dark: bool = False, width: int = 1280,
                 **context_options) -> None:
        self.base = base
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": width, "height": self.height},
            color_scheme="dark" if dark else "light",
            service_workers="block",
            **context_options,
        )
        # furo keeps the reader's choice in localStorage; the emulated media
        # query decides only when it is "auto".
        self.context.add_init_script(f"localStorage.setItem('theme', '{'dark' if dark else 'light'}')")
        self.prepare()
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.watch()
        self.response = self.page.goto(base + path, wait_until="load")

    def prepare(self) -> None:
        """Set the context up before the page is made (subclasses)."""

    def watch(self) -> None:
        """Listen to the page before it loads (subclasses)."""

    def close(self) -> None:
        self.context.close()


def page_opener(page_class: type[BrowserPage], browser, base: str) -> Iterator[Callable[..., BrowserPage]]:
    """The body of a fixture ``open(path, **options)`` whose pages are closed after the test."""
    opened: list[BrowserPage] = []

    def open_page(path: str, **options) -> BrowserPage:
        opened.append(page_class(browser, base, path, **options))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


def is_dark(page) -> bool:
    """Whether the page's background is dark (dark mode took effect)."""
    rgb = page.evaluate(
        "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
    return sum(rgb) / 3 < 100


def describe_violations(violations: list[dict]) -> str:
    """axe-core's violations, a line each with the first elements concerned."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:4]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
        for node in violation["nodes"][:2]:
            lines.append(f"    {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


def assert_accessible(page, *, dark: bool = False, **axe_options) -> None:
    """axe-core finds no violation on *page* (in dark mode, checked dark first)."""
    from axe_playwright_python.sync_playwright import Axe

    if dark:
        assert is_dark(page), "dark mode did not take effect"
    violations = Axe().run(page, **axe_options).response["violations"]
    assert violations == [], describe_violations(violations)
