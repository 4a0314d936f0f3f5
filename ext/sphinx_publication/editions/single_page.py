"""The single-page book (``singlehtml``), written where its links start from.

Sphinx writes the single page to ``<root_doc>.html`` but computes every
relative address on it (stylesheets, scripts, images, downloads) from the
output's root, since the page's own address is a bare fragment
(``#document-…``). With a root document in a folder (``docs/index``) the page
comes out unstyled and its images and downloads lead nowhere
(sphinx-doc/sphinx#892, still so in Sphinx 9). This builder writes the page
at the output's root, as ``index.html``, where those addresses hold. No other
page is written over it: the site's redirect to the landing page (an
additional page named ``index``) has no purpose when the whole book is there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.singlehtml import SingleFileHTMLBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PAGE_NAME = "index"


class SinglePageBuilder(SingleFileHTMLBuilder):
    name = "singlehtml"

    def get_output_path(self, page_name: str, /) -> Path:
        if page_name == self.config.root_doc:
            return Path(self.outdir, PAGE_NAME + self.out_suffix)
        return super().get_output_path(page_name)

    def handle_page(self, pagename: str, addctx: dict[str, Any], templatename: str = "page.html",
                    **options: Any) -> None:
        if (pagename != self.config.root_doc and options.get("outfilename") is None
                and self.get_output_path(pagename) == self.get_output_path(self.config.root_doc)):
            return  # would replace the book with another page
        super().handle_page(pagename, addctx, templatename, **options)


def setup(app: Sphinx) -> None:
    app.add_builder(SinglePageBuilder, override=True)
