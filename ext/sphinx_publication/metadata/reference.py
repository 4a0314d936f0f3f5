"""The article as a reference: pybtex entry, BibTeX, RIS, formatted citation.

One pybtex entry (:func:`article_entry`) feeds the BibTeX download and the
formatted citation, which goes through the project's own French style, so
« Citer cet article » reads like the bibliography. RIS is a dozen tagged lines:
written here rather than adding a library for it.
"""

from __future__ import annotations

from functools import lru_cache

from pybtex.database import BibliographyData, Entry, Person

from .model import Article



def bibtex_text(text: str) -> str:
    """Plain text for a BibTeX field: pybtex's writer LaTeX-encodes it (``&`` -> ``\\&``);
    braces, which BibTeX reads as grouping, are dropped."""
    return text.replace("{", "").replace("}", "")


def _person(author) -> Person:
    if not author.is_person:
        return Person("{" + bibtex_text(author.entity) + "}")
    return Person(first=bibtex_text(author.given),
                  prelast=bibtex_text(author.particle),
                  last=bibtex_text(author.family),
                  lineage=bibtex_text(author.suffix))


def article_entry(article: Article, url: str = "") -> Entry:
    """``@misc`` (every BibTeX style knows it) with the URL (*url*: the landing page's), DOI, date."""
    fields = {"title": "{" + bibtex_text(article.title) + "}"}
    date = article.date_published
    if date:
        fields["year"] = str(date.year)
        if date.month:
            fields["month"] = str(date.month)  # a number: no macro survives pybtex's writer
            if date.day:
                fields["day"] = str(date.day)
    if url or article.url:
        fields["url"] = url or article.url
    if article.doi:
        fields["doi"] = article.doi
    if article.language:
        fields["language"] = article.language
    if article.keywords:
        fields["keywords"] = bibtex_text(", ".join(article.keywords))
    entry = Entry("misc", fields=fields, persons={"author": [_person(a) for a in article.authors]})
    entry.key = article.citation_key()
    return entry


@lru_cache(maxsize=8)  # the same article on every page that shows it
def article_bibtex(article: Article, url: str = "") -> str:
    key = article.citation_key()
    return BibliographyData({key: article_entry(article, url)}).to_string("bibtex").strip() + "\n"


def bibliography_bibtex(entries: list[Entry]) -> str:
    """The cited entries, parsed and written back by pybtex (one layout for all).

    Written entry by entry (pybtex separates entries by a blank line), each
    kept for identical contents: an edit rewrites only the entries it changed."""
    from ..citations.format_cache import compute_once

    return "\n".join(compute_once("bibtex", entry, lambda entry=entry: _entry_bibtex(entry))
                     for entry in entries)


def _entry_bibtex(entry: Entry) -> str:
    return BibliographyData({entry.key: entry}).to_string("bibtex")


@lru_cache(maxsize=8)  # the same article on every page that shows it
def article_ris(article: Article, url: str = "") -> str:
    """RIS (the tagged format EndNote, Zotero and Mendeley import); CRLF as the format says."""
    lines = [("TY", "ELEC")]
    lines += [("AU", author.inverted_name) for author in article.authors]
    lines.append(("TI", article.title))
    if article.site_title != article.title:
        lines.append(("T2", article.site_title))
    date = article.date_published
    if date:
        lines.append(("PY", str(date.year)))
        lines.append(("DA", "/".join([f"{date.year:04d}", f"{date.month:02d}" if date.month else "",
                                      f"{date.day:02d}" if date.day else "", ""])))
    if article.abstract:
        lines.append(("AB", article.abstract))
    lines += [("KW", keyword) for keyword in article.keywords]
    if article.language:
        lines.append(("LA", article.language))
    if url or article.url:
        lines.append(("UR", url or article.url))
    if article.doi:
        lines.append(("DO", article.doi))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


@lru_cache(maxsize=8)  # the same article on every page that shows it
def formatted_citation(article: Article, url: str = ""):
    """The citation as the project's style formats it (pybtex rich text)."""
    from ..citations.style import Style

    entry = article_entry(article, url)
    return Style(language=article.language).format_entry("", entry).text
