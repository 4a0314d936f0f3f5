"""Editorial layer: data-needed markers, review notes, the editorial report,
the word count and the release gate.

``editorial_mode = "review"`` (default) shows markers and notes and builds the
report; ``"release"`` hides them, leaves ``editorial_release_exclude`` pages out,
and fails the build, with one located error each, while a data-needed marker or
a note whose status is in ``editorial_release_blocking`` remains.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_publication.assets import add_stylesheet
from sphinx_publication.diagnostics import warn
from sphinx_publication.i18n import register_catalog

from . import editorial_nodes as ed
from .collect import record_doctree
from .directives import (
    DataNeededDirective,
    DataNeededRole,
    EditorialReportDirective,
    ReviewNoteDirective,
    WordCountRole,
)
from .domain import EditorialDomain
from .gate import check_mode, hide_editorial_nodes, mode, on_build_finished
from .messages import DOMAIN, SUBTYPE, _
from .reading_path import link_items_to_report
from .render import add_nodes, has_renderer, plain_replacement
from .report import build_report
from .statuses import DEFAULT_BLOCKING
from .wordcount import format_count

__version__ = "0.1.0"
CSS_FILE = "sphinx-publication-editorial.css"


def on_doctree_read(app, doctree: nodes.document) -> None:
    skip = frozenset(app.config.word_count_skip_classes)
    app.env.get_domain("editorial").set_record(app.env.docname, record_doctree(doctree, skip))


def on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """The report and the word count depend on every page: re-read their pages."""
    if not (added or changed or removed):
        return []
    return sorted(env.get_domain("editorial").dependent_docs() - set(removed) - set(changed))


def resolve_word_counts(app, doctree: nodes.document, docname: str) -> None:
    domain = app.env.get_domain("editorial")
    for node in list(doctree.findall(ed.word_count)):
        scope = node["scope"]
        if scope == "article":
            words = domain.article_words()
        elif scope in domain.records:
            words = domain.records[scope].words
        else:
            warn(
                _("word-count: unknown document {scope!r}; write 'article' or a document name such as 'docs/conclusion'").format(
                    scope=scope
                ),
                location=node,
                subtype=SUBTYPE,
            )
            words = 0
        text = format_count(words, app.config.language)
        node.replace_self(nodes.inline("", text, classes=["editorial-word-count"]))


def on_doctree_resolved(app, doctree: nodes.document, docname: str) -> None:
    resolve_word_counts(app, doctree, docname)
    if mode(app.config) == "release":
        hide_editorial_nodes(doctree)
        return
    domain = app.env.get_domain("editorial")
    for node in list(doctree.findall(ed.editorial_report)):
        node.replace_self(build_report(app.builder, docname, domain))
    link_items_to_report(app.builder, doctree, docname, domain)
    for node_class in (ed.data_needed, ed.data_needed_block, ed.review_note):
        if not has_renderer(app, node_class):
            for node in list(doctree.findall(node_class)):
                node.replace_self(plain_replacement(node))


def setup(app):
    app.add_config_value("editorial_mode", "review", "env", types=frozenset({str}))
    app.add_config_value(
        "editorial_release_blocking", list(DEFAULT_BLOCKING), "env", types=frozenset({list, tuple})
    )
    app.add_config_value("editorial_release_exclude", [], "env", types=frozenset({list, tuple}))
    app.add_config_value("word_count_exclude", [], "env", types=frozenset({list, tuple}))
    app.add_config_value("word_count_skip_classes", ["byline"], "env", types=frozenset({list, tuple}))

    register_catalog(app, DOMAIN, __file__)
    add_nodes(app)
    app.add_node(ed.editorial_report)
    app.add_node(ed.word_count)
    app.add_role("data-needed", DataNeededRole())
    app.add_directive("data-needed", DataNeededDirective)
    app.add_directive("review-note", ReviewNoteDirective)
    app.add_directive("editorial-report", EditorialReportDirective)
    app.add_role("word-count", WordCountRole())
    app.add_domain(EditorialDomain)
    add_stylesheet(app, __file__, CSS_FILE)

    app.connect("config-inited", check_mode)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished, priority=900)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
