"""Read a .bib file entry by entry and locate what is wrong in it (no Sphinx here).

Each field's text is also made safe to print (:func:`_check_fields`), with a
located problem for each change: a field longer than
:data:`MAX_FIELD_LENGTH` characters is cut there (a 10 MB title would be
repeated in every card and edition), control characters are removed, a
lone backslash at the end or a ``%`` LaTeX would read as a comment is
printed as written, and addresses that will not become links are named.

pybtex reads a file in one go: an unbalanced brace swallows the rest of the
file and is reported at the last line ("premature end of file"), a missing
comma is reported on the line after the fault, and a duplicate key stops
the parse so that every later entry is lost. Here each ``@entry`` is parsed
on its own, so one faulty entry costs only itself, and every problem comes
with the line of the real fault and what to do about it.

Messages are English templates marked with :func:`_` for the citations
catalog; the Sphinx layer translates them (:meth:`BibProblem.localized`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError

from .addresses import unsafe_addresses
from .biblatex import PERSON_FIELDS
from .dates import parse_date
from .style import resolve_type

_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)
_ENTRY_HEAD = re.compile(r"@\s*(?P<type>[\w-]+)\s*[{(]\s*(?P<key>[^,\s{}()]*)")
_FIELD_LINE = re.compile(r"^\s*(?P<name>[\w.:-]+)\s*=")
_NOT_ENTRIES = {"comment", "preamble", "string"}


def _(message: str) -> str:
    """Mark *message* for the catalog; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class BibProblem:
    """One fault of a .bib file: its 1-based line and a message saying how to fix it."""

    line: int
    template: str  # English, with ``str.format`` fields filled from params
    kind: str  # "brace", "comma", "syntax", "duplicate", "type", "year"
    params: dict[str, object] = field(default_factory=dict, hash=False)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def localized(self, translate: Callable[[str], object]) -> str:
        """The message in the language of *translate* (a catalog's ``_``)."""
        return str(translate(self.template)).format(**self.params)


@dataclass
class BibReading:
    """What could be read from a .bib file, and what could not."""

    data: BibliographyData
    problems: list[BibProblem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # key -> line of its @entry
    chunks: dict[str, _Chunk] = field(default_factory=dict, repr=False)  # key -> its text

    def field_line(self, key: str, name: str) -> int:
        """The line where *key*'s field *name* is written (its entry's line if not found)."""
        chunk = self.chunks.get(key)
        return _field_line(chunk, name) if chunk is not None else self.lines.get(key, 1)


@dataclass(frozen=True)
class _Chunk:
    line: int  # 1-based line of the "@"
    text: str


def _lines(text: str) -> list[str]:
    """Lines as pybtex and :func:`split_entries` number them: cut at ``\\n`` only
    (``str.splitlines`` would also cut at a lone ``\\r`` or form feed in a field)."""
    return text.split("\n")


def split_entries(text: str) -> list[_Chunk]:
    """Cut *text* before every line that starts with ``@``."""
    starts = [match.start() for match in _ENTRY_START.finditer(text)]
    chunks = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        chunks.append(_Chunk(text.count("\n", 0, start) + 1, text[start:end]))
    return chunks


def _brace_depths(line: str, depth: int) -> tuple[int, int]:
    """Depth after *line* and the lowest depth reached inside it."""
    lowest = depth
    for char in line:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            lowest = min(lowest, depth)
    return depth, lowest


_OPEN_IN_FIELD = _(
    "unbalanced brace in entry '{key}': a '{{' opened in this field is never closed; "
    "add the missing '}}'"
)
_OPEN_IN_ENTRY = _(
    "unbalanced brace in entry '{key}': a '{{' opened in this entry is never closed; "
    "add the missing '}}'"
)
_CLOSED_EARLY = _("unbalanced brace in entry '{key}': a '}}' too many closes the entry here; remove it")
_CLOSED_TOO_MANY = _("unbalanced brace in entry '{key}': a '}}' too many; remove it")


def find_brace_fault(chunk: str) -> tuple[int, str] | None:
    """Locate an unbalanced brace in one entry: (0-based line, message template) or None.

    Inside an entry every ``field = value`` line must start at depth 1 (in
    the entry's own braces). A field line starting deeper means the previous
    field left a brace open; depth dropping to 0 before the last line means
    a ``}`` too many closed the entry early.
    """
    lines = _lines(chunk)
    if not lines or "{" not in lines[0]:
        return None
    depth = 0
    last_field: int | None = None
    last_content = max((i for i, text in enumerate(lines) if text.strip()), default=0)
    for index, text in enumerate(lines):
        is_field = index > 0 and _FIELD_LINE.match(text) is not None
        if is_field and depth > 1:
            line = last_field if last_field is not None else index
            return line, _OPEN_IN_FIELD
        if is_field:
            last_field = index
        depth, lowest = _brace_depths(text, depth)
        if index > 0 and lowest <= 0 and index < last_content:
            return index, _CLOSED_EARLY
        if depth <= 0 and index == 0:
            return None  # one-line entry, balanced
    if depth > 0:
        line = last_field if last_field is not None else 0
        return line, _OPEN_IN_ENTRY
    if depth < 0:
        return last_content, _CLOSED_TOO_MANY
    return None


def _missing_comma_line(lines: list[str], error_line: int) -> int | None:
    """0-based line lacking its comma, when pybtex stopped on the next field."""
    if error_line >= len(lines) or not _FIELD_LINE.match(lines[error_line]):
        return None
    previous = error_line - 1
    while previous >= 0 and not lines[previous].strip():
        previous -= 1
    if previous < 0 or lines[previous].rstrip().endswith(","):
        return None
    return previous


def _syntax_problem(chunk: _Chunk, error: PybtexSyntaxError, key: str) -> BibProblem:
    lines = _lines(chunk.text)
    error_line = (error.lineno or 1) - 1
    comma_line = _missing_comma_line(lines, error_line)
    if comma_line is not None:
        return BibProblem(
            chunk.line + comma_line,
            _("missing comma at the end of this line in entry '{key}'; separate the fields with ','"),
            "comma",
            {"key": key},
        )
    return BibProblem(
        chunk.line + error_line,
        _("syntax error in entry '{key}': {error}; check the braces, quotes and commas of this entry"),
        "syntax",
        {"key": key, "error": error.args[0] if error.args else error},
    )


def read_bibtex(text: str) -> BibReading:
    """Parse *text* entry by entry; return the data and the located problems."""
    # biblatex name lists (editora, translator…) are read as names too
    parser = Parser(person_fields=PERSON_FIELDS)
    reading = BibReading(data=parser.data)
    for chunk in split_entries(text):
        head = _ENTRY_HEAD.match(chunk.text.lstrip())
        entry_type = head.group("type").lower() if head else ""
        key = head.group("key") if head else ""
        if entry_type not in _NOT_ENTRIES:
            fault = find_brace_fault(chunk.text)
            if fault is not None:
                line, template = fault
                reading.problems.append(BibProblem(chunk.line + line, template, "brace", {"key": key}))
                continue
        if key and key.lower() in {known.lower() for known in reading.lines}:
            first = next(line for known, line in reading.lines.items() if known.lower() == key.lower())
            reading.problems.append(
                BibProblem(
                    chunk.line,
                    _(
                        "duplicate key '{key}' (first defined at line {first}); "
                        "this entry is ignored: rename or remove one of them"
                    ),
                    "duplicate",
                    {"key": key, "first": first},
                )
            )
            continue
        with pybtex.errors.capture() as errors:
            parser.parse_string(chunk.text)
        for error in errors:
            if isinstance(error, PybtexSyntaxError):
                reading.problems.append(_syntax_problem(chunk, error, key))
            else:
                reading.problems.append(
                    BibProblem(chunk.line, _("in entry '{key}': {error}"), "syntax", {"key": key, "error": error})
                )
        if key and key in parser.data.entries:
            reading.lines[key] = chunk.line
            reading.chunks[key] = chunk
            _check_fields(parser.data.entries[key], chunk, reading)
            _check_type(parser.data.entries[key], chunk.line, reading)
            _check_year(parser.data.entries[key], chunk, reading)
            _check_dates(parser.data.entries[key], chunk, reading)
    return reading


def _check_type(entry, line: int, reading: BibReading) -> None:
    """Give types pybtex lacks a type it formats; report the unknown ones."""
    resolved, known = resolve_type(entry.type)
    if not known:
        reading.problems.append(
            BibProblem(
                line,
                _(
                    "unknown entry type '@{type}' for '{key}', formatted as @misc; "
                    "use a BibTeX type (article, book, inproceedings, misc, online, techreport…)"
                ),
                "type",
                {"type": entry.type, "key": entry.key},
            )
        )
    entry.type = resolved


_YEAR = re.compile(r"[0-9]{4}")
_YEAR_FIELD = re.compile(r"^\s*year\s*=", re.IGNORECASE | re.MULTILINE)


def _check_year(entry, chunk: _Chunk, reading: BibReading) -> None:
    """Dates are formatted only with a four-digit year; say so for any other."""
    year = entry.fields.get("year")
    if year is None or _YEAR.fullmatch(year.strip()):
        return
    field_at = _YEAR_FIELD.search(chunk.text)
    line = chunk.line + (chunk.text.count("\n", 0, field_at.start()) if field_at else 0)
    reading.problems.append(
        BibProblem(
            line,
            _("year '{year}' of '{key}' is not a four-digit year; it is printed as written"),
            "year",
            {"year": year, "key": entry.key},
        )
    )


_DATE_FIELDS = ("date", "urldate", "eventdate", "origdate")


def _field_line(chunk: _Chunk, name: str) -> int:
    field_at = re.search(rf"^\s*{re.escape(name)}\s*=", chunk.text, re.IGNORECASE | re.MULTILINE)
    return chunk.line + (chunk.text.count("\n", 0, field_at.start()) if field_at else 0)


def _check_dates(entry, chunk: _Chunk, reading: BibReading) -> None:
    """biblatex dates are ISO 8601 (ranges with '/'); say so for any other."""
    for name in _DATE_FIELDS:
        value = entry.fields.get(name)
        if value is None or parse_date(value) is not None:
            continue
        reading.problems.append(
            BibProblem(
                _field_line(chunk, name),
                _(
                    "{field} '{value}' of '{key}' is not a date biblatex reads "
                    "(2006, 2006-10, 2006-10-01, or a range such as 2006-10-01/2006-10-05); "
                    "it is printed as written"
                ),
                "date",
                {"field": name, "value": value, "key": entry.key},
            )
        )


# -- field text: bounded, readable as LaTeX, links named ------------------------------

#: longest field (or list of names) printed, in characters; the rest is cut (README, citations)
MAX_FIELD_LENGTH = 10_000
#: characters no XML (EPUB) or Typst text may hold: C0 controls but tab and newlines, non-characters
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: an odd run of backslashes at the end: its last one escapes nothing (latexcodec fails on it)
_LONE_BACKSLASH = re.compile(r"(?<!\\)(?:\\\\)*\\$")
#: a ``%`` not escaped by a backslash: LaTeX (and pybtex) reads the rest as a comment
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
#: fields printed or linked as written, never read as LaTeX (a ``%`` in an address is no comment)
RAW_FIELDS = frozenset({"url", "doi", "eprint", "eprintclass", "pubmed", "file"})
_NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")

_TOO_LONG = _(
    "entry '{key}': field {field} is {length} characters long; only its first {limit} are printed "
    "(the limit for a .bib field): shorten it"
)
_CONTROL_CHARACTERS = _(
    "entry '{key}': field {field} holds control characters; they are left out: remove them"
)
_TRAILING_BACKSLASH = _(
    "entry '{key}': field {field} ends with a lone backslash, which LaTeX cannot read; "
    "it is printed as written: write \\textbackslash for a backslash, or remove it"
)
_PERCENT = _(
    "entry '{key}': field {field} holds '%', which LaTeX reads as the start of a comment; "
    "it is printed as a percent sign: write \\% to say so"
)
_NOT_A_LINK = _(
    "entry '{key}': field {field}: '{address}' is printed as text, without a link: "
    "only http and https addresses become links"
)


def shorten(text: str, length: int = 60) -> str:
    """*text* for a message: at most *length* characters, control characters shown escaped."""
    text = text if len(text) <= length else text[: length - 1] + "…"
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def cut(value: str, limit: int = MAX_FIELD_LENGTH) -> str:
    """*value* cut to *limit* characters, its braces balanced again, and an ellipsis."""
    kept = value[:limit]
    depth = 0
    balanced = []
    for char in kept:
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                continue
            depth -= 1
        balanced.append(char)
    text = "".join(balanced)
    if _LONE_BACKSLASH.search(text):
        text = text[:-1]
    return text + "…" + "}" * depth


def readable_latex(value: str, raw: bool = False) -> tuple[str, list[str]]:
    """*value* as LaTeX that pybtex reads without error and prints as written,
    and the templates of the repairs made (control characters, a lone final
    backslash, ``%``); a *raw* field (an address) loses its control characters only."""
    repairs = []
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
        repairs.append(_CONTROL_CHARACTERS)
    if raw:
        return value, repairs
    if "%" in value and _COMMENT.search(value):
        value = _COMMENT.sub(r"\1\\%", value)
        repairs.append(_PERCENT)
    if value.endswith("\\") and _LONE_BACKSLASH.search(value):
        value = value[:-1] + "\\textbackslash"
        repairs.append(_TRAILING_BACKSLASH)
    return value, repairs


def _check_fields(entry, chunk: _Chunk, reading: BibReading) -> None:
    """Make every field and name of *entry* safe to print; one problem per change, at the field's line."""

    def report(name: str, template: str, **params: object) -> None:
        reading.problems.append(
            BibProblem(_field_line(chunk, name), template, "field", {"key": entry.key, "field": name, **params})
        )

    for name in list(entry.fields.keys()):
        value = entry.fields[name]
        if len(value) > MAX_FIELD_LENGTH:
            report(name, _TOO_LONG, length=len(value), limit=MAX_FIELD_LENGTH)
            value = cut(value)
        value, repairs = readable_latex(value, raw=name.lower() in RAW_FIELDS)
        for template in repairs:
            report(name, template)
        entry.fields[name] = value
    for role, people in entry.persons.items():
        _check_names(role, people, report)
    for name, address in unsafe_addresses(entry.fields):
        report(name, _NOT_A_LINK, address=shorten(address))


def _check_names(role: str, people: list, report) -> None:
    """Names: the list cut at :data:`MAX_FIELD_LENGTH` characters (the first name
    kept, itself cut), each part readable."""
    lengths = [len(str(person)) for person in people]
    total = sum(lengths) + len(" and ") * (len(people) - 1)
    if total > MAX_FIELD_LENGTH:
        report(role, _TOO_LONG, length=total, limit=MAX_FIELD_LENGTH)
        length = 0
        for index, person_length in enumerate(lengths):
            length += person_length + len(" and ")
            if length > MAX_FIELD_LENGTH:
                del people[max(index, 1):]
                break
        _cut_person(people[0], MAX_FIELD_LENGTH)
    done = set()
    for person in people:
        for part in _NAME_PARTS:
            names = getattr(person, part)
            for position, text in enumerate(names):
                fixed, repairs = readable_latex(text)
                names[position] = fixed
                for template in repairs:
                    if template not in done:
                        done.add(template)
                        report(role, template)


def _cut_person(person, limit: int) -> None:
    """*person*'s name parts, in order, kept up to *limit* characters in all."""
    left = limit
    for part in _NAME_PARTS:
        names = getattr(person, part)
        for position, text in enumerate(names):
            if left <= 0:
                del names[position:]
                break
            if len(text) > left:
                names[position] = cut(text, left)
            left -= len(text) + 1
