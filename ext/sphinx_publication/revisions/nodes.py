"""Render: the marks of the tracked-changes edition, one visitor per output format.

``revision_ins`` / ``revision_del`` are inline (``<ins>`` / ``<del>`` in HTML,
underlined / struck out in Typst, ``[+ … +]`` / ``[- … -]`` in text);
``revision_block`` holds whole passages (deleted paragraphs, a moved
paragraph's former place, a chart's changed data); ``revision_nav`` is the
« modification suivante / précédente » control (HTML only).
Screen readers hear where each mark starts and ends (visually hidden text),
since they do not announce ``<ins>``/``<del>`` by themselves.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from docutils import nodes

from sphinx_publication.i18n import translator

_ = translator("sphinx_publication.revisions")


class revision_ins(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Inserted text."""


class revision_del(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Deleted text."""


class revision_block(nodes.General, nodes.Element):  # noqa: N801
    """A whole passage marked: ``op`` is ``del``, ``ins``, ``moved-from`` or ``data``."""


class revision_title(nodes.General, nodes.TextElement):  # noqa: N801
    """The summary's heading: a heading for assistive technology, outside the sections' outline."""


class revision_nav(nodes.General, nodes.Element):  # noqa: N801
    """The control that walks through the changes (``count``)."""


def labels() -> dict[str, str]:
    return {
        "ins_start": str(_("start of insertion")),
        "ins_end": str(_("end of insertion")),
        "del_start": str(_("start of deletion")),
        "del_end": str(_("end of deletion")),
        "next": str(_("next change")),
        "previous": str(_("previous change")),
        "fold": str(_("Fold unchanged sections")),
        "unfold": str(_("Unfold unchanged sections")),
        "nav": str(_("Changes")),
    }


# -- HTML ---------------------------------------------------------------------------------


def _attributes(node: nodes.Element, css: str) -> str:
    classes = " ".join([css, *node.get("classes", [])])
    ids = node.get("ids", [])
    out = f' class="{escape(classes)}"'
    if ids:
        out += f' id="{escape(ids[0])}"'
    if node.get("partner"):
        out += f' data-partner="{escape(node["partner"])}"'
    return out


def visit_ins_html(self: Any, node: revision_ins) -> None:
    words = labels()
    self.body.append(f"<ins{_attributes(node, 'sp-rev-ins')}>"
                     f'<span class="sp-rev-sr">[{escape(words["ins_start"])}] </span>')


def depart_ins_html(self: Any, node: revision_ins) -> None:
    self.body.append(f'<span class="sp-rev-sr"> [{escape(labels()["ins_end"])}]</span></ins>')


def visit_del_html(self: Any, node: revision_del) -> None:
    words = labels()
    self.body.append(f"<del{_attributes(node, 'sp-rev-del')}>"
                     f'<span class="sp-rev-sr">[{escape(words["del_start"])}] </span>')


def depart_del_html(self: Any, node: revision_del) -> None:
    self.body.append(f'<span class="sp-rev-sr"> [{escape(labels()["del_end"])}]</span></del>')


def visit_block_html(self: Any, node: revision_block) -> None:
    self.body.append(f"<div{_attributes(node, 'sp-rev-block sp-rev-' + node.get('op', 'del'))}>")


def depart_block_html(self: Any, node: revision_block) -> None:
    self.body.append("</div>\n")


def visit_title_html(self: Any, node: revision_title) -> None:
    self.body.append('<h2 class="sp-rev-title">')


def depart_title_html(self: Any, node: revision_title) -> None:
    self.body.append("</h2>\n")


def visit_title_typst(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\n#strong[")


def depart_title_typst(self: Any, node: nodes.Element) -> None:
    self.body.append("]\n\n")


def visit_title_text(self: Any, node: nodes.Element) -> None:
    self.new_state(0)


def depart_title_text(self: Any, node: nodes.Element) -> None:
    self.end_state()


def visit_title_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\n\\textbf{")


def visit_nav_html(self: Any, node: revision_nav) -> None:
    words = labels()
    count = int(node.get("count", 0))
    self.body.append(
        f'<nav class="sp-rev-nav" aria-label="{escape(words["nav"])}" data-count="{count}">'
        f'<button type="button" class="sp-rev-prev" aria-label="{escape(words["previous"])}">'
        f'<span aria-hidden="true">‹</span><span class="sp-rev-long"> {escape(words["previous"])}</span></button> '
        f'<output class="sp-rev-position" aria-live="polite">0 / {count}</output> '
        f'<button type="button" class="sp-rev-next" aria-label="{escape(words["next"])}">'
        f'<span class="sp-rev-long">{escape(words["next"])} </span><span aria-hidden="true">›</span></button> '
        f'<button type="button" class="sp-rev-fold" aria-pressed="false" '
        f'data-fold="{escape(words["fold"])}" data-unfold="{escape(words["unfold"])}">'
        f'{escape(words["fold"])}</button></nav>\n')
    raise nodes.SkipNode


def _ins(text: str) -> str:
    words = labels()
    return (f'<ins class="sp-rev-ins"><span class="sp-rev-sr">[{escape(words["ins_start"])}] </span>{text}'
            f'<span class="sp-rev-sr"> [{escape(words["ins_end"])}]</span></ins>')


def _del(text: str) -> str:
    words = labels()
    return (f'<del class="sp-rev-del"><span class="sp-rev-sr">[{escape(words["del_start"])}] </span>{text}'
            f'<span class="sp-rev-sr"> [{escape(words["del_end"])}]</span></del>')


_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_HEAD_CELL = re.compile(r'<th scope="col">(.*?)</th>', re.DOTALL)
_ROW = re.compile(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', re.DOTALL)
_CELL = re.compile(r"<td>(.*?)</td>", re.DOTALL)


def mark_data_tables(markup: str, cells: list[dict]) -> str:
    """The chart's « Données du graphique » with its changes: old → new in each
    changed cell, rows and series added underlined, rows removed struck out; open."""
    tables = iter(range(10**6))

    def one_table(match: re.Match[str]) -> str:
        index = next(tables)
        mine = [c for c in cells if c.get("table", 0) == index]
        html = match.group()
        headers = [unescape(h) for h in _HEAD_CELL.findall(html)]
        added_series = {c["column"] for c in mine if c["what"] == "series" and c["before"] is None}
        html = _HEAD_CELL.sub(lambda m: f'<th scope="col">{_ins(m[1]) if unescape(m[1]) in added_series else m[1]}</th>',
                              html)
        values = {(c["row"], c["column"]): c for c in mine if c["what"] == "value"}
        added_rows = {c["row"] for c in mine if c["what"] == "row" and c["before"] is None}

        def row(m: re.Match[str]) -> str:
            label = unescape(m[1])
            columns = iter(headers[1:])

            def cell(c: re.Match[str]) -> str:
                column = next(columns, None)
                change = values.get((label, column))
                if change is None:
                    return c.group()
                return f"<td>{_del(escape(str(change['before'])))} → {_ins(c[1])}</td>"

            body = _CELL.sub(cell, m[2])
            head = _ins(m[1]) if label in added_rows else m[1]
            return f'<tr><th scope="row">{head}</th>{body}</tr>'

        html = _ROW.sub(row, html)
        removed = [c for c in mine if c["what"] == "row" and c["after"] is None]
        extra = "".join(
            f'<tr><th scope="row">{_del(escape(str(c["row"])))}</th>'
            f'<td colspan="{max(len(headers) - 1, 1)}">{_del(escape(str(c["before"])))}</td></tr>'
            for c in removed)
        return html.replace("</tbody>", extra + "</tbody>", 1) if extra else html

    marked = _TABLE.sub(one_table, markup)
    return marked.replace('<details class="sp-chart-data">', '<details class="sp-chart-data" open>', 1)


def visit_chart_marked_html(self: Any, node: nodes.Element) -> None:
    """The figures layer's chart, its data table marked where the data changed."""
    from sphinx_publication.figures.render import visit_chart_html

    start = len(self.body)
    try:
        visit_chart_html(self, node)
    except nodes.SkipNode:
        if node.get("revision_cells"):
            self.body[start:] = [mark_data_tables("".join(self.body[start:]), node["revision_cells"])]
        raise


# -- text, LaTeX, Typst ----------------------------------------------------------------------


def visit_ins_text(self: Any, node: nodes.Element) -> None:
    self.add_text("[+")


def depart_ins_text(self: Any, node: nodes.Element) -> None:
    self.add_text("+]")


def visit_del_text(self: Any, node: nodes.Element) -> None:
    self.add_text("[-")


def depart_del_text(self: Any, node: nodes.Element) -> None:
    self.add_text("-]")


def visit_ins_latex(self: Any, node: nodes.Element) -> None:
    self.body.append(r"\underline{")


def visit_del_latex(self: Any, node: nodes.Element) -> None:
    self.body.append(r"\sout{")


def depart_brace(self: Any, node: nodes.Element) -> None:
    self.body.append("}")


def visit_ins_typst(self: Any, node: nodes.Element) -> None:
    self.body.append(f'{self.anchors(node)}#underline(text(fill: rgb("#0b5d1e"))[')


def visit_del_typst(self: Any, node: nodes.Element) -> None:
    self.body.append(f'{self.anchors(node)}#strike(text(fill: rgb("#8a1414"))[')


def depart_bracket(self: Any, node: nodes.Element) -> None:
    self.body.append("])")


def visit_block_typst(self: Any, node: nodes.Element) -> None:
    self.body.append(f"\n\n{self.anchors(node)}#block(stroke: (left: 2pt + gray), inset: (left: 6pt))[\n\n")


def depart_block_typst(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\n]\n\n")


def visit_pass(self: Any, node: nodes.Element) -> None:
    pass


def depart_pass(self: Any, node: nodes.Element) -> None:
    pass


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def register(app: Any) -> None:
    from sphinx_publication.builders import add_visitors

    add_visitors(app, revision_ins, html=(visit_ins_html, depart_ins_html), text=(visit_ins_text, depart_ins_text),
                 latex=(visit_ins_latex, depart_brace), typst=(visit_ins_typst, depart_bracket))
    add_visitors(app, revision_del, html=(visit_del_html, depart_del_html), text=(visit_del_text, depart_del_text),
                 latex=(visit_del_latex, depart_brace), typst=(visit_del_typst, depart_bracket))
    add_visitors(app, revision_block, html=(visit_block_html, depart_block_html), text=(visit_pass, depart_pass),
                 latex=(visit_pass, depart_pass), typst=(visit_block_typst, depart_block_typst))
    from sphinx_publication.figures.nodes import chart_node

    # Loaded after the figures layer, in the comparison's builds only: its HTML chart, marked.
    app.add_node(chart_node, override=True, html=(visit_chart_marked_html, None))
    add_visitors(app, revision_title, html=(visit_title_html, depart_title_html),
                 text=(visit_title_text, depart_title_text), latex=(visit_title_latex, depart_brace),
                 typst=(visit_title_typst, depart_title_typst))
    add_visitors(app, revision_nav, html=(visit_nav_html, None), text=(skip, None), latex=(skip, None),
                 typst=(skip, None))
