"""Translated editions through Sphinx's own gettext workflow.

The pages are written in the source language (conf.py's ``language``); an
edition in another language is built with ``-D language=LANG`` from the
catalogs in ``locale_dirs`` (``locale/en/LC_MESSAGES/docs/*.po``).

* :mod:`.editions`: the editions' addresses, the language switcher
  (``sidebar/language-switcher.html``) and ``<link rel="alternate" hreflang>``;
* :mod:`.check`: messages a translated edition shows untranslated (fuzzy or
  missing): one warning in a review build, located errors in a release;
* :mod:`.article`: the article's title, abstract and keywords (``CITATION.cff``)
  as messages of the landing page's catalog, read back by the metadata layer;
* :mod:`.bibliography`: the ``.bib`` files' language-bound fields (``note``,
  ``howpublished``…) as messages of a catalog of their own (``refs.bib`` →
  ``refs.pot``), translated as the entries are read;
* :mod:`.status`: ``python -m sphinx_publication.translation.status``, the
  catalogs' state per page.

The words a chart, a data table or a review note keeps in its attributes are
messages too (:mod:`sphinx_publication.translatable`).
"""


def setup(app):
    from ..i18n import register_catalog
    from ..package_info import extension_metadata
    from . import article, bibliography, check, editions
    from .messages import CATALOG

    register_catalog(app, CATALOG, __file__)
    # the language the pages are written in; "": conf.py's `language`
    app.add_config_value("publication_source_language", "", "env", types=frozenset({str}))
    # the languages of the translated editions (each has locale/LANG/LC_MESSAGES catalogs)
    app.add_config_value("publication_translations", [], "html", types=frozenset({list, tuple}))
    # language -> root URL of its edition; {}: Read the Docs' translation projects, else
    # the Makefile's folders side by side (_build/html, _build/html-en)
    app.add_config_value("publication_edition_urls", {}, "html", types=frozenset({dict}))
    app.connect("config-inited", editions.add_templates)
    app.add_domain(check.TranslationDomain)
    app.add_transform(check.FindUntranslated)
    app.add_transform(check.ForgetDiscardedCitations)
    app.add_transform(article.AddArticleMessages)
    app.add_node(article.article_messages)
    app.connect("doctree-resolved", article.remove_article_messages)
    app.connect("html-page-context", editions.add_links)
    app.connect("build-finished", check.report)
    app.connect("build-finished", bibliography.write_templates)
    return extension_metadata()
