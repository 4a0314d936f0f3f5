"""Editorial layer: data-needed markers, review notes, the editorial report,
the word count and the release gate.

``editorial_mode = "review"`` (default) shows markers and notes and builds the
report; ``"release"`` hides them, leaves ``editorial_release_exclude`` pages out,
and fails the build, with one located error each, while a data-needed marker or
a note whose status is in ``editorial_release_blocking`` remains.
"""


def setup(app):
    from sphinx_publication import priorities
    from sphinx_publication.assets import add_stylesheet
    from sphinx_publication.i18n import register_catalog
    from sphinx_publication.package_info import extension_metadata

    from . import editorial_nodes as ed
    from .directives import (
        DataNeededDirective,
        DataNeededRole,
        EditorialReportDirective,
        ReviewNoteDirective,
        WordCountRole,
    )
    from .domain import EditorialDomain
    from .events import on_doctree_read, on_doctree_resolved, on_env_get_outdated, on_env_updated
    from .gate import RemoveForRelease, check_mode, on_build_finished
    from .messages import DOMAIN
    from .render import add_nodes
    from .statuses import DEFAULT_BLOCKING

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
    add_stylesheet(app, __file__, "sphinx-publication-editorial.css")

    app.connect("config-inited", check_mode)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.add_transform(RemoveForRelease)
    app.connect("build-finished", on_build_finished, priority=priorities.EDITORIAL_GATE)
    return extension_metadata(env_version=2)  # 2: a release's pages are stored without notes
