"""Numeric citations ``[n]`` -> bibliography keys, through the author's mapping file.

The mapping file is TOML (``.toml``) or JSON (``.json``)::

    [citations]
    "1" = ["osi2024definition"]              # every [1] cites this key
    "2" = [["jiang2024mixtral", "mistral2023mixtral"],   # first [2]
           ["solaiman2023gradient"]]                      # second [2]

A list of keys applies to every occurrence; a list of lists gives the keys of
each occurrence in reading order (the same number often stands for different
sources in a draft). A number without mapping becomes the placeholder key
``ref-<n>``, which the Sphinx build reports as an unknown key.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .messages import _
from .model import Diagnostic, Document, Location

PLACEHOLDER_PREFIX = "ref-"


@dataclass
class CitationMap:
    """Number -> keys for every occurrence, or one key list per occurrence."""

    every: dict[int, list[str]] = field(default_factory=dict)
    per_occurrence: dict[int, list[list[str]]] = field(default_factory=dict)

    def numbers(self) -> set[int]:
        return set(self.every) | set(self.per_occurrence)


class MappingError(ValueError):
    """The mapping file cannot be read or has the wrong shape."""


def load_mapping(path: Path) -> CitationMap:
    """Read a TOML or JSON mapping file (the table may be top-level or under ``citations``)."""
    try:
        raw = path.read_bytes()
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise MappingError(f"{path}: {error}") from error
    return mapping_from_data(data, str(path))


def mapping_from_data(data, origin: str = "<mapping>") -> CitationMap:
    if isinstance(data, dict) and isinstance(data.get("citations"), dict):
        data = data["citations"]
    if not isinstance(data, dict):
        raise MappingError(_("{origin}: expected a table of numbers").format(origin=origin))
    mapping = CitationMap()
    for number_text, value in data.items():
        if not str(number_text).strip().isdigit():
            raise MappingError(_("{origin}: '{key}' is not a citation number").format(
                origin=origin, key=number_text))
        number = int(number_text)
        if isinstance(value, str):
            mapping.every[number] = _keys(value, origin, number_text)
        elif isinstance(value, list) and value and all(isinstance(v, list) for v in value):
            mapping.per_occurrence[number] = [_keys(v, origin, number_text) for v in value]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            mapping.every[number] = _keys(value, origin, number_text)
        else:
            raise MappingError(_(
                "{origin}: \"{key}\" must be a list of keys or a list of key lists (one per occurrence)"
            ).format(origin=origin, key=number_text))
    return mapping


def _keys(value, origin: str, number_text: str) -> list[str]:
    parts = value.split(",") if isinstance(value, str) else value
    if not all(isinstance(p, str) for p in parts):
        raise MappingError(_("{origin}: \"{key}\": keys must be strings").format(
            origin=origin, key=number_text))
    keys = [p.strip() for p in parts if p.strip()]
    if not keys:
        raise MappingError(_("{origin}: \"{key}\" has no keys").format(origin=origin, key=number_text))
    return keys


def resolve_citations(document: Document, mapping: CitationMap | None) -> list[Diagnostic]:
    """Fill ``Citation.keys`` in reading order; return errors and notices."""
    mapping = mapping or CitationMap()
    diagnostics: list[Diagnostic] = []
    occurrences: dict[int, list[Location]] = {}
    placeholders: dict[int, Location] = {}
    for citation in document.iter_citations():
        keys: list[str] = []
        for number in citation.numbers:
            seen = occurrences.setdefault(number, [])
            seen.append(citation.location)
            for key in _keys_for(mapping, number, len(seen), citation.location, diagnostics):
                if key not in keys:
                    keys.append(key)
                if key.startswith(PLACEHOLDER_PREFIX) and number not in mapping.numbers():
                    placeholders.setdefault(number, citation.location)
        citation.keys = keys
    for number, lists in sorted(mapping.per_occurrence.items()):
        used = len(occurrences.get(number, []))
        if used and len(lists) > used:
            diagnostics.append(Diagnostic("notice", occurrences[number][-1], _(
                "the mapping gives {given} key lists for [{number}], the draft cites it {used} time(s)"
            ).format(given=len(lists), number=number, used=used)))
    for number, location in sorted(placeholders.items()):
        diagnostics.append(Diagnostic("notice", location, _(
            "[{number}] has no mapping: placeholder key '{key}' (the build will report it)"
        ).format(number=number, key=placeholder_key(number))))
    for number in sorted(mapping.numbers() - set(occurrences)):
        diagnostics.append(Diagnostic("notice", Location(1), _(
            "the mapping gives keys for [{number}], which the draft never cites").format(number=number)))
    return diagnostics


def placeholder_key(number: int) -> str:
    return f"{PLACEHOLDER_PREFIX}{number}"


def _keys_for(mapping: CitationMap, number: int, occurrence: int, location: Location,
              diagnostics: list[Diagnostic]) -> list[str]:
    if number in mapping.per_occurrence:
        lists = mapping.per_occurrence[number]
        if occurrence <= len(lists):
            return lists[occurrence - 1]
        diagnostics.append(Diagnostic(
            "error", location,
            _("occurrence {occurrence} of [{number}] has no keys in the mapping file").format(
                occurrence=occurrence, number=number),
            f"[{number}]",
            _("one key list per occurrence of [{number}] in reading order").format(number=number),
        ))
        return [placeholder_key(number)]
    return mapping.every.get(number, [placeholder_key(number)])
