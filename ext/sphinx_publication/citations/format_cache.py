"""Formatted bibliography entries, computed once per entry contents, kept in the build.

Formatting an entry with pybtex (template engine, LaTeX decoding of every
field, dates through Babel) is the costliest part of the citation work, and
sphinxcontrib-bibtex formats each cited entry twice per build — for the
list and for the hover text — then again on every incremental build.
:func:`format_entry_once` returns the same formatted entry for the same
style and entry contents, whoever asks (the list, the hover text, the hover
cards, the missing-field check); :func:`compute_once` keeps other per-entry
results the same way (the entry written back as BibTeX, the cited work of
the page metadata).

The results live in the build's environment (:class:`FormattedEntries`, the
data of :mod:`.formatted_entries`' domain): Sphinx pickles them with it, so a
later build, in this process or a new one, formats only the entries that
changed, and drops them with it (a fresh environment, another ``env_version``).
Keys are derived, not listed: the entry's contents (:func:`entry_fingerprint`)
and the style's class and settings (:func:`style_key`).

No Sphinx import here: the style, a plain pybtex plugin, asks through this
module, and sphinxcontrib-bibtex creates it without arguments, so it cannot
be handed the environment: :func:`use` names the cache of the build running
now (set when each build starts), and without one nothing is kept.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pybtex.database import Entry

T = TypeVar("T")
NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")


class FormattedEntries:
    """Results per (purpose, entry contents), pickled with the build's environment."""

    def __init__(self) -> None:
        self.results: dict[tuple, object] = {}
        #: id(entry) -> (entry, its fingerprint): parsed entries are not changed (an
        #: edited .bib is parsed into new ones), and every result asks for the same few
        self._fingerprints: dict[int, tuple[Entry, tuple]] = {}

    def __getstate__(self) -> dict:
        return {"results": self.results}  # object ids mean nothing in another process

    def __setstate__(self, state: dict) -> None:
        self.results = state["results"]
        self._fingerprints = {}

    def __len__(self) -> int:
        return len(self.results)

    def compute_once(self, purpose: Hashable, entry: Entry, compute: Callable[[], T]) -> T:
        key = (purpose, self.fingerprint(entry))
        try:
            return self.results[key]
        except KeyError:
            pass
        result = self.results[key] = compute()  # an exception propagates: nothing is kept
        return result

    def fingerprint(self, entry: Entry) -> tuple:
        known = self._fingerprints.get(id(entry))
        if known is not None and known[0] is entry:
            return known[1]
        fingerprint = entry_fingerprint(entry)
        self._fingerprints[id(entry)] = (entry, fingerprint)  # the entry is kept: its id is not reused
        return fingerprint

    def keep_only(self, entries: Iterable[Entry]) -> None:
        """Forget the results of entries other than these (a .bib edit leaves old versions)."""
        entries = list(entries)
        current = {self.fingerprint(entry) for entry in entries}
        self.results = {key: value for key, value in self.results.items() if key[1] in current}
        self._fingerprints = {id(entry): (entry, self.fingerprint(entry)) for entry in entries}

    def merge(self, other: FormattedEntries) -> None:
        """Results computed by a parallel reader; equal keys hold equal results."""
        for key, value in other.results.items():
            self.results.setdefault(key, value)


#: The cache of the build running now (one at a time in a process): a handle on
#: the environment's data, which holds the results.
_active: ContextVar[FormattedEntries | None] = ContextVar("publication_formatted_entries",
                                                           default=None)


def use(cache: FormattedEntries | None) -> None:
    """Keep results in *cache* from now on (a build's, when it starts)."""
    _active.set(cache)


def active() -> FormattedEntries | None:
    return _active.get()


def format_entry_once(style: object, entry: Entry, format_entry: Callable[[], T]) -> T:
    """``format_entry()``, or its result for an identical style and entry earlier.

    *format_entry* is called without arguments when the result is not known;
    an exception it raises (a missing field) propagates and nothing is kept.
    """
    return compute_once(style_key(style), entry, format_entry)


def compute_once(purpose: Hashable, entry: Entry, compute: Callable[[], T]) -> T:
    """``compute()``, or its result for an identical entry and *purpose* earlier.

    *purpose* names what is computed from the entry and everything else it
    depends on (the style of a formatted entry, "bibtex" for the entry
    written back as BibTeX).
    """
    cache = _active.get()
    return compute() if cache is None else cache.compute_once(purpose, entry, compute)


def style_key(style: object) -> tuple:
    """What a style's output depends on besides the entry: its class and every setting,
    of the instance and of its classes, as stable values (no object ids: the key is
    kept in the environment for the next process). Derived, so that a new setting
    is part of it without being listed; kept on the style, made once per instance."""
    known = vars(style).get("_format_key")
    if known is None:
        settings = {
            name: value
            for klass in reversed(type(style).__mro__)
            for name, value in vars(klass).items()
            if not name.startswith("_") and not callable(value)
            and not isinstance(value, (classmethod, staticmethod, property))
        }
        settings.update((name, value) for name, value in vars(style).items() if not name.startswith("_"))
        known = (_name(type(style)), _stable(settings))
        style._format_key = known
    return known


def _name(thing: object) -> str:
    return f"{thing.__module__}.{thing.__qualname__}"


def _stable(value: object, depth: int = 0) -> Hashable:
    """*value* as nested tuples of plain values, equal in every process for equal settings."""
    if depth > 8:  # a setting refers back to its style: what is above already tells it apart
        return "…"
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, dict):
        return ("dict", tuple(sorted(((repr(k), _stable(v, depth + 1)) for k, v in value.items()))))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_stable(item, depth + 1) for item in value))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(_stable(item, depth + 1)) for item in value)))
    if isinstance(value, types.MethodType):  # pybtex keeps its plugins' methods (format_name...)
        return ("method", _stable(value.__self__, depth + 1), value.__func__.__qualname__)
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        return _name(value)
    if is_dataclass(value):
        return (_name(type(value)),
                tuple((f.name, _stable(getattr(value, f.name), depth + 1)) for f in fields(value)))
    if hasattr(value, "__dict__"):  # a plugin instance (name, label, sorting style)
        return (_name(type(value)), _stable(vars(value), depth + 1))
    return (_name(type(value)), repr(value))


def entry_fingerprint(entry: Entry) -> tuple:
    """The entry's key, type, fields and names, as hashable values: equal for entries
    of equal contents (what a formatted entry, the metadata of a cited work and the
    pages listing cited works depend on)."""
    persons = tuple(
        (role, tuple(tuple(tuple(getattr(person, part)) for part in NAME_PARTS) for person in people))
        for role, people in entry.persons.items()
    )
    return (entry.key, entry.type, tuple((name, str(value)) for name, value in entry.fields.items()),
            persons)
