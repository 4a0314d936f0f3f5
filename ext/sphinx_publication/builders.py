"""Who renders a node on the current builder, asked through public Sphinx API.

Visitors are registered under output *formats* ("html", "latex", "text"),
never under builder names: Sphinx looks a builder's *name* up first and, once
any extension registered that name ("epub", "dirhtml"…), never falls back on
its format, which would hide every other extension's visitors there.
:func:`add_visitors` enforces it; :func:`has_visitor` repeats Sphinx's
lookup; :func:`replace_unrendered` turns the nodes no visitor renders into
standard nodes, so no builder drops them or crashes on them.

These run in event handlers (``doctree-resolved``), where Sphinx hands over
the application: transforms have no public way to reach the builder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

T = TypeVar("T")

#: Output formats of Sphinx's builders (``Builder.format``); builder names are refused.
OUTPUT_FORMATS = frozenset({"html", "latex", "text", "man", "texinfo", "xml", "typst"})


def is_web_html(builder) -> bool:
    """Whether *builder* writes web pages: an HTML format, not an EPUB book (whose
    package lists only known media types and which has no site to link files on)."""
    from sphinx.builders.epub3 import Epub3Builder  # Sphinx's one EPUB builder; ours derives from it

    return builder.format == "html" and not isinstance(builder, Epub3Builder)


def builder_state(builder, name: str, factory: Callable[[], T]) -> T:
    """What the package keeps for *builder*'s lifetime under *name* (the cards rendered,
    the pages scanned): one application and its rebuilds in a live preview. Kept on the
    builder, not in a module that every application of the process would share."""
    attribute = f"publication_{name}"
    state = vars(builder).get(attribute)
    if state is None:
        state = factory()
        setattr(builder, attribute, state)
    return state


def add_visitors(app: Sphinx, node_class: type[nodes.Element], **handlers: tuple[Any, Any]) -> None:
    """``app.add_node`` with visitors for output formats only."""
    unknown = sorted(set(handlers) - OUTPUT_FORMATS)
    if unknown:
        raise ValueError(f"visitors for {node_class.__name__} under builder names {unknown}: use formats")
    app.add_node(node_class, **handlers)


def has_visitor(app: Sphinx, node_class: type[nodes.Node]) -> bool:
    """Whether the current builder's translator renders *node_class*, by Sphinx's own
    lookup: the handlers registered under the builder's name if any, else its format's."""
    # Undocumented but not private (Sphinx 9.0-9.2): the registry's handlers are what
    # create_translator installs, and no public call asks whether one exists.
    registered = app.registry.translation_handlers
    handlers = registered.get(app.builder.name)
    if handlers is None:
        handlers = registered.get(app.builder.format, {})
    return node_class.__name__ in handlers


def replace_unrendered(
    app: Sphinx,
    doctree: nodes.Node,
    node_class: type[nodes.Node],
    replacement: Callable[[Any], nodes.Node],
) -> None:
    """Replace each *node_class* node by ``replacement(node)`` where no visitor renders it.

    The gettext builder renders no node: it reads the messages of the doctree
    as read (a chart's words, a review note's claim and body), by the uid
    Sphinx gave each translatable node, so nothing is replaced there."""
    from sphinx.builders.gettext import I18nBuilder

    if has_visitor(app, node_class) or isinstance(app.builder, I18nBuilder):
        return
    for node in list(doctree.findall(node_class)):
        node.replace_self(replacement(node))
