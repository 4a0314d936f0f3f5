"""Article-level pages list every cited work: rewrite them when that list changes.

The landing page's Highwire references and JSON-LD ``citation`` come from the
whole bibliography, which other pages and the .bib file change. After each
read (``env-updated``) a fingerprint of the cited entries is compared with
the previous build's; when it differs, the article-level pages are written
again, so an incremental build equals a clean one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..citations.format_cache import entry_fingerprint
from ..snapshots import SnapshotDomain
from .pages import is_article_page
from .works import cited_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class MetadataSnapshotDomain(SnapshotDomain):
    """Remembers the cited entries' fingerprint between builds (whole-build data)."""

    name = "publication-metadata"
    label = "Publication metadata"
    initial_data: dict[str, Any] = {"cited": None}
    data_version = 2


def fingerprint(env: BuildEnvironment) -> tuple:
    """The cited entries' contents, as the formatted-entry cache keys them."""
    return tuple(entry_fingerprint(entry) for entry in cited_entries(env))


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    current = fingerprint(env)
    if env.get_domain(MetadataSnapshotDomain.name).swap("cited", current) == current:
        return []
    return sorted(doc for doc in env.found_docs if is_article_page(app, doc))
