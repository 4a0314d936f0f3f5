"""The editorial layer's own strings (catalog ``sphinx_publication.editorial``)."""

from __future__ import annotations

from sphinx_publication.i18n import plural, translator

from .statuses import BY_KEY

DOMAIN = "sphinx_publication.editorial"
# Warnings of this layer can be silenced with suppress_warnings = ["sphinx_publication.editorial"].
SUBTYPE = "editorial"

_ = translator(DOMAIN)


def ngettext(singular: str, plural_form: str, count: int) -> str:
    """Plural-aware lookup in the editorial catalog."""
    return plural(DOMAIN, singular, plural_form, count)


def status_label(key: str) -> str:
    """The localized name of a review-note status (``wrong`` -> « erroné »)."""
    status = BY_KEY.get(key)
    return str(_(status.label)) if status else key


def labelled(label: str, text: str) -> str:
    """``label: text`` with the language's punctuation spacing."""
    if not text:
        return label
    return str(_("{label}: {text}")).format(label=label, text=text)


def prefix(label: str) -> str:
    """``label: `` ready to be followed by text (« Données nécessaires : »)."""
    return str(_("{label}: {text}")).format(label=label, text="")


def data_needed_label() -> str:
    return str(_("Data needed"))


def review_note_label() -> str:
    return str(_("Review note"))


def count_phrase(kind: str, count: int, formatted: str) -> str:
    """``8 data-needed markers`` and the like, *formatted* being the localized number."""
    singular, plural_form = COUNT_PHRASES[kind]
    return ngettext(singular, plural_form, count).format(n=formatted)


def plural_msgids(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural pair for extraction (``pybabel extract -k plural_msgids:1,2``)."""
    return singular, plural


COUNT_PHRASES: dict[str, tuple[str, str]] = {
    "markers": plural_msgids("{n} data-needed marker", "{n} data-needed markers"),
    "notes": plural_msgids("{n} review note", "{n} review notes"),
    "figures": plural_msgids(
        "{n} chart or table without a source", "{n} charts or tables without a source"
    ),
    "references": plural_msgids(
        "{n} bibliography entry without DOI or URL",
        "{n} bibliography entries without DOI or URL",
    ),
    "unknown_keys": plural_msgids("{n} unknown citation key", "{n} unknown citation keys"),
}
