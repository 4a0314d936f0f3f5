"""The editorial layer's event handlers: record each page, re-read dependents, resolve counts and reports."""

from __future__ import annotations

from docutils import nodes

from sphinx_publication.diagnostics import warn

from . import editorial_nodes as ed
from .collect import record_page
from .gate import mode
from .messages import SUBTYPE, _
from .reading_path import link_items_to_report
from .render import plain_where_unrendered
from .report import build_report, report_inputs
from .wordcount import format_count


def on_doctree_read(app, doctree: nodes.document) -> None:
    if mode(app.config) == "release":
        return  # recorded before the release took markers and notes out (gate.RemoveForRelease)
    record_page(app.env, app.config, doctree)


def on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """Remember whether this build reads or removes any page (see :func:`on_env_updated`)."""
    env.get_domain("editorial").data["pages_changed"] = bool(added or changed or removed)
    return []


def on_env_updated(app, env) -> list[str]:
    """The report and the word count depend on every page: write their pages again.

    Both are drawn when writing (``doctree-resolved``) from the records of
    every page, so their pages need writing, not re-reading (parsing them
    again cost more than the edited page itself), and only when what they
    show changed: the report's inputs, the article's word count.
    """
    domain = env.get_domain("editorial")
    if not domain.data.pop("pages_changed", False):
        return []
    shown = {"report": report_inputs(env, domain), "words": domain.article_words()}
    before, domain.data["shown"] = domain.data.get("shown", {}), shown
    docs = {
        docname
        for docname, record in domain.records.items()
        if (record.holds_report and before.get("report") != shown["report"])
        or (record.holds_word_count and before.get("words") != shown["words"])
    }
    return sorted(docs & env.found_docs)


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
        return  # markers, notes and report were left out when the page was read (gate.RemoveForRelease)
    domain = app.env.get_domain("editorial")
    for node in list(doctree.findall(ed.editorial_report)):
        node.replace_self(build_report(app.builder, docname, domain))
    link_items_to_report(app.builder, doctree, docname, domain)
    plain_where_unrendered(app, doctree)
