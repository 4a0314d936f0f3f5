"""COinS (ContextObjects in Spans): an OpenURL in ``span.Z3988`` per bibliography entry.

Zotero's connector (and other reference managers) offers to save every
reference of a page that carries these spans. The KEV format follows the
OpenURL 1.0 (Z39.88-2004) registry: ``journal`` for articles and papers,
``book`` for books, reports and chapters, Dublin Core (``dc``) for the rest.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from .works import CitedWork

JOURNAL_TYPES = {"article": "article", "inproceedings": "proceeding"}
BOOK_TYPES = {"book": "book", "techreport": "report", "report": "report",
              "incollection": "bookitem", "inbook": "bookitem"}


def coins_pairs(work: CitedWork) -> list[tuple[str, str]]:
    pairs = [("ctx_ver", "Z39.88-2004")]
    if work.type in JOURNAL_TYPES:
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
                  ("rft.genre", JOURNAL_TYPES[work.type]), ("rft.atitle", work.title)]
        if work.container:
            pairs.append(("rft.jtitle" if work.type == "article" else "rft.btitle", work.container))
        pairs += _authors(work, "rft.au")
    elif work.type in BOOK_TYPES:
        genre = BOOK_TYPES[work.type]
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", genre)]
        if genre == "bookitem":
            pairs += [("rft.atitle", work.title), ("rft.btitle", work.container)]
        else:
            pairs.append(("rft.btitle", work.title))
        if work.publisher:
            pairs.append(("rft.pub", work.publisher))
        pairs += _authors(work, "rft.au")
    else:
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.type", "webpage" if work.type == "online" else "document"),
                  ("rft.title", work.title)]
        pairs += _authors(work, "rft.creator")
        if work.container:
            pairs.append(("rft.source", work.container))
    if work.date:
        pairs.append(("rft.date", work.date.iso()))
    for key, value in (("rft.volume", work.volume), ("rft.issue", work.number), ("rft.pages", work.pages)):
        if value and work.type in JOURNAL_TYPES:
            pairs.append((key, value))
    if work.doi_url:  # a DOI a browser may follow (no javascript: written as one)
        pairs.append(("rft_id", f"info:doi/{work.doi}"))
    if work.url:
        pairs.append(("rft_id", work.url))
    return pairs


def _authors(work: CitedWork, key: str) -> list[tuple[str, str]]:
    return [(key, author.inverted_name) for author in work.authors]


def coins_title(work: CitedWork) -> str:
    return urlencode(coins_pairs(work))


def coins_span(work: CitedWork) -> str:
    return f'<span class="Z3988" title="{escape(coins_title(work))}"></span>'
