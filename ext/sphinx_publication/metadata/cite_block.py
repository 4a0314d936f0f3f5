"""« Citer cet article »: the ``cite-this-article`` directive and its rendering.

The directive leaves a placeholder; a post-transform fills it for the output
at hand (the citation and the BibTeX entry everywhere; download links in
HTML, or in other outputs when the site's address is known). In LaTeX the
block moves after the bibliography, to the very end of the PDF.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .downloads import DOWNLOAD_DIR, download_names, writes_downloads
from .messages import _
from .reference import article_bibtex, formatted_citation

BLOCK_CLASS = "cite-this-article"


class cite_this_article(nodes.General, nodes.Element):
    """Placeholder until the post-transform knows the output."""


class CiteThisArticle(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = cite_this_article()
        self.set_source_info(node)
        return [node]


def article_page_url(app, article) -> str:
    """Absolute address of the landing page (of the HTML edition), when the site's is known."""
    from .pages import absolute, landing_uri

    return absolute(app, landing_uri(app))


class FillCiteThisArticle(SphinxPostTransform):
    default_priority = 7  # after the bibliography is filled, before references resolve

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(cite_this_article))
        if not placeholders:
            return
        app = self.env._app
        article = app.config.publication_article
        for placeholder in placeholders:
            if article is None:
                from ..diagnostics import warn

                warn(_("cite-this-article needs the article's metadata (CITATION.cff beside conf.py)"),
                     location=placeholder, subtype="metadata")
                placeholder.parent.remove(placeholder)
                continue
            placeholder.replace_self(self.block(app, article))

    def block(self, app, article) -> nodes.container:
        from pybtex_docutils import Backend

        page_url = article_page_url(app, article)
        block = nodes.container(classes=[BLOCK_CLASS])
        block += nodes.rubric("", _("Cite this article"))
        citation = nodes.paragraph(classes=["cite-this-article-reference"])
        citation += formatted_citation(article, page_url).render(Backend())
        block += citation
        block += nodes.paragraph("", _("BibTeX entry:"))
        bibtex = article_bibtex(article, page_url)
        literal = nodes.literal_block(bibtex, bibtex, language="bibtex", classes=["cite-this-article-bibtex"])
        block += literal
        links = self.download_links(app, article)
        if links is not None:
            block += links
        return block

    def download_links(self, app, article) -> nodes.paragraph | None:
        names = download_names(article)
        labels = [
            (names.article_bib, _("the article's reference (.bib)")),
            (names.article_ris, _("the article's reference (.ris)")),
            (names.bibliography_bib, _("the whole bibliography (.bib)")),
        ]
        builder = app.builder
        if writes_downloads(builder):
            outfile = builder.get_outfilename(self.env.docname)
            here = os.path.dirname(outfile)
            targets = [
                os.path.relpath(os.path.join(builder.outdir, DOWNLOAD_DIR, name), here).replace(os.sep, "/")
                for name, _label in labels
            ]
            make = lambda uri, text: addnodes.download_reference("", text, refuri=uri)  # noqa: E731
        else:
            base = app.config.html_baseurl or article.url
            if not base:
                return None
            base = base if base.endswith("/") else base + "/"
            targets = [urljoin(base, f"{DOWNLOAD_DIR}/{name}") for name, _label in labels]
            make = lambda uri, text: nodes.reference("", text, refuri=uri)  # noqa: E731
        paragraph = nodes.paragraph(classes=["cite-this-article-downloads"])
        paragraph += nodes.Text(_("Download:") + " ")
        for index, ((_name, label), uri) in enumerate(zip(labels, targets)):
            if index:
                paragraph += nodes.Text(" · ")
            paragraph += make(uri, label)
        return paragraph


class MoveCiteBlockToEnd(SphinxPostTransform):
    """LaTeX: after Sphinx gathered the bibliography at the end (750), follow it."""

    default_priority = 770
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.container)):
            if BLOCK_CLASS in block["classes"]:
                block.parent.remove(block)
                self.document += block
