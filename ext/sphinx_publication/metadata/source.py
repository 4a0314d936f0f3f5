"""Read the article's metadata from ``CITATION.cff`` (Citation File Format 1.2.0).

Why CITATION.cff is the one source: the repository needs it anyway (GitHub's
"Cite this repository", Zenodo's DOI deposits and reference managers read it),
it holds structured names (given/family, affiliation, ORCID) and every field
the article needs, and a validator exists (``cffconvert --validate``). A
second file would have to be kept in step with it.

The file is checked against the format's schema first (:mod:`.validation`):
a value of the wrong type, an impossible date or an address that is not
http(s) is a located problem and is left out; the rest of the article is used.

Mapping (CFF has no custom keys, so nothing here is invented):

* top-level ``title`` -> the site's short title (Sphinx ``project``);
* ``preferred-citation`` (type ``article``) -> the article: its ``title``,
  ``authors``, ``date-published`` (or ``year``/``month`` when only those are
  known), ``languages[0]``, ``abstract``, ``keywords``, ``license`` (one SPDX
  identifier or a list of them, alternatives), ``url``, ``doi`` — each falling
  back to the top-level field of the same name;
* top-level ``date-released`` -> the last-modified date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..urls import safe_url
from .messages import _
from .model import Article, Author, PartialDate
from .validation import MetadataError, MetadataProblem, check, field_name, line_of, load_yaml, quoted

__all__ = ["MetadataError", "MetadataProblem", "article_from_cff", "article_from_text", "read_article"]

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_article(path: Path, problems: list[MetadataProblem] | None = None) -> Article:
    """Parse and check *path*; raise :class:`MetadataError` (with a line) if it cannot
    describe an article. Values left out are added to *problems*, each with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MetadataError(MetadataProblem(0, _("cannot read the file: {error}").format(error=error))) from error
    return article_from_text(text, source=str(path), problems=problems)


def article_from_text(text: str, source: str = "", problems: list[MetadataProblem] | None = None) -> Article:
    problems = [] if problems is None else problems
    data, lines = load_yaml(text, problems)
    if not isinstance(data, dict):
        raise MetadataError(MetadataProblem(1, _("expected a mapping of CFF keys (cff-version, title, authors…)")))
    data = check(data, lines, problems)
    return article_from_cff(data, source=source, lines=lines, problems=problems)


def article_from_cff(data: dict[str, Any], source: str = "", lines: dict[tuple, int] | None = None,
                     problems: list[MetadataProblem] | None = None) -> Article:
    """The article from checked CFF data (see :func:`article_from_text`)."""
    lines = lines or {}
    problems = [] if problems is None else problems
    cited = data.get("preferred-citation")
    cited = cited if isinstance(cited, dict) else {}

    def where(key: str) -> tuple:
        """The path the value of *key* comes from: the preferred citation's, else the top level's."""
        return ("preferred-citation", key) if cited.get(key) not in (None, "", []) else (key,)

    def pick(key: str) -> Any:
        return cited.get(key) if where(key)[0] == "preferred-citation" else data.get(key)

    title = _text(pick("title"))
    if not title:
        raise MetadataError(MetadataProblem(line_of(where("title"), lines), _("the article has no 'title'")))
    people = pick("authors")
    authors = tuple(_author(a) for a in (people if isinstance(people, list) else []) if isinstance(a, dict))
    authors = tuple(a for a in authors if a.full_name)
    if not authors:
        raise MetadataError(MetadataProblem(
            line_of(where("authors"), lines),
            _("the article has no 'authors' with a name (given-names and family-names, or name)")))
    published = (_date(cited.get("date-published"))
                 or _year_month(cited, lines, problems)
                 or _date(data.get("date-released")))
    languages = pick("languages")
    keywords = pick("keywords")
    licenses = pick("license")
    licenses = licenses if isinstance(licenses, list) else [licenses]
    # the site's address: the preferred citation's, else the top level's (each checked)
    addresses = [_address(cited.get("url"), ("preferred-citation", "url"), lines, problems),
                 _address(data.get("url"), ("url",), lines, problems)]
    return Article(
        title=title,
        authors=authors,
        short_title=_text(data.get("title")),
        date_published=published,
        date_modified=_date(data.get("date-released")),
        language=_text(languages[0]) if isinstance(languages, list) and languages else "",
        abstract=_text(pick("abstract")),
        keywords=tuple(_text(k) for k in keywords if _text(k)) if isinstance(keywords, list) else (),
        licenses=tuple(_text(name) for name in licenses if _text(name)),
        url=next((url for url in addresses if url), ""),
        doi=_text(pick("doi")),
        source=source,
    )


def _text(value: Any) -> str:
    """One line of text; anything but a text (after the schema check: only absent values) is empty."""
    if not isinstance(value, str):
        return ""
    return " ".join(_CONTROL_RE.sub("", value).split())


def _address(value: Any, path: tuple, lines: dict[tuple, int], problems: list[MetadataProblem]) -> str:
    """An http(s) address; anything else (the schema lets ``ftp:`` through) is a problem."""
    text = _text(value)
    if not text:
        return ""
    url = safe_url(text)
    if url is None or not url.lower().startswith(("http://", "https://")):
        problems.append(MetadataProblem(line_of(path, lines), _(
            "{field}: {value}: only http and https addresses become links; ignored").format(
                field=field_name(path), value=quoted(text))))
        return ""
    return url


def _author(data: dict[str, Any]) -> Author:
    return Author(
        given=_text(data.get("given-names")),
        family=_text(data.get("family-names")),
        particle=_text(data.get("name-particle")),
        suffix=_text(data.get("name-suffix")),
        affiliation=_text(data.get("affiliation")),
        orcid=_text(data.get("orcid")),
        entity=_text(data.get("name")) if "family-names" not in data else "",
    )


def _date(value: Any) -> PartialDate | None:
    """A checked ``YYYY-MM-DD`` text (the schema refused the others)."""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
        return PartialDate(day.year, day.month, day.day)
    return None


def _year_month(cited: dict[str, Any], lines: dict[tuple, int],
                problems: list[MetadataProblem]) -> PartialDate | None:
    """``year`` (a number, or a text the schema allows: it must hold a year) and ``month``."""
    year, month = cited.get("year"), cited.get("month")
    if isinstance(year, str):
        if not re.fullmatch(r"\s*\d{1,4}\s*", year):
            path = ("preferred-citation", "year")
            problems.append(MetadataProblem(line_of(path, lines), _(
                "{field}: {value} is not a year (write it in digits, such as 2024); ignored").format(
                    field=field_name(path), value=quoted(year))))
            return None
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9999:
        return None
    if isinstance(month, str) and month.strip().isdigit():
        month = int(month)
    return PartialDate(year, month if isinstance(month, int) and 1 <= month <= 12 else None)
