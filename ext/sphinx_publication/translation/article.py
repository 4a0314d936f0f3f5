"""The article's language-bound metadata in a translated edition.

``CITATION.cff`` stays the one source. Its language-bound texts (the site's
name, the title, the abstract, the keywords) are messages of the landing
page's catalog (``docs/index.pot``, located in ``CITATION.cff``), and a
translated edition reads them back in its language when the metadata is
loaded (``config-inited``, before any page): the edition is the same article
with those texts translated, its ``language`` the build's, and
``translation_of`` the original (with the original landing page's address).
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

from ..translatable import AttributeMessages, is_words
from .editions import edition_roots, is_absolute, is_translation, source_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def article_texts(article: Any) -> list[str]:
    """The article's language-bound texts, once each."""
    texts = [article.short_title, article.title, article.abstract, *article.keywords]
    return list(dict.fromkeys(text for text in texts if is_words(text)))


def _translations(confdir: str, config: Config) -> dict[str, str]:
    """The landing page catalog's translated, non-fuzzy messages (the .po: config-inited
    comes before Sphinx compiles the catalogs)."""
    from babel.messages.pofile import read_po

    domain = docname_to_domain(config.root_doc, config.gettext_compact)
    found: dict[str, str] = {}
    for directory in config.locale_dirs:
        path = Path(confdir) / directory / config.language / "LC_MESSAGES" / f"{domain}.po"
        if path.is_file():
            with path.open("rb") as source:
                for message in read_po(source):
                    if isinstance(message.id, str) and message.id and message.string and not message.fuzzy:
                        found.setdefault(message.id, message.string)
    return found


def landing_url(config: Config, outdir: str, language: str) -> str:
    """The landing page of *language*'s edition: absolute, or relative to this edition's
    landing page (the pages that carry the article-level metadata)."""
    root = edition_roots(config, outdir).get(language, "")
    if not root:
        return ""
    target = config.root_doc + (getattr(config, "html_file_suffix", None) or ".html")
    return root + target if is_absolute(root) else "../" * config.root_doc.count("/") + root + target


def translated_edition(app: Sphinx, config: Config, article: Any) -> Any:
    """The article as this build's edition presents it (the article itself in the source language)."""
    if not is_translation(config):
        return article
    mapping = _translations(app.confdir, config)
    original = replace(article, language=article.language or source_language(config))

    def tr(text: str) -> str:
        return mapping.get(text, text) if text else text

    changes: dict[str, Any] = {
        "language": config.language,
        "title": tr(article.title),
        "short_title": tr(article.short_title),
        "abstract": tr(article.abstract),
        "keywords": tuple(tr(keyword) for keyword in article.keywords),
    }
    if "translation_of" in {field.name for field in fields(article)}:
        url = landing_url(config, app.outdir, original.language)
        changes["translation_of"] = replace(original, url=url) if url else original
    return replace(article, **changes)


class article_messages(AttributeMessages, nodes.Invisible, nodes.Element):  # noqa: N801
    """The article's language-bound texts, offered to the landing page's catalog
    (gettext builder only; never rendered)."""

    def attribute_messages(self) -> list[str]:
        return list(self.get("texts", []))

    def translate_words(self, mapping: dict[str, str]) -> None:
        pass  # the metadata reads its translations when the configuration is loaded


def _line_of(path: str, text: str) -> int:
    """The line of ``CITATION.cff`` where *text* (or its first words) is written."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    wanted = " ".join(text.split())
    values = [re.sub(r"^\s*(?:-\s+|[\w-]+:\s*)", "", line).strip().strip("\"'") for line in lines]
    for number, value in enumerate(values, 1):  # a value of its own: `title: "…"`, `- keyword`
        if value == wanted:
            return number
    for number, value in enumerate(values, 1):  # the first line of a folded value
        if len(value) > 20 and wanted.startswith(value):
            return number
    words = " ".join(wanted.split()[:4])
    for number, line in enumerate(lines, 1):
        if words and words in " ".join(line.split()):
            return number
    return 1


class AddArticleMessages(SphinxTransform):
    """On the landing page, in a gettext build: the article's texts as messages."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        article = getattr(self.config, "publication_article", None)
        # versioning_condition: set by the builders that give translatable nodes the uids
        # their messages are extracted by (gettext); None or False elsewhere
        if (article is None or self.env.current_document.docname != self.config.root_doc
                or self.env.versioning_condition in (None, False)):
            return
        original = getattr(article, "translation_of", None) or article
        source = original.source or str(Path(self.app.confdir) / "CITATION.cff")
        for text in article_texts(original):
            node = article_messages(texts=[text])
            node.source, node.line = source, _line_of(source, text)
            self.document += node


def remove_article_messages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: no writer renders them."""
    from sphinx.builders.gettext import I18nBuilder

    if isinstance(app.builder, I18nBuilder):
        return
    for node in list(doctree.findall(article_messages)):
        node.parent.remove(node)
