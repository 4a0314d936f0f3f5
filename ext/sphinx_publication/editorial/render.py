"""One renderer per output format: HTML (and epub), LaTeX, text; plain nodes elsewhere."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxTranslator

from sphinx_publication.builders import add_visitors, replace_unrendered

from . import editorial_nodes as ed
from .messages import _, data_needed_label, labelled, prefix, review_note_label, status_label
from .statuses import BY_KEY

# LaTeX colours (xcolor HTML notation), dark enough to read on white paper.
LATEX_MARK_COLOUR = "9A3412"


def note_title(node: nodes.Element) -> str:
    title = labelled(review_note_label(), status_label(node["status"]))
    return f"{title} — {node['claim']}" if node.get("claim") else title


def _blocks(node: nodes.Element) -> bool:
    status = BY_KEY.get(node["status"])
    return bool(status and status.blocks_release)


# -- HTML -------------------------------------------------------------------------


def report_link_html(self: SphinxTranslator, node: nodes.Element) -> str:
    """A link to the node's row of the editorial report (reading_path), if any."""
    if not node.get("report_uri"):
        return ""
    text = self.encode(str(_("See in the editorial report")))
    return f' <a class="editorial-report-link" href="{self.attval(node["report_uri"])}">{text}</a>'


def visit_data_needed_html(self: SphinxTranslator, node: ed.data_needed) -> None:
    self.body.append(self.starttag(node, "mark", "", CLASS="editorial-data-needed"))
    label = self.encode(prefix(data_needed_label()) if node.get("description") else data_needed_label())
    if node.get("report_uri"):  # the label leads to the report row; screen readers hear where
        hidden = self.encode(str(_("(see in the editorial report)")))
        label = (
            f'<a href="{self.attval(node["report_uri"])}">{label}'
            f'<span class="editorial-visually-hidden"> {hidden}</span></a>'
        )
    self.body.append(f'<span class="editorial-label">{label}</span>')


def depart_data_needed_html(self: SphinxTranslator, node: ed.data_needed) -> None:
    self.body.append("</mark>")


def visit_data_needed_block_html(self: SphinxTranslator, node: ed.data_needed_block) -> None:
    title_id = f"{node['ids'][0]}-title" if node["ids"] else ""
    attributes = {"CLASS": "editorial-data-needed-block", "role": "note"}
    if title_id:
        attributes["aria-labelledby"] = title_id
    self.body.append(self.starttag(node, "aside", "", **attributes))
    id_attribute = f' id="{title_id}"' if title_id else ""
    self.body.append(
        f'<p class="editorial-title"{id_attribute}>{self.encode(data_needed_label())}'
        f"{report_link_html(self, node)}</p>\n"
    )


def depart_aside_html(self: SphinxTranslator, node: nodes.Element) -> None:
    self.body.append("</aside>\n")


def visit_review_note_html(self: SphinxTranslator, node: ed.review_note) -> None:
    status = node["status"]
    classes = f"editorial-review-note editorial-status-{status}"
    if _blocks(node):
        classes += " editorial-blocking"
    title_id = f"{node['ids'][0]}-title" if node["ids"] else ""
    attributes = {"CLASS": classes, "role": "note"}
    if title_id:
        attributes["aria-labelledby"] = title_id
    self.body.append(self.starttag(node, "aside", "", **attributes))
    id_attribute = f' id="{title_id}"' if title_id else ""
    label = self.encode(prefix(review_note_label()))
    claim = (
        f' <span class="editorial-claim">{self.encode(node["claim"])}</span>'
        if node.get("claim")
        else ""
    )
    self.body.append(
        f'<p class="editorial-title"{id_attribute}><span class="editorial-label">{label}</span>'
        f'<span class="editorial-status">{self.encode(status_label(status))}</span>{claim}'
        f"{report_link_html(self, node)}</p>\n"
    )


# -- LaTeX ------------------------------------------------------------------------


def visit_data_needed_latex(self: SphinxTranslator, node: ed.data_needed) -> None:
    label = prefix(data_needed_label()) if node.get("description") else data_needed_label()
    self.body.append(
        self.hypertarget_to(node, anchor=True)
        + r"{\sffamily\color[HTML]{" + LATEX_MARK_COLOUR + r"}\textbf{[" + latex_text(self, label) + r"}\textit{"
    )


def depart_data_needed_latex(self: SphinxTranslator, node: ed.data_needed) -> None:
    self.body.append(r"}\textbf{]}}")


def latex_text(self: SphinxTranslator, text: str) -> str:
    """Escaped for LaTeX, the no-break space written ``~`` whatever the engine."""
    return self.encode(text).replace("\u00a0", "~")


def _begin_box(self: SphinxTranslator, node: nodes.Element, kind: str, title: str) -> None:
    self.body.append(
        "\n" + self.hypertarget_to(node, anchor=True)
        + r"\begin{sphinxadmonition}{" + kind + "}{" + latex_text(self, title) + "}\n"
    )


def visit_data_needed_block_latex(self: SphinxTranslator, node: ed.data_needed_block) -> None:
    _begin_box(self, node, "warning", data_needed_label())


def visit_review_note_latex(self: SphinxTranslator, node: ed.review_note) -> None:
    _begin_box(self, node, "warning" if _blocks(node) else "note", note_title(node))


def depart_box_latex(self: SphinxTranslator, node: nodes.Element) -> None:
    self.body.append("\\end{sphinxadmonition}\n")


# -- text ---------------------------------------------------------------------------


def visit_data_needed_text(self: SphinxTranslator, node: ed.data_needed) -> None:
    label = prefix(data_needed_label()) if node.get("description") else data_needed_label()
    self.add_text("[" + label)


def depart_data_needed_text(self: SphinxTranslator, node: ed.data_needed) -> None:
    self.add_text("]")


def visit_box_text(self: SphinxTranslator, node: nodes.Element) -> None:
    title = note_title(node) if isinstance(node, ed.review_note) else data_needed_label()
    self.new_state(0)
    self.add_text(f"[{title}]")
    self.end_state()
    self.new_state(2)


def depart_box_text(self: SphinxTranslator, node: nodes.Element) -> None:
    self.end_state()


HANDLERS = {
    ed.data_needed: {
        "html": (visit_data_needed_html, depart_data_needed_html),
        "latex": (visit_data_needed_latex, depart_data_needed_latex),
        "text": (visit_data_needed_text, depart_data_needed_text),
    },
    ed.data_needed_block: {
        "html": (visit_data_needed_block_html, depart_aside_html),
        "latex": (visit_data_needed_block_latex, depart_box_latex),
        "text": (visit_box_text, depart_box_text),
    },
    ed.review_note: {
        "html": (visit_review_note_html, depart_aside_html),
        "latex": (visit_review_note_latex, depart_box_latex),
        "text": (visit_box_text, depart_box_text),
    },
}


def add_nodes(app) -> None:
    for node_class, handlers in HANDLERS.items():
        add_visitors(app, node_class, **handlers)


def plain_where_unrendered(app, doctree: nodes.document) -> None:
    """Markers and notes become standard nodes where no visitor renders them."""
    for node_class in HANDLERS:
        replace_unrendered(app, doctree, node_class, plain_replacement)


# -- fallback: plain docutils nodes, nothing dropped ----------------------------------------


def plain_replacement(node: nodes.Element) -> nodes.Node:
    """Standard nodes any writer knows, carrying the same text as the rich rendering."""
    if isinstance(node, ed.data_needed):
        label = labelled(data_needed_label(), node.get("description", ""))
        return nodes.inline("", f"[{label}]", ids=node["ids"], classes=["editorial-data-needed"])
    title = note_title(node) if isinstance(node, ed.review_note) else data_needed_label()
    box = nodes.container(ids=node["ids"], classes=["editorial-note"])
    box += nodes.paragraph("", f"[{title}]")
    # Moved, not copied: the gettext builder extracts the body's messages by the
    # uid Sphinx gave each translatable node, which a copy would lose.
    children = list(node.children)
    node.clear()
    box.extend(children)
    return box
