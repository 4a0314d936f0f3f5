"""Parse: a resolved one-page doctree → the ordered blocks a reader reads.

Each side of a comparison is the article as Sphinx resolved it (the one-page
edition's tree: every page in reading order, citations numbered, word counts
filled). It is flattened into blocks:

* ``text`` blocks: each paragraph, heading, list-item paragraph, table cell,
  caption, footnote or review-note paragraph, as word *tokens*; a citation is
  one atomic token (its key), a data-needed marker too;
* ``figure`` blocks: a chart's data tables as the reader reads them;
* ``bibliography`` blocks: one per entry, its fields;
* ``note`` blocks: a review note's status.

Blocks are plain JSON data (the base side is written to a file); on the head
side each block also keeps the nodes it came from (``nodes`` / token
``origin``), so the marks can be put in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx import addnodes

from sphinx_publication.editorial import editorial_nodes as ed

#: Typography that is not a change: non-breaking and thin spaces, French quotes.
_NORMALISE = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‹": "'", "›": "'", "’": "'", "‘": "'",
})
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|[^\w\s]", re.UNICODE)

TEXT_BLOCKS = (nodes.paragraph, nodes.title, nodes.caption, nodes.rubric, nodes.term, nodes.math_block,
               nodes.doctest_block,
               nodes.line, nodes.literal_block, nodes.subtitle)
SKIPPED_CLASSES = {"citation-backlinks", "publication-card-go", "no-search"}


def normalise(text: str) -> str:
    """Same length as *text*: positions in it are positions in the original."""
    return text.translate(_NORMALISE)


@dataclass
class Token:
    norm: str  # what is compared
    text: str  # what a reader reads
    space: bool  # preceded by a space
    cite: str = ""  # the key of a citation token
    marker: bool = False  # a data-needed marker
    origin: Any = None  # head side: (Text node, start, end) or the atomic element

    def as_json(self) -> list:
        return [self.norm, self.text, self.space, self.cite, self.marker]

    @classmethod
    def from_json(cls, data: list) -> Token:
        return cls(*data)


@dataclass
class Block:
    page: str
    kind: str  # text | heading | table | figure | editorial | bibliography | note
    key: str = ""  # what aligns blocks: normalised text, or an identity
    tokens: list[Token] = field(default_factory=list)
    payload: dict = field(default_factory=dict)
    node: Any = None  # head side: the element

    def as_json(self) -> dict:
        return {"page": self.page, "kind": self.kind, "key": self.key,
                "tokens": [t.as_json() for t in self.tokens], "payload": self.payload}

    @classmethod
    def from_json(cls, data: dict) -> Block:
        return cls(data["page"], data["kind"], data["key"],
                   [Token.from_json(t) for t in data["tokens"]], data["payload"])

    @property
    def text(self) -> str:
        return tokens_text(self.tokens)


#: Between two blocks compared together: a paragraph split or merged is no change of words.
BOUNDARY = "\x00¶"


def tokens_text(tokens: list[Token]) -> str:
    out: list[str] = []
    pending = False
    for token in tokens:
        if token.norm == BOUNDARY:
            pending = True
            continue
        if out and (token.space or pending):
            out.append(" ")
        pending = False
        out.append(token.text)
    return "".join(out)


@dataclass
class Snapshot:
    blocks: list[Block]
    pages: dict[str, str]  # docname -> normalised text of the page (to match renamed pages)
    words: int

    def as_json(self) -> dict:
        return {"blocks": [b.as_json() for b in self.blocks], "pages": self.pages, "words": self.words}

    @classmethod
    def from_json(cls, data: dict) -> Snapshot:
        return cls([Block.from_json(b) for b in data["blocks"]], data["pages"], data["words"])


def status_label(key: str) -> str:
    """A review-note status as the reader reads it (« erroné »)."""
    try:
        from sphinx_publication.editorial.messages import status_label as label

        return str(label(key))
    except Exception:  # noqa: BLE001
        return key


# -- extraction ----------------------------------------------------------------------


def citation_keys(env: Any) -> dict[str, str]:
    """Bibliography entry id (``cite-key``) -> key."""
    domain = env.domains.get("cite") if hasattr(env.domains, "get") else None
    found = {}
    for citation in getattr(domain, "citations", []) or []:
        found[citation.citation_id] = citation.key
    return found


def bib_entry_fields(env: Any, key: str) -> dict[str, str]:
    domain = env.domains.get("cite") if hasattr(env.domains, "get") else None
    try:
        entry = domain.bibdata.data.entries[key]
    except (AttributeError, KeyError):
        return {}
    fields = {name.lower(): " ".join(str(value).split()) for name, value in entry.fields.items()}
    for role, persons in entry.persons.items():
        fields[role.lower()] = " ; ".join(" ".join(str(p).split()) for p in persons)
    return fields


def snapshot(tree: nodes.document, root_doc: str, env: Any, language: str | None,
             words: int = 0) -> Snapshot:
    """The blocks of a resolved one-page *tree* in reading order."""
    extractor = _Extractor(citation_keys(env), env, language)
    extractor.walk(tree, root_doc, "text")
    pages: dict[str, list[str]] = {}
    for block in extractor.blocks:
        if block.tokens:
            pages.setdefault(block.page, []).append(block.key)
    return Snapshot(extractor.blocks, {page: " ".join(keys) for page, keys in pages.items()}, words)


class _Extractor:
    def __init__(self, cite_ids: dict[str, str], env: Any, language: str | None) -> None:
        self.cite_ids = cite_ids
        self.env = env
        self.language = language
        self.blocks: list[Block] = []
        self.trailing = False
        self.tables = 0  # tables met so far: which table a cell is in
        self.table = 0

    def walk(self, node: nodes.Node, page: str, kind: str) -> None:
        if not isinstance(node, nodes.Element):
            return
        if isinstance(node, addnodes.start_of_file):
            page = node["docname"]
        if isinstance(node, (nodes.raw, nodes.comment, nodes.target, nodes.substitution_definition,
                             nodes.label)) or SKIPPED_CLASSES & set(node.get("classes", ())):
            return
        if type(node).__name__ in {"card_templates", "card"}:
            return
        if isinstance(node, nodes.citation):
            self.blocks.append(self.bibliography_block(node, page))
            return
        if type(node).__name__ == "chart_node":
            self.blocks.append(self.figure_block(node, page))
            return
        if isinstance(node, ed.review_note):
            self.blocks.append(Block(page, "note", payload={
                "status": node.get("status", ""), "label": status_label(node.get("status", "")), "text": " ".join(normalise(node.astext()).split())},
                node=node))
            kind = "editorial"
        elif isinstance(node, ed.data_needed_block):
            kind = "editorial"
        elif isinstance(node, nodes.table) and kind == "text":
            kind = "table"
            self.tables += 1
            outer, self.table = self.table, self.tables
            for child in node.children:
                self.walk(child, page, kind)
            self.table = outer
            return
        elif isinstance(node, nodes.figure):
            kind = "figure"
        if isinstance(node, TEXT_BLOCKS):
            block_kind = "heading" if isinstance(node, nodes.title) and isinstance(
                node.parent, nodes.section) else kind
            block = Block(page, block_kind, node=node)
            self.trailing = False
            self.tokenise(node, block.tokens)
            block.key = " ".join(t.norm for t in block.tokens)
            if block_kind == "table":
                block.payload["table"] = self.table
            if block.tokens:
                self.blocks.append(block)
            return
        for child in node.children:
            self.walk(child, page, kind)

    # -- tokens ---------------------------------------------------------------------

    def tokenise(self, node: nodes.Element, tokens: list[Token]) -> None:
        for child in node.children:
            if isinstance(child, nodes.Text):
                self.text_tokens(child, tokens)
            elif isinstance(child, (nodes.raw, nodes.comment, nodes.target)) or (
                    isinstance(child, nodes.Element) and SKIPPED_CLASSES & set(child.get("classes", ()))):
                continue
            elif isinstance(child, nodes.reference) and self.cite_key(child):
                key = self.cite_key(child)
                label = " ".join(child.astext().split())
                tokens.append(Token(f"\x00cite:{key}", label, self.atom_space(), cite=key,
                                    origin=child))
            elif isinstance(child, ed.data_needed):
                text = " ".join(normalise(child.astext()).split())
                tokens.append(Token(f"\x00marker:{text}", child.astext(), self.atom_space(),
                                    marker=True, origin=child))
            elif isinstance(child, nodes.footnote_reference):
                tokens.append(Token(f"\x00fn:{child.astext()}", child.astext(), False, origin=child))
            elif isinstance(child, nodes.Element):
                self.tokenise(child, tokens)

    def cite_key(self, reference: nodes.reference) -> str:
        target = reference.get("refuri", "").rpartition("#")[2] or reference.get("refid", "")
        return self.cite_ids.get(target, "")

    def text_tokens(self, text: nodes.Text, tokens: list[Token]) -> None:
        raw = str(text)
        norm = normalise(raw)
        previous_end = 0
        for match in _TOKEN.finditer(norm):
            gap = norm[previous_end:match.start()]
            space = bool(gap) or (previous_end == 0 and self.trailing)
            tokens.append(Token(match.group(), raw[match.start():match.end()], space,
                                origin=(text, match.start(), match.end())))
            previous_end = match.end()
        if norm.strip():
            self.trailing = norm[-1:] == " " or norm[-1:].isspace()
        elif norm:
            self.trailing = True

    def atom_space(self) -> bool:
        space, self.trailing = self.trailing, False
        return space

    # -- structured blocks ------------------------------------------------------------

    def bibliography_block(self, node: nodes.citation, page: str) -> Block:
        ids = node.get("ids", [])
        key = next((self.cite_ids[i] for i in ids if i in self.cite_ids), ids[0] if ids else "")
        label = node.children[0].astext() if node.children and isinstance(node[0], nodes.label) else ""
        text = " ".join(p.astext() for p in node.children
                        if isinstance(p, nodes.paragraph) and not SKIPPED_CLASSES & set(p["classes"]))
        return Block(page, "bibliography", key=f"bib:{key}", payload={
            "key": key, "label": label, "text": " ".join(text.split()),
            "fields": bib_entry_fields(self.env, key)}, node=node)

    def figure_block(self, node: nodes.Element, page: str) -> Block:
        from sphinx_publication.figures.render import data_tables, number_format

        chart = node["chart"]
        try:
            tables = [{"caption": caption, "headers": list(headers), "rows": [list(r) for r in rows]}
                      for caption, headers, rows, _note in data_tables(chart, number_format(chart, self.language))]
        except Exception:  # noqa: BLE001 - a chart this code cannot read compares as its title
            tables = []
        title = " ".join(str(getattr(chart, "title", "") or "").split())
        words = {name: " ".join(str(getattr(chart, name, "") or "").split())
                 for name in ("x_label", "y_label", "unit", "description")}
        return Block(page, "chart", key=f"figure:{title}", payload={"title": title, "tables": tables, **words},
                     node=node)
