"""One Sphinx application kept in memory, rebuilt incrementally on every change.

No server code here: :class:`PreviewSession` builds, reports what the build
said (warnings and errors, for the terminal and the page) and survives any
failure of a build. A build that raises leaves the application in an
unknown state, so the next build starts a new application (Sphinx deleted
its saved environment: that build reads everything again).
"""

from __future__ import annotations

import gc
import io
import re
import sys
import time
import traceback
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: colours Sphinx's logging writes around a warning in a terminal
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_REPORTED = 50


@dataclass
class BuildOptions:
    srcdir: Path
    outdir: Path
    doctreedir: Path
    builder: str = "html"
    confoverrides: dict[str, str] = field(default_factory=dict)


@dataclass
class BuildReport:
    """What one build produced, sent to the server and shown in the page."""

    ok: bool  # False when the build raised: the pages served are stale
    seconds: float
    problems: list[str]  # warnings and errors, without terminal colours
    error: str = ""  # the exception of a build that raised, one line
    on_request: list[str] = field(default_factory=list)  # pages written when asked for

    def as_json(self) -> dict:
        return {"ok": self.ok, "seconds": round(self.seconds, 3), "problems": self.problems,
                "error": self.error, "on_request": self.on_request}


class _Tee(io.TextIOBase):
    """Write to the terminal and keep the lines written.

    Sphinx writes only warnings and errors to its ``warning`` stream, in the
    document language ("AVERTISSEMENT" in French): every line is a problem.
    """

    def __init__(self, terminal) -> None:
        self.terminal = terminal
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        self.terminal.write(text)
        self.terminal.flush()
        for line in _ANSI.sub("", text).splitlines():
            if line.strip() and len(self.lines) < MAX_REPORTED:
                self.lines.append(line)
        return len(text)

    def isatty(self) -> bool:
        return self.terminal.isatty()


class PreviewSession:
    """Owns the Sphinx application of the preview."""

    def __init__(self, options: BuildOptions, status=None, warning=None) -> None:
        self.options = options
        self.app: Sphinx | None = None
        self._status = status or sys.stdout
        self._warnings = _Tee(warning or sys.stderr)
        self._docutils = ExitStack()  # docutils' global registries, as the application left them

    def build(self) -> BuildReport:
        """Bring the output up to date; never raises."""
        start = time.perf_counter()
        self._warnings.lines.clear()
        try:
            if self.app is None:
                self.app = self._new_app()
            # Private, and kept: Sphinx counts warnings per application, not per build,
            # and prints that count after each build ("build succeeded, 3 warnings").
            # No public API resets or reads it (Sphinx 9.0-9.2; ``statuscode`` only
            # says whether the build failed). The report itself counts what this
            # session's own warning stream received, which needs no private API.
            self.app._warncount = 0
            self.app.build()
        except (Exception, SystemExit) as error:  # a build error must not stop the preview
            traceback.print_exc()
            self.app = None
            return BuildReport(False, time.perf_counter() - start, list(self._warnings.lines),
                               f"{type(error).__name__}: {error}")
        return BuildReport(True, time.perf_counter() - start, list(self._warnings.lines),
                           on_request=self._pages_on_request())

    def write_on_request(self) -> bool:
        """Write the pages a build leaves for when they are asked for, if out of date."""
        if self.app is None or not self._pages_on_request():
            return False
        from sphinx_publication.editions.onepage import write_on_request

        try:
            return write_on_request(self.app)
        except Exception:  # the page stays as it was; the next build tells what is wrong
            traceback.print_exc()
            return False

    def _pages_on_request(self) -> list[str]:
        if self.app is None or "one_page_edition_on_request" not in self.app.config:
            return []  # a project without this package's extensions
        from sphinx_publication.editions.onepage import pages_on_request

        return pages_on_request(self.app)

    def settle(self) -> None:
        """Between builds, while the author reads: collect the last build's garbage.

        What survives (the application, its environment, caches) is then
        frozen: the collector's full passes during the next build skip it.
        A full pass over the living application took 0.2 s, a third of a
        page-edit rebuild when it fell inside one. Unfreezing first lets
        objects frozen by an earlier settle be collected once they die.
        """
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def close(self) -> None:
        """Forget the application and what it registered in docutils."""
        self.app = None
        self._docutils.close()

    def _new_app(self) -> Sphinx:
        from sphinx.application import Sphinx
        from sphinx.util.docutils import docutils_namespace, patch_docutils

        o = self.options
        # As sphinx-build does around its application: what one application
        # registers in docutils (nodes, directives, roles) goes with it, so the
        # application that follows a failed build starts clean.
        self.close()
        self._docutils.enter_context(patch_docutils(o.srcdir))
        self._docutils.enter_context(docutils_namespace())
        app = Sphinx(
            srcdir=o.srcdir,
            confdir=o.srcdir,
            outdir=o.outdir,
            doctreedir=o.doctreedir,
            buildername=o.builder,
            confoverrides=dict(o.confoverrides),
            status=self._status,
            warning=self._warnings,
            freshenv=False,
            keep_going=True,
        )
        memoize_search_stemming(app)
        app.connect("env-before-read-docs", forget_stale_doctrees)
        if "one_page_edition_on_request" in app.config:
            # The one-page edition sets the whole article again: an edit to one page
            # would wait for it. It is written when a reader asks for it instead.
            app.config.one_page_edition_on_request = True
        return app


def forget_stale_doctrees(app: Sphinx, env, docnames: list[str]) -> None:
    """Drop the pages about to be read again from Sphinx's cache of pickled doctrees.

    ``env.get_doctree()`` keeps each page's pickled doctree for the life of the
    application and nothing refreshes it when the page is read again: a second
    build in one application (the preview's, never ``sphinx-build``'s) would give
    the old page to whatever asks after writing (figure numbers, the one-page
    edition). Private, as in Sphinx's own test application, which clears the
    whole cache before each build; here only what is stale goes.
    """
    cache = getattr(env, "_pickled_doctree_cache", None)
    if cache is not None:
        for docname in docnames:
            cache.pop(docname, None)


def memoize_search_stemming(app: Sphinx) -> None:
    """Stem each word once per process for the search index.

    Sphinx stems every word of every page it writes, and the pure-Python
    Snowball stemmers are the largest cost of rewriting a French page (about
    a third of a page-edit rebuild, profiled). A word's stem never changes,
    so the build process keeps them; only this process is patched.
    """
    from importlib import import_module

    from sphinx.search import languages

    code = app.config.html_search_language or app.config.language or "en"
    language = languages.get(code) or languages.get(code[:2])
    if isinstance(language, str):  # "sphinx.search.fr.SearchFrench"
        module, _, name = language.rpartition(".")
        language = getattr(import_module(module), name)
    if language is None or "stem" not in vars(language) or hasattr(language.stem, "stems"):
        return
    original = language.stem
    stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        if word not in stems:
            stems[word] = original(self, word)
        return stems[word]

    stem.stems = stems
    language.stem = stem
