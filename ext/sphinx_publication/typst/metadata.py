"""The article's metadata for the Typst edition: title, author, subject,
keywords, date (no Sphinx objects beyond the config).

From the article's metadata source when :mod:`sphinx_publication.metadata`
read one (``publication_article``); else from Sphinx's own settings, as the
LaTeX edition does: the title of the
first ``latex_documents`` entry (else ``project``), ``author``, the date as
Sphinx prints it (``today``/``today_fmt``, ``SOURCE_DATE_EPOCH``), and the
``pdfsubject``/``pdfkeywords`` given to hyperref in ``latex_elements``.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

_HYPERREF_FIELD = r"{name}\s*=\s*\{{([^{{}}]*)\}}"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    date: str
    subject: str = ""
    keywords: list[str] = field(default_factory=list)


def _hyperref_field(config: Any, name: str) -> str:
    preamble = str((getattr(config, "latex_elements", None) or {}).get("preamble", ""))
    match = re.search(_HYPERREF_FIELD.format(name=name), preamble)
    return " ".join(match[1].split()) if match else ""


def article_title(config: Any) -> str:
    documents = getattr(config, "latex_documents", None) or []
    for entry in documents:
        if entry and entry[0] == config.root_doc and len(entry) > 2 and entry[2]:
            return str(entry[2])
    return str(config.project)


def article_date(config: Any) -> str:
    """The date line, as Sphinx's LaTeX writer computes it."""
    if config.today:
        return str(config.today)
    from sphinx.locale import _ as sphinx_
    from sphinx.util.i18n import format_date

    return format_date(config.today_fmt or sphinx_("%b %d, %Y"), language=config.language)


def build_timestamp() -> int:
    """The PDF's creation time: ``SOURCE_DATE_EPOCH``, else midnight UTC today,
    so that two builds on the same day give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return int(epoch)
    today = datetime.fromtimestamp(time.time(), tz=timezone.utc).date()
    return int(datetime(today.year, today.month, today.day, tzinfo=timezone.utc).timestamp())


def from_config(config: Any) -> Metadata:
    article = getattr(config, "publication_article", None)  # sphinx_publication.metadata
    if article is not None:
        return Metadata(
            title=article.title,
            author=str(config.author or ""),
            date=article_date(config),
            subject=article.abstract,
            keywords=list(article.keywords),
        )
    keywords = [k.strip() for k in _hyperref_field(config, "pdfkeywords").split(",") if k.strip()]
    return Metadata(
        title=article_title(config),
        author=str(config.author or ""),
        date=article_date(config),
        subject=_hyperref_field(config, "pdfsubject"),
        keywords=keywords,
    )
