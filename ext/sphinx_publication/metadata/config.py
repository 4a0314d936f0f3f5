"""``config-inited``: read the metadata source and fill every config value it decides.

A value the project sets itself (in ``conf.py`` or with ``-D``) is left
alone; empty title/author fields of ``latex_documents`` are filled. So
``conf.py`` keeps only build settings (file names, theme, engines).
"""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.lists import format_list

from ..citations.terms import format_publication_date
from ..diagnostics import setting_location, warn
from ..language import babel_locale
from .messages import _
from .model import Article, PartialDate
from .source import MetadataError, MetadataProblem, read_article

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SUBTYPE = "metadata"


def user_set(config: Config, name: str) -> bool:
    """Whether conf.py or ``-D`` gave *name* a value (Sphinx keeps both apart from defaults)."""
    return name in config.overrides or name in getattr(config, "_raw_config", {})


def set_default(config: Config, name: str, value: Any) -> None:
    """Give *name* the article's value unless the project chose one (empty counts as unset)."""
    if name not in config or value in (None, ""):
        return
    if user_set(config, name) and config[name] not in (None, ""):
        return
    config[name] = value


def file_setting_location(app: Sphinx, config: Config, name: str, named: Path) -> str:
    """Where the project set *name*, a file's path: ``conf.py:LINE`` of its assignment;
    for a ``-D`` override (or an assignment not found), the file it names, at line 1
    (Sphinx prints a bare path without any line)."""
    return setting_location(app.confdir, config.overrides, name) or f"{named}:1"


def load_article(app: Sphinx, config: Config) -> None:
    path = Path(app.confdir) / config.publication_metadata
    if not path.is_file():
        if user_set(config, "publication_metadata"):
            warn(_("metadata file not found: {path} (set publication_metadata to the "
                   "article's CITATION.cff)").format(path=path),
                 location=file_setting_location(app, config, "publication_metadata", path), subtype=SUBTYPE)
        return
    problems: list[MetadataProblem] = []
    try:
        article = read_article(path, problems)
    except MetadataError as error:
        report(path, problems)
        warn(_("the article's metadata cannot be read: {problem}; the project's own "
               "settings are used").format(problem=error.problem.message),
             location=f"{path}:{error.problem.line}", subtype=SUBTYPE)
        return
    report(path, problems)
    if "publication_translations" in config:  # a translated edition: its language, title, abstract
        from ..translation.article import translated_edition

        article = translated_edition(app, config, article)
    if not article.language:
        article = replace(article, language=config.language or "")
    config.publication_article = article
    fill_config(config, article)


def report(path: Path, problems: list[MetadataProblem]) -> None:
    """One located warning per value the check left out (``CITATION.cff:12: …``)."""
    for problem in sorted(problems, key=lambda problem: problem.line):
        warn(problem.message, location=f"{path}:{problem.line}", subtype=SUBTYPE)


def byline(article: Article) -> str:
    """``Maria Rodriguez``; ``A, B et C`` in the article's language."""
    return format_list(article.author_names, locale=babel_locale(article.language))


def date_line(date: PartialDate | None, language: str) -> str:
    if date is None:
        return ""
    return format_publication_date(
        str(date.year), str(date.month) if date.month else None,
        str(date.day) if date.day else None, language)


def bcp47(language: str) -> str:
    """``fr`` -> ``fr-FR`` (the likely region), as PDF ``/Lang`` and ``og:locale`` expect."""
    locale = babel_locale(language)
    if not locale.territory:
        from babel.core import get_global

        likely = get_global("likely_subtags").get(locale.language, "")
        territory = likely.split("_")[-1] if likely.count("_") else ""
        return f"{locale.language}-{territory}" if territory else locale.language
    return f"{locale.language}-{locale.territory}"


def fill_config(config: Config, article: Article) -> None:
    names = byline(article)
    set_default(config, "project", article.site_title)
    set_default(config, "author", names)
    set_default(config, "copyright", f"{article.year}, {names}" if article.year else names)
    # html_title is HTML to Sphinx and the themes (Furo writes it as is in the
    # sidebar brand and search.html's <title>; "|striptags|e" elsewhere reads
    # entities back); html_short_title is text (Sphinx's templates escape it).
    set_default(config, "html_title", escape(article.site_title))
    set_default(config, "html_short_title", article.site_title)
    set_default(config, "html_baseurl", article.url)
    set_default(config, "today", date_line(article.date_published, article.language))
    fill_latex(config, article)
    fill_epub(config, article, names)
    fill_opengraph(config, article)
    fill_substitutions(config, article, names)


def latex_text(text: str, config: Config) -> str:
    from sphinx.util import texescape

    texescape.init()  # the LaTeX builder fills the tables later; config-inited is earlier
    return texescape.escape(text, config.latex_engine)


def fill_latex(config: Config, article: Article) -> None:
    title = latex_text(article.title, config)
    author = r" \and ".join(latex_text(name, config) for name in article.author_names)
    if user_set(config, "latex_documents"):
        config.latex_documents = [
            (start, target, doc_title or title, doc_author or author, *rest)
            for start, target, doc_title, doc_author, *rest in config.latex_documents
        ]
    else:  # Sphinx's default document, with the full title rather than the site's
        from sphinx.util.osutil import make_filename_from_project

        target = make_filename_from_project(config.project) + ".tex"
        config.latex_documents = [(config.root_doc, target, title, author, "manual")]
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + pdf_metadata(article, config)
    config.latex_elements = elements


def pdf_metadata(article: Article, config: Config) -> str:
    """hyperref's document information beyond title and author (Sphinx sets those)."""
    fields = [f"pdflang={{{bcp47(article.language)}}}"] if article.language else []
    if article.abstract:
        fields.append(f"pdfsubject={{{latex_text(article.abstract, config)}}}")
    if article.keywords:
        fields.append(f"pdfkeywords={{{latex_text(', '.join(article.keywords), config)}}}")
    if not fields:
        return ""
    return "\n% The article's metadata (CITATION.cff)\n\\AtBeginDocument{\\hypersetup{\n  " + \
        ",\n  ".join(fields) + "}}\n"


def fill_epub(config: Config, article: Article, names: str) -> None:
    set_default(config, "epub_title", article.title)
    set_default(config, "epub_author", names)
    set_default(config, "epub_publisher", names)
    set_default(config, "epub_copyright", config.copyright)
    set_default(config, "epub_language", article.language)
    set_default(config, "epub_description", article.abstract)
    if article.doi or article.url:
        set_default(config, "epub_scheme", "DOI" if article.doi else "URL")
        set_default(config, "epub_identifier", article.doi or article.url)


def fill_opengraph(config: Config, article: Article) -> None:
    """sphinxext-opengraph, when loaded: site name, and the article:* properties it lacks."""
    if "ogp_custom_meta_tags" not in config:
        return
    # sphinxext-opengraph writes og:site_name in an attribute, escaping only '"'
    set_default(config, "ogp_site_name", escape(article.site_title))
    set_default(config, "ogp_site_url", article.url)
    tags = list(config.ogp_custom_meta_tags or [])
    properties = [("og:locale", bcp47(article.language).replace("-", "_"))] if article.language else []
    properties += [("article:author", name) for name in article.author_names]
    if article.date_published:
        properties.append(("article:published_time", article.date_published.iso()))
    if article.date_modified:
        properties.append(("article:modified_time", article.date_modified.iso()))
    properties += [("article:tag", keyword) for keyword in article.keywords]
    tags += [f'<meta property="{name}" content="{escape(value)}">' for name, value in properties]
    config.ogp_custom_meta_tags = tags


def markdown_text(text: str) -> str:
    """Literal text inside Markdown: every ASCII punctuation backslash-escaped (CommonMark),
    so a title with ``<``, ``*`` or ``[`` prints as written."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def fill_substitutions(config: Config, article: Article, names: str) -> None:
    """``{{ article_title }}``… in MyST pages (the landing page's heading and byline).

    MyST parses a substitution's value as Markdown: the values are escaped."""
    if "myst_substitutions" not in config:
        return
    plain = {
        "article_title": article.title,
        "article_site_title": article.site_title,
        "article_subtitle": article.subtitle,
        "article_authors": names,
        "article_date": date_line(article.date_published, article.language),
        "article_abstract": article.abstract,
    }
    values = {name: markdown_text(value) for name, value in plain.items()}
    config.myst_substitutions = {**values, **(config.myst_substitutions or {})}
