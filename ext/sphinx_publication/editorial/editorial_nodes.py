"""Builder-neutral nodes of the editorial layer."""

from __future__ import annotations

from docutils import nodes

from ..translatable import AttributeMessages, is_words


class data_needed(nodes.Inline, nodes.TextElement):
    """Inline marker of missing data; its text is the description of the data."""


class data_needed_block(nodes.General, nodes.Element):
    """Block marker of missing data; its children describe the data."""


class review_note(AttributeMessages, nodes.General, nodes.Element):
    """A reviewer's fact-check: ``status`` attribute, body children.

    The ``claim`` attribute is a message of the page's catalog (the body's
    paragraphs are messages as any paragraph)."""

    def attribute_messages(self) -> list[str]:
        return [self["claim"]] if is_words(self.get("claim")) else []

    def translate_words(self, mapping: dict[str, str]) -> None:
        if self.get("claim") in mapping:
            self["claim"] = mapping[self["claim"]]


class editorial_report(nodes.General, nodes.Element):
    """Placeholder replaced by the report once every document is read."""


class word_count(nodes.Inline, nodes.TextElement):
    """Placeholder replaced by the formatted word count (``scope`` attribute)."""


MARKER_NODES = (data_needed, data_needed_block)
# Nodes whose text is editorial apparatus, not the article's body.
EDITORIAL_NODES = (data_needed, data_needed_block, review_note, editorial_report, word_count)
# Nodes a release leaves out of every output, with everything inside them.
HIDDEN_IN_RELEASE = (data_needed, data_needed_block, review_note, editorial_report)
