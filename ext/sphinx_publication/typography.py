"""French typography for the HTML-family builders.

LaTeX gets the French spacing from babel-french; HTML does not, so a plain
space before ``: ; ! ?`` or inside guillemets lets a line break before the
punctuation. This post-transform makes those spaces non-breaking in French
documents: U+00A0 before ``:`` and inside « », U+202F (narrow) before ``; ! ?``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NBSP = "\u00a0"
NNBSP = "\u202f"

_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+(?=:)")
_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]+(?=[;!?])")
_BEFORE_CLOSING = re.compile(r"[ \u00a0\u202f]+(?=»)")
_AFTER_OPENING = re.compile(r"(?<=«)[ \u00a0\u202f]+")

# Text inside these nodes is code or markup, never prose.
_VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment)


def french_spacing(text: str) -> str:
    """Return *text* with French non-breaking spaces before high punctuation."""
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _BEFORE_HIGH.sub(NNBSP, text)
    text = _BEFORE_CLOSING.sub(NBSP, text)
    return _AFTER_OPENING.sub(NBSP, text)


def _is_verbatim(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _VERBATIM):
            return True
        parent = parent.parent
    return False


class FrenchSpacing(SphinxPostTransform):
    """Apply :func:`french_spacing` to prose text of French HTML documents."""

    default_priority = 800
    formats = ("html",)

    def is_supported(self) -> bool:
        language = (self.config.language or "").split("_")[0].split("-")[0]
        return language == "fr" and self.config.french_spacing and super().is_supported()

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if _is_verbatim(text):
                continue
            fixed = french_spacing(str(text))
            if fixed != str(text):
                text.parent.replace(text, nodes.Text(fixed))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("french_spacing", True, "html", types=[bool])
    app.add_post_transform(FrenchSpacing)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
