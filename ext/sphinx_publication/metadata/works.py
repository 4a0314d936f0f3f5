"""The works the article cites, read once from sphinxcontrib-bibtex's domain.

:func:`cited_entries` is the single place that touches sphinxcontrib-bibtex
(its public ``citations`` list: what the bibliographies show, in their
order). :func:`cited_work` turns a pybtex entry into a :class:`CitedWork`
with plain text fields (braces and LaTeX accents resolved), which every
renderer (Highwire, JSON-LD, COinS) reads.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..citations.addresses import doi_link, identifier_link, url_link
from ..citations.latex_fastpath import LATEX_SYNTAX
from ..citations.terms import month_number
from .model import PartialDate

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from sphinx.environment import BuildEnvironment

@dataclass(frozen=True)
class WorkAuthor:
    name: str  # "Ashish Vaswani" or "OpenAI"
    family: str = ""
    given: str = ""

    @property
    def is_person(self) -> bool:
        return bool(self.given)

    @property
    def inverted_name(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.name


@dataclass(frozen=True)
class CitedWork:
    key: str
    type: str  # the BibTeX entry type, lower case
    title: str
    authors: tuple[WorkAuthor, ...] = ()
    date: PartialDate | None = None
    container: str = ""  # journal, proceedings, blog or site
    publisher: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    eprint: str = ""  # arXiv identifier

    @property
    def doi_url(self) -> str:
        """The DOI's https address; empty when the field names no DOI a browser may follow."""
        return doi_link(self.doi) or ""

    @property
    def link(self) -> str:
        """The work's most stable address: DOI, then URL, then arXiv (http(s) only)."""
        if self.doi_url:
            return self.doi_url
        if self.url:
            return self.url
        return identifier_link("https://arxiv.org/abs/", self.eprint) or ""


def cited_entries(env: BuildEnvironment) -> list[Entry]:
    """The entries shown in the project's bibliographies, each once, in bibliography order."""
    try:
        domain = env.get_domain("cite")
    except Exception:  # sphinxcontrib-bibtex not loaded: nothing is cited
        return []
    entries: dict[str, Entry] = {}
    for citation in domain.citations:
        entries.setdefault(citation.key, citation.entry)
    return list(entries.values())


#: text commands latexcodec leaves as they are
TEXT_COMMANDS = {"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
                 "textquotedblright": "”", "textendash": "–", "textemdash": "—", "textellipsis": "…"}
_COMMAND_RE = re.compile(r"\\([A-Za-z]+)\s*")


@lru_cache(maxsize=4096)  # a pure function of its text; each value is read by several renderers
def plain(latex: str) -> str:
    """BibTeX field text -> plain text (``{GPT-4}`` -> ``GPT-4``, ``{\\'e}`` -> ``é``).

    Text with nothing LaTeX could read differently is only normalised (the
    common case, and what :func:`decoded_plain` would give)."""
    if not LATEX_SYNTAX.search(latex):
        return " ".join(latex.split())
    return decoded_plain(latex)


#: text commands for the characters LaTeX reads as syntax, as BibTeX exports write them
#: (ours: :func:`.reference.bibtex_text`); latexcodec leaves some as they are or
#: leaves a brace behind, so each is read apart from the text around it
SYMBOL_COMMANDS = {"textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}",
                   "textasciicircum": "^", "textasciitilde": "~"}
_SYMBOL_RE = re.compile(r"(?<!\\)\\(" + "|".join(SYMBOL_COMMANDS) + r")(?![A-Za-z])(?:\s*\{\}|\s*)")


def decoded_plain(latex: str) -> str:
    """latexcodec decodes accents and symbols; braces go; any other command is
    dropped rather than shown to a reader or a crawler."""
    if _SYMBOL_RE.search(latex):
        pieces = _SYMBOL_RE.split(latex)  # text, command, text, command… text
        return " ".join("".join(
            SYMBOL_COMMANDS[piece] if index % 2 else _spaced(piece)
            for index, piece in enumerate(pieces)).split())
    return " ".join(_decoded_piece(latex).split())


def _spaced(latex: str) -> str:
    """A piece between two symbol commands, decoded, with the spaces at its ends kept."""
    inner = latex.strip()
    decoded = _decoded_piece(inner) if inner else ""
    before = " " if latex[:1].isspace() else ""
    after = " " if latex[-1:].isspace() and inner else ""
    return before + decoded + after


def _decoded_piece(latex: str) -> str:
    import latexcodec  # noqa: F401  (registers the "ulatex" codec; a pybtex dependency)

    text = codecs.decode(latex, "ulatex")
    text = re.sub(r"\\([&%$#_])", r"\1", text)
    text = _COMMAND_RE.sub(lambda m: TEXT_COMMANDS.get(m.group(1), ""), text)
    return re.sub(r"(?<!\\)[{}]", "", text).replace("\\{", "{").replace("\\}", "}")


def _author(person: Person) -> WorkAuthor:
    given = plain(" ".join(person.first_names + person.middle_names))
    family = plain(" ".join(person.prelast_names + person.last_names + person.lineage_names))
    return WorkAuthor(name=" ".join(p for p in (given, family) if p), family=family, given=given)


def _date(fields) -> PartialDate | None:
    year = fields.get("year", "").strip()
    if not (year.isascii() and year.isdigit()):
        return None
    month = month_number(fields.get("month", ""))  # the bibliography's reading: jun, June, juin, 6
    day_text = fields.get("day", "").strip()
    day = int(day_text) if month and day_text.isdigit() else None
    return PartialDate(int(year), month, day)


def cited_work(entry: Entry) -> CitedWork:
    """What the page's metadata says of a cited entry (computed once per entry contents)."""
    from ..citations.format_cache import compute_once

    return compute_once("cited-work", entry, lambda: _cited_work(entry))


def _cited_work(entry: Entry) -> CitedWork:
    fields = entry.fields
    container = next((fields[k] for k in ("journal", "booktitle", "organization", "howpublished")
                      if k in fields), "")
    publisher = next((fields[k] for k in ("publisher", "institution", "school") if k in fields), "")
    eprint = fields.get("eprint", "") if fields.get("eprinttype", "arxiv").lower() == "arxiv" else ""
    return CitedWork(
        key=entry.key,
        type=entry.type.lower(),
        title=plain(fields.get("title", "")),
        # BibTeX's "and others" is a truncation mark, not a person
        authors=tuple(_author(p) for p in entry.persons.get("author", []) if str(p) != "others"),
        date=_date(fields),
        container=plain(container),
        publisher=plain(publisher),
        volume=fields.get("volume", ""),
        number=fields.get("number", ""),
        pages=fields.get("pages", "").replace("--", "–"),
        doi=fields.get("doi", "").strip(),
        url=url_link(fields.get("url", "")) or "",  # http(s) only: a link in every renderer
        eprint=eprint.strip(),
    )


def cited_works(env: BuildEnvironment) -> list[CitedWork]:
    return [cited_work(entry) for entry in cited_entries(env)]
