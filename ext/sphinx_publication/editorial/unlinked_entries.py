"""Bibliography entries that give the reader no way to find the work. No Sphinx here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# An arXiv eprint is rendered as a link by sphinxcontrib-bibtex, so it counts.
LOCATOR_FIELDS = ("doi", "url", "eprint")


@dataclass(frozen=True)
class UnlinkedEntry:
    key: str
    title: str


def _field(entry: Any, name: str) -> str:
    fields = getattr(entry, "fields", {}) or {}
    for field_name, value in fields.items():
        if field_name.lower() == name:
            return str(value).strip()
    return ""


def entries_without_locator(entries: Mapping[str, Any]) -> list[UnlinkedEntry]:
    """Entries (pybtex ``Entry`` objects) with no DOI, URL or eprint, sorted by key."""
    found = []
    for key in sorted(entries):
        entry = entries[key]
        if not any(_field(entry, name) for name in LOCATOR_FIELDS):
            title = _field(entry, "title").replace("{", "").replace("}", "")
            found.append(UnlinkedEntry(key=key, title=title))
    return found
