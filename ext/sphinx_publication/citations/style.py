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
* entry types that pybtex lacks (biblatex ``@report``, ``@thesis``…) are
  formatted as their BibTeX equivalent instead of crashing the build.

No Sphinx import here: the style is a plain pybtex plugin, registered under
``pybtex.style.formatting`` as ``publication`` (language chosen by the
Sphinx build), ``publication-fr`` and ``publication-en`` (fixed language).
"""

from __future__ import annotations

import re

from pybtex.database import Entry
from pybtex.richtext import Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import pages
from pybtex.style.template import (
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

from .format_cache import format_entry_once
from .terms import Terms, active_language, format_iso_date, format_publication_date, terms_for

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


class Style(UnsrtStyle):
    """unsrt with the words, dates and title casing of the document language."""

    #: lists longer than this are cut to ``names_shown`` names + "et al."
    max_names = 10
    names_shown = 3
    #: None: the language of the current Sphinx build (see terms.use_language)
    language: str | None = None

    def __init__(self, *args, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = terms_for(language or self.language or active_language())

    # -- entries ---------------------------------------------------------------
    def format_entry(self, label, entry, bib_data=None):
        if bib_data is not None:  # cross-references: the result depends on other entries
            return super().format_entry(label, self.localized_entry(entry), bib_data=bib_data)
        unsrt = super()
        return format_entry_once(
            self, label, entry, lambda: unsrt.format_entry(label, self.localized_entry(entry))
        )

    def localized_entry(self, entry: Entry) -> Entry:
        """A copy of *entry* whose type pybtex knows and whose dates are in the language.

        unsrt's templates print dates as ``month year``; writing the day and
        month in the language into ``month`` lets every inherited template
        print "19 juin 2017" (or "June 19, 2017") unchanged.
        """
        fields = dict(entry.fields)
        if "year" in fields and fields.get("month"):
            date = format_publication_date(
                fields["year"], fields["month"], fields.get("day"), self.terms.language
            )
            fields["month"] = date[: -len(fields["year"])].rstrip() if date.endswith(
                fields["year"]
            ) else date
            if not fields["month"]:
                del fields["month"]
        if fields.get("urldate"):
            fields["urldate"] = format_iso_date(fields["urldate"], self.terms.language)
        copy = Entry(resolve_type(entry.type)[0], fields=fields, persons=entry.persons)
        copy.key = entry.key
        return copy

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
        word = self.terms.editors if len(e.persons["editor"]) > 1 else self.terms.editor
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

    def format_url(self, e):
        url = field("url", raw=True)
        return words[self.terms.available_at, href(url)[url]]

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

    @staticmethod
    def _toplevel(*parts):
        from pybtex.style.formatting import toplevel

        return toplevel[parts]


class FrenchStyle(Style):
    """``publication-fr``: always French."""

    language = "fr"


class EnglishStyle(Style):
    """``publication-en``: always English."""

    language = "en"
