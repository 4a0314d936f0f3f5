"""The article's metadata: one source, every output, discoverable and citable.

* :mod:`.source` reads ``CITATION.cff`` into the :mod:`.model`;
* :mod:`.config` fills Sphinx's values from it at ``config-inited``
  (project, author, copyright, html_title, LaTeX title block and PDF
  information, the PDF's date line, EPUB, OpenGraph, MyST substitutions);
* :mod:`.pages` and :mod:`.discovery` add Highwire, Dublin Core and JSON-LD
  to HTML pages, :mod:`.coins` a COinS span to each bibliography entry;
* :mod:`.cite_block` renders « Citer cet article », :mod:`.downloads` writes
  the article's .bib/.ris and the cited bibliography's .bib.
"""


def setup(app):
    from .. import priorities
    from ..i18n import register_catalog
    from ..package_info import extension_metadata
    from . import cite_block, config, downloads, incremental, pages
    from .messages import CATALOG

    register_catalog(app, CATALOG, __file__)
    # the file holding the article's metadata, relative to conf.py
    app.add_config_value("publication_metadata", "CITATION.cff", "env", types=(str,))
    # what config-inited read (an Article); a change re-reads every page
    app.add_config_value("publication_article", None, "env")
    # pages carrying the article-level tags; None: the root document
    # (a page can also say ``article-level: true`` in its front matter)
    app.add_config_value("publication_article_pages", None, "html")
    # the PDF's address for citation_pdf_url; "" : html_context["pdf_url"] or the LaTeX target
    app.add_config_value("publication_pdf_url", "", "html", types=(str,))
    app.connect("config-inited", config.load_article, priority=priorities.LOAD_ARTICLE)
    app.add_node(cite_block.cite_this_article)
    app.add_directive("cite-this-article", cite_block.CiteThisArticle)
    app.connect("doctree-resolved", cite_block.fill_cite_this_article, priority=priorities.CITE_THIS_ARTICLE)
    app.add_post_transform(pages.AddCoins)
    app.connect("html-page-context", pages.theme_titles)
    app.connect("html-page-context", pages.add_head_tags)
    app.connect("html-collect-pages", downloads.write_downloads)
    app.connect("build-finished", downloads.write_downloads_of_single_page)
    app.connect("env-updated", downloads.bibtex_before_saving)
    app.add_domain(incremental.MetadataSnapshotDomain)
    app.connect("env-updated", incremental.pages_to_rewrite, priority=priorities.METADATA_SNAPSHOT)
    return extension_metadata()
