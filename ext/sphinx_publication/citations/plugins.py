"""The package's pybtex and sphinxcontrib-bibtex plugins, and their language per build.

pybtex and sphinxcontrib-bibtex create styles without arguments, so a style
cannot be told the document's language. Each language therefore has its own
plugin (``publication-fr``, ``publication-en``), and the language-neutral name
``publication`` in a project's configuration is replaced, when its
configuration is read, by the plugin of its ``language``: the language lives
in each application's config, and two builds in one process (an English and
a French one) do not share it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .terms import base_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

NEUTRAL_STYLE = "publication"
#: the sphinxcontrib-bibtex settings that name a style of this package
STYLE_SETTINGS = ("bibtex_default_style", "bibtex_tooltips_style", "bibtex_reference_style")


def style_for_language(name: str, language: str | None) -> str:
    """``publication`` -> ``publication-fr`` in a French build; any other name as it is."""
    return f"{NEUTRAL_STYLE}-{base_language(language)}" if name == NEUTRAL_STYLE else name


def use_document_language(app: Sphinx, config: Config) -> None:
    """``config-inited``: name the styles of the document's language in this app's config."""
    for setting in STYLE_SETTINGS:
        value = getattr(config, setting, None)
        if value:
            setattr(config, setting, style_for_language(value, config.language))


def register_styles() -> None:
    """Make the styles findable from a bare checkout too (entry points do it when installed)."""
    import pybtex.plugin
    from sphinxcontrib.bibtex.plugin import register_plugin

    from .referencing import EnglishReferenceStyle, FrenchReferenceStyle, PublicationReferenceStyle
    from .style import EnglishStyle, FrenchStyle, Style

    for name, klass in (
        (NEUTRAL_STYLE, Style),
        (f"{NEUTRAL_STYLE}-fr", FrenchStyle),
        (f"{NEUTRAL_STYLE}-en", EnglishStyle),
    ):
        pybtex.plugin.register_plugin("pybtex.style.formatting", name, klass)
    for name, klass in (
        (NEUTRAL_STYLE, PublicationReferenceStyle),
        (f"{NEUTRAL_STYLE}-fr", FrenchReferenceStyle),
        (f"{NEUTRAL_STYLE}-en", EnglishReferenceStyle),
    ):
        register_plugin("sphinxcontrib.bibtex.style.referencing", name, klass)
