"""Read the article's metadata from ``CITATION.cff`` (Citation File Format 1.2.0).

Why CITATION.cff is the one source: the repository needs it anyway (GitHub's
"Cite this repository", Zenodo's DOI deposits and reference managers read it),
it holds structured names (given/family, affiliation, ORCID) and every field
the article needs, and a validator exists (``cffconvert --validate``). A
second file would have to be kept in step with it.

Mapping (CFF has no custom keys, so nothing here is invented):

* top-level ``title`` -> the site's short title (Sphinx ``project``);
* ``preferred-citation`` (type ``article``) -> the article: its ``title``,
  ``authors``, ``date-published`` (or ``year``/``month`` when only those are
  known), ``languages[0]``, ``abstract``, ``keywords``, ``license``, ``url``,
  ``doi`` — each falling back to the top-level field of the same name;
* top-level ``date-released`` -> the last-modified date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .messages import _
from .model import Article, Author, PartialDate


@dataclass
class MetadataProblem:
    line: int
    message: str


class MetadataError(Exception):
    def __init__(self, problem: MetadataProblem):
        super().__init__(problem.message)
        self.problem = problem


def read_article(path: Path) -> Article:
    """Parse *path*; raise :class:`MetadataError` (with a line) if it cannot describe an article."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MetadataError(MetadataProblem(0, _("cannot read the file: {error}").format(error=error))) from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise MetadataError(MetadataProblem(line, _("not valid YAML: {error}").format(error=error))) from error
    if not isinstance(data, dict):
        raise MetadataError(MetadataProblem(1, _("expected a mapping of CFF keys (cff-version, title, authors…)")))
    return article_from_cff(data, source=str(path), lines=_key_lines(text))


def article_from_cff(data: dict[str, Any], source: str = "", lines: dict[str, int] | None = None) -> Article:
    lines = lines or {}
    cited = data.get("preferred-citation") or {}
    if not isinstance(cited, dict):
        cited = {}

    def pick(key: str, default: Any = None) -> Any:
        value = cited.get(key)
        return data.get(key, default) if value in (None, "", []) else value

    title = _text(pick("title"))
    if not title:
        raise MetadataError(MetadataProblem(lines.get("title", 1), _("the article has no 'title'")))
    authors = tuple(_author(a) for a in pick("authors", []) or [] if isinstance(a, dict))
    authors = tuple(a for a in authors if a.full_name)
    if not authors:
        raise MetadataError(MetadataProblem(
            lines.get("authors", 1),
            _("the article has no 'authors' with a name (given-names and family-names, or name)")))
    published = _date(cited.get("date-published")) or _year_month(cited) or _date(data.get("date-released"))
    languages = cited.get("languages") or data.get("languages") or []
    return Article(
        title=title,
        authors=authors,
        short_title=_text(data.get("title")),
        date_published=published,
        date_modified=_date(data.get("date-released")),
        language=_text(languages[0]) if isinstance(languages, list) and languages else "",
        abstract=" ".join(_text(pick("abstract")).split()),
        keywords=tuple(_text(k) for k in pick("keywords", []) or [] if _text(k)),
        license=_text(pick("license")),
        url=_text(pick("url")),
        doi=_text(pick("doi")),
        source=source,
    )


def _text(value: Any) -> str:
    return str(value).strip() if value not in (None, []) else ""


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
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
        return PartialDate(day.year, day.month, day.day)
    return None


def _year_month(cited: dict[str, Any]) -> PartialDate | None:
    year, month = cited.get("year"), cited.get("month")
    if not isinstance(year, int):
        return None
    return PartialDate(year, month if isinstance(month, int) and 1 <= month <= 12 else None)


def _key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key, so problems point at it."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line[:1].isalpha() and ":" in line:
            found.setdefault(line.split(":", 1)[0].strip(), number)
    return found
