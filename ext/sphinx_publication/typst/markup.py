"""Typst source fragments: escaped text, string literals, labels (no Sphinx here)."""

from __future__ import annotations

import re

# Every character that means something in Typst markup (``//`` comments,
# ``https://`` autolinks, ``-`` list items and ``--`` dashes, ``'``/``"`` smart
# quotes, ``...``, ``~``…) is escaped, so the text comes out exactly as written.
_MARKUP_SPECIAL = re.compile(r"""([\\#*_`$@<>\[\]~=\-+/"'.:])""")
_SPACES = re.compile(r"[ \t\r\n]+")
_LABEL_UNSAFE = re.compile(r"[^A-Za-z0-9_.:\-]")
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    """*value* as Typst markup that shows it literally, on one line."""
    return _MARKUP_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", _INVALID.sub("", value)))


def string(value: str) -> str:
    """*value* as a Typst string literal."""
    value = _INVALID.sub("", value)
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        .replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def label_name(docname: str, node_id: str) -> str:
    """A Typst label for the id *node_id* of document *docname*.

    Ids are only unique within a page, so the label carries the page; Typst
    labels allow letters, digits and ``_ - . :`` only.
    """
    return _LABEL_UNSAFE.sub("_", f"{docname.replace('/', '.')}:{node_id}")


def label(name: str) -> str:
    return f"<{name}>"


def anchor(name: str) -> str:
    """An invisible target that internal links can point to."""
    return f"#metadata(none){label(name)}"


def title_block(heading_markup: str, author: str, date: str) -> str:
    """The title block around the root document's title."""
    return f"#title-block([{heading_markup}], author: {string(author)}, date: {string(date)})"
