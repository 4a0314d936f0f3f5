"""Where a line of the generated Typst file comes from (no Sphinx here).

The translator writes a block comment, ``/* @source docs/page.md:12 */``,
before each block it writes (paragraphs, headings, figures, tables, raw
Typst…): the source file, relative to the source folder, and the line.
When Typst reports an error or a warning at a line of the generated file,
the nearest mark at or before that position names the page and line the
author has to look at. Block comments take no room in the output and need
no line of their own, so a mark never changes what Typst sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"/\* @source (.+?):(\d+) \*/")


@dataclass(frozen=True)
class SourcePosition:
    path: str  # relative to the source folder, with "/" separators
    line: int


def mark(path: str, line: int | None) -> str:
    """The comment naming *path*:*line*, or "" when there is nothing to name.

    A path that would end or nest the comment (``*/``, ``/*``) or that spans
    lines gets no mark: the previous one stands.
    """
    if not path or not line or "*/" in path or "/*" in path or "\n" in path or "\r" in path:
        return ""
    return f"/* @source {path}:{int(line)} */"


def source_position(text: str, line: int, column: int = 0) -> SourcePosition | None:
    """The source of position *line*:*column* (1-based, as Typst prints them) of *text*:
    the last mark that starts at or before it."""
    found = None
    for number, content in enumerate(text.splitlines(), start=1):
        if number > line:
            break
        for match in _MARK.finditer(content):
            if number == line and column and match.start() + 1 > column:
                break
            found = SourcePosition(match[1], int(match[2]))
    return found
