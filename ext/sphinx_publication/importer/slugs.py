"""Deterministic ASCII page names and labels from French headings."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG_LENGTH = 60
RESERVED = frozenset({"index", "bibliographie", "genindex", "search", "glossary"})


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH, fallback: str = "partie") -> str:
    """``"L’avenir de l’IA : grands modèles ?"`` -> ``"l-avenir-de-l-ia-grands-modeles"``."""
    text = re.sub(r"[’'`´ʼ]", "-", text)  # "l’IA" -> "l-ia", not "lia"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug or fallback


class SlugRegistry:
    """Hands out unique slugs: the second "x" becomes "x-2", and so on."""

    def __init__(self, reserved: frozenset[str] = frozenset()) -> None:
        self._taken: set[str] = set(reserved)

    def unique(self, text: str, prefix: str = "", max_length: int = MAX_SLUG_LENGTH) -> str:
        base = prefix + slugify(text, max_length)
        candidate, counter = base, 2
        while candidate in self._taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        self._taken.add(candidate)
        return candidate
