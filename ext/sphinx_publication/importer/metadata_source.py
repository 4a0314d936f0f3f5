"""The imported article's metadata source: a ``CITATION.cff`` from the draft.

The draft gives the title (line 1), the byline (line 2) and the lede (the
abstract); the build derives everything else from this file (see
``sphinx_publication.metadata``), so an imported draft is signed and titled
as its own publication. Pure text building, except :func:`write_metadata`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .messages import _
from .model import Document, Paragraph, Text

FILE_NAME = "CITATION.cff"
# words that belong to the family name when written in lower case ("Guido van Rossum")
PARTICLES = {"de", "del", "della", "der", "des", "di", "du", "da", "dos", "la", "le", "van", "von", "ter", "ten"}
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|;|&|\bet\b|\band\b)\s*")


def split_byline(byline: str) -> list[dict[str, str]]:
    """``Maria Rodriguez et Jean de La Fontaine`` -> CFF person objects."""
    byline = re.sub(r"^(?:par|by)\s+", "", byline.strip(), flags=re.IGNORECASE)
    return [_person(name) for name in _AUTHOR_SEPARATORS.split(byline) if name.strip()]


def _person(name: str) -> dict[str, str]:
    words = name.split()
    if len(words) == 1:
        return {"name": words[0]}
    first_particle = next((i for i, w in enumerate(words[1:-1], start=1) if w in PARTICLES), None)
    if first_particle is not None:
        given, particle, family = words[:first_particle], words[first_particle:-1], words[-1:]
    else:
        given, particle, family = words[:-1], [], words[-1:]
    person = {"given-names": " ".join(given), "family-names": " ".join(family)}
    if particle:
        person["name-particle"] = " ".join(particle)
    return person


def _plain(paragraph: Paragraph | None) -> str:
    if paragraph is None:
        return ""
    return " ".join("".join(i.text for i in paragraph.inlines if isinstance(i, Text)).split())


def citation_cff(document: Document, published: dt.date) -> str:
    """CITATION.cff text: the site's title (before " : "), the article as preferred citation."""
    authors = split_byline(document.author)
    short_title = document.title.split(" : ", 1)[0].strip()
    abstract = _plain(document.lede)
    data: dict = {
        "cff-version": "1.2.0",
        "message": "Pour citer cet article, utilisez la référence ci-dessous (preferred-citation).",
        "type": "software",
        "title": short_title,
        "authors": authors,
    }
    if abstract:
        data["abstract"] = abstract
    data["preferred-citation"] = {
        "type": "article",
        "title": document.title,
        "authors": [dict(author) for author in authors],  # copies: no YAML alias
        "date-published": published.isoformat(),
        "languages": ["fr"],  # the marker format is French
    }
    header = ("# Metadata of the article, written by `publication import` from the draft.\n"
              "# The build derives every title, author and date from it; edit it here.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def metadata_path(out: Path) -> Path:
    """Beside the nearest conf.py at or above *out* (the build reads it from there);
    without one, in the folder holding *out* (the usual ``docs/`` layout)."""
    out = out.resolve()
    for folder in [out, *out.parents]:
        if (folder / "conf.py").is_file():
            return folder / FILE_NAME
    return out.parent / FILE_NAME


def refused(path: Path, text: str) -> str | None:
    """Why *text* may not replace *path* without ``--force`` (None: it may)."""
    if path.exists() and path.read_text(encoding="utf-8") != text:
        return _("{path} already exists (use --force to overwrite)").format(path=path)
    return None


def write_metadata(path: Path, text: str, force: bool) -> str | None:
    """Write *text* to *path*; return an error message instead when that fails or is refused."""
    if not force and refused(path, text):
        return refused(path, text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        return _("cannot write {path}: {error}").format(path=path, error=error)
    return None


def iso_date(value: str) -> dt.date:
    """``argparse`` type of ``--date``."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(
            _("invalid date {value}: expected YYYY-MM-DD").format(value=value)) from None
