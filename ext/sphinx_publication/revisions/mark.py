"""Render (tree side): put the marks of a :class:`.compare.Comparison` into the head's
resolved one-page doctree, and the « Résumé des modifications » at its top.

Only text nodes are split and inline nodes added around them, so the markup
of the page (links, emphasis, citations) stays whole; a citation added or
removed is wrapped as it is drawn (number, link, card trigger).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

from .blocks import BOUNDARY, Block, Token, tokens_text
from .compare import Comparison, Mark
from .nodes import _, revision_block, revision_del, revision_ins, revision_nav, revision_title

SUMMARY_ID = "resume-des-modifications"
RENDERED_WHOLE = (nodes.literal_block, nodes.math_block, nodes.doctest_block)


def status_name(key: str) -> str:
    try:
        from sphinx_publication.editorial.messages import status_label

        return status_label(key)
    except Exception:  # noqa: BLE001
        return key


class Marker:
    def __init__(self, tree: nodes.document, blocks: list[Block], cite_targets: dict[str, str]) -> None:
        self.tree = tree
        self.blocks = blocks
        self.cite_targets = cite_targets  # key -> id of its entry in the head tree
        # Text node -> [(start, order, kind, end, node)]: splits done once per text node.
        self.text_ops: dict[int, tuple[nodes.Text, list]] = {}
        self.element_ops: list[tuple[nodes.Element, str, Any]] = []
        self.inserts_after: list[tuple[nodes.Element, nodes.Element]] = []
        self.order = 0

    # -- inline ---------------------------------------------------------------------------

    def deleted_inline(self, tokens: list[Token], mark: Mark, with_id: bool) -> revision_del:
        node = revision_del()
        pending = False
        for index, token in enumerate(tokens):
            if token.norm == BOUNDARY:
                pending = True
                continue
            if index and (token.space or pending):
                node += nodes.Text(" ")
            pending = False
            if token.cite and token.cite in self.cite_targets:
                node += nodes.reference(token.text, token.text, refuri="#" + self.cite_targets[token.cite],
                                        internal=True, classes=["publication-card-trigger"])
            else:
                node += nodes.Text(token.text)
        if with_id:
            node["ids"] = [mark.anchor]
            node["classes"].append("sp-rev-mark")
        return node

    def _op(self, origin: Any, start_key: int, kind: str, payload: Any) -> None:
        self.order += 1
        if isinstance(origin, tuple):
            text, start, end = origin
            entry = self.text_ops.setdefault(id(text), (text, []))
            entry[1].append((start if start_key < 0 else start_key, self.order, kind, end, payload))
        else:
            self.element_ops.append((origin, kind, payload))

    def words(self, mark: Mark) -> None:
        block = self.blocks[mark.block]
        tokens = block.tokens
        id_given = False
        wrapped = self.inserted_elements(block, mark)
        if mark.deleted:
            deleted = self.deleted_inline(mark.deleted, mark, True)
            id_given = True
            at = mark.inserted[0] if mark.inserted else mark.position[1]
            if at < len(tokens):
                origin = tokens[at].origin
                if mark.inserted and wrapped[at] is not None:  # before the inserted element, not in it
                    self._op(wrapped[at], -1, "del-before", deleted)
                elif isinstance(origin, tuple):
                    self._op(origin, origin[1], "del-before", deleted)
                else:
                    self._op(origin, -1, "del-before", deleted)
            elif tokens:
                origin = tokens[-1].origin
                if isinstance(origin, tuple):
                    self._op(origin, origin[2], "del-after", deleted)
                else:
                    self._op(origin, -1, "del-after", deleted)
        if mark.inserted:
            start, end = mark.inserted
            groups: list[list[Token]] = []
            for index in range(start, end):
                token, element = tokens[index], wrapped[index]
                if element is not None:  # an inline element inserted whole: one mark around it
                    if not (groups and groups[-1][0] is element):
                        groups.append([element])
                elif (groups and isinstance(token.origin, tuple) and isinstance(groups[-1][-1], Token)
                        and isinstance(groups[-1][-1].origin, tuple)
                        and groups[-1][-1].origin[0] is token.origin[0]):
                    groups[-1].append(token)
                else:
                    groups.append([token])
            for group in groups:
                ids = [] if id_given else [mark.anchor]
                id_given = True
                if not isinstance(group[0], Token):
                    self._op(group[0], -1, "ins", ids)
                    continue
                first, last = group[0].origin, group[-1].origin
                if isinstance(first, tuple):
                    self._op((first[0], first[1], last[2]), first[1], "ins", ids)
                else:
                    self._op(first, -1, "ins", ids)

    def inserted_elements(self, block: Block, mark: Mark) -> list[nodes.Element | None]:
        """Per token of *block*: the outermost inline element around it whose tokens are all
        inserted by *mark* (an added citation: its brackets, number and link), or None.

        Such an element is marked whole, in one insertion, rather than text node by text node.
        """
        tokens = block.tokens
        wrapped: list[nodes.Element | None] = [None] * len(tokens)
        if not mark.inserted or block.node is None:
            return wrapped
        start, end = mark.inserted
        chains: list[list[nodes.Element]] = []
        inside: dict[int, list[int]] = {}  # id(inline element) -> indexes of its tokens
        for index, token in enumerate(tokens):
            node = token.origin[0] if isinstance(token.origin, tuple) else token.origin
            chain: list[nodes.Element] = []
            while node is not None and node is not block.node:
                if isinstance(node, nodes.Inline) and isinstance(node, nodes.Element):
                    chain.append(node)
                    inside.setdefault(id(node), []).append(index)
                node = node.parent
            chains.append(chain if node is block.node else [])
        for index in range(start, end):
            for element in reversed(chains[index]):  # outermost first
                if all(start <= i < end for i in inside[id(element)]):
                    wrapped[index] = element
                    break
        return wrapped

    def apply_inline(self) -> None:
        for text, operations in self.text_ops.values():
            parent = text.parent
            if parent is None:
                continue
            raw = str(text)
            pieces: list[nodes.Node] = []
            cursor = 0
            for start, _order, kind, end, payload in sorted(operations, key=lambda o: (o[0], o[1])):
                if kind == "ins":
                    if start < cursor:
                        continue
                    if start > cursor:
                        pieces.append(nodes.Text(raw[cursor:start]))
                    ins = revision_ins()
                    ins += nodes.Text(raw[start:end])
                    if payload:
                        ins["ids"] = payload
                        ins["classes"].append("sp-rev-mark")
                    pieces.append(ins)
                    cursor = end
                else:
                    at = max(start, cursor)
                    if at > cursor:
                        pieces.append(nodes.Text(raw[cursor:at]))
                        cursor = at
                    if kind == "del-after" and pieces and isinstance(pieces[-1], nodes.Text):
                        pass
                    pieces.append(nodes.Text(" ") if kind == "del-after" else nodes.Text(""))
                    pieces.append(payload)
                    if kind == "del-before":
                        pieces.append(nodes.Text(" "))
            if cursor < len(raw):
                pieces.append(nodes.Text(raw[cursor:]))
            pieces = [p for p in pieces if not (isinstance(p, nodes.Text) and not str(p))]
            index = parent.index(text)
            parent[index:index + 1] = pieces
        for element, kind, payload in self.element_ops:
            parent = element.parent
            if parent is None:
                continue
            index = parent.index(element)
            if kind == "ins":
                wrapper = revision_ins()
                if payload:
                    wrapper["ids"] = payload
                    wrapper["classes"].append("sp-rev-mark")
                parent.replace(element, wrapper)
                wrapper += element
            elif kind == "del-before":
                parent.insert(index, [payload, nodes.Text(" ")])
            else:
                parent.insert(index + 1, [nodes.Text(" "), payload])

    # -- blocks ---------------------------------------------------------------------------

    def block_after(self, position: int, new: nodes.Element) -> None:
        """*new* after head block *position* (-1: at the start of the article)."""
        if position < 0 or position >= len(self.blocks):
            section = next(iter(self.tree.findall(nodes.section)), self.tree)
            title = section.next_node(nodes.title)
            if title is not None and title.parent is section:
                section.insert(section.index(title) + 1, new)
            else:
                section.insert(0, new)
            return
        node = self.blocks[position].node
        if isinstance(node, nodes.Element) and type(node).__name__ == "chart_node":
            node = node.parent if isinstance(node.parent, nodes.figure) else node
        self.inserts_after.append((node, new))

    def apply_blocks(self) -> None:
        for anchor, new in reversed(self.inserts_after):
            parent = anchor.parent
            if parent is None:
                continue
            parent.insert(parent.index(anchor) + 1, new)


def passage(mark: Mark, op: str, *children: nodes.Node) -> revision_block:
    node = revision_block(op=op, ids=[mark.anchor], classes=["sp-rev-mark"])
    node.extend(children)
    return node


def apply(comparison: Comparison, tree: nodes.document, blocks: list[Block], cite_targets: dict[str, str],
          base: str, head: str, language: str | None = None) -> None:
    marker = Marker(tree, blocks, cite_targets)
    for mark in comparison.marks:
        if mark.what == "words" and isinstance(blocks[mark.block].node, RENDERED_WHOLE):
            # Highlighted as a whole (its children never reach the translator): the change beside it.
            start, end = mark.inserted or (0, 0)
            paragraph = nodes.paragraph()
            if mark.deleted:
                paragraph += marker.deleted_inline(mark.deleted, mark, False)
            if mark.deleted and mark.inserted:
                paragraph += nodes.Text(" → ")
            if mark.inserted:
                paragraph += revision_ins("", tokens_text(blocks[mark.block].tokens[start:end]))
            marker.block_after(mark.block, passage(mark, "data", paragraph))
        elif mark.what == "words":
            marker.words(mark)
        elif mark.what == "deleted-blocks":
            paragraphs = [nodes.paragraph("", "", marker.deleted_inline(tokens, mark, False))
                          for tokens in mark.deleted_blocks]
            marker.block_after(mark.block, passage(mark, "del", *paragraphs))
        elif mark.what == "move":
            node = blocks[mark.block].node
            link = nodes.reference("", "", nodes.Text(str(_("moved, see where it was"))),
                                   refuri="#" + mark.partner, internal=True)
            flag = revision_ins("", "", nodes.Text("↧ "), link, ids=[mark.anchor],
                                classes=["sp-rev-mark", "sp-rev-move"], partner=mark.partner)
            node.insert(0, [flag, nodes.Text(" ")])
        elif mark.what == "move-from":
            link = nodes.reference("", "", nodes.Text(str(_("moved: see its new place"))),
                                   refuri="#" + mark.partner, internal=True)
            text = " ".join(t.text for t in mark.deleted[:12]) + (" …" if len(mark.deleted) > 12 else "")
            origin = passage(mark, "moved-from", nodes.paragraph(
                "", "", nodes.Text("↥ "), link, nodes.Text(f" — « {text} »")))
            origin["partner"] = mark.partner
            marker.block_after(mark.block, origin)
        elif mark.what == "bibliography":
            bibliography(marker, mark, blocks)
        elif mark.what == "figure":
            figure(marker, mark, blocks)
        elif mark.what == "figure-words":
            paragraph = nodes.paragraph()
            for index, (name, before, after) in enumerate(mark.detail["words"]):
                if index:
                    paragraph += nodes.Text(" ; ")
                paragraph += nodes.Text(f"{AXIS_LABELS.get(name, name)} : ")
                if before:
                    paragraph += revision_del("", before)
                    paragraph += nodes.Text(" → ")
                paragraph += revision_ins("", after) if after else nodes.Text("∅")
            marker.block_after(mark.block, passage(mark, "data", paragraph))
        elif mark.what == "note":
            node = blocks[mark.block].node
            label = str(_("status: "))
            paragraph = nodes.paragraph("", "", nodes.Text(label),
                                        revision_del("", status_name(mark.detail["before"]), ids=[mark.anchor],
                                                     classes=["sp-rev-mark"]),
                                        nodes.Text(" → "), revision_ins("", status_name(mark.detail["after"])))
            node.insert(0, paragraph)
        elif mark.what == "page":
            page(marker, mark, blocks)
    marker.apply_inline()
    marker.apply_blocks()
    fold_unchanged(tree)
    insert_summary(tree, comparison, base, head, language)


def bibliography(marker: Marker, mark: Mark, blocks: list[Block]) -> None:
    op = mark.detail["op"]
    if op == "delete":
        marker.block_after(mark.block, passage(mark, "del", nodes.paragraph(
            "", "", nodes.Text(str(_("Entry removed: "))), revision_del("", mark.detail["text"]))))
        return
    entry = blocks[mark.block].node
    if op == "insert":
        note = nodes.paragraph("", "", revision_ins("", str(_("Entry added")), ids=[mark.anchor],
                                                    classes=["sp-rev-mark"]), classes=["sp-rev-entry"])
    else:
        note = nodes.paragraph("", "", classes=["sp-rev-entry"])
        note += nodes.Text(str(_("Changed: ")))
        for index, (name, before, after) in enumerate(mark.detail["fields"]):
            if index:
                note += nodes.Text(" ; ")
            note += nodes.Text(f"{field_label(name)} : ")
            if before is None:
                note += revision_ins("", f"{after}")
                note += nodes.Text(f" ({OP_LABELS['insert']})")
            elif after is None:
                note += revision_del("", f"{before}")
                note += nodes.Text(f" ({OP_LABELS['delete']})")
            else:
                note += revision_del("", before)
                note += nodes.Text(" → ")
                note += revision_ins("", after)
        note["ids"] = [mark.anchor]
        note["classes"].append("sp-rev-mark")
    entry.append(note)


AXIS_LABELS = {"x_label": _("x axis"), "y_label": _("y axis"), "unit": _("unit"),
               "description": _("description")}


def field_label(name: str) -> str:
    names = {"year": _("year"), "doi": "DOI", "title": _("title"), "author": _("author"), "url": "URL",
             "journal": _("journal"), "date": _("date"), "pages": _("pages"), "volume": _("volume")}
    return str(names.get(name, name))


def figure(marker: Marker, mark: Mark, blocks: list[Block]) -> None:
    op = mark.detail["op"]
    if op == "delete":
        marker.block_after(mark.block, passage(mark, "del", nodes.paragraph(
            "", "", nodes.Text(str(_("Figure removed: "))), revision_del("", mark.detail["title"]))))
        return
    if op == "insert":
        marker.block_after(mark.block, passage(mark, "ins", nodes.paragraph(
            "", "", revision_ins("", str(_("Figure added"))))))
        return
    cells = mark.detail["data_changes"]
    blocks[mark.block].node["revision_cells"] = cells  # marked in the chart's own data table (nodes.py)
    badge = nodes.paragraph("", "", nodes.inline("", str(_("data changed ({count})")).format(count=len(cells)),
                                                 classes=["sp-rev-badge"]))
    table = nodes.table(classes=["sp-rev-data"])
    group = nodes.tgroup(cols=3)
    table += group
    for _i in range(3):
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for text in (_("Where"), _("Before"), _("After")):
        row += nodes.entry("", nodes.paragraph("", str(text)))
    head += row
    group += head
    body = nodes.tbody()
    for cell in cells:
        row = nodes.row()
        where = " / ".join(str(x) for x in (cell["row"], cell["column"]) if x)
        row += nodes.entry("", nodes.paragraph("", where))
        row += nodes.entry("", nodes.paragraph("", "", *( [revision_del("", cell["before"])]
                                                          if cell["before"] is not None else [])))
        row += nodes.entry("", nodes.paragraph("", "", *([revision_ins("", cell["after"])]
                                                         if cell["after"] is not None else [])))
        body += row
    group += body
    marker.block_after(mark.block, passage(mark, "data", badge, table))


def page(marker: Marker, mark: Mark, blocks: list[Block]) -> None:
    op = mark.detail["op"]
    change = mark.changes[0]
    if op == "delete":
        marker.block_after(len(blocks) - 1, passage(mark, "del", nodes.paragraph(
            "", "", nodes.Text(str(_("Page removed: "))), revision_del("", change.before))))
        return
    if op == "move":
        text = str(_("Page renamed: {before} → {after}")).format(before=change.before, after=change.after)
    else:
        text = str(_("Page added: {page}")).format(page=change.after)
    note = passage(mark, "ins", nodes.paragraph("", "", revision_ins("", text)))
    for start in marker.tree.findall(addnodes.start_of_file):
        if start["docname"] == change.page:
            start.insert(0, note)
            return
    marker.block_after(mark.block - 1, note)


def fold_unchanged(tree: nodes.document) -> None:
    for section in tree.findall(nodes.section):
        if not any(isinstance(n, (revision_ins, revision_del, revision_block)) for n in section.findall()):
            section["classes"].append("sp-rev-unchanged")


SUMMARY_ROWS = (
    ("words_added", _("words added: {n}")), ("words_removed", _("words removed: {n}")),
    ("passages_changed", _("passages changed: {n}")), ("citations_added", _("citations added: {n}")),
    ("citations_removed", _("citations removed: {n}")), ("bibliography_added", _("bibliography entries added: {n}")),
    ("bibliography_removed", _("bibliography entries removed: {n}")),
    ("bibliography_changed", _("bibliography entries changed: {n}")),
    ("figures_changed", _("figures whose data changed: {n}")), ("tables_changed", _("tables changed: {n}")),
    ("editorial_resolved", _("editorial items resolved or removed: {n}")),
    ("editorial_added", _("editorial items added: {n}")),
    ("editorial_status_changed", _("review notes whose status changed: {n}")),
)


def summary_rows(summary: dict, language: str | None = None) -> list[str]:
    from sphinx_publication.editorial.wordcount import format_count

    def number(value: int) -> str:
        return format_count(value, language) if language else str(value)

    rows = [str(template).format(n=number(summary[key])) for key, template in SUMMARY_ROWS]
    rows.append(str(_("word count: {before} → {after}")).format(before=number(summary["words_before"]),
                                                                 after=number(summary["words_after"])))
    return rows


KIND_LABELS = {"text": _("text"), "heading": _("heading"), "citation": _("citation"),
               "bibliography": _("bibliography"), "figure": _("figure"), "table": _("table"),
               "editorial": _("editorial"), "page": _("page")}
OP_LABELS = {"insert": _("added"), "delete": _("removed"), "replace": _("changed"), "move": _("moved")}


def change_line(change: Any) -> str:
    def short(text: str | None) -> str:
        text = " ".join((text or "").split())
        return text if len(text) <= 80 else text[:79] + "…"

    kind = str(KIND_LABELS.get(change.kind, change.kind))
    op = str(OP_LABELS.get(change.op, change.op))
    if change.op == "replace" or (change.op == "move" and change.before != change.after):
        what = f"{short(change.before)} → {short(change.after)}"
    else:
        what = short(change.after if change.after is not None else change.before)
    return f"{kind}, {op} : {what}"


def insert_summary(tree: nodes.document, comparison: Comparison, base: str, head: str,
                   language: str | None = None) -> None:
    box = nodes.container(ids=[SUMMARY_ID], classes=["sp-rev-summary"])
    box += revision_title("", str(_("Summary of changes")))
    shown = str(_("the working tree")) if head == "working tree" else head
    box += nodes.paragraph("", str(_("Changes from {base} to {head}.")).format(base=base, head=shown))
    changes = comparison.changes
    if not changes:
        box += nodes.paragraph("", str(_("The two versions are identical: no change.")), classes=["sp-rev-none"])
    else:
        counts = nodes.bullet_list()
        for row in summary_rows(comparison.summary, language):
            counts += nodes.list_item("", nodes.paragraph("", row))
        box += counts
        lines = nodes.enumerated_list()
        for mark in comparison.marks:
            for change in mark.changes:
                reference = nodes.reference("", change_line(change), refuri="#" + mark.anchor, internal=True)
                lines += nodes.list_item("", nodes.paragraph("", "", reference))
        box += lines
    box += revision_nav(count=len(comparison.marks))
    section = next(iter(tree.findall(nodes.section)), None)
    if section is None:
        tree.insert(0, box)
        return
    title = section.next_node(nodes.title)
    index = section.index(title) + 1 if title is not None and title.parent is section else 0
    section.insert(index, box)
