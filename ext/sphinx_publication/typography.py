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

from . import priorities
from .language import base_language
from .package_info import extension_metadata

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NBSP = "\u00a0"
NNBSP = "\u202f"

_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+(?=:)")
_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]+(?=[;!?])")
_BEFORE_CLOSING = re.compile(r"[ \u00a0\u202f]+(?=»)")
_AFTER_OPENING = re.compile(r"(?<=«)[ \u00a0\u202f]+")

# Text inside these nodes is code or markup, never prose.
_VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment, nodes.math)
# what every pattern of french_spacing needs in a text to change it
_MAY_NEED_SPACING = re.compile(r"[:;!?«»]")


def french_spacing(text: str) -> str:
    """Return *text* with French non-breaking spaces before high punctuation."""
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _BEFORE_HIGH.sub(NNBSP, text)
    text = _BEFORE_CLOSING.sub(NBSP, text)
    return _AFTER_OPENING.sub(NBSP, text)


def _is_french(config: Any) -> bool:
    return base_language(config.language) == "fr" and config.french_spacing


class FrenchSpacing(SphinxPostTransform):
    """Apply :func:`french_spacing` to prose text of French HTML documents."""

    default_priority = 800
    formats = ("html",)

    def is_supported(self) -> bool:
        return _is_french(self.config) and super().is_supported()

    def run(self, **kwargs: Any) -> None:
        space_prose(self.document)


def space_prose(tree: nodes.Node) -> None:
    """Apply :func:`french_spacing` to the prose text inside *tree*.

    One walk that skips verbatim subtrees, and a text without ``: ; ! ? « »``
    is left as it is without running the patterns: most texts have none, and
    this pass runs on every page and on every card built after it.
    """
    stack = [tree] if isinstance(tree, nodes.Element) and not isinstance(tree, _VERBATIM) else []
    while stack:
        element = stack.pop()
        for index, child in enumerate(element.children):
            if isinstance(child, nodes.Text):
                text = str(child)
                if _MAY_NEED_SPACING.search(text):
                    fixed = french_spacing(text)
                    if fixed != text:
                        element[index] = nodes.Text(fixed)  # by index: replace() searches the children
            elif isinstance(child, nodes.Element) and not isinstance(child, _VERBATIM):
                stack.append(child)


def space_new_nodes(app: Sphinx, tree: nodes.Node) -> None:
    """What :class:`FrenchSpacing` does, for nodes added after it ran (``doctree-resolved``);
    nothing where this extension is not loaded."""
    loaded = "french_spacing" in app.config
    if loaded and app.builder.format == "html" and _is_french(app.config):
        space_prose(tree)


_HTML_TEXT = re.compile(r">([^<>]+)<")
# Page-context entries that carry titles outside the document body: the
# navigation and local tables of contents, the neighbours, the <title>.
_CONTEXT_HTML = ("toc", "furo_navigation_tree", "furo_table_of_contents")
_CONTEXT_TEXT = ("title",)


def french_spacing_html(markup: str) -> str:
    """Apply :func:`french_spacing` to the text between the tags of *markup*."""
    return _HTML_TEXT.sub(lambda m: ">" + french_spacing(m.group(1)) + "<", markup)


def _as_references(markup: str) -> str:
    return markup.replace(NBSP, "&#160;").replace(NNBSP, "&#8239;")


def _fix_page_context(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: Any) -> None:
    """Titles shown around the body come from the environment, which the
    post-transform never sees; fix them in the rendered strings."""
    if not _is_french(app.config) or app.builder.format != "html":
        return
    for key in _CONTEXT_HTML:
        if isinstance(context.get(key), str):
            context[key] = french_spacing_html(context[key])
    for key in _CONTEXT_TEXT:
        if isinstance(context.get(key), str):
            # Themes print the title through Jinja's striptags, which turns
            # every Unicode space into a plain one; character references survive.
            context[key] = _as_references(french_spacing_html(f">{context[key]}<")[1:-1])
    for key in ("next", "prev"):
        link = context.get(key)
        if isinstance(link, dict) and isinstance(link.get("title"), str):
            link["title"] = french_spacing_html(link["title"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("french_spacing", True, "html", types=[bool])
    app.add_post_transform(FrenchSpacing)
    app.connect("html-page-context", _fix_page_context, priority=priorities.FRENCH_PAGE_CONTEXT)
    return extension_metadata()
