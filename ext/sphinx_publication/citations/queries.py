"""What the rest of the package may ask about citations.

sphinxcontrib-bibtex keeps the parsed .bib files and every citation in its
``cite`` domain; this module is the one place outside the citations package's
own machinery that reads them. The editorial layer asks here: which entries
are cited and where (:func:`cited_keys_by_doc`, :func:`citing_places`),
which entries give the reader no DOI or URL (:func:`entries_without_locator`),
which .bib files the build read (:func:`bib_files`), and whether a doctree
node is a bibliography or a citation (:func:`is_bibliography`,
:func:`is_citation_reference`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.nodes import get_node_line
from sphinxcontrib.bibtex.domain import get_docnames

from .addresses import doi_link, url_link

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: the pages citing one key, in reading order: ((docname, title, (ref id, ...)), ...)
Places = tuple[tuple[str, str | None, tuple[str, ...]], ...]

#: the fields that may give the reader a link (:func:`has_locator`: an eprint always does)
LOCATOR_FIELDS = ("doi", "url", "eprint")


@dataclass(frozen=True)
class UnlinkedEntry:
    """A bibliography entry without DOI, URL or eprint, and where it is listed."""

    key: str
    title: str
    docname: str | None = None  # the page of the bibliography listing it, if any
    target_id: str | None = None


def bibtex_domain(env: BuildEnvironment):
    """sphinxcontrib-bibtex's domain; None when it is not loaded (no bibliography)."""
    try:
        return env.get_domain("cite")
    except ExtensionError:
        return None


# -- doctree nodes -------------------------------------------------------------------


def is_bibliography(node: nodes.Node) -> bool:
    """A ``bibliography`` directive's node (matched by name: the node class is private)."""
    return type(node).__name__ == "bibliography"


def is_citation_reference(node: nodes.Node) -> bool:
    """An unresolved ``{cite}`` or ``{footcite}`` reference."""
    return isinstance(node, addnodes.pending_xref) and node.get("refdomain") in ("cite", "footcite")


# -- after reading -------------------------------------------------------------------


def bib_files(env: BuildEnvironment) -> list[str]:
    """The .bib files of the build, as sphinxcontrib-bibtex found them (absolute paths)."""
    domain = bibtex_domain(env)
    return [str(path) for path in domain.bibdata.bibfiles] if domain is not None else []


def cited_keys_by_doc(env: BuildEnvironment) -> dict[str, set[str]]:
    """docname -> the keys it cites (the entries cited, page by page)."""
    keys: dict[str, set[str]] = defaultdict(set)
    for ref in env.get_domain("cite").citation_refs:
        keys[ref.docname].update(target.key for target in ref.targets)
    return keys


def citing_places(env: BuildEnvironment) -> dict[str, Places]:
    """key -> the pages citing it with their titles and citation ids, in reading order."""
    position = {docname: index for index, docname in enumerate(get_docnames(env))}
    # stable sort: within a page, references stay in reading order
    refs = sorted(
        env.get_domain("cite").citation_refs,
        key=lambda ref: position.get(ref.docname, len(position)),
    )
    grouped: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for ref in refs:
        for key in dict.fromkeys(target.key for target in ref.targets):
            grouped[key].setdefault(ref.docname, []).append(ref.citation_ref_id)
    return {
        key: tuple((docname, page_title(env, docname), tuple(ids)) for docname, ids in pages.items())
        for key, pages in grouped.items()
    }


def page_title(env: BuildEnvironment, docname: str) -> str | None:
    return env.titles[docname].astext() if docname in env.titles else None


def entries_without_locator(env: BuildEnvironment) -> list[UnlinkedEntry]:
    """Entries of the .bib files with no DOI, URL or eprint, sorted by key, each with
    the page and id of its first bibliography listing (None if it is not listed)."""
    domain = bibtex_domain(env)
    if domain is None:
        return []
    places: dict[str, tuple[str, str]] = {}
    for citation in domain.citations:
        places.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    return [
        UnlinkedEntry(entry.key, entry.title, *places.get(entry.key, (None, None)))
        for entry in unlinked_entries(domain.bibdata.data.entries)
    ]


def unlinked_entries(entries: Mapping[str, Any]) -> list[UnlinkedEntry]:
    """Among pybtex ``Entry`` objects, those with no DOI, URL or eprint that links, sorted by key."""
    found = []
    for key in sorted(entries):
        entry = entries[key]
        if not has_locator(entry):
            title = _field(entry, "title").replace("{", "").replace("}", "")
            found.append(UnlinkedEntry(key=key, title=title))
    return found


def has_locator(entry: Any) -> bool:
    """Whether *entry* gives the reader a link: a DOI or URL that becomes one
    (a ``javascript:`` url is printed as text, :mod:`.addresses`), or an eprint."""
    return bool(
        doi_link(_field(entry, "doi")) or url_link(_field(entry, "url")) or _field(entry, "eprint")
    )


def _field(entry: Any, name: str) -> str:
    fields = getattr(entry, "fields", {}) or {}
    for field_name, value in fields.items():
        if field_name.lower() == name:
            return str(value).strip()
    return ""


# -- keys cited but not defined (shown in the page, counted, blocking a release) ----


@dataclass(frozen=True, order=True)
class UnknownKey:
    """One citation of *key*, which no .bib entry defines, at *docname*:*line*."""

    docname: str
    line: int
    key: str


def defined_keys(env) -> Collection[str]:
    """Keys of every entry read from the .bib files (pybtex: case-insensitive)."""
    domain = bibtex_domain(env)
    return domain.bibdata.data.entries if domain is not None else {}


def unknown_keys_cited(env) -> list[UnknownKey]:
    """Every citation of a key missing from the .bib files, sorted by page and line."""
    domain = bibtex_domain(env)
    if domain is None:
        return []
    known = defined_keys(env)
    found = set()
    for ref in domain.citation_refs:
        unknown = [target.key for target in ref.targets if target.key not in known]
        if unknown:
            line = ref.line or citation_line(env, ref.docname, ref.citation_ref_id)
            found.update(UnknownKey(ref.docname, line, key) for key in unknown)
    return sorted(found)


def citation_line(env, docname: str, citation_id: str) -> int:
    """Line of a citation in its page's source (MyST pages leave it out of the domain)."""
    try:
        doctree = env.get_doctree(docname)
    except OSError:
        return 0
    for node in doctree.findall(addnodes.pending_xref):
        if citation_id in node["ids"]:
            try:
                return get_node_line(node)
            except ValueError:
                return 0
    return 0
