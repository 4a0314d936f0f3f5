"""Editions of the publication beyond the multi-page site.

* ``epub``: an EPUB 3 book that passes epubcheck, with accessibility metadata;
* ``onepage``: the whole article on one HTML page, next to the site's pages;
* ``review_pdf``: the review PDF ends with the editorial report, with pages;
* ``single_page``: ``singlehtml`` written at the output's root, so that a root
  document in a folder keeps its styles, images and downloads.
"""


def setup(app):
    from ..i18n import register_catalog
    from ..package_info import extension_metadata
    from . import epub, onepage, review_pdf, single_page

    register_catalog(app, "sphinx_publication.editions", __file__)
    epub.setup(app)
    onepage.setup(app)
    review_pdf.setup(app)
    single_page.setup(app)
    return extension_metadata()
