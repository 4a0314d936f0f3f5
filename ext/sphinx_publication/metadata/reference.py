"""The article as a reference: pybtex entry, BibTeX, RIS, formatted citation.

One pybtex entry (:func:`article_entry`) feeds the BibTeX download and the
formatted citation, which goes through the project's own French style, so
« Citer cet article » reads like the bibliography. RIS is a dozen tagged lines:
written here rather than adding a library for it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pybtex.database import BibliographyData, Entry, Person

from .model import Article


# -- BibTeX text -----------------------------------------------------------------------
#
# A field of the .bib download is LaTeX: each character LaTeX or BibTeX reads
# as syntax is written so that it prints as written (``%`` starts a comment,
# ``&`` is an alignment tab, ``_`` and ``^`` are math-only, ``~`` is a
# non-breaking space, ``--`` a dash). BibTeX counts braces even after a
# backslash, so ``\{``/``\}`` are used only for braces that pair up; a lone
# one is ``\textbraceleft{}``/``\textbraceright{}``.

_LATEX_CHARACTERS = {
    "\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
#: ligatures LaTeX (and latexcodec) would read: ``--``, ``''``, ``\`\```, ``!\```, ``?\```, ``,,``, ``<<``, ``>>``
_LIGATURE_RE = re.compile(r"(?<=-)(?=-)|(?<=')(?=')|(?<=`)(?=`)|(?<=[!?])(?=`)|(?<=,)(?=,)|(?<=<)(?=<)|(?<=>)(?=>)")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _paired_braces(text: str) -> set[int]:
    """Positions of the braces of *text* that pair up."""
    paired, opened = set(), []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}" and opened:
            paired.update((opened.pop(), index))
    return paired


def bibtex_text(text: str) -> str:
    """*text* as the value of a BibTeX field (between braces) that prints as written."""
    text = " ".join(_CONTROL_RE.sub(" ", text).split())
    paired = _paired_braces(text)
    out = []
    for index, char in enumerate(text):
        if char in "{}":
            if index in paired:
                out.append("\\" + char)
            else:
                out.append(r"\textbraceleft{}" if char == "{" else r"\textbraceright{}")
        else:
            out.append(_LATEX_CHARACTERS.get(char, char))
    return _LIGATURE_RE.sub("{}", "".join(out))


def _bibtex_fields(article: Article, url: str) -> list[tuple[str, str]]:
    """(name, BibTeX value) pairs of the article's ``@misc`` entry."""
    fields = [("author", " and ".join(_bibtex_name(a) for a in article.authors)),
              ("title", "{" + bibtex_text(article.title) + "}")]  # braced: case kept as written
    date = article.date_published
    if date:
        fields.append(("year", str(date.year)))
        if date.month:
            fields.append(("month", str(date.month)))  # a number: no macro needed
            if date.day:
                fields.append(("day", str(date.day)))
    if url or article.url:
        fields.append(("url", _bibtex_verbatim(url or article.url)))
    if article.doi:
        fields.append(("doi", _bibtex_verbatim(article.doi)))
    if article.language:
        fields.append(("language", bibtex_text(article.language)))
    if article.keywords:
        fields.append(("keywords", bibtex_text(", ".join(article.keywords))))
    return fields


def _bibtex_name(author) -> str:
    """``de La Salle, Jean`` (BibTeX's "von Last, Jr, First"); an organisation in braces.
    A part holding a comma or the word "and" is braced, so it is never split."""
    if not author.is_person:
        return "{" + bibtex_text(author.entity) + "}"

    def part(text: str) -> str:
        value = bibtex_text(text)
        return "{" + value + "}" if re.search(r",|\band\b", text, re.IGNORECASE) else value

    parts = [part(p) for p in (author.family_with_particle, author.suffix, author.given) if p]
    if not author.family_with_particle:  # a given name alone: BibTeX's last name
        return "{" + bibtex_text(author.given) + "}" if author.given else "{}"
    return ", ".join(parts)


def _bibtex_verbatim(value: str) -> str:
    """An address or a DOI: read verbatim by biblatex and hyperref; only what would end the
    field (an unpaired brace) or the line is left out."""
    value = " ".join(_CONTROL_RE.sub(" ", value).split())
    paired = _paired_braces(value)
    return "".join(c for i, c in enumerate(value) if c not in "{}" or i in paired)


# -- pybtex entry for the formatted citation --------------------------------------------
#
# pybtex reads every text field as LaTeX (``Text.from_latex``). The fields of
# the entry formatted for « Citer cet article » hold the text with each
# character LaTeX would read replaced by a noncharacter, put back in
# the formatted text: the citation prints the title as written.

#: characters pybtex's LaTeX reading (latexcodec, then braces) would change
_PROTECTED = "\\{}$~%&#^_`"
#: second characters of the ligatures latexcodec reads (``--``, ``''``, ``,,``, ``<<``, ``>>``)
_LIGATURE_SECOND_RE = re.compile(r"(?<=-)-|(?<=')'|(?<=,),|(?<=<)<|(?<=>)>")
# Unicode noncharacters (U+FDD0…U+FDEF): reserved for a program's internal use, so no
# text means anything by them
_SHIELDS = {char: chr(0xFDD0 + index) for index, char in enumerate(_PROTECTED)}
_LIGATURE_SHIELDS = {char: chr(0xFDE0 + index) for index, char in enumerate("-',<>")}
_UNSHIELD = {shield: char for table in (_SHIELDS, _LIGATURE_SHIELDS) for char, shield in table.items()}
_NONCHARACTER_RE = re.compile("[\ufdd0-\ufdef]")


def _shielded(text: str) -> str:
    """*text* with what LaTeX reading would change replaced by noncharacters
    (those of the text itself are left out)."""
    text = " ".join(_CONTROL_RE.sub(" ", _NONCHARACTER_RE.sub("", text)).split())
    text = _LIGATURE_SECOND_RE.sub(lambda match: _LIGATURE_SHIELDS[match.group()], text)
    return "".join(_SHIELDS.get(char, char) for char in text)


def _unshielded(text: str) -> str:
    return "".join(_UNSHIELD.get(char, char) for char in text)


def _person(author) -> Person:
    if not author.is_person:
        return Person("{" + _shielded(author.entity) + "}")
    return Person(first=_shielded(author.given),
                  prelast=_shielded(author.particle),
                  last=_shielded(author.family),
                  lineage=_shielded(author.suffix))


def article_entry(article: Article, url: str = "") -> Entry:
    """``@misc`` (every BibTeX style knows it) with the URL (*url*: the landing page's), DOI,
    date; text fields shielded from LaTeX reading (see :func:`formatted_citation`)."""
    fields = {"title": "{" + _shielded(article.title) + "}"}
    date = article.date_published
    if date:
        fields["year"] = str(date.year)
        if date.month:
            fields["month"] = str(date.month)
            if date.day:
                fields["day"] = str(date.day)
    if url or article.url:
        fields["url"] = url or article.url
    if article.doi:
        fields["doi"] = article.doi
    if article.language:
        fields["language"] = _shielded(article.language)
    entry = Entry("misc", fields=fields, persons={"author": [_person(a) for a in article.authors]})
    entry.key = article.citation_key()
    return entry


@lru_cache(maxsize=8)  # the same article on every page that shows it
def article_bibtex(article: Article, url: str = "") -> str:
    """The article's BibTeX entry, every value escaped (it round-trips through a BibTeX parser)."""
    body = ",\n".join(f"    {name} = {{{value}}}" for name, value in _bibtex_fields(article, url))
    return f"@misc{{{article.citation_key()},\n{body}\n}}\n"


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
    return _restore(Style(language=article.language).format_entry("", entry).text)


def _restore(text):
    """The formatted rich text with the shielded characters put back."""
    from pybtex.richtext import BaseMultipartText, String

    if isinstance(text, String):
        return String(_unshielded(text.value))
    if isinstance(text, BaseMultipartText):
        return text._create_similar([_restore(part) for part in text.parts])
    return text
