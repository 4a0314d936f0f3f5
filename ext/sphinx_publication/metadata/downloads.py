"""The files « Citer cet article » links to, written into the HTML output.

Written from ``html-collect-pages`` (after every page is read, before the
EPUB builder lists its files); the single-page builder never emits that
event, so it gets them once the build is done. Not in an EPUB: its package lists only known
media types, and a .bib file there would only warn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..builders import is_web_html
from ..derived_outputs import up_to_date
from .pages import article_page_url
from .reference import article_bibtex, article_ris, bibliography_bibtex
from .works import cited_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DOWNLOAD_DIR = "_citation"


@dataclass(frozen=True)
class DownloadNames:
    article_bib: str
    article_ris: str
    bibliography_bib: str


def download_names(article) -> DownloadNames:
    key = article.citation_key()
    return DownloadNames(f"{key}.bib", f"{key}.ris", f"{key}-bibliographie.bib")


def write_downloads(app: Sphinx):
    article = app.config.publication_article
    if article is None or not is_web_html(app.builder):
        return []
    names = download_names(article)
    folder = Path(app.outdir) / DOWNLOAD_DIR
    # The landing page is written again whenever the article or its cited works change.
    landing = app.builder.get_output_path(app.config.root_doc)
    if all(up_to_date(folder / name, [landing]) for name in vars(names).values()):
        return []
    url = article_page_url(app)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        names.article_bib: article_bibtex(article, url),
        names.article_ris: article_ris(article, url),
        names.bibliography_bib: bibliography_bibtex(cited_entries(app.env)),
    }
    for name, text in files.items():
        path = folder / name
        data = text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        else:
            path.touch()  # current as of this landing page: the next build can skip them
    return []  # no pages to add


def bibtex_before_saving(app: Sphinx, env) -> list[str]:
    """``env-updated``: the cited entries written back as BibTeX, kept in the environment's
    formatted-entry cache before Sphinx saves it (it does so before writing): a build in a
    new process writes the download from them, computing only edited entries."""
    if app.config.publication_article is not None and is_web_html(app.builder):
        bibliography_bibtex(cited_entries(env))
    return []


def write_downloads_of_single_page(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the single-page builder collects no extension pages
    (``html-collect-pages``); without this its links to the files lead nowhere."""
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    if exception is None and isinstance(app.builder, SingleFileHTMLBuilder):
        write_downloads(app)
