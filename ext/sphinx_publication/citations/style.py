"""The ``publication`` pybtex formatting style: unsrt in the document language.

Differences with pybtex's ``unsrt`` (which it subclasses, so entries keep
the familiar BibTeX layout and numbering in order of citation):

* every word comes from the :mod:`.terms` table of the language
  (``et``, ``Dans``, ``éd.``, ``p.``, ``consulté le``, ``Disponible à
  l’adresse :``…), and dates use the language's month names;
* titles are printed as written in the .bib file (no forced sentence case:
  a French title keeps "France", an English one keeps its capitals);
* ``and others`` becomes "et al.", and very long author lists are cut to
  their first names followed by "et al.";
* the biblatex data model is read (:mod:`.biblatex`): ``date`` (ranges
  too, :mod:`.dates`), ``journaltitle``, ``location``, ``subtitle`` and
  ``titleaddon``, ``eprinttype``/``eprintclass``, editor roles
  (``editortype``, ``editora``…), ``@dataset``, ``@software``, ``@set``;
  other biblatex types (``@report``, ``@thesis``…) are formatted as their
  BibTeX equivalent instead of crashing the build;
* a missing field never replaces the entry by an error text: the entry
  prints what it has, and :meth:`Style.missing_fields` names what is
  missing (the Sphinx layer warns at the entry's line in the .bib file);
* only http(s) addresses become links (:mod:`.addresses`): ``url``, ``doi``,
  ``eprint``, ``pubmed``, and ``\\url{…}``/``\\href{…}{…}`` in any field
  (:func:`resolve_link_macros`); any other address is printed as text.

No Sphinx import here: the style is a plain pybtex plugin, registered under
``pybtex.style.formatting`` as ``publication-fr`` and ``publication-en``, and
``publication`` (English unless told otherwise), which a Sphinx build
replaces by the style of its language (:mod:`.plugins`).
"""

from __future__ import annotations

import re

from pybtex.database import Entry
from pybtex.richtext import BaseMultipartText, HRef, Protected, String, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import pages
from pybtex.style.template import (
    FieldIsMissing,
    Node,
    _format_list,
    field,
    first_of,
    href,
    join,
    node,
    optional,
    optional_field,
    sentence,
    tag,
    together,
    words,
)

from .addresses import PUBMED_RESOLVER, doi_link, identifier_link, url_link
from .biblatex import CONTRIBUTOR_ROLES, bibtex_fields, entry_type
from .dates import format_biblatex_date, french_first_day, parse_date
from .format_cache import format_entry_once
from .terms import Terms, format_publication_date, terms_for
from .terms_biblatex import BiblatexTerms, biblatex_terms_for, role_word, type_words

#: biblatex (and common non-standard) entry types -> the type pybtex formats.
TYPE_ALIASES = {
    "report": "techreport",
    "thesis": "phdthesis",
    "electronic": "online",
    "www": "online",
    "webpage": "online",
    "mvbook": "book",
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "collection": "book",
    "mvcollection": "book",
    "reference": "book",
    "mvreference": "book",
    "inreference": "incollection",
    "suppcollection": "incollection",
    "mvproceedings": "proceedings",
    "periodical": "misc",
    "suppperiodical": "article",
    "standard": "misc",
    "artwork": "misc",
    "audio": "misc",
    "video": "misc",
    "image": "misc",
    "movie": "misc",
    "music": "misc",
    "performance": "misc",
    "letter": "misc",
    "legislation": "misc",
    "legal": "misc",
    "jurisdiction": "misc",
    "review": "article",
    "conference": "inproceedings",
    # biblatex types the publication style formats itself (other styles: misc)
    "dataset": "misc",
    "software": "misc",
    "set": "misc",
    "xdata": "misc",
}
#: types formatted by a template of their own in :class:`Style`, not their alias
OWN_TEMPLATES = frozenset({"dataset", "software"})
#: biblatex parts of a book: formatted like @incollection when they name their book
IN_BOOK = frozenset({"inbook", "bookinbook", "suppbook"})
#: eprinttype -> (link prefix, printed prefix); arXiv is the BibTeX default
EPRINT_LINKS = {
    "arxiv": ("https://arxiv.org/abs/", "arXiv:"),
    "hdl": ("https://hdl.handle.net/", "hdl:"),
    "jstor": ("https://www.jstor.org/stable/", "JSTOR:"),
    "pubmed": ("https://pubmed.ncbi.nlm.nih.gov/", "PMID:"),
    "googlebooks": ("https://books.google.com/books?id=", "Google Books:"),
}


def supported_types(style_class: type = UnsrtStyle) -> frozenset[str]:
    """Entry types *style_class* has a template for."""
    return frozenset(
        name[len("get_") : -len("_template")]
        for name in dir(style_class)
        if name.startswith("get_") and name.endswith("_template")
    )


def resolve_type(entry_type: str) -> tuple[str, bool]:
    """Return (type to format with, whether it is known).

    Unknown types fall back to ``misc`` so the entry still appears.
    """
    lowered = entry_type.lower()
    if lowered in supported_types():
        return lowered, True
    if lowered in TYPE_ALIASES:
        return TYPE_ALIASES[lowered], True
    return "misc", False


@node
def person_names(children, context, role, terms: Terms, max_names: int, names_shown: int):
    """Names of *role* joined in the language; ``others`` and long lists -> et al."""
    assert not children
    entry = context["entry"]
    persons = entry.persons.get(role)
    if not persons:
        from pybtex.style.template import FieldIsMissing

        raise FieldIsMissing(role, entry)
    style = context["style"]
    people = [person for person in persons if str(person).lower() != "others"]
    truncated = len(people) < len(persons) or len(people) > max_names
    if len(people) > max_names:
        people = people[:names_shown]
    formatted = [style.format_name(person, style.abbreviate_names) for person in people]
    if truncated:
        return Text(join(sep=", ")[formatted].format_data(context), " ", terms.et_al)
    return join(sep=", ", sep2=terms.and_2, last_sep=terms.and_last)[formatted].format_data(
        context
    )


def _phrase(pattern: str, **parts):
    """Turn ``"vol. {volume}, p. {pages}"`` into a pybtex ``join`` template."""
    pieces = []
    for index, chunk in enumerate(re.split(r"\{(\w+)\}", pattern)):
        if index % 2:
            pieces.append(parts[chunk])
        elif chunk:
            pieces.append(chunk)
    return join[pieces]


@node
def recorded(children, context):
    """Format *children*; a missing field is noted in ``context["missing"]`` and left out."""
    try:
        return Text(*_format_list(children, context))
    except FieldIsMissing as error:
        context.setdefault("missing", []).append(error.field_name)
        return Text()


#: template nodes that need their field; ``optional`` subtrees already do without
_REQUIRED_NODES = frozenset({"field", "names", "person_names"})


def lenient(template):
    """*template* where a required field that is missing is left out (and noted)
    instead of making pybtex raise, which sphinxcontrib-bibtex turns into the
    entry's only text ("missing journal in KEY")."""
    if not isinstance(template, Node) or template.name == "optional":
        return template
    if template.name in _REQUIRED_NODES:
        return recorded[template]
    copy = Node(template.name, template.f)
    copy.args = list(template.args)
    copy.kwargs = dict(template.kwargs)
    copy.children = [lenient(child) for child in template.children]
    return copy


#: ``\\href{a}{b}``: the two groups kept apart (pybtex's LaTeX reader joins ``{a}{b}``)
_HREF_GROUPS = re.compile(r"(\\href\s*\{[^{}]*\})\s*\{")
#: what is left of a link macro once LaTeX is read: ``\\url `` before its group
_MACRO_WORD = re.compile(r"\\(url|href)\s*$")
_ANY_MACRO_WORD = re.compile(r"\\(?:url|href)\b\s*")


def separate_href_groups(value: str) -> str:
    """``\\href{a}{b}`` -> ``\\href{a} {b}``, so that the address and the text stay two groups."""
    return _HREF_GROUPS.sub(r"\1 {", value) if "\\href" in value else value


def resolve_link_macros(text):
    """*text* with ``\\url{a}`` and ``\\href{a}{b}`` read: a link when *a* is an
    http(s) address, the text alone otherwise.

    pybtex leaves both macros as words before their groups; sphinxcontrib-bibtex
    links any ``\\url`` followed by text, whatever the address. No ``\\url`` or
    ``\\href`` word is left in the result, so nothing downstream links it.
    """
    if not isinstance(text, BaseMultipartText):
        return text
    if "\\url" not in str(text) and "\\href" not in str(text):
        return text
    parts = list(text.parts)
    resolved = []
    index = 0
    while index < len(parts):
        part = parts[index]
        if isinstance(part, String):
            match = _MACRO_WORD.search(part.value)
            following = parts[index + 1] if index + 1 < len(parts) else None
            if match and isinstance(following, Protected):
                before = _ANY_MACRO_WORD.sub("", part.value[: match.start()])
                if before:
                    resolved.append(String(before))
                address = str(following).strip()
                shown = following
                index += 2
                if match.group(1) == "href":
                    # "\href {a} {b}": the text is the group after the space
                    if (index + 1 < len(parts) and isinstance(parts[index], String)
                            and not parts[index].value.strip() and isinstance(parts[index + 1], Protected)):
                        shown = parts[index + 1]
                        index += 2
                link = url_link(address)
                shown = resolve_link_macros(shown)
                resolved.append(HRef(link, *shown.parts) if link else shown)
                continue
            cleaned = _ANY_MACRO_WORD.sub("", part.value)
            if cleaned:
                resolved.append(String(cleaned))
        else:
            resolved.append(resolve_link_macros(part))
        index += 1
    return text._create_similar(resolved)


@node
def contributors(children, context, terms: Terms, words: BiblatexTerms, max_names: int, names_shown: int):
    """``Jean Dupont, trad.; Anne Martin, dir.``: editora/b/c, translators… with their role."""
    assert not children
    entry = context["entry"]
    parts = []
    for role in CONTRIBUTOR_ROLES:
        people = entry.persons.get(role)
        if not people:
            continue
        kind = entry.fields.get(f"{role}type", "editor" if role.startswith("editor") else role)
        names = person_names(role=role, terms=terms, max_names=max_names, names_shown=names_shown)
        word = role_word(words, kind, len(people)) or kind
        parts.append(join(sep=", ")[names, word].format_data(context))
    return Text(words.list_sep).join(parts) if parts else Text()


class Style(UnsrtStyle):
    """unsrt with the words, dates and title casing of the document language."""

    #: lists longer than this are cut to ``names_shown`` names + "et al."
    max_names = 10
    names_shown = 3
    #: None: English (a Sphinx build names the style of its language, see .plugins)
    language: str | None = None

    def __init__(self, *args, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = terms_for(language or self.language)
        self.words = biblatex_terms_for(self.terms.language)

    # -- entries ---------------------------------------------------------------
    def format_entry(self, label, entry, bib_data=None):
        members = getattr(entry, "set_members", None)
        if members:  # biblatex @set: its members in one entry, "A; B."
            texts = [self.format_text(member, bib_data)[0] for member in members]
            texts = [text[:-1] if text.endswith(".") else text for text in texts[:-1]] + texts[-1:]
            text = Text(self.words.list_sep).join(texts)
        elif bib_data is not None:  # pybtex resolves cross-references: depends on other entries
            text = self.format_text(entry, bib_data)[0]
        else:
            text = self.cached_text(entry)[0]
        return FormattedEntry(entry.key, text, label)

    def cached_text(self, entry: Entry) -> tuple[Text, list[str]]:
        """:meth:`format_text` once per entry contents, kept across builds: the list,
        the hover text, the cards and the missing-field check share one formatting."""
        return format_entry_once(self, entry, lambda: self.format_text(entry))

    def format_text(self, entry: Entry, bib_data=None) -> tuple[Text, list[str]]:
        """The formatted entry, and the fields it lacks that its type needs."""
        local = self.localized_entry(entry)
        context = {"entry": local, "style": self, "bib_data": bib_data, "missing": []}
        template = lenient(getattr(self, f"get_{local.type}_template")(local))
        return resolve_link_macros(template.format_data(context)), context["missing"]

    def missing_fields(self, entry: Entry) -> list[str]:
        """Fields *entry* lacks that its type prints (``journal``, ``year``…), once each."""
        if getattr(entry, "set_members", None):
            return []
        return list(dict.fromkeys(self.cached_text(entry)[1]))

    def template_type(self, entry: Entry, fields: dict[str, str]) -> str:
        kind = entry_type(entry)
        if kind in OWN_TEMPLATES:
            return kind
        if kind in IN_BOOK and fields.get("booktitle"):
            return "incollection"
        return resolve_type(entry.type)[0]

    def localized_entry(self, entry: Entry) -> Entry:
        """A copy of *entry* in the BibTeX model, with a type pybtex knows and dates in the language.

        unsrt's templates print dates as ``month year``; writing the day and
        month in the language into ``month`` lets every inherited template
        print "19 juin 2017" (or "19 June 2017") unchanged. A biblatex
        ``date`` (ranges too) is written whole into ``year``.
        """
        fields = bibtex_fields(entry)
        language = self.terms.language
        if fields.get("date") and (parse_date(fields["date"]) or not fields.get("year")):
            fields["year"] = format_biblatex_date(fields["date"], language)
            fields.pop("month", None)
        elif "year" in fields and fields.get("month"):
            date = french_first_day(
                format_publication_date(fields["year"], fields["month"], fields.get("day"), language),
                language,
            )
            fields["month"] = date[: -len(fields["year"])].rstrip() if date.endswith(
                fields["year"]
            ) else date
            if not fields["month"]:
                del fields["month"]
        if fields.get("urldate"):
            fields["urldate"] = format_biblatex_date(fields["urldate"], language)
        self.join_titles(fields)
        for name, value in fields.items():
            fields[name] = separate_href_groups(value)
        if fields.get("type"):
            fields["type"] = type_words(self.words, fields["type"])
        copy = Entry(self.template_type(entry, fields), fields=fields, persons=entry.persons)
        copy.key = entry.key
        return copy

    def join_titles(self, fields: dict[str, str]) -> None:
        """``title`` + ``subtitle`` + ``titleaddon`` (and the book's, journal's, main
        title's) into the one field the templates print."""
        sep = self.words.subtitle_sep
        for main, sub, addon in (
            ("title", "subtitle", "titleaddon"),
            ("booktitle", "booksubtitle", "booktitleaddon"),
            ("maintitle", "mainsubtitle", "maintitleaddon"),
            ("journal", "journalsubtitle", "journaltitleaddon"),
        ):
            if not fields.get(main):
                continue
            if fields.get(sub):
                fields[main] = f"{fields[main]}{sep}{fields[sub]}"
            if fields.get(addon):
                fields[main] = f"{fields[main]}. {fields[addon]}"
        # a volume of a multi-volume work: "vol. 2 de <main title>"
        if fields.get("maintitle") and not fields.get("series"):
            fields["series"] = fields["maintitle"]

    # -- names and titles ------------------------------------------------------
    def format_names(self, role, as_sentence=True):
        formatted = person_names(
            role=role, terms=self.terms, max_names=self.max_names, names_shown=self.names_shown
        )
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e, which_field, as_sentence=True):
        # titles as written: no forced sentence case
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_editor(self, e, as_sentence=True):
        editors = self.format_names("editor", as_sentence=False)
        if "editor" not in e.persons:
            return editors
        count = len(e.persons["editor"])
        word = self.terms.editors if count > 1 else self.terms.editor
        if e.fields.get("editortype"):  # biblatex: dir., comp., trad.…
            kind = e.fields["editortype"]
            word = role_word(self.words, kind, count) or kind
        result = join(sep=", ")[editors, word]
        return sentence[result] if as_sentence else result

    # -- parts -----------------------------------------------------------------
    def format_volume_and_series(self, e, as_sentence=True):
        t = self.terms
        volume_word = t.volume.capitalize() if as_sentence else t.volume
        number_word = t.number.capitalize() if as_sentence else t.number
        result = first_of[
            optional[
                words[
                    together[volume_word, field("volume")],
                    optional[words[t.volume_of, field("series")]],
                ]
            ],
            optional[
                words[
                    together[number_word, field("number")],
                    optional[words[t.number_in, field("series")]],
                ]
            ],
            optional_field("series"),
        ]
        return sentence(capfirst=True)[result] if as_sentence else result

    def format_chapter_and_pages(self, e):
        return join(sep=", ")[
            optional[together[self.terms.chapter, field("chapter")]],
            optional[together[self.page_word(e), pages]],
        ]

    def page_word(self, e) -> str:
        value = e.fields.get("pages", "")
        return self.terms.pages if re.search(r"[-–,]", value) else self.terms.page

    def format_edition(self, e):
        return optional[
            words[field("edition", apply_func=lambda text: text.lower()), self.terms.edition]
        ]

    def format_web_refs(self, e):
        t = self.terms
        visited = optional[" (", t.visited_on, " ", field("urldate"), ")"]
        return sentence[
            optional[self.format_url(e), visited],
            optional[self.format_eprint(e)],
            optional[self.format_pubmed(e)],
            optional[self.format_doi(e)],
        ]

    def format_eprint(self, e):
        """arXiv (the BibTeX default), or the archive ``eprinttype`` names."""
        kind = e.fields.get("eprinttype", "arxiv").strip().lower()
        eprint = field("eprint", raw=True)
        if kind not in EPRINT_LINKS:
            return join[field("eprinttype"), ": ", eprint]
        link, prefix = EPRINT_LINKS[kind]
        label = join[prefix, eprint]
        if kind == "arxiv" and e.fields.get("eprintclass"):
            label = join[label, " [", field("eprintclass", raw=True), "]"]
        address = identifier_link(link, e.fields.get("eprint"))
        return href(address)[label] if address else label

    def format_url(self, e):
        url = field("url", raw=True)
        address = url_link(e.fields.get("url"))
        return words[self.terms.available_at, href(address)[url] if address else url]

    def format_doi(self, e):
        label = join["doi:", field("doi", raw=True)]
        address = doi_link(e.fields.get("doi"))
        return href(address)[label] if address else label

    def format_pubmed(self, e):
        label = join["PMID:", field("pubmed", raw=True)]
        address = identifier_link(PUBMED_RESOLVER, e.fields.get("pubmed"))
        return href(address)[label] if address else label

    # -- templates whose words differ from unsrt ---------------------------------
    def get_article_template(self, e):
        t = self.terms
        date = words[optional_field("month"), field("year")]
        volume_and_pages = first_of[
            optional[
                _phrase(
                    t.article_volume_number_pages,
                    volume=field("volume"),
                    number=field("number"),
                    pages=pages,
                )
            ],
            optional[_phrase(t.article_volume_pages, volume=field("volume"), pages=pages)],
            optional[_phrase(t.article_pages, pages=pages)],
            optional[together[t.volume, field("volume")]],
        ]
        return self._toplevel(
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[tag("em")[field("journal")], optional[volume_and_pages], date],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def _in_container(self, e, *parts):
        return words[self.terms.in_, sentence[optional[self.format_editor(e, as_sentence=False)], *parts]]

    def get_incollection_template(self, e):
        date = words[optional_field("month"), field("year")]
        return self._toplevel(
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            self._in_container(
                e,
                self.format_btitle(e, "booktitle", as_sentence=False),
                self.format_volume_and_series(e, as_sentence=False),
                self.format_chapter_and_pages(e),
            ),
            sentence[
                optional_field("publisher"),
                optional_field("address"),
                self.format_edition(e),
                date,
            ],
            self.format_web_refs(e),
        )

    def get_inproceedings_template(self, e):
        return self._toplevel(
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                self._in_container(
                    e,
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_volume_and_series(e, as_sentence=False),
                    optional[together[self.page_word(e), pages]],
                ),
                self.format_address_organization_publisher_date(e),
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def get_inbook_template(self, e):
        date = words[optional_field("month"), field("year")]
        return self._toplevel(
            self.format_author_or_editor(e),
            sentence[
                self.format_btitle(e, "title", as_sentence=False),
                self.format_chapter_and_pages(e),
            ],
            self.format_volume_and_series(e),
            sentence[
                field("publisher"),
                optional_field("address"),
                self.format_edition(e),
                date,
                optional_field("note"),
            ],
            self.format_web_refs(e),
        )

    def _thesis(self, e, default_type: str, title_format):
        date = words[optional_field("month"), field("year")]
        return self._toplevel(
            sentence[self.format_names("author")],
            title_format(e, "title"),
            sentence[
                first_of[optional_field("type"), default_type],
                field("school"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def get_mastersthesis_template(self, e):
        return self._thesis(e, self.terms.masters_thesis, self.format_title)

    def get_phdthesis_template(self, e):
        return self._thesis(e, self.terms.phd_thesis, self.format_btitle)

    def get_techreport_template(self, e):
        date = words[optional_field("month"), field("year")]
        return self._toplevel(
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                words[
                    first_of[optional_field("type"), self.terms.technical_report],
                    optional_field("number"),
                ],
                field("institution"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def get_misc_template(self, e):
        date = words[optional_field("month"), field("year")]
        return self._toplevel(
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            # capfirst: a French month opening the sentence takes a capital
            sentence(capfirst=True)[optional[field("howpublished")], optional[date]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def get_online_template(self, e):
        """A web page: the site (``organization``) in italics, then its date."""
        date = words[optional_field("month"), field("year")]
        return self._toplevel(
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence(capfirst=True)[
                optional[tag("em")[field("organization")]],
                optional[field("howpublished")],
                optional[date],
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def get_book_template(self, e):
        """unsrt's book, with the number of volumes of a multi-volume work."""
        date = words[optional_field("month"), field("year")]
        return self._toplevel(
            self.format_author_or_editor(e),
            self.format_btitle(e, "title"),
            self.format_volume_and_series(e),
            # a multi-volume work, not one of its volumes (which inherit "volumes")
            optional[sentence[_phrase(self.words.volumes, volumes=field("volumes"))]]
            if not e.fields.get("volume")
            else optional[""],
            sentence[
                field("publisher"),
                optional_field("address"),
                self.format_edition(e),
                date,
            ],
            optional[sentence[self.format_isbn(e)]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def _published_work(self, e, kind: str):
        """A dataset or a piece of software: its kind and version, then who publishes it."""
        date = words[optional_field("month"), field("year")]
        version = optional[_phrase(self.words.version, version=field("version"))]
        return self._toplevel(
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence(capfirst=True)[
                join(sep=", ")[first_of[optional_field("type"), kind], version],
                optional_field("publisher"),
                optional_field("organization"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def get_dataset_template(self, e):
        return self._published_work(e, self.words.dataset)

    def get_software_template(self, e):
        return self._published_work(e, self.words.software)

    def _toplevel(self, *parts):
        """The entry's parts; other contributors (translators, editora…) before its links."""
        from pybtex.style.formatting import toplevel

        others = optional[
            sentence[
                contributors(
                    terms=self.terms,
                    words=self.words,
                    max_names=self.max_names,
                    names_shown=self.names_shown,
                )
            ]
        ]
        return toplevel[(*parts[:-1], others, parts[-1])]


class FrenchStyle(Style):
    """``publication-fr``: always French."""

    language = "fr"


class EnglishStyle(Style):
    """``publication-en``: always English."""

    language = "en"
