"""sphinxcontrib-bibtex's domain, linear in the number of citations.

Three costs of sphinxcontrib-bibtex 2.7 grow faster than the book; results
are unchanged, only the repeated work goes:

* ``get_filtered_entries`` scans every citation reference of the project for
  every entry of a bibliography (entries × references): the pages citing
  each key are indexed here in one pass;
* ``get_all_cited_keys`` sorts the references by ``docnames.index`` (pages ×
  references): positions are looked up in a dict;
* ``resolve_xref`` formats every citation through pybtex templates, though
  a book cites the same keys again and again: a resolved citation is kept,
  per target and per what its links look like from the citing page (the
  relative address of each bibliography page), and copied for the next one.

Each belongs upstream (the first two are plain algorithmic fixes; the third
would be a cache of formatted references keyed like ours, or formatting
per key once, in ``env_updated``); see BENCHMARKS.md.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor, logger

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils import nodes


class LinearBibtexDomain(BibtexDomain):
    """:class:`BibtexDomain` with the same results and no work repeated per citation."""

    def env_updated(self) -> Iterable[str]:
        # labels and entries are formatted anew: what was resolved with them goes
        self._resolved: dict[tuple, nodes.Element] = {}
        self._citing_docnames: dict[str, set[str]] | None = None
        self._pages_by_key: dict[str, set[str]] | None = None
        return super().env_updated()

    # -- after reading -------------------------------------------------------------

    def citing_docnames(self) -> dict[str, set[str]]:
        """key -> the pages citing it, from one pass over the references."""
        index = getattr(self, "_citing_docnames", None)
        if index is None:
            index = defaultdict(set)
            for citation_ref in self.citation_refs:
                for target in citation_ref.targets:
                    index[target.key].add(citation_ref.docname)
            self._citing_docnames = index
        return index

    def get_filtered_entries(self, bibliography_key):
        """Upstream's, with each entry's citing pages looked up rather than searched for."""
        bibliography = self.bibliographies[bibliography_key]
        citing = self.citing_docnames()
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            cited_docnames = set(citing.get(key, ()))
            visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname,
                                     cited_docnames=cited_docnames)
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                logger.warning(
                    "syntax error in :filter: expression; %s" % err,
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",
                )
                success = bool(cited_docnames)
            if success or entry.key in bibliography.keys:
                yield key, entry

    def get_all_cited_keys(self, docnames):
        """Upstream's order (pages in *docnames*' order, then reading order), by a dict look-up."""
        position = {docname: index for index, docname in enumerate(docnames)}
        for citation_ref in sorted(self.citation_refs, key=lambda c: position[c.docname]):
            for target in citation_ref.targets:
                yield target.key

    # -- writing ---------------------------------------------------------------------

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        memo = getattr(self, "_resolved", None)
        key = self._resolution_key(fromdocname, builder, typ, target) if memo is not None else None
        if key is None:  # a key to warn about, or an unreadable target: upstream's way
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        resolved = memo.get(key)
        if resolved is None:
            resolved = memo[key] = super().resolve_xref(env, fromdocname, builder, typ, target,
                                                        node, contnode)
        return resolved.deepcopy()  # later transforms change the nodes they are given

    def _resolution_key(self, fromdocname: str, builder, typ: str, target: str) -> tuple | None:
        """What the resolved citation depends on besides the domain's data of this build:
        its role and target, whether a bibliography of the citing page comes first
        (upstream resolves locally first), and each bibliography page's address from it."""
        try:
            keys = {t.key for t in parse_citation_targets(target)}
        except ValueError:
            return None
        pages = self._bibliography_pages()
        if not keys <= pages.keys():
            return None
        documents = sorted({docname for key in keys for docname in pages[key]})
        return (builder.name, typ, target, fromdocname if fromdocname in documents else None,
                tuple(builder.get_relative_uri(fromdocname, docname) for docname in documents))

    def _bibliography_pages(self) -> dict[str, set[str]]:
        """key -> the pages of the ``citation`` bibliographies that list it."""
        if self._pages_by_key is None:  # once per build, after env_updated listed the citations
            index: dict[str, set[str]] = defaultdict(set)
            for citation in self.citations:
                if self.bibliographies[citation.bibliography_key].list_ == "citation":
                    index[citation.key].add(citation.bibliography_key.docname)
            self._pages_by_key = dict(index)
        return self._pages_by_key
