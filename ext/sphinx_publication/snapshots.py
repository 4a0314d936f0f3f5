"""Whole-build values kept from one build to the next, to know which pages to write again.

Sphinx writes again the pages it read again, but some of what a page shows
comes from the whole project: every page's navigation shows the titles, the
bibliography the places citing each entry, the landing page the cited works.
Such a value is computed after each read (``env-updated``), in the main
process, and compared with the previous build's: when it differs, the pages
showing it are handed to Sphinx, so an incremental build equals a clean one.

:class:`SnapshotDomain` keeps those values in the environment: a domain, so
that Sphinx saves them with it and drops them with it; nothing in it belongs
to a document, and nothing is merged from parallel readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set


class SnapshotDomain(Domain):
    """Whole-build values of the previous build, by name (set ``name``, ``label``,
    ``initial_data`` in a subclass)."""

    def clear_doc(self, docname: str) -> None:
        pass  # recomputed for the whole project after every read

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        pass  # computed in the main process after merging

    def resolve_any_xref(self, *args, **kwargs):
        return []

    def swap(self, key: str, current: Any) -> Any:
        """Keep *current* under *key* for the next build; return the previous build's value."""
        previous, self.data[key] = self.data[key], current
        return previous
