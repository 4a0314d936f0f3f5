"""Valid, accessible HTML where Sphinx, docutils or the theme fall short.

- Furo wraps every table (and math block) in a ``table-wrapper`` container
  and copies all the table's attributes onto it, ids included: each named
  table then has its id twice on the page. The id stays on the table.
- Sphinx writes toctree captions as ``<p role="heading">`` without the
  ``aria-level`` that role requires (axe: aria-required-attr).
- docutils marks bibliography entries ``role="doc-biblioentry"`` inside
  ``role="list"``; that DPUB role is deprecated and not a list item, so the
  list has no valid children (axe: aria-required-children). ``listitem`` is
  what DPUB-ARIA 1.1 recommends instead.
- A highlighted code block that overflows scrolls sideways, and a keyboard
  user can only scroll what takes focus (axe: scrollable-region-focusable):
  its ``<pre>`` gets ``tabindex="0"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import priorities
from .package_info import extension_metadata

if TYPE_CHECKING:
    from sphinx.application import Sphinx

WRAPPER_CLASSES = {"table-wrapper", "math-wrapper"}
# Toctree captions head a list of pages, below the page's own <h1>.
CAPTION_HEADING_LEVEL = "2"


class DeduplicateWrapperIds(SphinxPostTransform):
    formats = ("html",)
    default_priority = 510  # after furo's wrapping (500)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if not WRAPPER_CLASSES & set(wrapper["classes"]) or not wrapper.children:
                continue
            inner = wrapper.children[0]
            if isinstance(inner, nodes.Element):
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner["ids"]]


def fixed_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    """The ARIA attributes of a start tag, made valid (see module docstring)."""
    role = attributes.pop("ROLE", None) or attributes.pop("role", None)
    if role == "heading":
        attributes.setdefault("aria-level", CAPTION_HEADING_LEVEL)
    elif role == "doc-biblioentry":
        role = "listitem"
    if role:
        attributes["role"] = role
    return attributes


class AccessibleTagsMixin:
    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        return super().starttag(node, tagname, suffix, empty, **fixed_attributes(attributes))

    def visit_literal_block(self, node):
        start = len(self.body)
        try:
            super().visit_literal_block(node)  # raises SkipNode once written
        finally:
            for index in range(start, len(self.body)):
                self.body[index] = focusable_pre(self.body[index])


def focusable_pre(markup: str) -> str:
    """Let the keyboard reach (and scroll) a code block."""
    return markup.replace("<pre>", '<pre tabindex="0">', 1)


def _use_accessible_translator(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder) or app.builder.default_translator_class
    if issubclass(base, AccessibleTagsMixin):
        return
    translator = type(f"Accessible{base.__name__}", (AccessibleTagsMixin, base), {})
    app.set_translator(app.builder.name, translator, override=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(DeduplicateWrapperIds)
    app.connect("builder-inited", _use_accessible_translator, priority=priorities.ACCESSIBLE_TRANSLATOR)
    return extension_metadata()
