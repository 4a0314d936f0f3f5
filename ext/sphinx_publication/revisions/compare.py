"""Model: two snapshots (:mod:`.blocks`) → the changes and where to mark them.

Pure: snapshots in, changes out (no build, no tree). Blocks are aligned with :class:`difflib.SequenceMatcher`
on their normalised text; a block deleted on one side and inserted unchanged
elsewhere is a move; inside each changed region the words of both sides are
compared together, so a paragraph split or merged shows only the words that
changed. Charts are compared value by value, bibliography entries field by
field, review notes by status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .blocks import BOUNDARY, Block, Snapshot, Token, tokens_text

TEXT_KINDS = {"text", "heading", "table", "figure", "editorial"}
#: Where a mark goes among the head blocks: (block index, token index); "after a block" is a large token index.
AFTER = 10**9


@dataclass
class Change:
    page: str
    kind: str
    op: str
    before: str | None
    after: str | None
    anchor: str = ""

    def as_json(self) -> dict:
        return {"page": self.page, "kind": self.kind, "op": self.op, "before": self.before,
                "after": self.after, "anchor": self.anchor}


@dataclass
class Mark:
    """One mark in the head edition; ``anchor`` is its id, in reading order."""

    what: str  # words | deleted-blocks | move | move-from | bibliography | figure | note | page
    position: tuple[int, int]  # (head block, token) where it goes
    block: int = -1  # head block marked
    inserted: tuple[int, int] | None = None  # head tokens [start, end) inserted in *block*
    deleted: list[Token] = field(default_factory=list)  # base tokens shown as deleted
    deleted_blocks: list[list[Token]] = field(default_factory=list)
    detail: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    anchor: str = ""
    partner: str = ""  # the other end of a move


@dataclass
class Comparison:
    marks: list[Mark]
    summary: dict
    words: tuple[int, int]

    @property
    def changes(self) -> list[Change]:
        return [change for mark in self.marks for change in mark.changes]


def compare(base: Snapshot, head: Snapshot) -> Comparison:
    marks: list[Mark] = []
    _compare_text(base.blocks, head.blocks, marks)
    _compare_keyed(base.blocks, head.blocks, "bibliography", marks)
    _compare_charts(base.blocks, head.blocks, marks)
    _compare_notes(base.blocks, head.blocks, marks)
    _compare_pages(base, head, marks)
    marks.sort(key=lambda m: m.position)
    for number, mark in enumerate(marks, start=1):
        mark.anchor = f"rev-{number}"
        for change in mark.changes:
            change.anchor = mark.anchor
    for mark in marks:  # the two ends of a move point at each other
        if mark.what in {"move", "move-from"}:
            other = mark.detail["other"]
            mark.partner = other.anchor
    summary = summarise(marks, base.words, head.words)
    return Comparison(marks, summary, (base.words, head.words))


def summarise(marks: list[Mark], words_before: int, words_after: int) -> dict:
    changes = [c for m in marks for c in m.changes]

    def count(kind: str, op: str | None = None) -> int:
        return sum(1 for c in changes if c.kind == kind and (op is None or c.op == op))

    added = removed = 0
    for mark in marks:
        if mark.what == "words":
            added += sum(1 for c in (mark.detail.get("inserted_tokens") or []) if _is_word(c))
            removed += sum(1 for t in mark.deleted if _is_word(t.norm))
        elif mark.what == "deleted-blocks":
            removed += sum(1 for b in mark.deleted_blocks for t in b if _is_word(t.norm))
    return {
        "changes": len(changes),
        "words_added": added,
        "words_removed": removed,
        "passages_changed": len({(m.block if m.block >= 0 else m.position) for m in marks
                                 if m.what in {"words", "deleted-blocks", "move"}}),
        "citations_added": count("citation", "insert"),
        "citations_removed": count("citation", "delete"),
        "bibliography_added": count("bibliography", "insert"),
        "bibliography_removed": count("bibliography", "delete"),
        "bibliography_changed": count("bibliography", "replace"),
        "figures_changed": sum(1 for m in marks if m.what == "figure" and m.detail.get("data_changes")),
        "tables_changed": len({m.detail.get("table") for m in marks if m.what == "words" and any(
            c.kind == "table" for c in m.changes)}),
        "editorial_resolved": sum(1 for c in changes if c.kind == "editorial" and c.op == "delete"),
        "editorial_added": sum(1 for c in changes if c.kind == "editorial" and c.op == "insert"),
        "editorial_status_changed": sum(1 for m in marks if m.what == "note"),
        "pages_added": count("page", "insert"),
        "pages_removed": count("page", "delete"),
        "pages_renamed": count("page", "move"),
        "words_before": words_before,
        "words_after": words_after,
    }


def _is_word(norm: str) -> bool:
    return not norm.startswith("\x00") and any(ch.isalnum() for ch in norm)


# -- text -----------------------------------------------------------------------------


def _compare_text(base: list[Block], head: list[Block], marks: list[Mark]) -> None:
    b_index = [i for i, b in enumerate(base) if b.kind in TEXT_KINDS]
    h_index = [j for j, b in enumerate(head) if b.kind in TEXT_KINDS]
    matcher = SequenceMatcher(None, [base[i].key for i in b_index], [head[j].key for j in h_index],
                              autojunk=False)
    opcodes = matcher.get_opcodes()
    deleted = [p for tag, i1, i2, _j1, _j2 in opcodes if tag != "equal" for p in range(i1, i2)]
    inserted = [q for tag, _i1, _i2, j1, j2 in opcodes if tag != "equal" for q in range(j1, j2)]
    # Moves: a block deleted here and inserted unchanged there (long enough to mean it).
    moved_base: dict[int, int] = {}
    waiting: dict[str, list[int]] = {}
    for q in inserted:
        block = head[h_index[q]]
        if len(block.tokens) >= 4:
            waiting.setdefault(block.key, []).append(q)
    for p in deleted:
        candidates = waiting.get(base[b_index[p]].key)
        if candidates:
            moved_base[p] = candidates.pop(0)
    # Moved and edited: a deleted block most of whose words an inserted block elsewhere
    # has (3/4 or more), outside the region it left.
    region_of = {}
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        for p in range(i1, i2):
            region_of[("b", p)] = number
        for q in range(j1, j2):
            region_of[("h", q)] = number
    edited_moves: dict[int, int] = {}
    left = [p for p in deleted if p not in moved_base and len(base[b_index[p]].tokens) >= 8]
    arrived = [q for q in inserted if q not in moved_base.values() and len(head[h_index[q]].tokens) >= 8]
    if left and arrived and len(left) * len(arrived) <= 2500:
        for p in left:
            words = [t.norm for t in base[b_index[p]].tokens]
            best, score = None, 0.0
            for q in arrived:
                if q in edited_moves.values() or region_of[("b", p)] == region_of[("h", q)]:
                    continue
                matcher_pq = SequenceMatcher(None, words, [t.norm for t in head[h_index[q]].tokens],
                                             autojunk=False)
                if matcher_pq.quick_ratio() < 0.75:
                    continue
                ratio = matcher_pq.ratio()
                if ratio > score:
                    best, score = q, ratio
            if best is not None and score >= 0.75:
                edited_moves[p] = best
    moved_base.update(edited_moves)
    moved_head = set(moved_base.values())
    # Where a base block stands in the head: after the head block aligned with the last equal base block before it.
    head_of_base: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in opcodes:
        if tag == "equal":
            for offset in range(i2 - i1):
                head_of_base[i1 + offset] = j1 + offset

    def anchor_after(p: int) -> int:
        """The head block (global index) after which base block *p* would stand; -1 at the start."""
        for earlier in range(p - 1, -1, -1):
            if earlier in head_of_base:
                return h_index[head_of_base[earlier]]
        return -1

    for p, q in moved_base.items():
        block = head[h_index[q]]
        text = block.text
        to = Mark("move", (h_index[q], -1), block=h_index[q],
                  changes=[Change(block.page, block.kind, "move", base[b_index[p]].text, text)])
        origin_after = anchor_after(p)
        origin = Mark("move-from", (origin_after, AFTER - 1), block=origin_after, detail={"other": to},
                      deleted=base[b_index[p]].tokens)
        to.detail["other"] = origin
        to.detail["from_page"] = base[b_index[p]].page
        marks.extend([to, origin])
        if p in edited_moves:  # its words changed too: marked where it is now
            _word_diff([base[b_index[p]]], [(h_index[q], block)], marks)

    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        old = [base[b_index[p]] for p in range(i1, i2) if p not in moved_base]
        new_positions = [h_index[q] for q in range(j1, j2) if q not in moved_head]
        if not new_positions:
            if old:
                where = anchor_after(i1)
                page = head[where].page if where >= 0 else old[0].page
                marks.append(Mark("deleted-blocks", (where, AFTER), block=where,
                                  deleted_blocks=[b.tokens for b in old],
                                  detail={"kinds": [b.kind for b in old]},
                                  changes=[Change(b.page, b.kind, "delete", b.text, None) for b in old]
                                  + _atom_changes(old[0].page, [t for b in old for t in b.tokens], "delete")))
            continue
        _word_diff(old, [(position, head[position]) for position in new_positions], marks)


def _word_diff(old: list[Block], new: list[tuple[int, Block]], marks: list[Mark]) -> None:
    boundary = Token(BOUNDARY, "", False)
    old_tokens = [t for b in old for t in [*b.tokens, boundary]]
    old_sources = [b for b in old for _t in range(len(b.tokens) + 1)]
    new_tokens: list[tuple[int, int, Token]] = [
        entry for position, block in new
        for entry in [*((position, i, t) for i, t in enumerate(block.tokens)),
                      (position, len(block.tokens), boundary)]]
    old_norms, new_norms = [t.norm for t in old_tokens], [t.norm for _p, _t, t in new_tokens]
    matcher = SequenceMatcher(None, old_norms, new_norms, autojunk=False)
    for tag, i1, i2, j1, j2 in slide(matcher.get_opcodes(), old_norms, new_norms):
        if tag == "equal":
            continue
        deleted = [t for t in old_tokens[i1:i2] if t.norm != BOUNDARY]
        inserted_entries = [e for e in new_tokens[j1:j2] if e[2].norm != BOUNDARY]
        if not deleted and not inserted_entries:
            continue  # a paragraph split or merged: no word changed
        shown = old_tokens[i1:i2]  # with the boundaries: a space between paragraphs
        while shown and shown[0].norm == BOUNDARY:
            shown = shown[1:]
        while shown and shown[-1].norm == BOUNDARY:
            shown = shown[:-1]
        # Where the deletion shows: before the first inserted token, else before the
        # token the region ends at (or after the last token of its block).
        anchor = inserted_entries[0] if inserted_entries else (
            new_tokens[j1] if j1 < len(new_tokens) else new_tokens[-1])
        position, t_index, _token = anchor
        spans: dict[int, list[int]] = {}
        for entry_position, entry_index, _t in inserted_entries:
            spans.setdefault(entry_position, []).append(entry_index)
        if not spans:  # words deleted only: one change per paragraph they come from, of its kind
            changes = []
            for source, tokens in _by_source(old_tokens[i1:i2], old_sources[i1:i2]):
                if any(_is_word(t.norm) for t in tokens if not t.norm.startswith("\x00")) or not any(
                        t.norm.startswith("\x00") for t in tokens):
                    changes.append(Change(source.page, source.kind, "delete", tokens_text(tokens) or None, None))
                changes += _atom_changes(source.page, tokens, "delete")
            block = next(b for p, b in new if p == position)
            marks.append(Mark("words", (position, t_index), block=position, deleted=shown, changes=changes,
                              detail={"inserted_tokens": [], "table": block.payload.get("table")}))
            continue
        first = True
        for span_position, indices in spans.items():  # one mark, and its changes, per paragraph
            block = next(b for p, b in new if p == span_position)
            span_tokens = block.tokens[indices[0]:indices[-1] + 1]
            gone = deleted if first else []
            plain = [t for t in gone + span_tokens if not t.norm.startswith("\x00")]
            atoms = [t for t in gone + span_tokens if t.norm.startswith("\x00")]
            changes = []
            if any(_is_word(t.norm) for t in plain) or (plain and not atoms):
                op = "replace" if gone and span_tokens else ("delete" if gone else "insert")
                changes.append(Change(block.page, block.kind, op, tokens_text(shown) if first and shown else None,
                                      tokens_text(span_tokens) or None))
            changes += _atom_changes(block.page, gone, "delete") + _atom_changes(block.page, span_tokens, "insert")
            marks.append(Mark("words", (span_position, indices[0]), block=span_position,
                              inserted=(indices[0], indices[-1] + 1), deleted=shown if first else [],
                              changes=changes,
                              detail={"inserted_tokens": [t.norm for t in span_tokens],
                                      "table": block.payload.get("table")}))
            first = False


def _by_source(tokens: list[Token], sources: list[Block]) -> list[tuple[Block, list[Token]]]:
    """Consecutive *tokens* grouped by the block they come from (boundaries left out)."""
    groups: list[tuple[Block, list[Token]]] = []
    for token, source in zip(tokens, sources):
        if token.norm == BOUNDARY:
            continue
        if groups and groups[-1][0] is source:
            groups[-1][1].append(token)
        else:
            groups.append((source, [token]))
    return groups


def slide(opcodes: list[tuple], old: list[str], new: list[str]) -> list[tuple]:
    """A whole deletion or insertion moved right while the text allows it, so that
    it ends at a block boundary rather than starting with the previous block's
    full stop (``. ¶ Ce … rien`` → ``Ce … rien . ¶``)."""
    result = [list(op) for op in opcodes]
    for index, op in enumerate(result[:-1]):
        tag, i1, i2, j1, j2 = op
        following = result[index + 1]
        if following[0] != "equal" or tag not in {"delete", "insert"}:
            continue
        seq, start, end = (old, i1, i2) if tag == "delete" else (new, j1, j2)
        limit = following[2] if tag == "delete" else following[4]
        while end < limit and seq[start] == seq[end] and not (end > 0 and seq[end - 1] == BOUNDARY):
            start, end = start + 1, end + 1
            following[1] += 1
            following[3] += 1
            if tag == "delete":
                op[1], op[2], op[3], op[4] = start, end, j1 + (start - i1), j1 + (start - i1)
            else:
                op[1], op[2], op[3], op[4] = i1 + (start - j1), i1 + (start - j1), start, end
        if index > 0 and result[index - 1][0] == "equal":
            result[index - 1][2], result[index - 1][4] = op[1], op[3]
    return [tuple(op) for op in result if op[0] != "equal" or op[2] > op[1]]


def _atom_changes(page: str, tokens: list[Token], op: str) -> list[Change]:
    found = []
    for token in tokens:
        text = f"{token.cite} [{token.text}]"
        if token.cite:
            found.append(Change(page, "citation", op, text if op == "delete" else None,
                                text if op == "insert" else None))
        elif token.marker:
            found.append(Change(page, "editorial", op, token.text if op == "delete" else None,
                                token.text if op == "insert" else None))
    return found


# -- bibliography ---------------------------------------------------------------------


def field_changes(before: dict[str, str], after: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [(name, before.get(name), after.get(name))
            for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]


def _compare_keyed(base: list[Block], head: list[Block], kind: str, marks: list[Mark]) -> None:
    old = {b.payload["key"]: b for b in base if b.kind == kind}
    new = {j: b for j, b in enumerate(head) if b.kind == kind}
    new_keys = {b.payload["key"] for b in new.values()}
    last = max(new, default=-1)
    for j, block in new.items():
        key = block.payload["key"]
        previous = old.get(key)
        label = f"{key} [{block.payload['label']}]"
        if previous is None:
            marks.append(Mark("bibliography", (j, -1), block=j, detail={"op": "insert"},
                              changes=[Change(block.page, "bibliography", "insert", None,
                                              f"{label} {block.payload['text']}")]))
            continue
        fields = field_changes(previous.payload["fields"], block.payload["fields"])
        if fields:
            marks.append(Mark("bibliography", (j, -1), block=j, detail={"op": "replace", "fields": fields},
                              changes=[Change(block.page, "bibliography", "replace",
                                              f"{key}: " + "; ".join(f"{n}: {b}" for n, b, _a in fields if b),
                                              f"{key}: " + "; ".join(f"{n}: {a}" for n, _b, a in fields if a))]))
    for key, block in old.items():
        if key not in new_keys:
            page = head[last].page if last >= 0 else block.page
            marks.append(Mark("bibliography", (last, AFTER), block=last,
                              detail={"op": "delete", "text": f"[{block.payload['label']}] {block.payload['text']}"},
                              changes=[Change(page, "bibliography", "delete",
                                              f"{key} [{block.payload['label']}] {block.payload['text']}", None)]))


# -- charts ---------------------------------------------------------------------------


def table_changes(before: list[dict], after: list[dict]) -> list[dict]:
    """Cell by cell: ``{"row", "column", "before", "after"}``; a row or a column
    (series, category) added or removed is one entry with ``before``/``after`` None."""
    found = []
    for index in range(max(len(before), len(after))):
        old = before[index] if index < len(before) else {"headers": [], "rows": []}
        new = after[index] if index < len(after) else {"headers": [], "rows": []}
        old_columns, new_columns = list(old["headers"][1:]), list(new["headers"][1:])
        # A single series' column is named after the y axis: with a second series it
        # takes the series' name. The same data, not a series removed and one added.
        if len(old_columns) == 1 and old_columns[0] not in new_columns and new_columns and (
                new_columns[0] not in old_columns):
            old_columns = [new_columns[0]]
        elif len(new_columns) == 1 and new_columns[0] not in old_columns and old_columns and (
                old_columns[0] not in new_columns):
            new_columns = [old_columns[0]]
        for name in new_columns:
            if name not in old_columns:
                found.append({"row": None, "column": name, "before": None, "after": name, "what": "series",
                              "table": index})
        for name in old_columns:
            if name not in new_columns:
                found.append({"row": None, "column": name, "before": name, "after": None, "what": "series",
                              "table": index})
        old_rows = {row[0]: row for row in old["rows"]}
        new_rows = {row[0]: row for row in new["rows"]}
        for label, row in new_rows.items():
            if label not in old_rows:
                found.append({"row": label, "column": None, "before": None,
                              "after": " ; ".join(row[1:]), "what": "row", "table": index})
                continue
            for column, value in zip(new_columns, row[1:]):
                if column not in old_columns:
                    continue
                previous = old_rows[label][1 + old_columns.index(column)] if 1 + old_columns.index(
                    column) < len(old_rows[label]) else None
                if previous != value:
                    found.append({"row": label, "column": column, "before": previous, "after": value,
                                  "what": "value", "table": index})
        for label, row in old_rows.items():
            if label not in new_rows:
                found.append({"row": label, "column": None, "before": " ; ".join(row[1:]), "after": None,
                              "what": "row", "table": index})
    return found


def _figure_end(head: list[Block], j: int) -> int:
    """The last block of the figure whose chart is block *j* (its caption, legend): the
    marks put under the figure come after the caption's own in reading order."""
    k = j
    while k + 1 < len(head) and head[k + 1].kind == "figure" and head[k + 1].page == head[j].page:
        k += 1
    return k


def _compare_charts(base: list[Block], head: list[Block], marks: list[Mark]) -> None:
    old = [b for b in base if b.kind == "chart"]
    new = [(j, b) for j, b in enumerate(head) if b.kind == "chart"]
    matcher = SequenceMatcher(None, [b.key for b in old], [b.key for _j, b in new], autojunk=False)
    pairs: list[tuple[Block | None, int, Block | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old[i1:i2], new[j1:j2]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            j, n = news[k] if k < len(news) else (-1, None)
            if o is None and n is None:
                continue
            if n is None:  # removed: after the last chart before it, else at the start
                j = new[j1 - 1][0] if j1 > 0 else -1
            pairs.append((o, j, n))
    for o, j, n in pairs:
        if n is None:
            marks.append(Mark("figure", (j, AFTER), block=j, detail={"op": "delete", "title": o.payload["title"]},
                              changes=[Change(o.page, "figure", "delete", o.payload["title"], None)]))
        elif o is None:
            marks.append(Mark("figure", (_figure_end(head, j), AFTER - 2), block=j, detail={"op": "insert", "title": n.payload["title"]},
                              changes=[Change(n.page, "figure", "insert", None, n.payload["title"])]))
        else:
            cells = table_changes(o.payload["tables"], n.payload["tables"])
            words = [(name, o.payload.get(name, ""), n.payload.get(name, ""))
                     for name in ("x_label", "y_label", "unit", "description")
                     if o.payload.get(name, "") != n.payload.get(name, "")
                     # one series' name stands for the y axis; with a legend it does not
                     and not (name == "y_label" and any(c["what"] == "series" for c in cells))]
            if words:  # axis titles, unit, description: text, marked beside the chart
                marks.append(Mark("figure-words", (_figure_end(head, j), AFTER - 3), block=j, detail={"words": words},
                                  changes=[Change(n.page, "figure", "replace", f"{name}: {before}",
                                                  f"{name}: {after}") for name, before, after in words]))
            if not cells:
                continue
            changes = []
            for cell in cells:
                name = " / ".join(str(x) for x in (cell["row"], cell["column"]) if x)
                if cell["what"] == "series":
                    changes.append(Change(n.page, "figure", "insert" if cell["before"] is None else "delete",
                                          cell["before"], cell["after"]))
                    continue
                op = "replace" if cell["before"] is not None and cell["after"] is not None else (
                    "insert" if cell["before"] is None else "delete")
                changes.append(Change(n.page, "figure", op,
                                      None if cell["before"] is None else f"{name} : {cell['before']}",
                                      None if cell["after"] is None else f"{name} : {cell['after']}"))
            marks.append(Mark("figure", (_figure_end(head, j), AFTER - 2), block=j,
                              detail={"op": "replace", "title": n.payload["title"], "data_changes": cells},
                              changes=changes))


# -- review notes ---------------------------------------------------------------------


def _compare_notes(base: list[Block], head: list[Block], marks: list[Mark]) -> None:
    old = [b for b in base if b.kind == "note"]
    new = [(j, b) for j, b in enumerate(head) if b.kind == "note"]
    matcher = SequenceMatcher(None, [b.payload["text"] for b in old], [b.payload["text"] for _j, b in new],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in {"equal", "replace"}:
            continue  # notes added or removed: their text is marked as editorial text
        for o, (j, n) in zip(old[i1:i2], new[j1:j2]):
            if o.payload["status"] != n.payload["status"]:
                marks.append(Mark("note", (j, -1), block=j,
                                  detail={"before": o.payload["status"], "after": n.payload["status"]},
                                  changes=[Change(n.page, "editorial", "replace",
                                                  o.payload.get("label") or o.payload["status"],
                                                  n.payload.get("label") or n.payload["status"])]))


# -- pages ----------------------------------------------------------------------------


def _compare_pages(base: Snapshot, head: Snapshot, marks: list[Mark]) -> None:
    added = [p for p in head.pages if p not in base.pages]
    removed = [p for p in base.pages if p not in head.pages]
    first_block = {}
    for j, block in enumerate(head.blocks):
        first_block.setdefault(block.page, j)
    renamed = {}
    for new in added:
        best, score = None, 0.0
        for old in removed:
            if old in renamed.values():
                continue
            ratio = SequenceMatcher(None, base.pages[old].split(), head.pages[new].split(), autojunk=False).ratio()
            if ratio > score:
                best, score = old, ratio
        if best is not None and score >= 0.6:
            renamed[new] = best
    for new in added:
        j = first_block.get(new, -1)
        if new in renamed:
            change = Change(new, "page", "move", renamed[new], new)
        else:
            change = Change(new, "page", "insert", None, new)
        marks.append(Mark("page", (j, -2), block=j, detail={"op": change.op, "before": change.before},
                          changes=[change]))
    for old in removed:
        if old in renamed.values():
            continue
        marks.append(Mark("page", (len(head.blocks) - 1, AFTER + 1), block=len(head.blocks) - 1,
                          detail={"op": "delete", "before": old}, changes=[Change(old, "page", "delete", old, None)]))
