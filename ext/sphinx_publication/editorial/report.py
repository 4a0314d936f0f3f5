"""The editorial report, built from the domain once every document is read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from docutils import nodes
from sphinx.errors import NoUri

from sphinx_publication.citations.queries import entries_without_locator, unknown_keys_cited

from .reading_path import reading_order_section
from .messages import _, count_phrase, data_needed_label, review_note_label, status_label
from .statuses import STATUS_KEYS
from .wordcount import format_count


# -- links -----------------------------------------------------------------------


def make_link(builder, fromdocname: str, docname: str, target_id: str, text: str) -> nodes.Node:
    """A reference to *target_id* in *docname*, or plain text where there is no URI."""
    try:
        uri = builder.get_relative_uri(fromdocname, docname)
    except NoUri:
        return nodes.Text(text)
    if target_id:
        # singlehtml already answers "#document-x": the id alone is enough there.
        uri = ("#" if "#" in uri else uri + "#") + target_id
    ref = nodes.reference("", "", nodes.Text(text), internal=True, refuri=uri)
    return ref


def _page_title(env, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _paragraph(*children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def _item(*children: nodes.Node) -> nodes.list_item:
    item = nodes.list_item()
    item += _paragraph(*children)
    return item


def _heading(text: str, count: int, language: str | None) -> nodes.rubric:
    return nodes.rubric("", f"{text} ({format_count(count, language)})")


def _none_paragraph() -> nodes.paragraph:
    return nodes.paragraph("", str(_("None.")))


# -- grouping ---------------------------------------------------------------------


def grouped_by_page(
    builder,
    fromdocname: str,
    pages: Iterable[tuple[str, list[Any]]],
    describe: Callable[[Any], str],
) -> nodes.bullet_list:
    """One item per page (title linked, item count) holding one linked item per entry."""
    env = builder.env
    language = env.config.language
    outer = nodes.bullet_list(classes=["editorial-report-pages"])
    for docname, entries in pages:
        if not entries:
            continue
        title = make_link(builder, fromdocname, docname, "", _page_title(env, docname))
        page_item = _item(title, nodes.Text(f" ({format_count(len(entries), language)})"))
        inner = nodes.bullet_list()
        for entry in entries:
            inner += _item(make_link(builder, fromdocname, docname, entry.target_id, describe(entry)))
        page_item += inner
        outer += page_item
    return outer


# -- the report ---------------------------------------------------------------------


def report_inputs(env, domain) -> list:
    """Everything :func:`build_report` draws from, to tell whether it would change."""
    ordered = list(domain.ordered())
    pages = [
        (d, r.markers, r.notes, r.unsourced_figures,
         env.titles[d].astext() if d in env.titles else None)
        for d, r in ordered
    ]
    return [pages, entries_without_locator(env), unknown_keys_cited(env)]


def build_report(builder, fromdocname: str, domain) -> list[nodes.Node]:
    env = builder.env
    language = env.config.language
    ordered = list(domain.ordered())
    markers = [(d, r.markers) for d, r in ordered]
    figures = [(d, r.unsourced_figures) for d, r in ordered]
    bib = entries_without_locator(env)
    counts = {
        "markers": sum(len(m) for _d, m in markers),
        "notes": sum(len(r.notes) for _d, r in ordered),
        "figures": sum(len(f) for _d, f in figures),
        "references": len(bib),
        "unknown_keys": len(unknown_keys_cited(env)),
    }
    result: list[nodes.Node] = [summary_paragraph(counts, language)]
    result.extend(reading_order_section(builder, fromdocname, domain))

    result.append(_heading(data_needed_label(), counts["markers"], language))
    result.append(
        grouped_by_page(builder, fromdocname, markers, lambda m: m.description or data_needed_label())
        if counts["markers"]
        else _none_paragraph()
    )

    result.append(_heading(str(_("Review notes")), counts["notes"], language))
    if not counts["notes"]:
        result.append(_none_paragraph())
    for status in STATUS_KEYS:
        pages = [(d, [n for n in r.notes if n.status == status]) for d, r in ordered]
        total = sum(len(n) for _d, n in pages)
        if total:
            label = status_label(status)
            heading = nodes.paragraph(classes=["editorial-report-status", f"editorial-status-{status}"])
            heading += nodes.strong("", f"{label[:1].upper()}{label[1:]} ({format_count(total, language)})")
            result.append(heading)
            result.append(grouped_by_page(builder, fromdocname, pages, lambda n: n.summary or review_note_label()))

    result.append(_heading(str(_("Charts and tables without a source")), counts["figures"], language))
    result.append(
        grouped_by_page(builder, fromdocname, figures, lambda f: f.title or f.kind)
        if counts["figures"]
        else _none_paragraph()
    )

    result.append(_heading(str(_("Bibliography entries without DOI or URL")), counts["references"], language))
    if bib:
        listing = nodes.bullet_list(classes=["editorial-report-references"])
        for entry in bib:
            label = f"{entry.key} — {entry.title}" if entry.title else entry.key
            if entry.docname:
                listing += _item(make_link(builder, fromdocname, entry.docname, entry.target_id or "", label))
            else:
                listing += _item(nodes.Text(label))
        result.append(listing)
    else:
        result.append(_none_paragraph())
    container = nodes.container(classes=["editorial-report"])
    container.extend(result)
    return [container]


def summary_items(counts: dict[str, int], language: str | None) -> list[str]:
    return [count_phrase(kind, counts[kind], format_count(counts[kind], language)) for kind in counts]


def summary_paragraph(counts: dict[str, int], language: str | None) -> nodes.paragraph:
    text = str(_("Editorial: {items}")).format(items=", ".join(summary_items(counts, language)))
    return nodes.paragraph("", text, classes=["editorial-report-summary"])
