"""The bibliography's language-bound fields as messages of a catalog of their own.

A ``.bib`` entry holds data (authors, titles, dates, addresses), which every
edition prints as written, and a few free-text fields written in the
publication's language: :data:`FIELDS` (« Prépublication arXiv », « Enquête »,
« Article payant »). Those are messages of the publication:

* a gettext build writes them, for each ``.bib`` file, to a template beside the
  pages' (``refs.bib`` → ``refs.pot``), located at the field's line
  (``#: refs.bib:34``, once ``make gettext`` has relocated it) with the entry's
  key and the field's name for the translator; sphinx-intl merges it into
  ``locale/LANG/LC_MESSAGES/refs.po`` like any page's;
* a translated edition replaces each field by its translation as the files are
  read (:func:`translate_entries`, called by the citations layer before any
  entry is completed or formatted), so the bibliography, the cards, the
  ``citation_reference`` tags, the one-page edition, the PDFs and the EPUB all
  print the same translated entry; a field whose translation is missing or
  fuzzy stays as written and is reported, at its ``.bib`` line, with the pages'
  untranslated messages (:func:`.check.report`).

A ``type`` holding a biblatex key (``phdthesis``, ``techreport``…) is not a
message: the bibliography style prints it in the edition's language.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..citations.bibcheck import MAX_FIELD_LENGTH, cut, readable_latex
from ..citations.terms_biblatex import TERMS
from ..translatable import is_words
from .check import FUZZY, UNTRANSLATED, TranslationDomain, read_catalog
from .editions import is_translation

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pybtex.database import Entry
    from sphinx.application import Sphinx

    from ..citations.bibcheck import BibReading

#: the free-text fields written in the publication's language
FIELDS = ("howpublished", "note", "type", "addendum")
#: ``type`` values the style translates itself
_TYPE_KEYS = frozenset(key for terms in TERMS.values() for key in terms.types)


@dataclass(frozen=True)
class FieldMessage:
    """One language-bound field of an entry: its text and where it is written."""

    text: str
    key: str
    field: str
    line: int


def catalog_name(srcdir: str | Path, path: Path) -> str:
    """The catalog (gettext domain) of a ``.bib`` file: its path from the source
    directory without the suffix (``refs.bib`` → ``refs``)."""
    try:
        relative = Path(path).resolve().relative_to(Path(srcdir).resolve())
    except ValueError:
        relative = Path(Path(path).name)
    return relative.with_suffix("").as_posix()


def is_message(name: str, value: str) -> bool:
    return is_words(value) and not (name == "type" and value.strip().lower() in _TYPE_KEYS)


def field_messages(reading: BibReading, entries: Mapping[str, Entry] | None = None) -> list[FieldMessage]:
    """The language-bound fields of the entries read in *reading*, in file order
    (only those kept in *entries*, when given: a duplicate key's entry is dropped)."""
    found = []
    for key, entry in reading.data.entries.items():
        if entries is not None and entries.get(key) is not entry:
            continue
        for name in FIELDS:
            value = entry.fields.get(name, "")
            if is_message(name, value):
                found.append(FieldMessage(value, key, name, reading.field_line(key, name)))
    return sorted(found, key=lambda message: message.line)


def _domain(app: Sphinx) -> TranslationDomain:
    return app.env.get_domain(TranslationDomain.name)  # type: ignore[return-value]


def _is_gettext(app: Sphinx) -> bool:
    from sphinx.builders.gettext import MessageCatalogBuilder

    return isinstance(getattr(app, "builder", None), MessageCatalogBuilder)


def translate_entries(app: Sphinx, readings: Iterable[tuple[Path, BibReading]],
                      entries: Mapping[str, Entry]) -> None:
    """The .bib files just read (*readings*; *entries*: the entries kept): in a
    translated edition, each language-bound field replaced by its translation; in a
    gettext build, the messages recorded for :func:`write_templates`."""
    if TranslationDomain.name not in app.env.domains:
        return  # the citations layer without the translation layer
    translating, extracting = is_translation(app.config), _is_gettext(app)
    if not (translating or extracting):
        return
    domain = _domain(app)
    missing: list[tuple[str, int, str, str]] = []  # (path, line, state, message)
    templates: dict[str, tuple[str, list[FieldMessage]]] = {}  # catalog -> (path, messages)
    for path, reading in readings:
        messages = field_messages(reading, entries)
        name = catalog_name(app.srcdir, path)
        if extracting:
            templates[name] = (str(path), messages)
        if not translating or not messages:
            continue
        catalog = read_catalog(Path(app.srcdir), list(app.config.locale_dirs), app.config.language, name)
        for message in messages:
            translation, fuzzy = catalog.get(message.text, ("", False))
            if translation.strip() and not fuzzy:
                # bounded and readable as LaTeX, as every field read from the .bib
                if len(translation) > MAX_FIELD_LENGTH:
                    translation = cut(translation)
                entries[message.key].fields[message.field] = readable_latex(translation)[0]
            else:
                missing.append((str(path), message.line, FUZZY if fuzzy else UNTRANSLATED, message.text))
    if translating:
        domain.data["bibliography"] = list(dict.fromkeys(missing))
    if extracting:
        domain.data["bibliography_templates"] = templates


def _template(app: Sphinx, path: str, messages: list[FieldMessage]) -> bytes:
    from io import BytesIO

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    config = app.config
    catalog = Catalog(project=config.project or None, version=config.version or None,
                      charset="utf-8", fuzzy=False)
    catalog.msgid_bugs_address = ""
    # as Sphinx heads the pages' templates (Babel's default would stamp the year in)
    catalog.header_comment = "\n".join((
        f"# The language-bound fields of {Path(path).name}.",
        f"# Copyright (C) {config.copyright}",
        f"# This file is distributed under the same license as the {config.project} package.",
        "#"))
    location = os.path.relpath(path, app.outdir)  # as Sphinx locates the pages' messages
    for message in messages:
        existing = catalog.get(message.text)
        if existing is None:
            catalog.add(message.text, locations=[(location, message.line)],
                        auto_comments=[f"{message.key}: {message.field}"])
        else:
            existing.locations.append((location, message.line))
            existing.auto_comments.append(f"{message.key}: {message.field}")
    buffer = BytesIO()
    write_po(buffer, catalog, sort_output=False, width=79)
    return buffer.getvalue()


def _without_date(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(b'"POT-Creation-Date:')]


def write_templates(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` of a gettext build: one ``.pot`` per .bib file (rewritten
    only when a message or a location changed, as Sphinx does for the pages')."""
    if exception is not None or app.env is None or not _is_gettext(app):
        return
    templates: dict[str, Any] = _domain(app).data.get("bibliography_templates", {})
    for name, (path, messages) in templates.items():
        target = Path(app.outdir) / f"{name}.pot"
        data = _template(app, path, messages)
        if target.is_file() and _without_date(target.read_bytes()) == _without_date(data):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
