"""The editions of the publication, one per language, and the links between twin pages.

The source language is ``publication_source_language``, else the
``language`` written in ``conf.py`` (``-D language=en`` overrides the
effective ``language`` only); the translations are
``publication_translations``. Each edition has a root URL:

* ``publication_edition_urls`` when the project gives them;
* on Read the Docs (``READTHEDOCS_CANONICAL_URL`` and ``READTHEDOCS_LANGUAGE``),
  the translation projects: ``…/fr/VERSION/`` ↔ ``…/en/VERSION/``;
* otherwise the local convention of the Makefile: the source language in
  ``OUTDIR`` (``_build/html``), a translation in ``OUTDIR-LANG``
  (``_build/html-en``), linked by relative URLs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..language import babel_locale, base_language
from .messages import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def source_language(config: Config) -> str:
    """The language the pages are written in."""
    raw = getattr(config, "_raw_config", {}).get("language")
    return base_language(config.publication_source_language or raw or config.language)


def build_language(config: Config) -> str:
    return base_language(config.language)


def is_translation(config: Config) -> bool:
    """Whether this build is a translated edition (``-D language=en`` of French pages)."""
    return bool(config.language) and build_language(config) != source_language(config)


def edition_languages(config: Config) -> list[str]:
    """The source language first, then each translation (once each)."""
    languages = [source_language(config), *(base_language(lang) for lang in config.publication_translations)]
    if is_translation(config):
        languages.append(build_language(config))
    return list(dict.fromkeys(languages))


def language_name(language: str, in_language: str | None = None) -> str:
    """The language's name in *in_language* (its own name by default), capitalised:
    « Français », « English »; ``language_name("fr", "en")`` is "French"."""
    name = babel_locale(language).get_display_name(babel_locale(in_language or language)) or language
    return name[:1].upper() + name[1:]


def _read_the_docs_roots(languages: list[str]) -> dict[str, str]:
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    current = os.environ.get("READTHEDOCS_LANGUAGE", "")
    marker = f"/{current}/"
    if not canonical or not current or marker not in canonical:
        return {}
    # https://project.readthedocs.io/fr/latest/ -> …/en/latest/ (a translation project's address)
    return {language: canonical.replace(marker, f"/{language}/", 1) for language in languages}


def edition_roots(config: Config, outdir: str | os.PathLike) -> dict[str, str]:
    """language -> the root of its edition: an absolute URL, or a path relative to
    this build's output root."""
    languages = edition_languages(config)
    if len(languages) < 2:
        return {}
    given = dict(config.publication_edition_urls or {})
    if given:
        return {base_language(lang): url if url.endswith("/") else url + "/" for lang, url in given.items()}
    roots = _read_the_docs_roots(languages)
    if roots:
        return roots
    name = Path(outdir).name
    current, source = build_language(config), source_language(config)
    base = re.sub(rf"-{re.escape(current)}$", "", name) if current != source else name
    return {lang: f"../{base}/" if lang == source else f"../{base}-{lang}/" for lang in languages}


def is_absolute(url: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I))


def page_depth(app: Sphinx, pagename: str) -> int:
    """How many folders down from the output root the page's file is."""
    try:
        path = Path(app.builder.get_outfilename(pagename)).resolve().relative_to(Path(app.outdir).resolve())
    except (AttributeError, ValueError):
        return pagename.count("/")
    return len(path.parts) - 1


def twin_urls(app: Sphinx, pagename: str) -> dict[str, str]:
    """language -> the address of *pagename* in that edition, from this page."""
    roots = edition_roots(app.config, app.outdir)
    if not roots:
        return {}
    target = app.builder.get_target_uri(pagename)
    up = "../" * page_depth(app, pagename)
    return {lang: (root if is_absolute(root) else up + root) + target for lang, root in roots.items()}


def add_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: the switcher's template is found as ``sidebar/language-switcher.html``."""
    folder = str(Path(__file__).resolve().parent / "templates")
    if folder not in config.templates_path:
        config.templates_path = [*config.templates_path, folder]


def add_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """``html-page-context``: hreflang links in the head (every edition, x-default the
    source language) and ``publication_editions`` for the language switcher."""
    if getattr(app.builder, "embedded", False) or app.builder.format != "html":
        return  # an EPUB is one edition: no links out of it
    urls = twin_urls(app, pagename)
    if not urls:
        return
    from html import escape

    current, source = build_language(app.config), source_language(app.config)
    links = [f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(url)}" />'
             for lang, url in urls.items()]
    links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(urls[source])}" />')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links) + "\n"
    context["publication_editions_label"] = str(_("Languages"))
    context["publication_editions"] = [
        {"language": lang, "name": language_name(lang), "url": url, "current": lang == current}
        for lang, url in urls.items()
    ]
