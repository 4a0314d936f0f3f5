"""Draft text -> :class:`~.model.Document`, with located diagnostics.

The grammar (documented for authors in docs/auteurs/format-des-brouillons.md):

* the first non-blank line is the title, the second the author, the third
  the lede (chapeau) when it is a paragraph; blank lines are ignored and every
  other non-blank line is one block;
* ``# text`` / ``## text`` are explicit part / subsection headings;
* a line of at most :data:`MAX_HEADING_WORDS` words that does not end with
  ``. : ; , … !`` and holds no marker is a heading; its level follows
  :func:`assign_levels`;
* ``- item`` lines form a bullet list; ``Nombre de mots : N (…)`` is the word
  count line; a line starting with ``\\`` is always a paragraph;
* a trailing web footer ("💬 Comments", "Comments are coming soon!…") is
  dropped with a notice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .markers import scan_line
from .messages import _
from .model import (
    BulletList,
    Chart,
    Diagnostic,
    Document,
    Location,
    Paragraph,
    ParseResult,
    Part,
    Section,
    Table,
    Text,
    WordCount,
)

MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 120
SENTENCE_END = ".:;,…!"
# Headings that always open a part, wherever they stand.
PART_KEYWORDS = {
    "introduction", "conclusion", "en conclusion", "pour conclure", "epilogue",
    "remerciements", "avant-propos", "preface", "postface", "annexe", "annexes",
}

_EXPLICIT_HEADING_RE = re.compile(r"^(#+)\s+(.*\S)\s*$")
_BULLET_RE = re.compile(r"^[-–•*]\s+")
_WORD_COUNT_RE = re.compile(
    r"^nombre\s+de\s+mots\s*:\s*(?P<number>~?\s*\d[\d\s\u00a0\u202f.,]*)?\s*(?P<suffix>.*?)\s*$",
    re.IGNORECASE,
)
_FOOTER_START_RE = re.compile(r"^[^\w\s]*\s*comments\s*$|^comments are coming soon", re.IGNORECASE)
MAX_FOOTER_LINES = 6  # a longer tail after "Comments" is content, not a footer


@dataclass
class Heading:
    text: str
    location: Location
    explicit_level: int | None  # 1 or 2 when written with # or ##
    level: int = 0  # decided by assign_levels


@dataclass
class _Item:
    """One non-blank line: line number, text, column of its first character."""

    line: int
    text: str
    column: int


def parse_draft(text: str) -> ParseResult:
    """Parse a whole draft. Never raises on any input text."""
    diagnostics: list[Diagnostic] = []
    items = _non_blank_lines(text, diagnostics)
    if len(items) < 2:
        diagnostics.append(Diagnostic(
            "error", Location(1, 1), _("the draft must start with a title line and an author line"),
            text[:60], _("line 1: the title; line 2: the author"),
        ))
        return ParseResult(None, diagnostics)
    title = re.sub(r"^#\s+", "", items[0].text)
    author = items[1].text
    elements = [_classify(item, diagnostics) for item in items[2:]]
    elements = _merge_lists(elements)
    lede = None
    if elements and isinstance(elements[0], Paragraph):
        lede = elements.pop(0)
    else:
        diagnostics.append(Diagnostic(
            "notice", Location(items[2].line if len(items) > 2 else items[1].line),
            _("no lede: the third line is not a paragraph"),
        ))
    assign_levels(elements, diagnostics)
    document = Document(title=title, author=author, lede=lede)
    _assemble(document, elements, diagnostics)
    return ParseResult(document, diagnostics)


# -- Lines -----------------------------------------------------------------------


def _non_blank_lines(text: str, diagnostics: list[Diagnostic]) -> list[_Item]:
    lines = text.lstrip("\ufeff").splitlines()
    footer = _footer_start(lines)
    if footer is not None:
        dropped = [line for line in lines[footer:] if line.strip()]
        diagnostics.append(Diagnostic(
            "notice", Location(footer + 1),
            _("dropped {count} line(s) of web page footer, not article content: '{first}'").format(
                count=len(dropped), first=lines[footer].strip()),
        ))
        lines = lines[:footer]
    items = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped:
            items.append(_Item(number, stripped, len(line) - len(line.lstrip()) + 1))
    return items


def _footer_start(lines: list[str]) -> int | None:
    """Index of the first line of a trailing "Comments" footer, if any.

    Only a short tail without markers counts, so that a line "Comments" in the
    middle of an article never swallows what follows it.
    """
    seen_content = 0
    for index, line in enumerate(lines):
        if _FOOTER_START_RE.match(line.strip()) and seen_content >= 2:
            tail = [rest for rest in lines[index:] if rest.strip()]
            if len(tail) <= MAX_FOOTER_LINES and not any("[" in rest for rest in tail):
                return index
        seen_content += bool(line.strip())
    return None


def _classify(item: _Item, diagnostics: list[Diagnostic]):
    """One line -> a Heading, a Paragraph, a list item, or a WordCount."""
    text = item.text
    explicit = _EXPLICIT_HEADING_RE.match(text)
    if explicit:
        level = len(explicit.group(1))
        if level > 2:
            diagnostics.append(Diagnostic(
                "error", Location(item.line, item.column),
                _("only parts (#) and subsections (##) can be marked"), text,
                _("'# Part title' or '## Subsection title'"),
            ))
            level = 2
        return Heading(explicit.group(2), Location(item.line, item.column), level)
    if _BULLET_RE.match(text):
        offset = _BULLET_RE.match(text).end()
        inlines, blocks = _inline_content(text[offset:], item.line, item.column + offset, diagnostics)
        return _ListItem(inlines, blocks, Location(item.line, item.column))
    word_count = _WORD_COUNT_RE.match(text)
    if word_count:
        return WordCount(_stated_number(word_count["number"]), word_count["suffix"],
                         Location(item.line, item.column))
    forced_paragraph = text.startswith("\\") and not text.startswith("\\[")
    if forced_paragraph:
        text = text[1:]
    inlines, blocks = _inline_content(text, item.line, item.column + forced_paragraph, diagnostics)
    if not forced_paragraph and not blocks and _looks_like_heading(text, inlines):
        return Heading(text, Location(item.line, item.column), None)
    paragraph = Paragraph(inlines, Location(item.line, item.column)) if _has_words(inlines) else None
    return _Line(paragraph, blocks)


def _looks_like_heading(text: str, inlines) -> bool:
    return (
        len(inlines) == 1 and isinstance(inlines[0], Text)
        and len(text.split()) <= MAX_HEADING_WORDS
        and len(text) <= MAX_HEADING_CHARS
        and text[-1] not in SENTENCE_END
    )


def _stated_number(text: str | None) -> int | None:
    digits = re.sub(r"\D", "", text or "")
    return int(digits) if digits else None


@dataclass
class _ListItem:
    inlines: list
    blocks: list
    location: Location


@dataclass
class _Line:
    """A paragraph line; chart and table markers found in it follow it as blocks."""

    paragraph: Paragraph | None
    blocks: list


def _inline_content(text: str, line: int, column: int, diagnostics: list[Diagnostic]):
    """Scan *text*; return (inlines without charts/tables, the charts/tables)."""
    pieces, problems = scan_line(text, line, column)
    diagnostics.extend(problems)
    inlines: list = []
    blocks: list = []
    removed_marker = False
    for piece in pieces:
        if isinstance(piece, (Chart, Table)):
            blocks.append(piece)
            removed_marker = True
            continue
        if isinstance(piece, Text) and inlines and isinstance(inlines[-1], Text):
            inlines[-1] = Text(_join_around_marker(inlines[-1].text, piece.text, removed_marker))
        elif isinstance(piece, Text) and removed_marker and inlines:
            inlines.append(Text(_join_around_marker("", piece.text, True)))
        else:
            inlines.append(piece)
        removed_marker = False
    _strip_ends(inlines)
    return inlines, blocks


def _join_around_marker(before: str, after: str, removed_marker: bool) -> str:
    """Close the gap a block marker leaves: "dédiée [TABLEAU …]." -> "dédiée."."""
    if not removed_marker:
        return before + after
    if not after.strip() or after.lstrip()[:1] in ".,…)»":
        return before.rstrip() + after.lstrip()
    return before.rstrip() + " " + after.lstrip()


def _strip_ends(inlines: list) -> None:
    if inlines and isinstance(inlines[0], Text):
        inlines[0] = Text(inlines[0].text.lstrip())
    if inlines and isinstance(inlines[-1], Text):
        inlines[-1] = Text(inlines[-1].text.rstrip())
    inlines[:] = [i for i in inlines if not (isinstance(i, Text) and not i.text)]


def _has_words(inlines) -> bool:
    return any(not isinstance(i, Text) or any(c.isalnum() for c in i.text) for i in inlines)


def _merge_lists(elements: list) -> list:
    """Flatten lines into blocks; consecutive list items make one BulletList."""
    merged: list = []
    for element in elements:
        if isinstance(element, _ListItem):
            if merged and isinstance(merged[-1], BulletList) and merged[-1].items:
                merged[-1].items.append(element.inlines)
            else:
                merged.append(BulletList([element.inlines], element.location))
            merged.extend(element.blocks)
        elif isinstance(element, _Line):
            if element.paragraph is not None:
                merged.append(element.paragraph)
            merged.extend(element.blocks)
        else:
            merged.append(element)
    # Charts pulled out of a list item must not glue the next items onto the list.
    return merged


# -- Structure -------------------------------------------------------------------


def _is_part_keyword(text: str) -> bool:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().strip()
    return plain in PART_KEYWORDS or plain.startswith("annexe ")


def assign_levels(elements: list, diagnostics: list[Diagnostic]) -> None:
    """Give every heading its level: 1 (a part, one page) or 2 (a subsection).

    Explicit ``#``/``##`` win. For the others, in order:

    1. a heading right after a part heading is a subsection;
    2. a part keyword ("Conclusion", "Introduction", …) is a part;
    3. a heading followed directly by another heading is a part;
    4. a heading followed by content is a subsection when the current part
       already has subsections, otherwise a part.
    """
    current_part_has_sections = False
    previous = None
    for index, element in enumerate(elements):
        if not isinstance(element, Heading):
            previous = element
            continue
        following = elements[index + 1] if index + 1 < len(elements) else None
        if element.explicit_level:
            element.level = element.explicit_level
        elif isinstance(previous, Heading) and previous.level == 1:
            element.level = 2
        elif _is_part_keyword(element.text):
            element.level = 1
        elif isinstance(following, Heading) and following.explicit_level != 1:
            element.level = 1
        else:
            element.level = 2 if current_part_has_sections else 1
        current_part_has_sections = element.level == 2
        previous = element


def _assemble(document: Document, elements: list, diagnostics: list[Diagnostic]) -> None:
    part: Part | None = None
    section: Section | None = None
    for element in elements:
        if isinstance(element, Heading) and element.level == 1:
            part, section = Part(element.text, element.location), None
            document.parts.append(part)
        elif isinstance(element, Heading):
            if part is None:
                diagnostics.append(Diagnostic(
                    "error", element.location, _("a subsection comes before any part"),
                    element.text, _("a part heading ('# Title') before the first subsection"),
                ))
                continue
            section = Section(element.text, element.location)
            part.sections.append(section)
        elif section is not None:
            section.blocks.append(element)
        elif part is not None:
            part.blocks.append(element)
        else:
            document.preamble.append(element)
    for part in document.parts:
        if not part.blocks and not part.sections:
            diagnostics.append(Diagnostic("notice", part.location,
                                          _("the part '{title}' is empty").format(title=part.title)))
        for section in part.sections:
            if not section.blocks:
                diagnostics.append(Diagnostic(
                    "notice", section.location,
                    _("the subsection '{title}' is empty").format(title=section.title)))
