"""Article-level pages list every cited work: rewrite them when that list changes.

The landing page's Highwire references and JSON-LD ``citation`` come from the
whole bibliography, which other pages and the .bib file change. After each
read (``env-updated``) a fingerprint of the cited entries is compared with
the previous build's; when it differs, the article-level pages are written
again, so an incremental build equals a clean one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

from .pages import is_article_page
from .works import cited_entries

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class MetadataSnapshotDomain(Domain):
    """Remembers the cited entries' fingerprint between builds (whole-build data)."""

    name = "publication-metadata"
    label = "Publication metadata"
    initial_data: dict[str, Any] = {"cited": None}
    data_version = 1

    def clear_doc(self, docname: str) -> None:
        pass  # computed for the whole build after reading

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        pass  # computed in the main process after merging

    def resolve_any_xref(self, *args, **kwargs):
        return []


def fingerprint(env: BuildEnvironment) -> tuple:
    return tuple(
        (entry.key, entry.type, tuple(sorted(entry.fields.items())),
         tuple((role, tuple(str(p) for p in people)) for role, people in sorted(entry.persons.items())))
        for entry in cited_entries(env)
    )


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    data = env.get_domain(MetadataSnapshotDomain.name).data
    current = fingerprint(env)
    if data["cited"] == current:
        return []
    data["cited"] = current
    return sorted(doc for doc in env.found_docs if is_article_page(app, doc))
