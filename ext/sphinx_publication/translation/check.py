"""Messages a translated edition shows in the source language, found as pages are read.

A message whose translation is missing, empty or fuzzy falls back to the
source text (Sphinx leaves fuzzy translations out of the compiled catalog).
Each page's are recorded, with their line, in :class:`TranslationDomain`; at
the end of the build a release (``editorial_mode = "release"``) fails with a
located error for each, and a review build says once how many there are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from ..diagnostics import WARNING_TYPE
from .editions import build_language, is_translation, language_name, source_language
from .messages import _

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
SUBTYPE = "translation"
FUZZY, UNTRANSLATED = "fuzzy", "untranslated"


def first_words(text: str, count: int = 8) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


class TranslationDomain(Domain):
    """Per page: the messages its translated edition shows untranslated."""

    name = "publication-translation"
    label = "translation status"
    # docname -> [(line, state, message)]; "bibliography": [(path, line, state, message)],
    # the .bib fields shown as written (set as the files are read: bibliography.py)
    initial_data: dict[str, Any] = {"missing": {}, "bibliography": []}

    @property
    def missing(self) -> dict[str, list[tuple[int | None, str, str]]]:
        return self.data.setdefault("missing", {})

    @property
    def untranslated_fields(self) -> list[tuple[str, int, str, str]]:
        return list(self.data.get("bibliography", []))

    def clear_doc(self, docname: str) -> None:
        self.missing.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata.get("missing", {}):
                self.missing[docname] = otherdata["missing"][docname]

    def resolve_any_xref(self, *args: Any) -> list:
        return []


def read_catalog(srcdir: Path, locale_dirs: list[str], language: str, domain: str) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) of the catalogs of gettext *domain* (Babel reads the .po,
    which says fuzzy)."""
    from babel.messages.pofile import read_po

    found: dict[str, tuple[str, bool]] = {}
    for directory in locale_dirs:
        path = srcdir / directory / language / "LC_MESSAGES" / f"{domain}.po"
        if not path.is_file():
            continue
        with path.open("rb") as source:
            catalog = read_po(source)
        for message in catalog:
            if message.id and isinstance(message.id, str) and message.id not in found:
                found[message.id] = (message.string or "", message.fuzzy)
    return found


def _in_metadata(node) -> bool:
    """A field of the page's metadata (front matter such as ``orphan: true``).

    Before docutils' ``DocInfo`` transform it is a field list first in the page;
    Sphinx's metadata collector then takes it out of the page once read, so the
    gettext builder never offers its values and the page never shows them.
    Abstract and dedication fields, which stay in the page, are messages."""
    from docutils import nodes

    current, field = node, None
    while current is not None:
        if isinstance(current, nodes.docinfo):
            return True
        if isinstance(current, nodes.field):
            field = current
        if isinstance(current, nodes.field_list) and isinstance(current.parent, nodes.document):
            document = current.parent
            first = document.first_child_not_matching_class(nodes.PreBibliographic)
            if first is None or document[first] is not current:
                return False
            name = field[0].astext().strip().lower() if field is not None and len(field) else ""
            return name not in ("abstract", "dedication")
        current = current.parent
    return False


class FindUntranslated(SphinxTransform):
    """Record the page's messages that stay in the source language."""

    default_priority = 19  # before sphinx.transforms.i18n.Locale (20) replaces them

    def apply(self, **kwargs: Any) -> None:
        if not is_translation(self.config):
            return
        docname = self.env.current_document.docname
        domain = docname_to_domain(docname, self.config.gettext_compact)
        catalog = read_catalog(Path(self.env.srcdir), list(self.config.locale_dirs), self.config.language, domain)
        missing = []
        for node, message in extract_messages(self.document):
            if _in_metadata(node):
                continue
            translation, fuzzy = catalog.get(message, ("", False))
            if translation.strip() and not fuzzy:
                continue
            line = node.line or (node.parent.line if node.parent is not None else None)
            missing.append((line, FUZZY if fuzzy else UNTRANSLATED, message))
        domain_data = self.env.get_domain(TranslationDomain.name)
        if missing:
            domain_data.missing[docname] = list(dict.fromkeys(missing))
        else:
            domain_data.clear_doc(docname)


def report(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: located errors in a release, one warning in a review build
    (one more for the bibliography's fields, :mod:`.bibliography`)."""
    if exception is not None or app.env is None or not is_translation(app.config):
        return
    domain = app.env.get_domain(TranslationDomain.name)
    missing = domain.missing
    items = [((docname, line), state, message)
             for docname in sorted(missing) if docname in app.env.found_docs
             for line, state, message in missing[docname]]
    fields = [(f"{path}:{line}", state, message) for path, line, state, message in domain.untranslated_fields]
    if not items and not fields:
        return
    ui = app.config.language
    edition = language_name(build_language(app.config), ui)
    source = language_name(source_language(app.config), ui)
    if getattr(app.config, "editorial_mode", "review") == "release":
        for location, state, message in items + fields:
            template = (_("fuzzy message in the {edition} edition (shown in {source}): \"{words}\"")
                        if state == FUZZY else
                        _("untranslated message in the {edition} edition (shown in {source}): \"{words}\""))
            logger.error(str(template).format(edition=edition, source=source, words=first_words(message)),
                         location=location, type=WARNING_TYPE, subtype=SUBTYPE)
        app.statuscode = 1
        return
    if items:
        pages = len({location[0] for location, _state, _message in items})
        logger.warning(
            str(_("{count} message(s) of the {edition} edition on {pages} page(s) are not translated "
                  "(fuzzy or missing) and are shown in {source}, the first here; "
                  "`make translation-status` lists them; a release fails on them")).format(
                count=len(items), pages=pages, edition=edition, source=source),
            location=items[0][0], type=WARNING_TYPE, subtype=SUBTYPE)
    if fields:
        logger.warning(
            str(_("{count} bibliography field(s) of the {edition} edition are not translated "
                  "(fuzzy or missing) and are shown in {source}, the first here; "
                  "`make translation-status` lists them; a release fails on them")).format(
                count=len(fields), edition=edition, source=source),
            location=fields[0][0], type=WARNING_TYPE, subtype=SUBTYPE)


class ForgetDiscardedCitations(SphinxTransform):
    """A translated page keeps only the citations its final text holds.

    Sphinx's ``Locale`` parses each translated message (once to match titles,
    once to patch the node): the citation roles in it record references whose
    nodes are thrown away, and backlinks would point at ids no page has."""

    default_priority = 21  # right after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: Any) -> None:
        if not is_translation(self.config):
            return
        from docutils import nodes

        for meta in self.document.findall(nodes.meta):  # Locale's flag, written out as an attribute
            meta.attributes.pop("translated", None)
        if "cite" not in self.env.domains:
            return
        refs = getattr(self.env.get_domain("cite"), "citation_refs", None)
        if not isinstance(refs, list):
            return
        docname = self.env.current_document.docname
        ids = {id_ for node in self.document.findall(lambda n: hasattr(n, "get")) for id_ in node.get("ids", [])}
        refs[:] = [ref for ref in refs if ref.docname != docname or ref.citation_ref_id in ids]
