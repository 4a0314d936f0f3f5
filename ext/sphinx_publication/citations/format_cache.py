"""Formatted bibliography entries, computed once and kept across builds.

Formatting an entry with pybtex (template engine, LaTeX decoding of every
field, dates through Babel) is the costliest part of the citation work, and
sphinxcontrib-bibtex formats each cited entry twice per build — for the
list and for the hover text — then again on every incremental build.
:func:`format_entry_once` returns the same formatted entry for the same
style, label and entry contents, whoever asks (the list, the hover text,
the hover cards, the backlinks), in this build or a later one of the same
process: an incremental build formats only the entries that changed.
:func:`compute_once` keeps other per-entry results the same way (the entry
written back as BibTeX for the « Citer cet article » download).

The key is the entry's content (type, fields, names), not its identity, so
a re-read .bib file with the same entry hits the cache; the cache is
bounded (least recently used entries go first), so a long preview session
does not grow with every .bib edit. :mod:`.format_store` keeps them in the
build folder for the next build in a new process.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pybtex.database import Entry

T = TypeVar("T")
MAX_ENTRIES = 4096
NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")

_cache: OrderedDict[tuple, object] = OrderedDict()
_lock = Lock()
_computed_since_saved = 0  # results computed (not found) since the cache was last saved or seeded


def format_entry_once(style: object, label: str, entry: Entry, format_entry: Callable[[], T]) -> T:
    """``format_entry()``, or its result for an identical (style, label, entry) earlier.

    *format_entry* is called without arguments when the result is not known;
    an exception it raises (a missing field) propagates and nothing is kept.
    """
    return compute_once((style_fingerprint(style), label), entry, format_entry)


def compute_once(purpose: Hashable, entry: Entry, compute: Callable[[], T]) -> T:
    """``compute()``, or its result for an identical entry and *purpose* earlier.

    *purpose* names what is computed from the entry and everything else it
    depends on (the style and label of a formatted entry, "bibtex" for the
    entry written back as BibTeX).
    """
    key = (purpose, entry_fingerprint(entry))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    result = compute()
    global _computed_since_saved
    with _lock:
        _cache[key] = result
        _computed_since_saved += 1
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return result


def style_fingerprint(style: object) -> tuple:
    """What a style's output depends on besides the entry: its class and settings."""
    return (
        type(style),
        getattr(style, "terms", None),  # the language's words (a frozen dataclass)
        getattr(style, "max_names", None),
        getattr(style, "names_shown", None),
        getattr(style, "abbreviate_names", None),
        type(getattr(style, "name_style", None)),
    )


#: id(entry) -> (entry, its fingerprint): entries are not changed once parsed
#: (an edited .bib file is parsed into new ones), and every cached result of
#: every page asks for the same few dozen.
_fingerprints: OrderedDict[int, tuple[Entry, tuple]] = OrderedDict()


def entry_fingerprint(entry: Entry) -> tuple:
    """The entry's key, type, fields and names, as hashable values."""
    known = _fingerprints.get(id(entry))
    if known is not None and known[0] is entry:
        return known[1]
    fingerprint = _fingerprint(entry)
    with _lock:
        _fingerprints[id(entry)] = (entry, fingerprint)  # the entry is kept: its id is not reused
        while len(_fingerprints) > MAX_ENTRIES:
            _fingerprints.popitem(last=False)
    return fingerprint


def _fingerprint(entry: Entry) -> tuple:
    persons = tuple(
        (role, tuple(tuple(tuple(getattr(person, part)) for part in NAME_PARTS) for person in people))
        for role, people in entry.persons.items()
    )
    return (entry.key, entry.type, tuple((name, str(value)) for name, value in entry.fields.items()),
            persons)


def export(entries: set[tuple]) -> dict[tuple, object]:
    """The cached results for entries of these fingerprints (what :mod:`.format_store` keeps)."""
    with _lock:
        return {key: value for key, value in _cache.items() if key[1] in entries}


def seed(items: dict[tuple, object]) -> None:
    """Results kept by an earlier process; those computed here already win."""
    with _lock:
        for key, value in items.items():
            _cache.setdefault(key, value)
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)


def changed_since_saved() -> bool:
    return _computed_since_saved > 0


def mark_saved() -> None:
    global _computed_since_saved
    _computed_since_saved = 0


def clear() -> None:
    global _computed_since_saved
    with _lock:
        _cache.clear()
        _fingerprints.clear()
        _computed_since_saved = 0


def size() -> int:
    return len(_cache)
