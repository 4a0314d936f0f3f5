"""Per-language words and dates of a formatted bibliography (no Sphinx here).

pybtex hard-codes English ("and", "In", "pages", "visited on", "URL:")
and English month names. This module holds the small table of terms per
language that :mod:`.style` uses, and formats dates through Babel so that
month names follow the document language ("19 juin 2017", "19 June 2017").

No state here: each style is made for one language (see :mod:`.plugins` for
how a build picks the style of its language).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from babel.dates import format_date, format_skeleton

from ..language import babel_locale
from ..language import base_language as language_code


@dataclass(frozen=True)
class Terms:
    """Words a bibliography entry is made of, in one language."""

    language: str
    and_2: str  # between two names
    and_last: str  # before the last of three or more names
    et_al: str
    in_: str  # "In <book title>"
    editor: str
    editors: str
    page: str
    pages: str
    volume: str
    volume_of: str  # "volume 3 of <series>"
    number: str
    number_in: str  # "number 4 in <series>"
    chapter: str
    edition: str
    visited_on: str
    available_at: str
    technical_report: str
    masters_thesis: str
    phd_thesis: str
    article_volume_number_pages: str  # Python format, keys: volume, number, pages
    article_volume_pages: str
    article_pages: str


FRENCH = Terms(
    language="fr",
    and_2=" et ",
    and_last=" et ",
    et_al="et al.",
    in_="Dans",
    editor="éd.",
    editors="éd.",
    page="p.",
    pages="p.",
    volume="vol.",
    volume_of="de",
    number="n°",
    number_in="dans",
    chapter="chap.",
    edition="éd.",
    visited_on="consulté le",
    available_at="Disponible à l’adresse\u00a0:",
    technical_report="Rapport technique",
    masters_thesis="Mémoire de master",
    phd_thesis="Thèse de doctorat",
    article_volume_number_pages="vol.\u00a0{volume}, n°\u00a0{number}, p.\u00a0{pages}",
    article_volume_pages="vol.\u00a0{volume}, p.\u00a0{pages}",
    article_pages="p.\u00a0{pages}",
)

ENGLISH = Terms(
    language="en",
    and_2=" and ",
    and_last=", and ",
    et_al="et al.",
    in_="In",
    editor="editor",
    editors="editors",
    page="page",
    pages="pages",
    volume="volume",
    volume_of="of",
    number="number",
    number_in="in",
    chapter="chapter",
    edition="edition",
    visited_on="visited on",
    available_at="URL:",
    technical_report="Technical Report",
    masters_thesis="Master's thesis",
    phd_thesis="PhD thesis",
    article_volume_number_pages="{volume}({number}):{pages}",
    article_volume_pages="{volume}:{pages}",
    article_pages="pages {pages}",
)

TERMS = {"fr": FRENCH, "en": ENGLISH}
DEFAULT_LANGUAGE = ENGLISH.language


def base_language(language: str | None) -> str:
    """``fr_CA`` -> ``fr``; a language without terms here, or none -> English."""
    code = language_code(language)
    return code if code in TERMS else DEFAULT_LANGUAGE


def terms_for(language: str | None) -> Terms:
    return TERMS[base_language(language)]


# English dates are written day first, « 1 October 2006 », as British and
# most international style guides write them; a language that names its
# region (en_US, fr_CA) keeps that region's order.
_DATE_LOCALES = {"en": "en_GB"}


def date_locale(language: str | None) -> str:
    """The Babel locale the bibliography writes dates in."""
    base = base_language(language)
    locale = babel_locale(language)
    if locale.territory and locale.language == base:
        return str(locale)
    return _DATE_LOCALES.get(base, base)


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "janvier"),
            ("feb", "february", "février", "fevrier"),
            ("mar", "march", "mars"),
            ("apr", "april", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juillet"),
            ("aug", "august", "août", "aout"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "décembre", "decembre"),
        ],
        start=1,
    )
    for name in names
}


_NUMBER = re.compile(r"[0-9]{1,9}")


def as_number(text: str | None) -> int | None:
    """``"2017"`` -> 2017; None for anything but plain ASCII digits (``²``, ``2017a``)."""
    return int(text) if text and _NUMBER.fullmatch(text) else None


def month_number(month: str) -> int | None:
    """Read a BibTeX month (``6``, ``jun``, ``June``, ``juin``); None if unreadable."""
    text = month.strip().rstrip(".").lower()
    if text[:1].isdigit():
        number = as_number(text)
        return number if number is not None and 1 <= number <= 12 else None
    return _MONTHS.get(text)


def format_publication_date(
    year: str, month: str | None = None, day: str | None = None, language: str = "en"
) -> str:
    """``2017``, ``juin 2017`` or ``19 juin 2017`` in *language*.

    A month or day that cannot be read, or a year a calendar date cannot
    hold (0, 12000), is kept as written rather than dropped, so no
    information from the .bib file is lost.
    """
    locale = date_locale(language)
    if not month:
        return year
    number = month_number(month)
    year_number = as_number(year)
    if number is None or year_number is None or not datetime.MINYEAR <= year_number <= datetime.MAXYEAR:
        return " ".join(part for part in (day, month, year) if part)
    day_number = as_number(day.strip() if day else None)
    if day_number is not None:
        try:
            date = datetime.date(year_number, number, day_number)
        except ValueError:
            pass
        else:
            return format_date(date, format="long", locale=locale)
    return format_skeleton("yMMMM", datetime.date(year_number, number, 1), locale=locale)


def format_iso_date(value: str, language: str = "en") -> str:
    """``2026-11-25`` -> ``25 novembre 2026``; anything else is kept as written."""
    match = re.fullmatch(r"\s*([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?\s*", value)
    if not match:
        return value.strip()
    year, month, day = match.groups()
    return format_publication_date(year, month, day, language)
