"""Editions of the publication beyond the multi-page site.

* ``epub``: an EPUB 3 book that passes epubcheck, with accessibility metadata;
* ``onepage``: the whole article on one HTML page, next to the site's pages;
* ``review_pdf``: the review PDF ends with the editorial report, with pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_publication.i18n import register_catalog

from . import epub, onepage, review_pdf

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    register_catalog(app, "sphinx_publication.editions", __file__)
    epub.setup(app)
    onepage.setup(app)
    review_pdf.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
