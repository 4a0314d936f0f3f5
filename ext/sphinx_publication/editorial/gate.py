"""Review and release modes: what is hidden, what blocks a release, the build summary."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from sphinx_publication.citations.queries import entries_without_locator, unknown_keys_cited
from sphinx_publication.diagnostics import WARNING_TYPE, setting_location, warn

from . import editorial_nodes as ed
from .collect import record_page
from .messages import SUBTYPE, _, ngettext, status_label
from .queries import MODES, mode  # defined where other layers ask; re-exported for this package
from .report import summary_items
from .wordcount import format_count

logger = logging.getLogger(__name__)


def check_mode(app, config) -> None:
    """Validate ``editorial_mode``; in release, leave the review pages out."""
    if config.editorial_mode not in MODES:
        warn(
            _("unknown editorial_mode {mode!r}: use 'review' or 'release' (building in review mode)").format(
                mode=config.editorial_mode
            ),
            location=setting_location(app.confdir, config.overrides, "editorial_mode"),
            subtype=SUBTYPE,
        )
        config.editorial_mode = "review"
    if config.editorial_mode == "release" and config.editorial_release_exclude:
        config.exclude_patterns = [*config.exclude_patterns, *config.editorial_release_exclude]
        # The root toctree still names the left-out pages; dropping them is the point.
        config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]


# -- hiding ------------------------------------------------------------------------------

_CLOSING_PUNCTUATION = re.compile(r"^[.,;:!?)\]…]")


def remove_inline(node: nodes.Element) -> None:
    """Remove *node* and the space it leaves before punctuation ("modèles ." -> "modèles.")."""
    parent = node.parent
    index = parent.index(node)
    before = parent[index - 1] if index > 0 else None
    after = parent[index + 1] if index + 1 < len(parent) else None
    if isinstance(before, nodes.Text) and before.endswith(" "):
        if after is None or (isinstance(after, nodes.Text) and _CLOSING_PUNCTUATION.match(after.astext())):
            parent.replace(before, nodes.Text(before.rstrip()))
    parent.remove(node)


def hide_editorial_nodes(document: nodes.document) -> None:
    """Remove what a release leaves out (:data:`.editorial_nodes.HIDDEN_IN_RELEASE`)."""
    for node_class in ed.HIDDEN_IN_RELEASE:
        for node in list(document.findall(node_class)):
            if _root(node) is not document:
                continue  # inside one removed already (a marker in a note)
            forget_targets(document, node)
            if isinstance(node, nodes.Inline):
                remove_inline(node)
            else:
                node.parent.remove(node)


def _root(node: nodes.Node) -> nodes.Node:
    while node.parent is not None:
        node = node.parent
    return node


def forget_targets(document: nodes.document, removed: nodes.Element) -> None:
    """The ids and names inside *removed* leave the document's tables too: Sphinx
    registers labels from those tables, not from the tree."""
    gone = {i for element in removed.findall(nodes.Element) for i in element.get("ids", ())}
    for name in [name for name, refid in document.nameids.items() if refid in gone]:
        del document.nameids[name]
        document.nametypes.pop(name, None)
    for refid in gone:
        document.ids.pop(refid, None)


class RemoveForRelease(SphinxTransform):
    """In a release, take markers, notes and the report out of each page as it is
    read, once the page's editorial record holds them (the gate needs them).

    Removed before Sphinx registers the page's labels (``SphinxDomains``, 850)
    and numbers its figures (``doctree-read``, 880), what they held is not in
    the edition at all: a chart inside a removed note takes no figure number
    from those after it, and a ``{ref}`` to a label inside one is an unknown
    label, reported where the reference is, not a link to nowhere. The
    citations layer has dropped their citations just before
    (:class:`sphinx_publication.citations.edition_scope.ForgetHiddenCitations`).
    """

    default_priority = 840

    def apply(self, **kwargs: Any) -> None:
        if mode(self.config) != "release":
            return
        record_page(self.env, self.config, self.document)
        hide_editorial_nodes(self.document)


# -- release errors and the summary line -----------------------------------------------------


def blocking_items(app) -> list[tuple[str, int | None, str]]:
    """(docname, line, message) for everything that must be resolved before a release."""
    blocking = set(app.config.editorial_release_blocking)
    items = []
    for docname, record in app.env.get_domain("editorial").ordered():
        for marker in record.markers:
            items.append(
                (docname, marker.line, _("unresolved data-needed marker: {what}").format(
                    what=marker.description or "—"
                ))
            )
        for note in record.notes:
            if note.status in blocking:
                items.append(
                    (docname, note.line, _("review note blocks the release ({status}): {what}").format(
                        status=status_label(note.status), what=note.summary
                    ))
                )
    for unknown in unknown_keys_cited(app.env):
        items.append(
            (unknown.docname, unknown.line, _("unknown citation key '{key}': add its entry to the .bib file or correct the key").format(
                key=unknown.key
            ))
        )
    return sorted(items, key=lambda item: (item[0], item[1] or 0))


def report_errors(app) -> int:
    items = blocking_items(app)
    for docname, line, message in items:
        logger.error(message, location=(docname, line), type=WARNING_TYPE, subtype=SUBTYPE)
    return len(items)


def counts(app) -> dict[str, int]:
    records = [r for _d, r in app.env.get_domain("editorial").ordered()]
    return {
        "markers": sum(len(r.markers) for r in records),
        "notes": sum(len(r.notes) for r in records),
        "figures": sum(len(r.unsourced_figures) for r in records),
        "references": len(entries_without_locator(app.env)),
        "unknown_keys": len(unknown_keys_cited(app.env)),
    }


def summary_line(app) -> str:
    language = app.config.language
    return str(_("Editorial: {items}")).format(items=", ".join(summary_items(counts(app), language)))


def on_build_finished(app, exception) -> None:
    if exception is not None or app.env is None:
        return
    logger.info(summary_line(app))
    if mode(app.config) != "release":
        return
    failures = report_errors(app)
    if failures:
        # Like linkcheck: a non-zero exit ("build finished with problems"), without
        # the crash report Sphinx prints for an exception.
        app.statuscode = 1
        logger.error(
            ngettext(
                "{n} editorial item must be resolved before a release (listed above); "
                "or build in review mode",
                "{n} editorial items must be resolved before a release (listed above); "
                "or build in review mode",
                failures,
            ).format(n=format_count(failures, app.config.language)),
            type=WARNING_TYPE,
            subtype=SUBTYPE,
        )

