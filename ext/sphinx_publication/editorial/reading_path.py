"""The reviewer's path: markers and notes in reading order, linked both ways.

The report lists every data-needed marker and review note in reading order,
one row each, with a « suivant » link to the next row; each marker and note
in the text links to its row (the HTML renderers read ``report_uri``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.errors import NoUri

from . import editorial_nodes as ed
from .messages import _, data_needed_label, labelled, review_note_label, status_label
from .model import Marker, Note
from .wordcount import format_count

ROW_PREFIX = "editorial-report-"


def row_id(target_id: str) -> str:
    """The id of the report row about the marker or note *target_id*."""
    return ROW_PREFIX + target_id


def target_uri(builder, fromdocname: str, docname: str, target_id: str) -> str | None:
    """URI of *target_id* in *docname* seen from *fromdocname*; None where there are no URIs."""
    try:
        uri = builder.get_relative_uri(fromdocname, docname)
    except NoUri:
        return None
    # singlehtml already answers "#document-x": the id alone is enough there.
    return ("#" if "#" in uri else uri + "#") + target_id


def report_docname(domain) -> str | None:
    """The first page, in reading order, holding the editorial report."""
    return next((docname for docname, record in domain.ordered() if record.holds_report), None)


def items_in_reading_order(domain) -> list[tuple[str, Marker | Note]]:
    """(page, marker or note) for the whole article, in reading order."""
    items = []
    for docname, record in domain.ordered():
        on_page = sorted(
            [*record.markers, *record.notes],
            key=lambda item: (item.line is None, item.line or 0),
        )
        items.extend((docname, item) for item in on_page)
    return items


def describe(item: Marker | Note) -> str:
    if isinstance(item, Note):
        return labelled(f"{review_note_label()} ({status_label(item.status)})", item.summary)
    return labelled(data_needed_label(), item.description)


def reading_order_section(builder, fromdocname: str, domain) -> list[nodes.Node]:
    """The rubric and the numbered list of every item, each row linked to the next."""
    env = builder.env
    items = items_in_reading_order(domain)
    heading = str(_("In reading order"))
    heading_text = f"{heading} ({format_count(len(items), env.config.language)})"
    result: list[nodes.Node] = [nodes.rubric("", heading_text)]
    if not items:
        return result
    listing = nodes.enumerated_list(classes=["editorial-report-reading-order"], enumtype="arabic")
    for index, (docname, item) in enumerate(items):
        paragraph = nodes.paragraph()
        title = env.titles.get(docname)
        paragraph += nodes.Text(f"{title.astext() if title else docname} — ")
        paragraph += link(builder, fromdocname, docname, item.target_id, describe(item))
        if index + 1 < len(items):
            paragraph += nodes.Text(" · ")
            next_row = row_id(items[index + 1][1].target_id)
            paragraph += link(builder, fromdocname, fromdocname, next_row, str(_("next")))
        row = nodes.list_item(ids=[row_id(item.target_id)])
        row += paragraph
        listing += row
    result.append(listing)
    return result


def link(builder, fromdocname: str, docname: str, target_id: str, text: str) -> nodes.Node:
    uri = target_uri(builder, fromdocname, docname, target_id)
    if uri is None:
        return nodes.Text(text)
    return nodes.reference("", "", nodes.Text(text), internal=True, refuri=uri)


def link_items_to_report(builder, doctree: nodes.document, docname: str, domain) -> None:
    """Give each marker and note of *doctree* the URI of its report row."""
    report = report_docname(domain)
    if report is None:
        return
    for node in doctree.findall(lambda n: isinstance(n, (*ed.MARKER_NODES, ed.review_note))):
        if node["ids"]:
            node["report_uri"] = target_uri(builder, docname, report, row_id(node["ids"][0]))
