"""Bracketed markers inside a line of the draft.

``scan_line`` cuts one line into text and markers: numeric citations
(``[1]``, ``[2][3]``, ``[1, 2]``), ``[DONNÉES NÉCESSAIRES]``, and the chart
and table markers. Brackets that hold ordinary words (``[sic]``) stay text;
an upper-case word that is not a known marker, or a known marker that is
malformed, gives a located error.

The marker syntax (``title | headers | item, item``: the compact form) is
the importer's own; headers, items and values inside it are read with the
figures grammar (:mod:`sphinx_publication.figures.parse`), as the chart and
table directives read them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sphinx_publication.figures.parse import DataError, canonical_value, split_headers, split_item

from .messages import _, figures_gettext
from .model import Chart, Citation, DataNeeded, Diagnostic, Location, Table, Text

CHART_KINDS = {"CHART_BAR": "bar", "CHART_PIE": "pie", "CHART_LINE": "line"}
TABLE_HEADS = {"TABLEAU", "TABLE"}
DATA_NEEDED_HEADS = {"DONNEES_NECESSAIRES", "DONNEE_NECESSAIRE"}
KNOWN_MARKERS = "[CHART_BAR: …], [CHART_PIE: …], [CHART_LINE: …], [TABLEAU : …], [DONNÉES NÉCESSAIRES], [1]"

_CITATION_GROUP_RE = re.compile(
    r"\[\s*\d+(?:\s*[,;\-\u2013]\s*\d+)*\s*\](?:\s*\[\s*\d+(?:\s*[,;\-\u2013]\s*\d+)*\s*\])*"
)
_CITATION_ONE_RE = re.compile(r"\[([^\]]*)\]")
_KNOWN_HEAD_RE = re.compile(
    r"\[\s*(?P<head>CHART[\s_]*(?:BAR|PIE|LINE)|TABLEAU|TABLE|DONN[ÉE]ES?[\s_]+N[ÉE]CESSAIRES?)"
    r"(?P<end>\s*[:\]])?",
    re.IGNORECASE,
)
_HEAD_RE = re.compile(r"\[\s*(?P<head>[^\W\d][\w \u00a0]*?)\s*(?=[:\]]|$)")
# Items are separated by ";" when the data holds one; otherwise a "," starts a
# new item only when the rest reads "label :" (so "1,5" stays a number).
_SEMICOLON_RE = re.compile(";")
_COMMA_ITEM_RE = re.compile(r",(?=\s*[^,;:]+:)")

EXPECTED_CHART = "[CHART_BAR: title | x-label : y-label | label : value, label : value]"
EXPECTED_TABLE = "[TABLEAU : title | header, header | label : cell, label : cell]"


@dataclass
class Span:
    """A piece of a marker and the column where it starts."""

    text: str
    column: int


def normalize_head(head: str) -> str:
    """``Données nécessaires`` -> ``DONNEES_NECESSAIRES`` (accents, case, spacing)."""
    ascii_head = unicodedata.normalize("NFKD", head).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_]+", "_", ascii_head.strip()).upper()


def scan_line(text: str, line: int, column0: int = 1):
    """Split *text* into inline pieces; return ``(pieces, diagnostics)``.

    Pieces are :class:`Text`, :class:`Citation`, :class:`DataNeeded`,
    :class:`Chart` and :class:`Table`; *column0* is the column of ``text[0]``.
    """
    pieces: list = []
    diagnostics: list[Diagnostic] = []
    buffer: list[str] = []
    pos = 0

    def flush():
        if buffer:
            pieces.append(Text("".join(buffer)))
            buffer.clear()

    while pos < len(text):
        char = text[pos]
        if char == "\\" and text.startswith("[", pos + 1):
            buffer.append("[")  # "\[" is a literal bracket, never a marker
            pos += 2
            continue
        if char != "[":
            buffer.append(char)
            pos += 1
            continue
        location = Location(line, column0 + pos)
        citation = _CITATION_GROUP_RE.match(text, pos)
        if citation:
            flush()
            pieces.append(Citation(_citation_numbers(citation.group()), location))
            pos = citation.end()
            continue
        body_start, kind, problem = _match_head(text, pos)
        if problem:
            flush()
            diagnostics.append(_error(location, problem, text[pos:text.find("]", pos) + 1 or None],
                                      EXPECTED_TABLE if kind in TABLE_HEADS else EXPECTED_CHART))
            buffer.append(char)
            pos += 1
            continue
        if body_start is None:
            buffer.append(char)  # ordinary bracketed words: "[sic]", "[Tableau de bord]"
            pos += 1
            continue
        is_known = kind in CHART_KINDS or kind in TABLE_HEADS or kind in DATA_NEEDED_HEADS
        end = text.find("]", pos)
        if end < 0:
            diagnostics.append(_error(
                location, _("marker is not closed"), text[pos:pos + 60],
                _("a closing ']' on the same line"),
            ))
            buffer.append(text[pos:])
            break
        marker_text = text[pos:end + 1]
        flush()
        if not is_known:
            diagnostics.append(_error(location, _("unknown marker"), marker_text, KNOWN_MARKERS))
            pieces.append(Text(marker_text))
        else:
            piece, problems = _parse_marker(kind, text, body_start, end, location, marker_text, column0)
            diagnostics.extend(problems)
            if piece is not None:
                pieces.append(piece)
        pos = end + 1
    flush()
    return pieces, diagnostics


def _match_head(text: str, pos: int):
    """Recognise the marker name at ``text[pos]``; return ``(body_start, kind, problem)``.

    ``body_start`` is ``None`` for ordinary bracketed text. A known name written in
    capitals but not followed by ':' or ']' is a malformed marker (``problem``).
    """
    known = _KNOWN_HEAD_RE.match(text, pos)
    if known:
        kind = normalize_head(known["head"])
        if kind.startswith("DONNEE"):
            kind = "DONNEES_NECESSAIRES"
        if known["end"]:
            return known.start("end"), kind, ""
        if known["head"].upper() == known["head"]:
            return None, kind, _("a ':' must follow the marker name")
        return None, "", ""
    head = _HEAD_RE.match(text, pos)
    if head and head["head"].upper() == head["head"] and any(c.isalpha() for c in head["head"]):
        return head.end(), normalize_head(head["head"]), ""
    return None, "", ""


def _citation_numbers(group: str) -> list[int]:
    numbers: list[int] = []
    for inside in _CITATION_ONE_RE.findall(group):
        for part in re.split(r"\s*[,;]\s*", inside.strip()):
            bounds = re.split(r"\s*[\-\u2013]\s*", part)
            if len(bounds) == 2 and int(bounds[0]) < int(bounds[1]) <= int(bounds[0]) + 50:
                candidates = range(int(bounds[0]), int(bounds[1]) + 1)
            else:
                candidates = [int(b) for b in bounds]
            numbers.extend(n for n in candidates if n not in numbers)
    return numbers


def _parse_marker(kind, text, body_start, end, location, marker_text, column0):
    """Parse the body ``text[body_start:end]`` of a known marker."""
    body = text[body_start:end]
    colon = re.match(r"\s*:", body)
    if kind in DATA_NEEDED_HEADS:
        description = body[colon.end():].strip() if colon else body.strip()
        return DataNeeded(description, location), []
    expected = EXPECTED_TABLE if kind in TABLE_HEADS else EXPECTED_CHART
    if colon is None:
        return None, [_error(location, _("a ':' must follow the marker name"), marker_text, expected)]
    start = body_start + colon.end()
    fields = _split_spans(text, start, end, re.compile(r"\|"), column0)
    if len(fields) != 3:
        return None, [_error(
            location,
            _("expected 3 fields separated by '|' (title, headers, data), found {count}").format(
                count=len(fields)),
            marker_text, expected,
        )]
    if kind in TABLE_HEADS:
        return _parse_table(fields, location, marker_text)
    return _parse_chart(CHART_KINDS[kind], fields, location, marker_text)


def _parse_chart(kind, fields, location, marker_text):
    title, header_field, data_field = fields
    problems: list[Diagnostic] = []
    if not title.text:
        problems.append(_error(location, _("the chart has no title"), marker_text, EXPECTED_CHART))
    headers = [h.text for h in _split_headers(header_field)]
    max_headers = 2 if kind == "pie" else 9
    if not 2 <= len(headers) <= max_headers:
        problems.append(_error(
            Location(location.line, header_field.column),
            _("a {kind} chart takes {expected} headers, found '{found}'").format(
                kind=kind, expected="2" if kind == "pie" else "2 to 9", found=header_field.text),
            marker_text,
            _("x-label : y-label (or x-label : series 1 : series 2), ':' or ',' between headers"),
        ))
        headers = headers[:2] if len(headers) >= 2 else ["", ""]
    rows: list[tuple[str, list[str]]] = []
    for item in _split_items(data_field):
        cells, problem = _split_item(item, location, marker_text,
                                     _("this chart would not build: {reason}"), _("label : value"))
        if problem is None and len(cells) != len(headers):
            problem = _error(
                Location(location.line, item.column),
                _("a chart datum must read 'label : value' with {count} value(s), found '{found}'")
                .format(count=len(headers) - 1, found=item.text),
                marker_text, _("label : value"),
            )
        if problem is not None:
            problems.append(problem)
            continue
        values = []
        for cell in cells[1:]:
            try:
                values.append(canonical_value(cell.text))
            except DataError:
                problems.append(_error(
                    Location(location.line, cell.column),
                    _("'{found}' is not a number").format(found=cell.text),
                    marker_text, expected_number(),
                ))
        rows.append((cells[0].text, values))
    if not rows and not problems:
        problems.append(_error(location, _("the chart has no data"), marker_text, EXPECTED_CHART))
    if problems:
        return None, problems
    return Chart(kind, title.text, headers, rows, location), []


def _parse_table(fields, location, marker_text):
    title, header_field, data_field = fields
    problems: list[Diagnostic] = []
    if not title.text:
        problems.append(_error(location, _("the table has no title"), marker_text, EXPECTED_TABLE))
    headers = [h.text for h in _split_headers(header_field)]
    if len(headers) < 2:
        problems.append(_error(
            Location(location.line, header_field.column),
            _("a table takes at least two headers, found '{found}'").format(found=header_field.text),
            marker_text, _("header, header (or header : header)"),
        ))
    rows: list[list[str]] = []
    for item in _split_items(data_field):
        cells, problem = _split_item(item, location, marker_text, _("this table would not build: {reason}"),
                                     _("label : cell (one ' : ' between cells)"))
        if problem is None and len(headers) >= 2 and len(cells) != len(headers):
            problem = _error(
                Location(location.line, item.column),
                _("the row '{found}' has {count} cells, the table has {columns} columns").format(
                    found=item.text, count=len(cells), columns=len(headers)),
                marker_text, _("label : cell (one ' : ' between cells)"),
            )
        if problem is not None:
            problems.append(problem)
            continue
        rows.append([cell.text for cell in cells])
    if not rows and not problems:
        problems.append(_error(location, _("the table has no rows"), marker_text, EXPECTED_TABLE))
    if problems:
        return None, problems
    return Table(title.text, headers, rows, location), []


def expected_number() -> str:
    return _("a number such as 12, 1.7T, 1,5, 65 %, 175B or 1 000")


def _split_headers(field: Span) -> list[Span]:
    """The figures grammar's headers (``:`` or, when there is none, ``,``), located."""
    return _locate(field, split_headers(field.text))


def _split_item(item: Span, location: Location, marker_text: str, message: str, expected: str):
    """The figures grammar's ``label : cell`` split, located: ``(cells, None)`` or ``(None, problem)``."""
    try:
        label, cells = split_item(item.text)
    except DataError as error:
        reason = error.localized(figures_gettext())
        return None, _error(Location(location.line, item.column), message.format(reason=reason),
                            marker_text, expected)
    return _locate(item, [label, *cells]), None


def _split_items(field: Span) -> list[Span]:
    separator = _SEMICOLON_RE if ";" in field.text else _COMMA_ITEM_RE
    items = _split_spans(field.text, 0, len(field.text), separator, field.column)
    return [item for item in items if item.text]


def _locate(span: Span, pieces: list[str]) -> list[Span]:
    """*pieces* of ``span.text``, in order, with the column where each starts."""
    located, cursor = [], 0
    for piece in pieces:
        start = span.text.find(piece, cursor)
        located.append(Span(piece, span.column + max(start, 0)))
        cursor = max(start, cursor) + len(piece)
    return located


def _split_spans(text: str, start: int, end: int, separator: re.Pattern, column0: int) -> list[Span]:
    """Split ``text[start:end]`` on *separator*; strip pieces, keep their columns."""
    spans: list[Span] = []
    cursor = start
    for match in separator.finditer(text, start, end):
        spans.append(_stripped_span(text, cursor, match.start(), column0))
        cursor = match.end()
    spans.append(_stripped_span(text, cursor, end, column0))
    return spans


def _stripped_span(text: str, start: int, end: int, column0: int) -> Span:
    piece = text[start:end]
    leading = len(piece) - len(piece.lstrip())
    return Span(piece.strip(), column0 + start + leading)


def _error(location: Location, message: str, marker: str, expected: str) -> Diagnostic:
    return Diagnostic("error", location, message, marker, expected)
