"""Counting and formatting words. No Sphinx here."""

from __future__ import annotations

from babel.numbers import format_decimal

from sphinx_publication.language import babel_locale


def count_words(text: str) -> int:
    """Count whitespace-separated tokens holding at least one letter or digit.

    "l’IA" and "GPT-4" are one word each, as in word processors; a lone
    punctuation mark (the French " : " or " ?") is not a word.
    """
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def format_count(number: int, language: str | None) -> str:
    """Format *number* for *language*: ``1234`` -> ``1 234`` (fr), ``1,234`` (en)."""
    return format_decimal(number, locale=babel_locale(language))
