"""The biblatex data model, mapped onto what the publication style formats. No Sphinx here.

pybtex reads the syntax of a biblatex file (entries, ``@string`` macros,
braces, names) but knows only the BibTeX data model: it does not inherit
``xdata`` fields, does not apply biblatex's crossref mappings (a book's
``title`` becomes the ``booktitle`` of its chapters) and does not know
``date``, ``journaltitle``, ``location``… This module does both, in two
steps:

* :func:`resolve_inheritance` (once, on the data read from the .bib files):
  ``xdata`` then ``crossref`` fields are copied into the entries that use
  them, with biblatex's default inheritance rules; ``@set`` entries get
  their members;
* :func:`add_years`: an entry dated by ``date`` alone gets its ``year``;
* :func:`bibtex_fields` (per entry, when it is formatted): biblatex field
  names are read under their BibTeX names (``journaltitle`` -> ``journal``,
  ``location`` -> ``address``, ``institution`` -> ``school`` of a thesis…).

Why not a library: pybtex already reads the syntax and the ``@string``
macros, and sphinxcontrib-bibtex needs pybtex's data, so a second parser
(bibtexparser 2.x: syntax and name splitting, no inheritance, no biblatex
model) would add nothing. Resolving inheritance and dates the biblatex way
is done by biber (``biber --tool``; biblatex2bibtex wraps it), a Perl
program outside Python's packages whose output loses the line numbers the
warnings need. citeproc-py's BibTeX reader fails on ``@online``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.database import Entry

from .dates import year_of

#: name fields read as persons (pybtex's default is author and editor only)
PERSON_FIELDS = (
    "author",
    "editor",
    "editora",
    "editorb",
    "editorc",
    "translator",
    "bookauthor",
    "annotator",
    "commentator",
)
#: contributors printed after the title, in this order, with their role
CONTRIBUTOR_ROLES = ("editora", "editorb", "editorc", "translator", "annotator", "commentator")

#: fields biblatex never inherits (biblatex manual, appendix B)
NOT_INHERITED = frozenset(
    {
        "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label",
        "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
        "shorthand", "shorthandintro", "sortkey",
    }
)

_TITLE_TO_BOOKTITLE = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_TITLE_TO_MAINTITLE = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_IN_BOOK = ("inbook", "bookinbook", "suppbook")
_IN_COLLECTION = ("incollection", "inreference", "suppcollection")
_MULTIVOLUME = ("mvbook", "mvcollection", "mvproceedings", "mvreference")

#: (parent type, child type) -> parent field -> child field (biblatex's default mappings)
_MAPPINGS: dict[tuple[str, str], dict[str, str]] = {}
for _parent in _MULTIVOLUME:
    for _child in ("book", "collection", "proceedings", "reference", *_IN_BOOK, *_IN_COLLECTION, "inproceedings"):
        _MAPPINGS[(_parent, _child)] = _TITLE_TO_MAINTITLE
for _child in _IN_BOOK:
    _MAPPINGS[("book", _child)] = {**_TITLE_TO_BOOKTITLE, "author": "bookauthor"}
for _parent in ("collection", "reference"):
    for _child in _IN_COLLECTION:
        _MAPPINGS[(_parent, _child)] = _TITLE_TO_BOOKTITLE
_MAPPINGS[("proceedings", "inproceedings")] = _TITLE_TO_BOOKTITLE
for _child in ("article", "suppperiodical"):
    _MAPPINGS[("periodical", _child)] = {"title": "journaltitle", "subtitle": "journalsubtitle"}

#: biblatex name -> the BibTeX name the style formats
FIELD_ALIASES = {
    "journaltitle": "journal",
    "location": "address",
    "archiveprefix": "eprinttype",
    "primaryclass": "eprintclass",
}
THESIS_TYPES = ("thesis", "phdthesis", "mastersthesis")


def _(message: str) -> str:
    """Mark *message* for the citations catalog; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class InheritanceProblem:
    """A ``crossref``/``xdata``/``entryset`` naming an entry that does not exist."""

    key: str
    template: str
    params: dict[str, object] = field(default_factory=dict, hash=False)


def entry_type(entry: Entry) -> str:
    """The type as written in the .bib file (bibcheck replaces ``type`` by one pybtex knows)."""
    return (getattr(entry, "original_type", None) or entry.type).lower()


def _keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def _inherit(child: Entry, parent: Entry, mapping: dict[str, str]) -> None:
    for name, value in parent.fields.items():
        lowered = name.lower()
        if lowered in NOT_INHERITED:
            continue
        target = mapping.get(lowered, lowered)
        if target not in child.fields:
            child.fields[target] = value
    for role, persons in parent.persons.items():
        lowered = role.lower()
        targets = [mapping.get(lowered, lowered)]
        if lowered in mapping and lowered == "author":
            targets.append("author")  # biblatex: a book's author is its chapters' author too
        for target in targets:
            if target not in child.persons:
                child.persons[target] = list(persons)


def _lookup(entries, key: str) -> Entry | None:
    try:
        return entries[key]
    except KeyError:
        return None


def resolve_inheritance(entries) -> list[InheritanceProblem]:
    """Copy ``xdata`` and ``crossref`` data into the entries, in place; attach set members.

    *entries* is pybtex's ``BibliographyData.entries``. A child keeps its own
    fields; a parent's are inherited with biblatex's type mappings.
    """
    problems: list[InheritanceProblem] = []
    done: set[str] = set()

    def resolve(key: str, entry: Entry, chain: tuple[str, ...]) -> None:
        if key in done or key in chain:
            return
        for xdata_key in _keys(entry.fields.get("xdata", "")):
            source = _lookup(entries, xdata_key)
            if source is None:
                problems.append(_missing(key, "xdata", xdata_key))
                continue
            resolve(xdata_key, source, (*chain, key))
            _inherit(entry, source, {})
        parent_key = entry.fields.get("crossref", "").strip()
        if parent_key:
            parent = _lookup(entries, parent_key)
            if parent is None:
                problems.append(_missing(key, "crossref", parent_key))
            else:
                resolve(parent_key, parent, (*chain, key))
                _inherit(entry, parent, _MAPPINGS.get((entry_type(parent), entry_type(entry)), {}))
        done.add(key)

    for key, entry in entries.items():
        resolve(key, entry, ())
    for key, entry in entries.items():
        if entry_type(entry) == "set":
            members = []
            for member_key in _keys(entry.fields.get("entryset", "")):
                member = _lookup(entries, member_key)
                if member is None:
                    problems.append(_missing(key, "entryset", member_key))
                else:
                    members.append(member)
            entry.set_members = members  # formatted one after the other by the style
    return problems


def _missing(key: str, field_name: str, target: str) -> InheritanceProblem:
    return InheritanceProblem(
        key,
        _("'{field}' of '{key}' names '{target}', which is not in the .bib files; fix the key or add the entry"),
        {"field": field_name, "key": key, "target": target},
    )


def add_years(entries) -> None:
    """Give an entry dated by ``date`` alone the ``year`` citations read (``{cite:year}``)."""
    for entry in entries.values():
        if "year" not in entry.fields:
            year = year_of(entry.fields.get("date"))
            if year:
                entry.fields["year"] = year


def bibtex_fields(entry: Entry) -> dict[str, str]:
    """The entry's fields, biblatex names read under their BibTeX names (which win)."""
    fields = dict(entry.fields)
    for biblatex_name, bibtex_name in FIELD_ALIASES.items():
        if fields.get(biblatex_name) and not fields.get(bibtex_name):
            fields[bibtex_name] = fields[biblatex_name]
    if entry_type(entry) in THESIS_TYPES and fields.get("institution") and not fields.get("school"):
        fields["school"] = fields["institution"]
    return fields
