"""The whole import, without files: draft text (+ citation mapping) -> pages and diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinx_publication.editorial.wordcount import count_words

from .citations import CitationMap, resolve_citations
from .emit import emit_pages
from .figure_check import check_figures
from .messages import _
from .model import BulletList, Diagnostic, Document, Paragraph, Text, WordCount
from .parse import parse_draft


@dataclass
class ImportResult:
    pages: dict[str, str] = field(default_factory=dict)  # empty when there are errors
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document: Document | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def import_draft(text: str, mapping: CitationMap | None = None) -> ImportResult:
    """Parse, resolve citations, emit. Pages are produced only when nothing is wrong."""
    parsed = parse_draft(text)
    result = ImportResult(diagnostics=list(parsed.diagnostics), document=parsed.document)
    if parsed.document is None:
        return result
    result.diagnostics += resolve_citations(parsed.document, mapping)
    result.diagnostics += check_figures(parsed.document)
    result.diagnostics += word_count_notices(parsed.document)
    result.diagnostics.sort(key=lambda d: (d.location.line, d.location.column))
    if not result.errors:
        result.pages = emit_pages(parsed.document)
    return result


def article_words(document: Document) -> int:
    """Words of the article's prose: headings, paragraphs and lists (markers excluded),
    counted as the built ``{word-count}`` counts them."""
    texts = [part.title for part in document.parts]
    texts += [section.title for part in document.parts for section in part.sections]
    for block in document.iter_blocks():
        runs = [block.inlines] if isinstance(block, Paragraph) else (
            block.items if isinstance(block, BulletList) else [])
        texts += [i.text for run in runs for i in run if isinstance(i, Text)]
    return sum(count_words(text) for text in texts)


def word_count_notices(document: Document) -> list[Diagnostic]:
    notices = []
    for block in document.iter_blocks():
        if isinstance(block, WordCount):
            notices.append(Diagnostic("notice", block.location, _(
                "stated word count ({stated}) replaced by the computed one "
                "(the draft has about {actual} words)"
            ).format(stated=block.stated if block.stated is not None else "—",
                     actual=article_words(document))))
    return notices
