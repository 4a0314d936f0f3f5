"""Formatted entries kept on disk, for the next build in a new process.

:mod:`.format_cache` keeps formatted entries for the life of a process: the
live preview formats an entry again only when it changed. ``make html`` run
again is a new process, and formatting every entry of the .bib again (pybtex's
template engine, pure Python) was most of its work after a one-line edit: a
200-entry bibliography takes longer to format than its 50 citing pages take
to read.

So the build folder keeps them too, beside Sphinx's own pickled environment
(``<doctreedir>/publication-formatted-entries.pickle``): read when the
builder starts, if it was written by the same code; written when a build
formatted something new. Its keys are the entries' contents and the style's
settings (:mod:`.format_cache`), so an edited entry simply misses; "the same
code" is the stat of the package's sources and the versions of the libraries
that format (an edited style module misses the whole file). A fresh build
(an empty build folder) formats everything, as before.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import format_cache
from .queries import bibtex_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FILE_NAME = "publication-formatted-entries.pickle"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code_fingerprint() -> tuple:
    """What formatted entries depend on besides their keys: this package's sources
    (an author editing a style module) and the formatting libraries' versions."""
    import babel
    import pybtex
    import sphinxcontrib.bibtex

    sources = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        stat = path.stat()
        sources.append((path.relative_to(PACKAGE_ROOT).as_posix(), stat.st_size, stat.st_mtime_ns))
    libraries = tuple(str(Path(module.__file__).resolve().parent) for module in (pybtex, sphinxcontrib.bibtex))
    return (pybtex.__version__, babel.__version__, libraries, tuple(sources))


def store_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FILE_NAME


def load_store(app: Sphinx) -> None:
    """``builder-inited``: seed the process's cache with the previous build's entries."""
    path = store_path(app)
    try:
        with open(path, "rb") as file:
            fingerprint, items = pickle.load(file)
    except FileNotFoundError:
        return
    except Exception:  # noqa: BLE001 - a damaged or foreign file: format again, as a fresh build
        return
    if fingerprint == code_fingerprint():
        format_cache.seed(items)


def save_store(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: keep this build's entries if it formatted anything new."""
    if exception is not None or not format_cache.changed_since_saved():
        return
    keep = {format_cache.entry_fingerprint(entry) for entry in _entries(app)}
    items = format_cache.export(keep)
    path = store_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    # written aside then renamed: a build stopped half-way leaves the old file or none
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".formatted-")
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump((code_fingerprint(), items), file, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:
        Path(temporary).unlink(missing_ok=True)
        raise
    format_cache.mark_saved()


def _entries(app: Sphinx):
    """The entries of this build's .bib files (what is kept; older versions are not)."""
    bibdata = getattr(bibtex_domain(app.env), "bibdata", None)
    return bibdata.data.entries.values() if bibdata is not None else ()
