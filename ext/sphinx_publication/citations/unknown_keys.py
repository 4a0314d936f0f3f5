"""Citation keys that the .bib files do not define: the query the editorial layer asks.

sphinxcontrib-bibtex records every ``{cite}`` (and the ``:source:`` of charts,
which cites the same way) in its domain with the page and line it comes from;
a key that no .bib entry defines is "unknown". The editorial layer counts
them in its summary and blocks a release on each (:mod:`..editorial.gate`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.nodes import get_node_line


@dataclass(frozen=True, order=True)
class UnknownKey:
    """One citation of *key*, which no .bib entry defines, at *docname*:*line*."""

    docname: str
    line: int
    key: str


def bibtex_domain(env):
    """sphinxcontrib-bibtex's domain; None when the extension is not loaded."""
    try:
        return env.get_domain("cite")
    except ExtensionError:
        return None


def defined_keys(env) -> Collection[str]:
    """Keys of every entry read from the .bib files (pybtex: case-insensitive)."""
    domain = bibtex_domain(env)
    return domain.bibdata.data.entries if domain is not None else {}


def unknown_keys_cited(env) -> list[UnknownKey]:
    """Every citation of a key missing from the .bib files, sorted by page and line."""
    domain = bibtex_domain(env)
    if domain is None:
        return []
    known = defined_keys(env)
    found = set()
    for ref in domain.citation_refs:
        unknown = [target.key for target in ref.targets if target.key not in known]
        if unknown:
            line = ref.line or citation_line(env, ref.docname, ref.citation_ref_id)
            found.update(UnknownKey(ref.docname, line, key) for key in unknown)
    return sorted(found)


def citation_line(env, docname: str, citation_id: str) -> int:
    """Line of a citation in its page's source (MyST pages leave it out of the domain)."""
    try:
        doctree = env.get_doctree(docname)
    except OSError:
        return 0
    for node in doctree.findall(addnodes.pending_xref):
        if citation_id in node["ids"]:
            try:
                return get_node_line(node)
            except ValueError:
                return 0
    return 0
