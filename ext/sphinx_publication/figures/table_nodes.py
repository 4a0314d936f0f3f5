"""Rows of text -> a docutils table, for the ``data-table`` directive and for
the data of a chart on builders that cannot draw it (the text writer wraps
cells at the column widths given here)."""

from __future__ import annotations

from docutils import nodes


def column_widths(rows: list[list[str]], cap: int = 40) -> list[int]:
    """Text widths of the columns, capped so that long cells wrap."""
    return [min(max(len(cell) for cell in column), cap) for column in zip(*rows)]


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        # Data, not prose: kept out of the gettext catalogs.
        row += nodes.entry("", nodes.paragraph("", "", nodes.Text(cell), translatable=False))
    return row


def table_node(headers: list[str], rows: list[list[str]], classes: list[str]) -> nodes.table:
    """A table of *rows* under an optional header row (no title)."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers or rows[0]))
    table += group
    for width in column_widths([headers, *rows] if headers else rows):
        group += nodes.colspec(colwidth=width)
    if headers:
        group += nodes.thead("", _row(headers))
    group += nodes.tbody("", *(_row(cells) for cells in rows))
    return table
