"""Roles and directives: parse the source into editorial nodes."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective, SphinxRole

from sphinx_publication.citations.queries import bib_files
from sphinx_publication.diagnostics import warn
from sphinx_publication.ids import page_scoped_id

from . import editorial_nodes as ed
from .messages import SUBTYPE, _
from .statuses import STATUS_KEYS, parse_status


class DataNeededRole(SphinxRole):
    """``{data-needed}`description of the data```."""

    def run(self):
        description = " ".join(self.text.split())
        node = ed.data_needed(self.rawtext, description, description=description)
        node["ids"].append(page_scoped_id(self.env, "data-needed"))
        self.set_source_info(node)
        return [node], []


class DataNeededDirective(SphinxDirective):
    """A block ``{data-needed}``; the body (MyST) describes the data required."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self):
        node = ed.data_needed_block()
        node["ids"].append(page_scoped_id(self.env, "data-needed"))
        self.set_source_info(node)
        if self.arguments:
            node += nodes.paragraph("", self.arguments[0])
        node += self.parse_content_to_nodes()
        node["description"] = " ".join(node.astext().split())
        return [node]


class ReviewNoteDirective(SphinxDirective):
    """``{review-note}`` with ``:status:`` and optional ``:claim:``; the body is the note."""

    has_content = True
    option_spec = {
        "status": directives.unchanged,
        "claim": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self):
        node = ed.review_note()
        node["ids"].append(page_scoped_id(self.env, "review-note"))
        node["status"] = self._status()
        node["claim"] = " ".join(self.options.get("claim", "").split())
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        if not self.content:
            warn(
                _("review-note has no text; write the reviewer's note in the directive's body"),
                location=self.get_location(),
                subtype=SUBTYPE,
            )
        node += self.parse_content_to_nodes()
        return [node]

    def _status(self) -> str:
        given = self.options.get("status", "").strip()
        key = parse_status(given) if given else None
        if key is None:
            reason = (
                _("unknown review-note status {given!r}").format(given=given)
                if given
                else _("review-note without :status:")
            )
            warn(
                _("{reason}; use one of {keys} (taken as 'to-verify')").format(
                    reason=reason, keys=", ".join(STATUS_KEYS)
                ),
                location=self.get_location(),
                subtype=SUBTYPE,
            )
            return "to-verify"
        return key


class EditorialReportDirective(SphinxDirective):
    """``{editorial-report}``: filled in once every document has been read."""

    has_content = False

    def run(self):
        node = ed.editorial_report()
        self.set_source_info(node)
        # The report lists .bib entries: re-read this page when they change
        # (the files as sphinxcontrib-bibtex found them: absolute paths).
        for bibfile in bib_files(self.env):
            self.env.note_dependency(bibfile)
        return [node]


class WordCountRole(SphinxRole):
    """``{word-count}`article``` (the whole article) or ``{word-count}`docs/page```."""

    def run(self):
        scope = self.text.strip() or "article"
        node = ed.word_count(self.rawtext, "", scope=scope)
        self.set_source_info(node)
        return [node], []
