"""Which HTML page carries which tags, and the COinS spans of bibliography entries.

Article-level pages (the landing page, a one-page edition: see
:func:`is_article_page`) carry Highwire, Dublin Core and the article's
JSON-LD; every other content page carries a JSON-LD ``WebPage`` that is
``isPartOf`` the article. The canonical link comes from Sphinx itself once
``html_baseurl`` is known (the CFF ``url`` fills it).
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..builders import is_web_html
from .coins import coins_span
from .discovery import (
    article_json_ld,
    dublin_core_tags,
    highwire_tags,
    json_ld_script,
    meta,
    part_of_json_ld,
)
from .works import cited_work, cited_works

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: front matter flag (``article-level: true``) marking a page as the article
PAGE_FLAG = "article-level"


def is_article_page(app: Sphinx, pagename: str) -> bool:
    pages = app.config.publication_article_pages
    if pages is None:
        pages = [app.config.root_doc]
    if pagename in pages:
        return True
    flag = app.env.metadata.get(pagename, {}).get(PAGE_FLAG, "")
    return str(flag).strip().lower() in {"true", "yes", "1", "oui"}


def landing_uri(app: Sphinx) -> str:
    from sphinx.builders.dirhtml import DirectoryHTMLBuilder

    root = app.config.root_doc
    if isinstance(app.builder, DirectoryHTMLBuilder):
        return app.builder.get_target_uri(root)
    return root + ".html"


def absolute(app: Sphinx, uri: str) -> str:
    base = app.config.html_baseurl
    if not base or "://" in uri:
        return uri if "://" in uri else ""
    return urljoin(base if base.endswith("/") else base + "/", uri)


def article_page_url(app: Sphinx) -> str:
    """Absolute address of the landing page (of the HTML edition), when the site's is known."""
    return absolute(app, landing_uri(app))


def pdf_uri(app: Sphinx) -> str:
    """``publication_pdf_url``; else the sidebar's ``pdf_url``; else the LaTeX target's name."""
    config = app.config
    uri = config.publication_pdf_url or (config.html_context or {}).get("pdf_url", "")
    if not uri and config.latex_documents:
        uri = config.latex_documents[0][1].rsplit(".", 1)[0] + ".pdf"
    return uri


def theme_titles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """The site's names as the templates print them, escaped exactly once.

    Sphinx treats ``html_title`` (``docstitle``) as HTML and ``project``,
    ``html_short_title`` and ``copyright`` as text, but templates print them
    either way: Furo writes ``docstitle``, and ``project`` when there is none
    (singlehtml), as they are, Alabaster ``copyright`` too; Sphinx's own
    templates write ``docstitle|e``. As markupsafe ``Markup`` (HTML that
    ``|e`` leaves alone), each prints right both ways.
    """
    from markupsafe import Markup, escape

    if isinstance(context.get("docstitle"), str):
        context["docstitle"] = Markup(context["docstitle"])
    for name in ("project", "shorttitle", "copyright"):
        value = context.get(name)
        if isinstance(value, str):
            context[name] = escape(value)  # a Markup stays as it is
        elif isinstance(value, (list, tuple)):  # copyright: one line per holder
            context[name] = type(value)(escape(line) if isinstance(line, str) else line for line in value)


def add_head_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    article = app.config.publication_article
    if article is None or doctree is None or not is_web_html(app.builder):
        return  # an EPUB describes itself in its package document (content.opf)
    article_url = article_page_url(app)
    if is_article_page(app, pagename):
        page_url = context.get("pageurl") or article_url
        pdf = pdf_uri(app)
        pdf_url = (absolute(app, pdf) or context["pathto"](pdf, 1)) if pdf else ""
        works = cited_works(app.env)
        tags = [meta("author", name) for name in article.author_names]
        if article.keywords:
            tags.append(meta("keywords", ", ".join(article.keywords)))
        tags += highwire_tags(article, article_url, page_url, pdf_url, works)
        tags += dublin_core_tags(article, article_url or page_url)
        tags.append(json_ld_script(article_json_ld(article, article_url, page_url, pdf_url, works)))
    else:
        target = article_url or context["pathto"](app.config.root_doc)
        title = unescape(re.sub(r"<[^>]+>", "", context.get("title", "")))
        tags = [json_ld_script(part_of_json_ld(article, title, context.get("pageurl", ""), target))]
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags) + "\n"


class AddCoins(SphinxPostTransform):
    """A COinS span in each bibliography entry (HTML outputs)."""

    default_priority = 8  # after sphinxcontrib-bibtex filled the bibliography (5)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        entries = [node for node in self.document.findall(nodes.citation) if node.get("ids")]
        if not entries:
            return
        try:
            domain = self.env.get_domain("cite")
        except Exception:
            return
        entry_of = {c.citation_id: c.entry for c in domain.citations}
        for node in entries:
            entry = entry_of.get(node["ids"][0])
            if entry is not None:
                node += nodes.raw("", coins_span(cited_work(entry)), format="html")

