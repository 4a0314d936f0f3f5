"""Revision rounds: a tracked-changes edition of the publication.

``publication diff BASE`` (``make diff BASE=…``) builds the publication at
BASE (a git worktree) and as it is, compares what Sphinx resolved on both
sides and writes the new version with every change marked (one HTML page,
``changes.json``, the Typst PDF). Parse (:mod:`.blocks`) → model
(:mod:`.compare`) → render (:mod:`.mark`, :mod:`.nodes`); :mod:`.builder`
holds the two builders, :mod:`.side` runs one side, :mod:`.command` the
whole comparison. Not loaded by ``sphinx_publication``: :mod:`.side` adds
it to the project's extensions for the comparison's builds only.
"""


def setup(app):
    from ..i18n import register_catalog
    from ..package_info import extension_metadata
    from . import builder, nodes

    register_catalog(app, "sphinx_publication.revisions", __file__)
    nodes.register(app)
    app.add_builder(builder.SnapshotBuilder)
    app.add_builder(builder.RevisionsBuilder)
    app.add_config_value("revisions_snapshot", "", "", types=frozenset({str}))
    app.add_config_value("revisions_output", "", "", types=frozenset({str}))
    app.add_config_value("revisions_pdf", "", "", types=frozenset({str}))
    app.add_config_value("revisions_base_label", "", "", types=frozenset({str}))
    app.add_config_value("revisions_head_label", "", "", types=frozenset({str}))
    app.connect("builder-inited", builder.builder_inited)
    return extension_metadata()
