"""Sphinx configuration of the publication.

The repository root is the source directory (Read the Docs runs Sphinx from
the folder of this file), so ``root_doc`` and ``include_patterns`` restrict
reading to ``docs/``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# The extension is installed by pyproject.toml; the path entry lets a bare
# checkout build too. Only then: the same package found twice (installed and
# on the path) would be imported from two places.
if importlib.util.find_spec("sphinx_publication") is None:
    sys.path.insert(0, str(ROOT / "ext"))

# -- Project -------------------------------------------------------------------
# The article's metadata (title, authors, date, abstract, keywords...) lives in
# CITATION.cff: sphinx_publication.metadata derives project, author, copyright,
# html_title, the LaTeX title block and PDF information, EPUB and OpenGraph
# values from it. Set one here only to override it.
# The source language. The English edition is a translation through Sphinx's
# gettext workflow (locale/en/LC_MESSAGES/docs/*.po): `-D language=en`
# (`make html LANGUAGE=en`). What depends on the language (search stemming,
# LaTeX babel) follows the effective value: see _follow_language below.
language = "fr"
version = "1.0"
release = ""  # no version line under the article's title

root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build", ".venv", "**/.ipynb_checkpoints", "docs/_*"]
templates_path = ["docs/_templates"]
locale_dirs = ["locale"]
gettext_compact = False

# sphinx_publication loads sphinxcontrib.bibtex itself, after setting up what
# sphinxcontrib-bibtex needs while it is imported (its plugin look-ups).
extensions = [
    "myst_parser",
    "sphinx_publication",
]
try:  # the HTML-only extras are in the "docs" extra; the test suite does not need them
    import sphinxext.opengraph  # noqa: F401

    extensions.append("sphinxext.opengraph")
except ImportError:  # pragma: no cover
    pass

source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes", "substitution"]
myst_heading_anchors = 3
numfig = True
numfig_secnum_depth = 0
smartquotes = True

nitpicky = True
suppress_warnings: list[str] = []

# -- Citations (sphinx_publication.citations) ---------------------------------
bibtex_bibfiles = ["refs.bib"]
# "publication": unsrt numbering in the document language (French terms and
# month names, titles as written); backlinks and .bib checks come with
# sphinx_publication.citations.
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
bibtex_bibliography_id = "bibliography-{bibliography_count}"

# -- Editorial layer (sphinx_publication.editorial) ---------------------------
# "review" shows markers and notes; "release" hides them and fails the build
# on anything unresolved (README, "Review and release").
editorial_mode = os.environ.get("EDITORIAL_MODE", "review")
# Pages left out of a release build (the report is for reviewers only).
editorial_release_exclude = ["docs/etat-editorial.md"]
# The word count covers the root toctree minus these pages; pages holding the
# bibliography or the editorial report are left out automatically.
word_count_exclude = ["docs/auteurs/*"]

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
html_static_path = ["docs/_static"]
html_css_files = ["publication.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# html_search_language is left unset: it follows `language` (fr or en).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

ogp_type = "article"
ogp_enable_meta_description = True
if html_baseurl:
    ogp_site_url = html_baseurl

# -- LaTeX / PDF ---------------------------------------------------------------
# The PDFs' file name, written here only: the LaTeX job and the Typst builder
# take it from latex_documents, the Makefile and CI read this line.
PDF_NAME = "grands-modeles-open-source.pdf"
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [
    # title and author: empty, filled from CITATION.cff
    ("docs/index", PDF_NAME.removesuffix(".pdf") + ".tex", "", "", "howto"),
]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # the language of the build (-D language=en gives english): _follow_language
    "babel": r"\usepackage[french]{babel}",
    # babel-french must not add spaces inside data such as "34:1-20" (only
    # where the source has a space). The PDF's language, subject and keywords
    # are appended from CITATION.cff.
    "preamble": r"""
\ifdefined\frenchsetup\frenchsetup{AutoSpacePunctuation=false}\fi
""",
    "printindex": "",
    # A short article: the title block, then the text; PDF bookmarks navigate.
    "tableofcontents": "",
    "releasename": "",
}

# -- Editions in other languages (sphinx_publication.translation) -------------
# `make html LANGUAGE=en` builds the English edition into _build/html-en from
# locale/en/LC_MESSAGES/docs/*.po; each page links its twin (sidebar switcher,
# hreflang). On Read the Docs the English edition is a translation project.
publication_translations = ["en"]

# -- One-page reading edition (sphinx_publication.editions) --------------------
# `make html` writes docs/lire-en-une-page.html: the whole article on one page.
one_page_edition = "lire-en-une-page"
one_page_exclude = ["docs/etat-editorial", "docs/auteurs/*"]

# -- EPUB ----------------------------------------------------------------------
# title, author, publisher, copyright, description: from CITATION.cff; the
# language follows `language` (-D language=... on Read the Docs).
epub_show_urls = "no"

# -- Page chrome ---------------------------------------------------------------
# The PDF edition: Read the Docs serves it from its downloads path; a local
# `make html` after `make pdf` copies it next to the pages (see Makefile).


def _pdf_url() -> str:
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL")
    if not canonical:
        return PDF_NAME
    from urllib.parse import urljoin

    lang = os.environ.get("READTHEDOCS_LANGUAGE", language)
    ver = os.environ.get("READTHEDOCS_VERSION", "latest")
    return urljoin(canonical, f"/_/downloads/{lang}/{ver}/pdf/")


html_context = {"pdf_url": _pdf_url()}
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/download-pdf.html",
        "sidebar/one-page.html",
        "sidebar/language-switcher.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
# The source dir is the repository root: give the site root a page that
# forwards to the article's landing page.
html_additional_pages = {"index": "redirect.html"}
ogp_social_cards = {"enable": False}


def _follow_language(app, config) -> None:
    """``config-inited``: babel in the language of the build (``-D language=en``
    overrides conf.py's ``language`` after this file is read)."""
    from sphinx.builders.latex.util import ExtBabel

    babel = ExtBabel(config.language or "en", True)
    name = babel.get_language() if babel.is_supported_language() else "english"
    config.latex_elements = {**config.latex_elements, "babel": rf"\usepackage[{name}]{{babel}}"}


def setup(app):
    app.connect("config-inited", _follow_language)
