"""The article's metadata: plain dataclasses, no Sphinx.

Read from the one metadata source (:mod:`.source`), rendered for each output
(:mod:`.config`, :mod:`.html`, :mod:`.reference`).
"""

from __future__ import annotations

import re
from urllib.parse import quote
from dataclasses import dataclass, field

#: French (and CFF-title) convention: "Title : subtitle".
SUBTITLE_SEPARATOR = " : "


@dataclass(frozen=True)
class Author:
    """A person (given/family names) or, with ``entity``, an organisation."""

    given: str = ""
    family: str = ""
    particle: str = ""  # "de", "van der"
    suffix: str = ""
    affiliation: str = ""
    orcid: str = ""  # full https://orcid.org/… URL, as CFF writes it
    entity: str = ""

    @property
    def is_person(self) -> bool:
        return not self.entity

    @property
    def family_with_particle(self) -> str:
        return " ".join(p for p in (self.particle, self.family) if p)

    @property
    def full_name(self) -> str:
        """``Maria Rodriguez``."""
        if self.entity:
            return self.entity
        return " ".join(p for p in (self.given, self.family_with_particle, self.suffix) if p)

    @property
    def inverted_name(self) -> str:
        """``Rodriguez, Maria`` (Highwire, BibTeX, RIS)."""
        if self.entity:
            return self.entity
        family = self.family_with_particle
        tail = ", ".join(p for p in (self.suffix, self.given) if p)
        return f"{family}, {tail}" if family and tail else family or tail


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """``2024``, ``2024-06`` or ``2024-06-01`` (ISO 8601, as schema.org and DC want)."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def slashed(self) -> str:
        """``2024/06/01`` (Highwire's preferred form, also read by Google Scholar)."""
        return self.iso().replace("-", "/")


@dataclass(frozen=True)
class Article:
    title: str
    authors: tuple[Author, ...]
    short_title: str = ""  # the site's name; the title when not given
    date_published: PartialDate | None = None
    date_modified: PartialDate | None = None
    language: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    licenses: tuple[str, ...] = ()  # SPDX identifiers; several: the reader may choose (CFF: "OR")
    url: str = ""  # canonical URL of the landing page
    doi: str = ""
    source: str = field(default="", compare=False)  # path of the file read, for messages
    # a translated edition (sphinx_publication.translation): the original article
    translation_of: Article | None = field(default=None, compare=False)

    @property
    def site_title(self) -> str:
        return self.short_title or self.title

    @property
    def subtitle(self) -> str:
        """What follows the site title in the full title ("Title : subtitle"), if anything."""
        for separator in (SUBTITLE_SEPARATOR, ": "):  # French, then English typography
            prefix = self.site_title + separator
            if self.title.startswith(prefix):
                return self.title[len(prefix):]
        return ""

    @property
    def author_names(self) -> list[str]:
        return [author.full_name for author in self.authors]

    @property
    def modified(self) -> PartialDate | None:
        return self.date_modified or self.date_published

    @property
    def year(self) -> int | None:
        return self.date_published.year if self.date_published else None

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def license(self) -> str:
        """The first licence's SPDX identifier, or ``""``."""
        return self.licenses[0] if self.licenses else ""

    @property
    def license_urls(self) -> list[str]:
        """The SPDX licence pages: stable URLs for ``DC.rights`` and schema.org ``license``."""
        return [f"https://spdx.org/licenses/{quote(name, safe='')}.html" for name in self.licenses]

    @property
    def license_url(self) -> str:
        return self.license_urls[0] if self.licenses else ""

    def citation_key(self) -> str:
        """``rodriguez2024grands``: first author's family name, year, first long title word."""
        first = self.authors[0] if self.authors else Author(entity="anonyme")
        name = ascii_slug(first.family or first.entity).replace("-", "")
        words = [w for w in ascii_slug(self.title).split("-") if len(w) > 3]
        return f"{name}{self.year or ''}{words[0] if words else ''}" or "article"


def ascii_slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
