"""Text, CSV and Plotly JSON -> chart and table models.

The one grammar of figure data: values (:func:`parse_value`, written back by
:func:`canonical_value`), rows (:func:`split_item`) and headers
(:func:`split_headers`). The directives and the draft importer both read
with these functions, so a value is accepted or refused the same way by both.

Pure functions: every problem raises :class:`DataError` carrying the offset
of the faulty line (0-based, within the directive body or the file) so the
Sphinx layer can report ``file:line`` and quote the line.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .errors import CONTROL, DataError, control_character
from .limits import check_points
from .model import CHART_KINDS, SCALES, Chart, Series, Table, Value


def _(message: str) -> str:
    """Mark *message* for the figures catalog; the Sphinx layer translates it."""
    return message


# Values beyond these magnitudes are typing errors, and would overflow the
# float arithmetic of the drawing.
LARGEST = Decimal(10) ** 30
SMALLEST = Decimal(10) ** -30

_MAGNITUDES = {
    "k": 3, "K": 3,
    "M": 6, "Mn": 6,
    "B": 9, "G": 9, "Md": 9, "Mds": 9, "Mrd": 9, "Mrds": 9,
    "T": 12,
}
_CANONICAL_SUFFIXES = {0: "", 3: "k", 6: "M", 9: "B", 12: "T"}
_NUMBER = re.compile(
    r"^(?P<sign>[-+\u2212]?)\s*"
    r"(?P<digits>\d(?:[\d.,'\s\u00a0\u202f]*\d)?)"
    r"(?:[eE](?P<exp>[-+]?\d+))?\s*"
    r"(?P<suffix>" + "|".join(sorted(_MAGNITUDES, key=len, reverse=True)) + r")?\s*"
    r"(?P<percent>%)?$"
)
# A colon with white space on at least one side separates a label from its
# value; a bare colon (12:30, http://) is only used when nothing else is found.
_LABEL_SEPARATOR = re.compile(r"\s+:\s*|\s*:\s+")
_CELL_SEPARATOR = re.compile(r"\s*;\s*|\s+:\s+")
@dataclass
class Row:
    label: str
    cells: list[str]
    offset: int | None
    line: str


# -- numbers ------------------------------------------------------------------


def _not_a_number(text: str) -> DataError:
    return DataError(
        _("{text!r} is not a number (write a number such as 12, 1.5, 1,5, 65%, 1.7T, 175B or 12 Md)"),
        text=text,
    )


def checked_number(number: Decimal, text: str) -> Decimal:
    """*number* if it is finite and of a sensible magnitude, else a DataError."""
    if not number.is_finite():
        raise DataError(_("{text!r} is not a finite number"), text=text)
    if number and not SMALLEST <= abs(number) <= LARGEST:
        raise DataError(_("{text!r} is out of range (between 1e-30 and 1e30)"), text=text)
    return number


def _read_number(text: str) -> tuple[Decimal, int, bool]:
    """``text`` -> (number without its magnitude suffix, the suffix's power of ten, percent).

    The one reading of a written value: :func:`parse_value` and
    :func:`canonical_value` both start here, so they accept the same texts.
    """
    written = text.strip()
    match = _NUMBER.match(written)
    if not match or (match["suffix"] and match["percent"]):
        raise _not_a_number(written)
    digits = re.sub(r"[\s'\u00a0\u202f]", "", match["digits"])
    try:
        number = Decimal(_normalise_separators(digits))
    except (InvalidOperation, ValueError):
        raise _not_a_number(written) from None
    magnitude = _MAGNITUDES.get(match["suffix"] or "", 0)
    exponent = int(match["exp"] or 0)
    if abs(exponent + magnitude) > 30:
        raise DataError(_("{text!r} is out of range (between 1e-30 and 1e30)"), text=written)
    if exponent:
        number = number.scaleb(exponent)
    if match["sign"] in ("-", "\u2212"):
        number = -number
    checked_number(number.scaleb(magnitude), written)
    return number, magnitude, bool(match["percent"])


def parse_value(text: str) -> Value:
    """Parse ``12``, ``1.5``, ``1,5``, ``1 700``, ``1.234,5``, ``65%``, ``1.7T``,
    ``12 Md``, ``3 Mn``, ``1e5``.

    Raises :class:`DataError` (a ``ValueError``) for anything else, for
    non-finite numbers and for magnitudes beyond 1e±30.
    """
    number, magnitude, percent = _read_number(text)
    return Value(number.scaleb(magnitude) if magnitude else number, percent=percent)


def canonical_value(text: str) -> str:
    """*text* written the one way every reader agrees on: ``1,7 T`` -> ``1.7T``,
    ``12 Mrds`` -> ``12B``, ``65 %`` -> ``65%``, ``1.234,5`` -> ``1234.5``,
    ``1e5`` -> ``100000``.

    Decimal point, no grouping, no exponent, the magnitude suffix the author
    chose (as k, M, B or T) and the digits they wrote, so the value reads the
    same. Raises :class:`DataError` where :func:`parse_value` does, and
    ``parse_value(canonical_value(t)) == parse_value(t)``.
    """
    number, magnitude, percent = _read_number(text)
    digits = format(number, "f")
    if digits.startswith("-") and not number:
        digits = digits[1:]  # "-0" reads as 0: write it so
    return digits + _CANONICAL_SUFFIXES[magnitude] + ("%" if percent else "")


def _normalise_separators(digits: str) -> str:
    """Turn "1.234,5", "1,234.5", "1,5", "1.000.000" into a Decimal literal."""
    if "." in digits and "," in digits:
        decimal_mark = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        return digits.replace(thousands, "").replace(decimal_mark, ".")
    for mark in (",", "."):
        if digits.count(mark) > 1:
            groups = digits.split(mark)
            if all(len(group) == 3 for group in groups[1:]):
                return digits.replace(mark, "")
            raise ValueError(digits)
    return digits.replace(",", ".")


def _check_controls(cells: list[str], row: int, offset: int | None, line: str) -> None:
    """Refuse a control character in *cells* (row *row*, 0 for the header row)."""
    for column, cell in enumerate(cells, start=1):
        found = control_character(cell)
        if found is None:
            continue
        if row == 0:
            raise DataError(_("control character {char} in the header row, column {column}; remove it"),
                            offset, line, char=found, column=column)
        raise DataError(_("control character {char} in row {row}, column {column}; remove it"),
                        offset, line, char=found, row=row, column=column)


# -- directive bodies ---------------------------------------------------------


def split_headers(text: str) -> list[str]:
    """``Modèle : Paramètres`` or ``Année, Nombre de modèles`` -> names."""
    separator = ":" if ":" in text else ","
    names = [part.strip() for part in text.split(separator) if part.strip()]
    _check_controls(names, 0, None, "")
    return names


def split_item(item: str) -> tuple[str, list[str]]:
    """``label : value`` or ``label : cell ; cell`` -> label and cells.

    A colon with white space on a side separates the label (a bare colon only
    when there is no such colon); cells are separated by ``;`` or `` : ``.
    Raises :class:`DataError` (not located) when the label or the value is missing.
    """
    match = _LABEL_SEPARATOR.search(item)
    if match:
        label, rest = item[: match.start()], item[match.end():]
    elif ":" in item:
        label, _colon, rest = item.rpartition(":")
    else:
        raise DataError(_("missing ':' between label and value (write one 'label : value' per line)"))
    label, rest = label.strip(), rest.strip()
    if not label:
        raise DataError(_("empty label (write one 'label : value' per line)"))
    if not rest:
        raise DataError(_("empty value for {label!r} (write one 'label : value' per line)"), label=label)
    return label, [cell.strip() for cell in _CELL_SEPARATOR.split(rest)]


def parse_lines(lines: list[str]) -> list[Row]:
    """Read a directive body: one ``label : value`` line per row, blank lines skipped."""
    rows: list[Row] = []
    for offset, raw in enumerate(lines):
        if CONTROL.search(raw):  # located before str.strip(), which takes some for white space
            probe = CONTROL.sub("\ufffd", raw).strip()
            try:
                label, cells = split_item(probe)
                parts = [label, *cells]
            except DataError:
                parts = [probe]
            column = next((n for n, part in enumerate(parts) if "\ufffd" in part), 0)
            _check_controls([""] * column + [raw], len(rows) + 1, offset, raw)
        line = raw.strip()
        if not line:
            continue
        try:
            label, cells = split_item(line)
        except DataError as error:
            raise error.at(offset, raw) from None
        rows.append(Row(label, cells, offset, raw))
    return rows


def parse_csv(text: str) -> tuple[list[str], list[Row]]:
    """Read a CSV file whose first row holds the headers.

    The delimiter is ``,``, ``;`` or a tab (whichever the header row uses most),
    so French files with decimal commas and ``;`` work as they are.
    """
    # Lines as the csv module counts them (\n, \r\n or \r), so that an
    # offset and the quoted line always match.
    lines = [line.rstrip("\r\n") for line in io.StringIO(text, newline="")]
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise DataError(_("the CSV file is empty"))
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    rows: list[Row] = []
    try:
        for record in reader:
            offset = reader.line_num - 1
            cells = [cell.strip() for cell in record]
            line = lines[offset] if offset < len(lines) else delimiter.join(record)
            _check_controls(record, 0 if headers is None else len(rows) + 1, offset, line)
            if not any(cells):
                continue
            if headers is None:
                headers = cells
                continue
            if len(cells) != len(headers):
                raise DataError(
                    _("{found} cells where the header row has {expected}"),
                    offset,
                    line,
                    found=len(cells),
                    expected=len(headers),
                )
            rows.append(Row(cells[0], cells[1:], offset, line))
    except csv.Error as error:
        offset = min(max(reader.line_num - 1, 0), len(lines) - 1)
        raise DataError(_("unreadable CSV: {error}"), offset, lines[offset], error=str(error)) from None
    return headers or [], rows


# -- models -------------------------------------------------------------------


def build_chart(
    kind: str,
    title: str,
    headers: list[str] | None,
    rows: list[Row],
    *,
    x_label: str = "",
    y_label: str = "",
    unit: str = "",
    scale: str = "linear",
    description: str = "",
) -> Chart:
    """Check rows of text and turn them into a :class:`Chart`."""
    if kind not in CHART_KINDS:
        raise DataError(_("unknown chart kind {kind!r}"), kind=kind)
    if not rows:
        raise DataError(_("the chart has no data (write one 'label : value' per line)"))
    width = len(headers) - 1 if headers and len(headers) > 1 else len(rows[0].cells)
    names = list(headers[1:]) if headers and len(headers) > 1 else [""] * width
    if len(names) < width:
        names += [""] * (width - len(names))
    check_points(len(rows) * max(width, 1))
    columns: list[list[Value]] = [[] for _row in range(width)]
    for row in rows:
        if len(row.cells) != width:
            raise DataError(
                _("{found} value(s) for {label!r} where {expected} are expected"),
                row.offset,
                row.line,
                found=len(row.cells),
                label=row.label,
                expected=width,
            )
        for column, cell in zip(columns, row.cells):
            try:
                column.append(parse_value(cell))
            except DataError as error:
                raise error.at(row.offset, row.line) from None
    chart = Chart(
        kind=kind,
        title=title,
        labels=[row.label for row in rows],
        series=[Series(name, values) for name, values in zip(names, columns)],
        x_label=x_label or (headers[0] if headers else ""),
        y_label=y_label or (headers[1] if headers and len(headers) == 2 else ""),
        unit=unit,
        scale=scale,
        description=description,
    )
    check_chart(chart, rows)
    return chart


def check_chart(chart: Chart, rows: list[Row] | None = None) -> None:
    """Refuse what cannot be drawn honestly; *rows* locate the faulty value."""
    if chart.scale not in SCALES:
        raise DataError(_("unknown scale {scale!r} (use 'linear' or 'log')"), scale=chart.scale)
    if rows is None:
        rows = [Row(label, [], None, "") for label in chart.labels]
    if chart.kind == "pie":
        if len(chart.series) != 1:
            raise DataError(_("a pie chart takes exactly one value per label"))
        for row, value in zip(rows, chart.series[0].values):
            if value.number < 0:
                raise DataError(
                    _("negative pie slice {label!r}: a pie shows shares of a whole"),
                    row.offset,
                    row.line,
                    label=row.label,
                )
        if sum(value.number for value in chart.series[0].values) <= 0:
            raise DataError(_("all the pie slices are zero"))
    if chart.scale == "log":
        for series in chart.series:
            for row, value in zip(rows, series.values):
                if value.number <= 0:
                    raise DataError(
                        _("{label!r}: a logarithmic scale needs values above zero"),
                        row.offset,
                        row.line,
                        label=row.label,
                    )


def build_table(title: str, headers: list[str] | None, rows: list[Row]) -> Table:
    """Check rows of text cells and turn them into a :class:`Table`."""
    if not rows:
        raise DataError(_("the table has no rows (write one 'label : cell' per line)"))
    width = len(headers) if headers else 1 + len(rows[0].cells)
    table_rows = []
    for row in rows:
        cells = [row.label, *row.cells]
        if len(cells) != width:
            raise DataError(
                _("{found} cells where {expected} are expected (separate cells with ' : ' or ';')"),
                row.offset,
                row.line,
                found=len(cells),
                expected=width,
            )
        table_rows.append(cells)
    return Table(title=title, headers=list(headers or []), rows=table_rows)
