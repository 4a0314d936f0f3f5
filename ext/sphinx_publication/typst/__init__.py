"""A Typst edition of the publication: an accessible (tagged, PDF/UA-1) PDF
built with nothing but Python packages.

``sphinx-build -b typst`` writes the article as one Typst file next to the
template ``publication.typ`` and compiles it with the ``typst`` package.
Loaded by ``sphinx_publication``; on its own with
``extensions = ["sphinx_publication.typst"]`` (it loads figures and editorial
for their nodes).
"""


def setup(app):
    from ..i18n import register_catalog
    from ..package_info import extension_metadata
    from .builder import TypstBuilder, fail_build_if_not_compiled
    from .visitors import add_handlers

    app.setup_extension("sphinx_publication.figures")
    app.setup_extension("sphinx_publication.editorial")
    register_catalog(app, "sphinx_publication.typst", __file__)
    app.add_builder(TypstBuilder)
    app.connect("build-finished", fail_build_if_not_compiled)
    # "" = the LaTeX edition's file name with .pdf (latex_documents), so both
    # editions are downloaded under the same name.
    app.add_config_value("typst_pdf_name", "", "env", types=frozenset({str}))
    # "ua-1": tagged PDF/UA-1; Typst refuses to compile an image without alt
    # text or a document without a title.
    app.add_config_value("typst_pdf_standards", ["ua-1"], "env", types=frozenset({list, tuple}))
    app.add_config_value("typst_font_paths", [], "env", types=frozenset({list, tuple}))
    add_handlers(app)
    return extension_metadata()
