"""The build's formatted entries (:mod:`.format_cache`), kept in its environment.

A domain holds them, so Sphinx pickles them with the environment, merges
what parallel readers formatted, and starts afresh with a fresh environment
or another ``env_version`` of the package. Each build names its cache before
the first entry is formatted; after reading, the results of entries the .bib
files no longer hold are dropped, so a long preview session does not grow
with every edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

from .. import priorities
from . import format_cache
from .queries import bibtex_domain

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class FormattedEntriesDomain(Domain):
    """Formatted entries by contents: nothing per document."""

    name = "publication-formatted-entries"
    label = "Publication formatted entries"
    initial_data: dict[str, Any] = {"cache": format_cache.FormattedEntries(), "libraries": None}
    data_version = 1

    def clear_doc(self, docname: str) -> None:
        pass  # keyed on entry contents, not on pages

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.data["cache"].merge(otherdata["cache"])

    def resolve_any_xref(self, *args, **kwargs):
        return []


def libraries() -> tuple[str, ...]:
    """The versions of what formats besides this package (whose ``env_version`` Sphinx checks)."""
    import babel
    import pybtex

    return (pybtex.__version__, babel.__version__)


def cache_of(env: BuildEnvironment) -> format_cache.FormattedEntries:
    return env.get_domain(FormattedEntriesDomain.name).data["cache"]


def use_build_cache(app: Sphinx, *args) -> None:
    """``builder-inited``, ``env-before-read-docs``: this build keeps results in its environment."""
    data = app.env.get_domain(FormattedEntriesDomain.name).data
    if data["libraries"] != libraries():  # an upgraded pybtex or Babel may format otherwise
        data["cache"], data["libraries"] = format_cache.FormattedEntries(), libraries()
    format_cache.use(data["cache"])


def forget_old_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: keep the results of the entries of this build's .bib files only."""
    bibdata = getattr(bibtex_domain(env), "bibdata", None)
    cache_of(env).keep_only(bibdata.data.entries.values() if bibdata is not None else ())


def setup(app: Sphinx) -> None:
    app.add_domain(FormattedEntriesDomain)
    app.connect("builder-inited", use_build_cache, priority=priorities.FORMATTED_ENTRIES)
    app.connect("env-before-read-docs", use_build_cache, priority=priorities.FORMATTED_ENTRIES_BEFORE_READING)
    app.connect("env-updated", forget_old_entries, priority=priorities.FORGET_OLD_ENTRIES)
