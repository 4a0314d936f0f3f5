"""Words kept in a node's attributes, offered to the page's gettext catalog.

Sphinx extracts messages from text nodes and from :class:`sphinx.addnodes.translatable`
nodes only. A chart's labels or a review note's claim live in node attributes
and are drawn at write time, so their nodes take :class:`AttributeMessages`:
``sphinx-build -b gettext`` writes their words into the page's ``.pot``
(located at the directive's line), and Sphinx's ``Locale`` transform hands
each translation back through :meth:`apply_translated_message`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sphinx import addnodes

_LETTER = re.compile(r"[^\W\d_]")


def is_words(text: object) -> bool:
    """Text a translator has something to do with: it holds a letter (numbers,
    dates written in digits and symbols are the same in every edition)."""
    return isinstance(text, str) and bool(_LETTER.search(text))


class AttributeMessages(addnodes.translatable):
    """Mixin of a node whose messages are words held in its attributes.

    Subclasses implement :meth:`attribute_messages` (the words, in the source
    language) and :meth:`translate_words` (apply a mapping from source to
    translated words).
    """

    def attribute_messages(self) -> list[str]:
        raise NotImplementedError

    def translate_words(self, mapping: dict[str, str]) -> None:
        raise NotImplementedError

    # -- sphinx.addnodes.translatable ------------------------------------------

    def preserve_original_messages(self) -> None:
        if "original_messages" not in self.attributes:
            self["original_messages"] = list(dict.fromkeys(self.attribute_messages()))

    def extract_original_messages(self) -> Sequence[str]:
        if "original_messages" in self.attributes:
            return list(self["original_messages"])
        return list(dict.fromkeys(self.attribute_messages()))

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        self.translate_words({original_message: translated_message})

    def setdefault(self, key, failobj=None):
        # Sphinx's Locale transform keeps one 'translated' flag per node and skips
        # the node's remaining messages once a message translated to itself set
        # it: each word here is translated on its own, so the flag never sticks.
        if key == "translated":
            self.attributes.pop("translated", None)
            return False
        return super().setdefault(key, failobj)
