"""Sphinx extensions for long-form publications.

Load everything with ``extensions = ["sphinx_publication"]`` or pick the
sub-extensions one by one: ``sphinx_publication.figures``,
``sphinx_publication.citations``, ``sphinx_publication.editorial``,
``sphinx_publication.typography``, ``sphinx_publication.accessible_html``,
``sphinx_publication.typst``, ``sphinx_publication.titles``,
``sphinx_publication.editions``, ``sphinx_publication.metadata``,
``sphinx_publication.links``, ``sphinx_publication.translation``
(``sphinx_publication.long_lived_heap``, loaded by the citations, keeps the
garbage collector off the write phase's long-lived objects).
The version is :data:`sphinx_publication.package_info.__version__`. The draft
importer (:mod:`sphinx_publication.importer`) needs neither Sphinx nor
docutils: no ``__init__`` of the package imports them.
"""


def setup(app):
    from .package_info import extension_metadata

    for name in (
        "sphinx_publication.figures",
        "sphinx_publication.citations",
        "sphinx_publication.editorial",
        "sphinx_publication.typography",
        "sphinx_publication.accessible_html",
        "sphinx_publication.typst",
        "sphinx_publication.titles",
        "sphinx_publication.editions",
        "sphinx_publication.metadata",
        "sphinx_publication.links",
        "sphinx_publication.translation",
        "sphinx_publication.long_lived_heap",
    ):
        app.setup_extension(name)
    return extension_metadata()
