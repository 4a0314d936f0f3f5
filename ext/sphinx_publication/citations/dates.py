"""biblatex dates (``date``, ``urldate``…) read and written in the document language.

biblatex stores a date as ISO 8601 / EDTF: ``2006``, ``2006-10``,
``2006-10-01``, a range ``2006-10-01/2006-10-05``, an open range ``2006/``
(or ``2006/..``). They are written the way the language writes dates, ranges
included: « 1er–5 octobre 2006 »,
« 30 septembre – 2 octobre 2006 », « 2006–2008 »; "1–5 October 2006" in
English ("October 1–5, 2006" for ``en_US``). French typography writes the
first day of a month « 1er ».

No Sphinx here.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from babel.dates import format_date, format_skeleton, get_month_names

from ..language import babel_locale
from .terms import base_language, date_locale

_PART = r"(?P<{p}year>-?[0-9]{{4}})(?:-(?P<{p}month>[0-9]{{2}})(?:-(?P<{p}day>[0-9]{{2}}))?)?[~?%]?"
_DATE = re.compile(
    r"\s*(?:" + _PART.format(p="s") + r")?\s*(?P<range>/\s*(?:" + _PART.format(p="e") + r"|\.\.)?)?\s*"
)
# French: the first day of a month is an ordinal, « 1er octobre » (not « 1 octobre »)
_FIRST_DAY = re.compile(r"(?<![0-9])1(?=[ \u00a0\u202f–-])")
_SKELETONS = {1: "y", 2: "yMMMM", 3: "yMMMMd"}


@dataclass(frozen=True)
class DatePart:
    """A year, a month of a year, or a day: the parts given are not None."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> int:
        return 1 if self.month is None else 2 if self.day is None else 3

    def as_date(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True)
class DateValue:
    """A biblatex date: one date, a closed range, or a range open at its end."""

    start: DatePart
    end: DatePart | None = None
    open_end: bool = False


def _part(match: re.Match, prefix: str) -> DatePart | None:
    year = match.group(f"{prefix}year")
    if year is None:
        return None
    month, day = match.group(f"{prefix}month"), match.group(f"{prefix}day")
    part = DatePart(int(year), int(month) if month else None, int(day) if day else None)
    try:
        part.as_date()
    except ValueError:
        return None
    return part


def parse_date(text: str | None) -> DateValue | None:
    """Read a biblatex date; None when it is not one (the caller prints it as written)."""
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    start = _part(match, "s")
    if start is None or (match.group("syear") and start is None):
        return None
    if not match.group("range"):
        return DateValue(start)
    end = _part(match, "e")
    if end is None:
        if match.group("eyear"):  # an end was written but is not a date
            return None
        return DateValue(start, open_end=True)
    return DateValue(start, end)


def french_first_day(text: str, language: str) -> str:
    """« 1 octobre 2006 » -> « 1er octobre 2006 » in French; other languages unchanged."""
    return _FIRST_DAY.sub("1er", text) if base_language(language) == "fr" else text


def format_part(part: DatePart, language: str) -> str:
    locale = date_locale(language)
    if part.precision == 1:
        return str(part.year)
    if part.precision == 3:
        text = format_date(part.as_date(), format="long", locale=locale)
    else:
        text = format_skeleton(_SKELETONS[2], part.as_date(), locale=locale)
    return french_first_day(text, language)


def format_date_value(value: DateValue, language: str) -> str:
    """The date or range as the language writes it."""
    locale = date_locale(language)
    if value.end is None:
        text = format_part(value.start, language)
        return f"{text}–" if value.open_end else text
    precision = min(value.start.precision, value.end.precision)
    start, end = value.start, value.end
    if precision == 1:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if (start.year, start.month, start.day) == (end.year, end.month, end.day):
        return format_part(start, language)
    if start.year != end.year or precision == 1:
        return f"{format_part(start, language)} – {format_part(end, language)}"
    return french_first_day(_same_year_range(start, end, precision, locale), language)


def _same_year_range(start: DatePart, end: DatePart, precision: int, locale: str) -> str:
    """A range inside one year, what the two dates share written once (CLDR's own
    interval formats abbreviate the month names)."""
    def month(part: DatePart) -> str:
        return get_month_names("wide", context="format", locale=locale)[part.month]

    if precision == 2:
        return f"{month(start)}–{month(end)} {start.year}"
    same_month = start.month == end.month
    if _day_first(locale):
        if same_month:
            return f"{start.day}–{end.day} {month(end)} {end.year}"
        return f"{start.day} {month(start)} – {end.day} {month(end)} {end.year}"
    if same_month:
        return f"{month(start)} {start.day}–{end.day}, {end.year}"
    return f"{month(start)} {start.day} – {month(end)} {end.day}, {end.year}"


def _day_first(locale: str) -> bool:
    """Whether the locale's long date puts the day before the month (« 1 octobre »)."""
    pattern = babel_locale(locale).date_formats["long"].pattern
    return pattern.find("d") < pattern.find("M")


def format_biblatex_date(text: str, language: str) -> str:
    """Format a biblatex date field; anything unreadable is kept as written."""
    value = parse_date(text)
    return format_date_value(value, language) if value is not None else text.strip()


def year_of(text: str | None) -> str | None:
    """The year (``2006``) or years (``2006–2008``) a biblatex date gives, for labels."""
    value = parse_date(text)
    if value is None:
        return None
    if value.end is not None and value.end.year != value.start.year:
        return f"{value.start.year}–{value.end.year}"
    return str(value.start.year)
