"""Docutils/Sphinx doctree -> Typst markup for the whole article (one file).

The builder hands over one tree with every page inlined where its toctree
stood (as the LaTeX builder does); ``start_of_file`` nodes say which page
each part comes from, since ids are unique per page only. Every node with
ids gets an invisible anchor, and every internal link whose target exists
becomes a Typst link to it. A node this translator does not know gives a
located warning and its text is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.util.docutils import SphinxTranslator

from ..diagnostics import warn
from ..i18n import translator
from ..language import base_language
from ..typography import french_spacing
from . import markup
from .metadata import from_config
from .positions import mark

_ = translator("sphinx_publication.typst")

# Typst's heading levels stop being distinct in the design after 4.
MAX_HEADING = 6
_CSS_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt|cm|mm|in|em|%)?\s*$")
# Paragraph classes the title block already shows (the HTML byline).
TITLE_BLOCK_CLASSES = {"byline"}
_LINK = re.compile(r"#link\(<([A-Za-z0-9_.:\-]+)>\)\[")


def typst_length(css: str) -> str | None:
    """A CSS-like length (``80%``, ``400px``, ``12cm``, ``400``) as Typst, or None."""
    match = _CSS_LENGTH.match(css or "")
    if not match:
        return None
    number, unit = float(match[1]), match[2] or "px"
    if unit == "px":
        return f"{number * 0.75:g}pt"
    return f"{number:g}{unit}"


class TypstTranslator(SphinxTranslator):
    def __init__(self, document: nodes.document, builder: Builder) -> None:
        super().__init__(document, builder)
        self.metadata = from_config(self.config)
        self._source_paths: dict[tuple[str, str | None], str] = {}
        self.body: list[str] = []
        self.french = base_language(self.config.language) == "fr"
        self.docstack: list[str] = [document.get("docname", self.config.root_doc)]
        self.section_level = 0
        self.title_written = False  # the root title became the title block
        self.labels = collect_labels(document, self.docstack[0])
        self.footnotes = {fn["ids"][0]: fn for fn in document.findall(nodes.footnote) if fn["ids"]}
        self.footnotes_shown: set[str] = set()
        self.emitted: set[str] = set()

    # -- output helpers ----------------------------------------------------------

    def astext(self) -> str:
        """The markup; links to targets that no anchor was written for keep their text only."""
        return _LINK.sub(
            lambda m: m[0] if m[1] in self.emitted else "#[", "".join(self.body)
        )

    def rendered(self, children: Iterable[nodes.Node]) -> str:
        """The markup of *children*, written to a separate buffer."""
        saved, self.body = self.body, []
        try:
            for child in children:
                child.walkabout(self)
            return "".join(self.body).strip()
        finally:
            self.body = saved

    @property
    def docname(self) -> str:
        return self.docstack[-1]

    def block(self, text: str, node: nodes.Node | None = None) -> None:
        self.body.append(f"\n\n{self.source_mark(node)}{text}\n\n")

    def source_mark(self, node: nodes.Node | None) -> str:
        """A comment naming the source file and line of *node* (see :mod:`.positions`),
        so that Typst's errors in the generated file can be reported there."""
        line = source = None
        while node is not None and not line:
            line, source = node.line, node.source
            node = node.parent
        if not line:
            return ""
        return mark(self.source_path(self.docname, source), line)

    def source_path(self, docname: str, source: str | None) -> str:
        """The file a node comes from, relative to the source folder ("/"-separated):
        *source* when it is a file there (an included file), else *docname*'s."""
        key = (docname, source)
        if key not in self._source_paths:
            srcdir = Path(self.builder.srcdir).resolve()
            found = Path(self.builder.env.doc2path(docname, False)).as_posix()
            if source and not source.startswith("<"):  # "<rst_prolog>"…: no file
                path = Path(source).resolve()  # docutils names included files from the cwd
                if path.is_relative_to(srcdir) and path.is_file():
                    found = path.relative_to(srcdir).as_posix()
            self._source_paths[key] = found
        return self._source_paths[key]

    def anchors(self, node: nodes.Node) -> str:
        if not isinstance(node, nodes.Element):
            return ""
        anchors = []
        for node_id in node["ids"]:
            name = markup.label_name(self.docname, node_id)
            if name not in self.emitted:  # a label must be unique in Typst
                self.emitted.add(name)
                anchors.append(markup.anchor(name))
        return "".join(anchors)

    def target_label(self, refuri: str | None, refid: str | None) -> str | None:
        """The label of an internal target, if this document has it."""
        if refid:
            candidates = [(self.docname, refid), (self.config.root_doc, refid)]
        elif refuri and refuri.startswith("%"):
            docname, _sep, node_id = refuri[1:].partition("#")
            candidates = [(docname, node_id)] if node_id else [(docname, "")]
        elif refuri and refuri.startswith("#"):
            candidates = [(self.docname, refuri[1:]), (self.config.root_doc, refuri[1:])]
        else:
            return None
        for docname, node_id in candidates:
            name = self.labels.get((docname, node_id))
            if name:
                return name
        return None

    def warn_unknown(self, node: nodes.Node) -> None:
        warn(
            str(_("the Typst edition has no rendering for the node {node!r}; its text is printed as plain text")).format(
                node=node.__class__.__name__
            ),
            location=node,
            subtype="typst",
        )

    # -- structure ---------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        pass

    def visit_start_of_file(self, node: nodes.Element) -> None:
        self.docstack.append(node["docname"])
        self.body.append(self.anchors(node))

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.docstack.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1
        # The section's anchors go into its heading (see visit_title).

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            anchors = self.anchors(parent) + self.anchors(node)
            body = anchors + self.rendered(node.children)
            if self.section_level == 1 and not self.title_written:
                self.title_written = True
                self.block(markup.title_block(body, self.metadata.author, self.metadata.date), node)
            else:
                level = min(self.section_level, MAX_HEADING)
                self.block(f"#heading(level: {level})[{body}]", node)
        elif isinstance(parent, (nodes.topic, nodes.sidebar, nodes.Admonition)):
            self.block(f"#strong[{self.anchors(node)}{self.rendered(node.children)}]", node)
        else:  # a table's title is its caption: see visit_table
            self.body.append(self.rendered(node.children))
        raise nodes.SkipNode

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if TITLE_BLOCK_CLASSES & set(node["classes"]) or (
            isinstance(node.parent, nodes.Element)
            and TITLE_BLOCK_CLASSES & set(node.parent["classes"])
            and len(node.parent.children) == 1
        ):
            raise nodes.SkipNode  # shown in the title block
        self.body.append("\n\n" + self.source_mark(node) + self.anchors(node))

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        self.body.append("\n\n")

    def visit_compound(self, node: nodes.Element) -> None:
        self.body.append(self.anchors(node))

    def depart_compound(self, node: nodes.Element) -> None:
        pass

    visit_container = visit_compound
    depart_container = depart_compound

    def visit_only(self, node: nodes.Element) -> None:
        self.body.append(self.anchors(node))

    depart_only = depart_compound

    def visit_Text(self, node: nodes.Text) -> None:
        value = node.astext()
        if self.french:
            value = french_spacing(value)
        self.body.append(markup.text(value))

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    # -- inline ------------------------------------------------------------------

    def visit_emphasis(self, node: nodes.Element) -> None:
        self.body.append(f"{self.anchors(node)}#emph[")

    def visit_strong(self, node: nodes.Element) -> None:
        self.body.append(f"{self.anchors(node)}#strong[")

    def visit_subscript(self, node: nodes.Element) -> None:
        self.body.append(f"{self.anchors(node)}#sub[")

    def visit_superscript(self, node: nodes.Element) -> None:
        self.body.append(f"{self.anchors(node)}#super[")

    def close_bracket(self, node: nodes.Element) -> None:
        self.body.append("]")

    depart_emphasis = depart_strong = depart_subscript = depart_superscript = close_bracket

    def visit_inline(self, node: nodes.Element) -> None:
        self.body.append(self.anchors(node))

    def depart_inline(self, node: nodes.Element) -> None:
        pass

    visit_abbreviation = visit_inline
    depart_abbreviation = depart_inline
    visit_title_reference = visit_emphasis
    depart_title_reference = close_bracket

    def visit_literal(self, node: nodes.Element) -> None:
        self.body.append(f"{self.anchors(node)}#raw({markup.string(node.astext())})")
        raise nodes.SkipNode

    def visit_literal_block(self, node: nodes.Element) -> None:
        language = node.get("language") or ""
        lang = f", lang: {markup.string(language)}" if re.fullmatch(r"[\w+-]+", language) else ""
        self.block(f"{self.anchors(node)}#raw({markup.string(node.astext())}, block: true{lang})", node)
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block

    def visit_reference(self, node: nodes.reference) -> None:
        anchors = self.anchors(node)
        refuri = node.get("refuri")
        if refuri and not node.get("internal") and not refuri.startswith(("%", "#")):
            self.body.append(f"{anchors}#link({markup.string(refuri)})[")
            return
        name = self.target_label(refuri, node.get("refid"))
        if name is None:
            self.body.append(f"{anchors}#[")  # the text alone: the target is not in the PDF
        else:
            self.body.append(f"{anchors}#link({markup.label(name)})[")

    depart_reference = close_bracket

    def visit_target(self, node: nodes.target) -> None:
        self.body.append(self.anchors(node))
        if not node.children:
            raise nodes.SkipNode

    def depart_target(self, node: nodes.target) -> None:
        pass

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        refid = node.get("refid")
        footnote = self.footnotes.get(refid)
        if footnote is None or refid in self.footnotes_shown:
            self.body.append(f"{self.anchors(node)}#super[{markup.text(node.astext())}]")
            raise nodes.SkipNode
        self.footnotes_shown.add(refid)
        content = self.rendered(c for c in footnote.children if not isinstance(c, nodes.label))
        self.body.append(f"{self.anchors(node)}#footnote[{self.anchors(footnote)}{content}]")
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.footnote) -> None:
        if node["ids"] and node["ids"][0] in self.footnotes_shown:
            raise nodes.SkipNode
        if node.get("backrefs"):
            # Referenced later in the text: shown there.
            raise nodes.SkipNode
        self.body.append("\n\n" + self.anchors(node))

    def depart_footnote(self, node: nodes.footnote) -> None:
        self.body.append("\n\n")

    def visit_label(self, node: nodes.label) -> None:
        raise nodes.SkipNode  # footnote and citation numbers are written by their parents

    def visit_problematic(self, node: nodes.Element) -> None:
        self.body.append(self.anchors(node))

    depart_problematic = depart_inline

    # -- lists ----------------------------------------------------------------------

    def visit_bullet_list(self, node: nodes.Element) -> None:
        self.body.append(f"\n\n{self.anchors(node)}#list(")

    def visit_enumerated_list(self, node: nodes.Element) -> None:
        start = node.get("start", 1)
        self.body.append(f"\n\n{self.anchors(node)}#enum(start: {int(start)}, ")

    def depart_list(self, node: nodes.Element) -> None:
        self.body.append(")\n\n")

    depart_bullet_list = depart_enumerated_list = depart_list

    def visit_list_item(self, node: nodes.Element) -> None:
        self.body.append(f"[{self.anchors(node)}")

    def depart_list_item(self, node: nodes.Element) -> None:
        self.body.append("], ")

    def visit_definition_list(self, node: nodes.Element) -> None:
        self.body.append(f"\n\n{self.anchors(node)}#terms(")

    depart_definition_list = depart_list

    def visit_definition_list_item(self, node: nodes.Element) -> None:
        terms = [c for c in node.children if isinstance(c, nodes.term)]
        definitions = [c for c in node.children if isinstance(c, nodes.definition)]
        term = self.rendered(terms)
        definition = self.rendered(definitions)
        self.body.append(f"terms.item([{self.anchors(node)}{term}], [{definition}]), ")
        raise nodes.SkipNode

    def visit_term(self, node: nodes.Element) -> None:
        self.body.append(self.anchors(node))

    depart_term = depart_inline

    def visit_definition(self, node: nodes.Element) -> None:
        self.body.append(self.anchors(node))

    depart_definition = depart_inline

    # -- blocks -----------------------------------------------------------------------

    def visit_block_quote(self, node: nodes.Element) -> None:
        self.body.append(f"\n\n{self.anchors(node)}#quote(block: true)[")

    def depart_block_quote(self, node: nodes.Element) -> None:
        self.body.append("]\n\n")

    def visit_attribution(self, node: nodes.Element) -> None:
        self.body.append("\n\n#align(end)[— ")

    def depart_attribution(self, node: nodes.Element) -> None:
        self.body.append("]\n\n")

    def visit_line_block(self, node: nodes.Element) -> None:
        self.body.append("\n\n" + self.anchors(node))

    def depart_line_block(self, node: nodes.Element) -> None:
        self.body.append("\n\n")

    def visit_line(self, node: nodes.Element) -> None:
        pass

    def depart_line(self, node: nodes.Element) -> None:
        self.body.append(" \\\n")

    def visit_transition(self, node: nodes.Element) -> None:
        self.block("#align(center, line(length: 30%, stroke: 0.5pt))", node)
        raise nodes.SkipNode

    def visit_rubric(self, node: nodes.Element) -> None:
        self.block(f"#strong[{self.anchors(node)}{self.rendered(node.children)}]", node)
        raise nodes.SkipNode

    def visit_topic(self, node: nodes.Element) -> None:
        self.body.append(f"\n\n{self.anchors(node)}#block(inset: 8pt, stroke: 0.5pt)[")

    def depart_topic(self, node: nodes.Element) -> None:
        self.body.append("]\n\n")

    visit_sidebar = visit_topic
    depart_sidebar = depart_topic

    def visit_Admonition(self, node: nodes.Element) -> None:
        title = node.next_node(nodes.title)
        label = (
            self.rendered(title.children) if title is not None and title.parent is node
            else markup.text(self.admonition_label(node))
        )
        body = self.rendered(c for c in node.children if not isinstance(c, nodes.title))
        self.block(f"{self.anchors(node)}#admonition([{label}], [{body}])", node)
        raise nodes.SkipNode

    def admonition_label(self, node: nodes.Element) -> str:
        from sphinx.locale import admonitionlabels

        return str(admonitionlabels.get(node.tagname, node.tagname))

    def visit_comment(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    visit_substitution_definition = visit_comment
    visit_meta = visit_comment

    def visit_raw(self, node: nodes.raw) -> None:
        if "typst" in node.get("format", "").split():
            if not isinstance(node.parent, nodes.TextElement):
                self.body.append(self.source_mark(node))  # Typst's errors in it point here
            self.body.append(node.astext())
        raise nodes.SkipNode  # raw HTML or LaTeX: for the other editions, as in Sphinx's writers

    def visit_index(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    visit_toctree = visit_index  # the builder inlined the pages already

    def visit_system_message(self, node: nodes.Element) -> None:
        raise nodes.SkipNode  # reported by Sphinx while reading

    # -- figures and tables ----------------------------------------------------------------

    def number_prefix(self, node: nodes.Element, figtype: str) -> tuple[str | None, str]:
        """Sphinx's number of *node* ("3") and its prefix in the build language ("Fig. 3")."""
        if not node["ids"]:
            return None, ""
        numbers = self.builder.env.toc_fignumbers.get(self.docname, {}).get(figtype, {})
        number = numbers.get(node["ids"][0])
        if number is None:
            return None, ""
        text = ".".join(map(str, number))
        fmt = self.config.numfig_format.get(figtype, "%s")
        return text, fmt % text

    def figure_call(self, node: nodes.Element, body: str, caption: str, kind: str, figtype: str) -> str:
        number, prefix = self.number_prefix(node, figtype)
        args = [f"kind: {kind}"]
        if caption:
            args.append(f"caption: [{caption}]")
        if number:
            args.append(f"number: {markup.string(number)}, prefix: [{markup.text(prefix)}]")
        return f"{self.anchors(node)}#numbered({', '.join(args)})[{body}]"

    def visit_figure(self, node: nodes.figure) -> None:
        captions = [c for c in node.children if isinstance(c, nodes.caption)]
        legends = [c for c in node.children if isinstance(c, nodes.legend)]
        content = [c for c in node.children if c not in captions and c not in legends]
        body = self.rendered(content)
        caption = self.rendered(captions[0].children) if captions else ""
        self.block(self.figure_call(node, body, caption, "image", "figure"), node)
        for legend in legends:
            self.block(f"#source[{self.rendered(legend.children)}]", legend)
        raise nodes.SkipNode

    def visit_image(self, node: nodes.image) -> None:
        # copied by the builder under the name Sphinx gave it (post_process_images)
        name = self.builder.images.get(node.get("uri", ""))
        path = f"{self.builder.imagedir}/{name}" if name else None
        alt = node.get("alt", "")
        if not alt:
            warn(
                str(_("image {uri!r} has no alt text; the Typst edition uses its file name. Give it an :alt: option")).format(
                    uri=node.get("uri", "")
                ),
                location=node,
                subtype="typst",
            )
            alt = node.get("uri", "image")
        if path is None:
            self.body.append(markup.text(alt))
            raise nodes.SkipNode
        width = typst_length(node.get("width", ""))
        width_arg = f", width: {width}" if width else ""
        self.body.append(
            f"{self.anchors(node)}#image({markup.string(path)}, alt: {markup.string(alt)}{width_arg})"
        )
        raise nodes.SkipNode

    def visit_caption(self, node: nodes.Element) -> None:
        self.body.append(f"\n\n{self.anchors(node)}#emph[")

    def depart_caption(self, node: nodes.Element) -> None:
        self.body.append("]\n\n")

    visit_legend = visit_compound
    depart_legend = depart_compound

    def visit_table(self, node: nodes.table) -> None:
        titles = [c for c in node.children if isinstance(c, nodes.title)]
        groups = [c for c in node.children if isinstance(c, nodes.tgroup)]
        body = "".join(self.table_markup(group) for group in groups)
        caption = self.rendered(titles[0].children) if titles else ""
        if caption or node["ids"]:
            self.block(self.figure_call(node, body, caption, "table", "table"), node)
        else:
            self.block(body, node)
        raise nodes.SkipNode

    def table_markup(self, group: nodes.tgroup) -> str:
        columns = int(group.get("cols", 1))
        widths = [c.get("colwidth", 1) for c in group.children if isinstance(c, nodes.colspec)]
        if len(widths) == columns and sum(widths) > 2 * columns * 12:
            # Wide text columns share the line by their source widths.
            spec = "(" + ", ".join(f"{w}fr" for w in widths) + ",)"
        else:
            spec = f"{columns}"
        parts = [f"#table(columns: {spec}, align: (x, y) => if x == 0 {{ left }} else {{ auto }}, "]
        for section in group.children:
            if isinstance(section, nodes.thead):
                rows = ", ".join(self.row_cells(row, header=True) for row in section.children)
                parts.append(f"table.header({rows}), ")
            elif isinstance(section, nodes.tbody):
                for row in section.children:
                    parts.append(self.row_cells(row, header=False) + ", ")
        parts.append(")")
        return "".join(parts)

    def row_cells(self, row: nodes.row, header: bool) -> str:
        cells = []
        for entry in row.children:
            content = self.rendered(entry.children)
            if header:
                content = f"#strong[{content}]"
            spans = []
            if entry.get("morecols"):
                spans.append(f"colspan: {int(entry['morecols']) + 1}")
            if entry.get("morerows"):
                spans.append(f"rowspan: {int(entry['morerows']) + 1}")
            cell = f"[{self.anchors(entry)}{content}]"
            cells.append(f"table.cell({', '.join(spans)}){cell}" if spans else cell)
        return ", ".join(cells)

    # -- bibliography -------------------------------------------------------------------

    def visit_citation(self, node: nodes.citation) -> None:
        label = node.next_node(nodes.label)
        number = label.astext() if label is not None else ""
        body = self.rendered(c for c in node.children if not isinstance(c, nodes.label))
        self.block(f"{self.anchors(node)}#entry([{markup.text(number)}], [{body}])", node)
        raise nodes.SkipNode

    def visit_citation_reference(self, node: nodes.Element) -> None:
        name = self.target_label(None, node.get("refid"))
        text = markup.text(f"[{node.astext()}]")
        self.body.append(f"{self.anchors(node)}#link({markup.label(name)})[{text}]" if name else text)
        raise nodes.SkipNode

    # -- Sphinx's own inline nodes ------------------------------------------------------------

    def visit_pending_xref(self, node: nodes.Element) -> None:
        pass  # unresolved: its text

    depart_pending_xref = depart_inline

    def visit_download_reference(self, node: nodes.Element) -> None:
        pass

    depart_download_reference = depart_inline

    def visit_compact_paragraph(self, node: nodes.Element) -> None:
        pass

    depart_compact_paragraph = depart_inline

    # -- unknown nodes: warn, keep the text -----------------------------------------------------

    def unknown_visit(self, node: nodes.Node) -> None:
        self.warn_unknown(node)
        self.body.append(self.anchors(node))

    def unknown_departure(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Element) and not isinstance(node, nodes.Inline) and node.children:
            self.body.append("\n\n")


def collect_labels(document: nodes.document, root: str) -> dict[tuple[str, str], str]:
    """Every id of the document, by (page, id), with its Typst label; a page's
    own name (id "") points at its first anchor, for links to a whole page."""
    labels: dict[tuple[str, str], str] = {}

    def walk(node: nodes.Element, docname: str) -> None:
        if isinstance(node, addnodes.start_of_file):
            docname = node["docname"]
        for node_id in node["ids"]:
            labels.setdefault((docname, node_id), markup.label_name(docname, node_id))
            labels.setdefault((docname, ""), markup.label_name(docname, node_id))
        for child in node.children:
            if isinstance(child, nodes.Element):
                walk(child, docname)

    walk(document, root)
    return labels
