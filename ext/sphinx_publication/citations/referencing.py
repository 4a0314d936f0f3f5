"""The ``publication`` referencing style of sphinxcontrib-bibtex.

Numeric labels like sphinxcontrib-bibtex's ``label`` style, but textual
citations join names in the document language: ``{cite:t}`` gives
"Widder, Whittaker et West [3]" in French ("and" in English). One plugin per
language; :mod:`.plugins` picks the one of the build's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.richtext import Tag, Text
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

from .terms import terms_for


def person_style_for(language: str | None = None) -> PersonStyle:
    terms = terms_for(language)
    return PersonStyle(
        sep2=terms.and_2,
        last_sep=terms.and_last,
        other=Text(" ", Tag("em", terms.et_al)),
    )


@dataclass
class PublicationReferenceStyle(LabelReferenceStyle):
    """Numeric labels; names joined with the words of the document language."""

    person: PersonStyle = field(default_factory=person_style_for)


@dataclass
class FrenchReferenceStyle(PublicationReferenceStyle):
    """``publication-fr``: names joined in French."""

    person: PersonStyle = field(default_factory=lambda: person_style_for("fr"))


@dataclass
class EnglishReferenceStyle(PublicationReferenceStyle):
    """``publication-en``: names joined in English."""

    person: PersonStyle = field(default_factory=lambda: person_style_for("en"))
