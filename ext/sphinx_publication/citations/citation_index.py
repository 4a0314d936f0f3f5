"""The citation index: per key, its label, its text and the pages citing it.

Kept in step between builds so that incremental builds equal clean builds.

sphinxcontrib-bibtex recomputes labels at every build, but Sphinx writes
only the documents it re-read: after a .bib edit, pages that merely cite
keep their old numbers and tooltips, and the bibliography page keeps old
backlinks when a citing page changes. After each read phase we compare a
snapshot of what citing pages and bibliography pages show — per key: label,
entry text, and the pages citing it with their titles — with the previous
build's snapshot and hand Sphinx every document whose output changes
(``env-updated``).

The snapshot is computed once per build, after reading, in the main process;
it is also the index the backlinks are drawn from (:mod:`.backlinks`), so
writing a page does no project-wide work.

Documents citing a key that is missing are written on every build, so the
missing-key warning is emitted by incremental builds too, not only by clean
ones (a reused build directory must fail ``-W`` like a fresh one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pybtex.backends.html import Backend as HTMLText

from ..snapshots import SnapshotDomain
from .queries import Places, cited_keys_by_doc, citing_places

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class CitationIndexDomain(SnapshotDomain):
    """Remembers, between builds, what each citation looked like."""

    name = "publication-citation-index"
    label = "Publication citation index"
    initial_data: dict[str, Any] = {"entries": {}, "backlinks": {}, "citation_keys": {}}
    data_version = 4


def take_snapshot(env: BuildEnvironment) -> tuple[dict, dict[str, Places]]:
    """(key -> (label, text), key -> places citing it) of this build."""
    cite = env.get_domain("cite")
    markup = HTMLText()  # markup, not plain text: the same words moved to a field printed in italics show
    entries = {
        citation.key: (
            citation.formatted_entry.label,
            citation.formatted_entry.text.render(markup),
        )
        for citation in cite.citations
    }
    return entries, citing_places(env)


def documents_to_rewrite(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    snapshot = env.get_domain(CitationIndexDomain.name)
    cite = env.get_domain("cite")
    entries, backlinks = take_snapshot(env)
    old_entries, old_backlinks = snapshot.swap("entries", entries), snapshot.swap("backlinks", backlinks)
    changed = {
        key
        for key in old_entries.keys() | entries.keys()
        if old_entries.get(key) != entries.get(key)
    }
    # a citing page's cards (cards.py) show each cited entry's backlinks too
    cited_elsewhere = {
        key
        for key in old_backlinks.keys() | backlinks.keys()
        if old_backlinks.get(key) != backlinks.get(key)
    }
    known = set(cite.bibdata.data.entries.keys())
    docs = set()
    for docname, keys in cited_keys_by_doc(env).items():
        if keys & (changed | cited_elsewhere) or keys - known:
            docs.add(docname)
    if changed or old_backlinks != backlinks:
        docs.update(key.docname for key in cite.bibliographies)
    snapshot.swap("citation_keys", {citation.citation_id: citation.key for citation in cite.citations})
    return sorted(docs & env.found_docs)
