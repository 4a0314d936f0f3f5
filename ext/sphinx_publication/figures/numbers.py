"""Numbers formatted for the document language, with Babel.

Value labels and axis ticks use one magnitude per chart ("12 Md", "175 Md",
"1 700 Md" in French: "billion" means 10¹² in French, so the thousand-billion
forms are avoided); tooltips and data tables show the exact value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal, format_percent

from ..language import babel_locale
from .model import Value

NBSP = "\u00a0"
_SUFFIXES = {
    "fr": {3: "k", 6: "M", 9: "Md"},
    "default": {3: "k", 6: "M", 9: "B", 12: "T"},
}
_LABEL_PATTERN = "#,##0.##"


@lru_cache(maxsize=16384)  # a pure function of immutable arguments (the Locale is not changed)
def _formatted(kind: str, number: str, pattern: str | None, locale: Locale, quantize: bool) -> str:
    """Babel's ``format_decimal``/``format_percent`` of *number* (its exact ``str``:
    ``1.0`` and ``1`` are different keys), kept: a chart's labels, ticks, table
    and tooltips format the same values again, and Babel parses the pattern on
    every call (a third of the charts' drawing time went there)."""
    format_number = format_percent if kind == "percent" else format_decimal
    return format_number(Decimal(number), pattern, locale=locale, decimal_quantization=quantize)


def _decimal(number: Decimal | float, pattern: str | None, locale: Locale, quantize: bool = True) -> str:
    return _formatted("decimal", str(number), pattern, locale, quantize)


def _percent(number: Decimal | float, pattern: str | None, locale: Locale, quantize: bool = True) -> str:
    return _formatted("percent", str(number), pattern, locale, quantize)


class NumberFormat:
    """Formats the numbers of one chart in one language."""

    def __init__(self, language: str | None, values: Iterable[Value] = (), unit: str = "") -> None:
        self.locale = babel_locale(language)
        self.unit = unit.strip()
        self.exponent, self.suffix = self._magnitude(list(values))
        base = self.locale.percent_formats[None].pattern
        self._percent_pattern = base.replace("#,##0", _LABEL_PATTERN, 1)

    def _magnitude(self, values: list[Value]) -> tuple[int, str]:
        numbers = [abs(value.number) for value in values if value.number and not value.percent]
        if not numbers or max(numbers) < 10_000:
            return 0, ""
        suffixes = _SUFFIXES.get(self.locale.language, _SUFFIXES["default"])
        smallest = min(numbers)
        for exponent in sorted(suffixes, reverse=True):
            if smallest >= Decimal(10) ** exponent:
                return exponent, suffixes[exponent]
        return 0, ""

    def _with_unit(self, text: str, suffix: str = "") -> str:
        parts = [text, suffix, self.unit if self.unit != "%" else ""]
        joined = NBSP.join(part for part in parts if part)
        if self.unit == "%":
            return self._percent_pattern.replace(_LABEL_PATTERN, joined, 1)
        return joined

    def label(self, value: Value | Decimal | float) -> str:
        """Short form for value labels and ticks: "1 700 Md", "65 %", "1,5"."""
        if isinstance(value, Value) and value.percent:
            return self._percent(value.number)
        number = value.number if isinstance(value, Value) else Decimal(str(value))
        scaled = number.scaleb(-self.exponent) if self.exponent else number
        return self._with_unit(_decimal(scaled, _LABEL_PATTERN, self.locale), self.suffix)

    def tick(self, number: float, percent: bool = False, grouping: bool = True) -> str:
        """An axis tick: "0 %", "1 700 Md", "0,001" (small ticks keep their digits);
        without *grouping* ("1995"), for years and other positions under 10 000."""
        if percent:
            return self._percent(Decimal(repr(number)))
        scaled = abs(number) / 10**self.exponent
        if 0 < scaled < 0.01 or (not grouping and abs(number) < 10_000):
            decimals = max(2, 1 - math.floor(math.log10(scaled))) if scaled else 0
            pattern = ("#,##0." if grouping else "0.") + "#" * min(decimals, 30)
            text = _decimal(Decimal(repr(number)).scaleb(-self.exponent), pattern, self.locale)
            return self._with_unit(text, self.suffix)
        return self.label(Decimal(repr(number)))

    def exact(self, value: Value) -> str:
        """The exact value as written, for tooltips and tables."""
        if value.percent or self.unit == "%":
            return _percent(value.number / 100, None, self.locale, quantize=False)
        text = _decimal(value.number, None, self.locale, quantize=False)
        return NBSP.join(part for part in (text, self.unit) if part)

    def count(self, number: int) -> str:
        """A count of rows or points, without unit or magnitude: "20 000"."""
        return _decimal(Decimal(number), "#,##0", self.locale)

    def share(self, fraction: float) -> str:
        """A pie share: "65 %"."""
        return _percent(fraction, self._percent_pattern, self.locale)

    def _percent(self, number: Decimal) -> str:
        return _percent(number / 100, self._percent_pattern, self.locale)
