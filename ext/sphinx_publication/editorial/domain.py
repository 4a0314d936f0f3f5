"""Cross-document state: one DocRecord per document."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Set

from sphinx.domains import Domain

from ..reading_order import reading_order
from .model import DocRecord, toctree_order


class EditorialDomain(Domain):
    name = "editorial"
    label = "Editorial"
    data_version = 1
    initial_data: dict = {"docs": {}}

    @property
    def records(self) -> dict[str, DocRecord]:
        return self.data["docs"]

    def set_record(self, docname: str, record: DocRecord) -> None:
        self.records[docname] = record

    def clear_doc(self, docname: str) -> None:
        self.records.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict) -> None:
        for docname in docnames:
            if docname in otherdata["docs"]:
                self.records[docname] = otherdata["docs"][docname]

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    # -- queries ---------------------------------------------------------------

    def ordered(self) -> Iterator[tuple[str, DocRecord]]:
        """Records in reading order (the root toctree's order)."""
        env = self.env
        order = toctree_order(env.config.root_doc, env.toctree_includes, self.records)
        for docname in order:
            if docname in self.records:
                yield docname, self.records[docname]

    def dependent_docs(self) -> set[str]:
        """Documents whose output depends on every other document."""
        return {d for d, r in self.records.items() if r.holds_report or r.holds_word_count}

    def article_docs(self) -> list[str]:
        """Documents counted as the article: reachable from the root toctree,
        minus ``word_count_exclude`` and the report and bibliography pages."""
        env = self.env
        patterns = list(env.config.word_count_exclude)
        counted = []
        for docname in reading_order(env.config.root_doc, env.toctree_includes):
            record = self.records.get(docname)
            if record is None or record.holds_report or record.holds_bibliography:
                continue
            if any(fnmatch.fnmatchcase(docname, p) for p in patterns):
                continue
            counted.append(docname)
        return counted

    def article_words(self) -> int:
        return sum(self.records[d].words for d in self.article_docs())
