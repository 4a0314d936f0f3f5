"""Reading a doctree into a DocRecord (at ``doctree-read``).

Charts and tables are known by the contract with the figures layer
(:mod:`sphinx_publication.figure_facts`); citations and bibliographies by the
citations package's queries (:mod:`sphinx_publication.citations.queries`).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from sphinx_publication.citations.queries import is_bibliography, is_citation_reference
from sphinx_publication.figure_facts import figure_facts, is_source_note

from . import editorial_nodes as ed
from .model import DocRecord, Marker, Note, UnsourcedFigure, summarise
from .wordcount import count_words

# Elements whose text is not the article's body.
SKIPPED_FOR_WORDS = (
    nodes.caption,
    nodes.figure,
    nodes.legend,
    nodes.table,
    nodes.literal_block,
    nodes.comment,
    nodes.raw,
    nodes.substitution_definition,
    nodes.docinfo,
    nodes.citation,
    nodes.footnote,
    nodes.target,
    addnodes.only,
    addnodes.toctree,
    nodes.meta,
    # docutils' own messages ("Using English fallback for directive…"), logged
    # once per process: counting them made the count depend on earlier builds
    nodes.system_message,
    *ed.EDITORIAL_NODES,
)


def _nearest_id(node: nodes.Element) -> str:
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, nodes.Element) and current.get("ids"):
            return current["ids"][0]
        current = current.parent
    return ""


def body_text(doctree: nodes.Node, skip_classes: frozenset[str]) -> str:
    """The article text of *doctree*, one block per line, apparatus left out."""
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            parts.append(node.astext())
            return
        if isinstance(node, SKIPPED_FOR_WORDS) or is_bibliography(node):
            return
        if figure_facts(node) is not None or is_source_note(node):
            return
        if is_citation_reference(node):
            return
        if isinstance(node, nodes.Element):
            if skip_classes.intersection(node.get("classes", ())):
                return
            if isinstance(node, nodes.paragraph) and any(node.findall(ed.word_count)):
                return  # the "Nombre de mots : …" line describes the article
            for child in node.children:
                walk(child)
            if isinstance(node, (nodes.Body, nodes.Structural, nodes.Titular)):
                parts.append("\n")

    walk(doctree)
    return "".join(parts)


def record_doctree(doctree: nodes.document, skip_classes: frozenset[str]) -> DocRecord:
    record = DocRecord()
    for node in doctree.findall(nodes.Element):
        facts = figure_facts(node)
        if facts is not None:
            if not facts.sources:
                record.unsourced_figures.append(
                    UnsourcedFigure(_nearest_id(node), node.line, facts.title, facts.kind)
                )
        elif isinstance(node, ed.MARKER_NODES):
            record.markers.append(Marker(_nearest_id(node), node.line, node.get("description", "")))
        elif isinstance(node, ed.review_note):
            summary = node.get("claim") or summarise(node.astext())
            record.notes.append(Note(_nearest_id(node), node.line, node["status"], summary))
        elif isinstance(node, ed.editorial_report):
            record.holds_report = True
        elif isinstance(node, ed.word_count):
            record.holds_word_count = True
        elif is_bibliography(node):
            record.holds_bibliography = True
    record.words = count_words(body_text(doctree, skip_classes))
    return record


def record_page(env, config, doctree: nodes.document) -> None:
    """Keep the editorial record of the page being read in the editorial domain."""
    skip = frozenset(config.word_count_skip_classes)
    env.get_domain("editorial").set_record(env.docname, record_doctree(doctree, skip))
