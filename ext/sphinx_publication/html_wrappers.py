"""One id per element when a theme wraps tables for scrolling.

Furo wraps every table (and math block) in a ``table-wrapper`` container and
copies all the table's attributes onto it, ids included: each named table
then has its id twice on the page (invalid HTML; ``{numref}`` targets become
ambiguous). Keep the id on the table, drop it from the wrapper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

WRAPPER_CLASSES = {"table-wrapper", "math-wrapper"}


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


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(DeduplicateWrapperIds)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
