"""Sphinx extensions for long-form publications.

Load everything with ``extensions = ["sphinx_publication"]`` or pick the
sub-extensions one by one: ``sphinx_publication.figures``,
``sphinx_publication.citations``, ``sphinx_publication.editorial``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

SUBEXTENSIONS = (
    "sphinx_publication.figures",
    "sphinx_publication.citations",
    "sphinx_publication.editorial",
    "sphinx_publication.typography",
    "sphinx_publication.accessible_html",
    "sphinx_publication.metadata",
)


def setup(app: Sphinx) -> dict:
    for name in SUBEXTENSIONS:
        app.setup_extension(name)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
