"""The document language, as every sub-extension needs it (no Sphinx here).

One place decides how a Sphinx ``language`` value (``fr``, ``fr_CA``,
``pt-BR``, ``None``) maps to a Babel locale and to a base language code, so
that figures, citations, editorial and typography agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

DEFAULT_LANGUAGE = "en"


def base_language(language: str | None) -> str:
    """``fr_CA`` -> ``fr``; empty -> English."""
    return re.split(r"[_-]", language or DEFAULT_LANGUAGE)[0].lower() or DEFAULT_LANGUAGE


@lru_cache(maxsize=32)  # a pure function of its string; Babel locales are not changed
def babel_locale(language: str | None) -> Locale:
    """The Babel locale of a Sphinx ``language`` value, English when unknown."""
    try:
        return Locale.parse((language or DEFAULT_LANGUAGE).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LANGUAGE)
