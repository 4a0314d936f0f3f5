"""« Citer cet article »: the ``cite-this-article`` directive and its rendering.

The directive leaves a placeholder; a ``doctree-resolved`` handler fills it
for the output at hand (the builder is known there) (the citation and the BibTeX entry everywhere; download links in
HTML, or in other outputs when the site's address is known). In LaTeX the
block moves after the bibliography, to the very end of the PDF.
"""

from __future__ import annotations

import os
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..builders import is_web_html
from ..typography import space_new_nodes
from .downloads import DOWNLOAD_DIR, download_names
from .messages import _
from .pages import article_page_url
from .reference import article_bibtex, formatted_citation

BLOCK_CLASS = "cite-this-article"


class cite_this_article(nodes.General, nodes.Element):
    """Placeholder until the ``doctree-resolved`` handler knows the output."""


class CiteThisArticle(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = cite_this_article()
        self.set_source_info(node)
        return [node]


def fill_cite_this_article(app, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: each placeholder becomes the block for the output at hand."""
    placeholders = list(doctree.findall(cite_this_article))
    if not placeholders:
        return
    article = app.config.publication_article
    for placeholder in placeholders:
        if article is None:
            from ..diagnostics import warn

            warn(_("cite-this-article needs the article's metadata (CITATION.cff beside conf.py)"),
                 location=placeholder, subtype="metadata")
            placeholder.parent.remove(placeholder)
            continue
        block = cite_block(app, docname, article)
        placeholder.replace_self(block)
        space_new_nodes(app, block)
    if app.builder.format == "latex":
        move_blocks_to_end(doctree)


def cite_block(app, docname: str, article) -> nodes.container:
    from pybtex_docutils import Backend

    page_url = article_page_url(app)
    block = nodes.container(classes=[BLOCK_CLASS])
    block += nodes.rubric("", _("Cite this article"))
    citation = nodes.paragraph(classes=["cite-this-article-reference"])
    citation += formatted_citation(article, page_url).render(Backend())
    block += citation
    block += nodes.paragraph("", _("BibTeX entry:"))
    bibtex = article_bibtex(article, page_url)
    literal = nodes.literal_block(bibtex, bibtex, language="bibtex", classes=["cite-this-article-bibtex"])
    block += literal
    links = download_links(app, docname, article)
    if links is not None:
        block += links
    return block


def download_links(app, docname: str, article) -> nodes.paragraph | None:
    names = download_names(article)
    labels = [
        (names.article_bib, _("the article's reference (.bib)")),
        (names.article_ris, _("the article's reference (.ris)")),
        (names.bibliography_bib, _("the whole bibliography (.bib)")),
    ]
    builder = app.builder
    if is_web_html(builder):
        outfile = builder.get_outfilename(docname)
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


def move_blocks_to_end(doctree: nodes.document) -> None:
    """LaTeX: the block follows the bibliography Sphinx gathered at the end."""
    for block in list(doctree.findall(nodes.container)):
        if BLOCK_CLASS in block["classes"]:
            block.parent.remove(block)
            doctree += block
