"""Words for the biblatex data model, per language (no Sphinx here).

Kept beside :mod:`.terms` (the BibTeX words) rather than in it: roles of
editors, types of theses and reports, datasets, software, eprint archives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .terms import base_language


@dataclass(frozen=True)
class BiblatexTerms:
    language: str
    subtitle_sep: str  # "Title<sep>Subtitle"
    list_sep: str  # between the members of a @set, between contributors
    #: editortype / editoratype... -> (one person, several)
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: type = {phdthesis} and the like -> printed words
    types: dict[str, str] = field(default_factory=dict)
    dataset: str = ""
    software: str = ""
    version: str = ""  # "version {version}"
    volumes: str = ""  # "{volumes} vol."


FRENCH = BiblatexTerms(
    language="fr",
    subtitle_sep="\u00a0: ",
    list_sep="\u00a0; ",
    roles={
        "editor": ("éd.", "éd."),
        "compiler": ("comp.", "comp."),
        "director": ("dir.", "dir."),
        "organizer": ("org.", "org."),
        "founder": ("fond.", "fond."),
        "continuator": ("cont.", "cont."),
        "redactor": ("réd.", "réd."),
        "reviser": ("rév.", "rév."),
        "collaborator": ("collab.", "collab."),
        "translator": ("trad.", "trad."),
        "annotator": ("annot.", "annot."),
        "commentator": ("comm.", "comm."),
    },
    types={
        "phdthesis": "Thèse de doctorat",
        "mathesis": "Mémoire de master",
        "mastersthesis": "Mémoire de master",
        "bathesis": "Mémoire de licence",
        "candthesis": "Thèse de candidature",
        "techreport": "Rapport technique",
        "resreport": "Rapport de recherche",
        "software": "Logiciel",
        "datacd": "Cédérom",
        "audiocd": "CD audio",
    },
    dataset="Jeu de données",
    software="Logiciel",
    version="version {version}",
    volumes="{volumes}\u00a0vol.",
)

ENGLISH = BiblatexTerms(
    language="en",
    subtitle_sep=": ",
    list_sep="; ",
    roles={
        "editor": ("editor", "editors"),
        "compiler": ("compiler", "compilers"),
        "director": ("director", "directors"),
        "organizer": ("organizer", "organizers"),
        "founder": ("founder", "founders"),
        "continuator": ("continuator", "continuators"),
        "redactor": ("redactor", "redactors"),
        "reviser": ("reviser", "revisers"),
        "collaborator": ("collaborator", "collaborators"),
        "translator": ("translator", "translators"),
        "annotator": ("annotator", "annotators"),
        "commentator": ("commentator", "commentators"),
    },
    types={
        "phdthesis": "PhD thesis",
        "mathesis": "Master's thesis",
        "mastersthesis": "Master's thesis",
        "bathesis": "Bachelor's thesis",
        "candthesis": "Candidate thesis",
        "techreport": "Technical report",
        "resreport": "Research report",
        "software": "Software",
        "datacd": "CD-ROM",
        "audiocd": "Audio CD",
    },
    dataset="Dataset",
    software="Software",
    version="version {version}",
    volumes="{volumes} vols.",
)

TERMS = {"fr": FRENCH, "en": ENGLISH}


def biblatex_terms_for(language: str | None) -> BiblatexTerms:
    return TERMS[base_language(language)]


def role_word(terms: BiblatexTerms, role: str, count: int) -> str | None:
    """The word after the names of *role* (``dir.``); None for a role biblatex lacks."""
    words = terms.roles.get(role.lower())
    if words is None:
        return None
    return words[0] if count == 1 else words[1]


def type_words(terms: BiblatexTerms, value: str) -> str:
    """A thesis or report ``type``: a biblatex key is translated, any other text kept."""
    return terms.types.get(value.strip().lower(), value)
