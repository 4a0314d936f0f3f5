"""Translated messages of the command line (gettext domain ``sphinx_publication.importer``).

The importer runs outside Sphinx, so it uses the standard :mod:`gettext` with
the same catalog layout as the Sphinx sub-extensions; the language follows
``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` as usual for a command line.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "sphinx_publication.importer"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The figures layer's catalog, for its parser's messages (read, never written here).
FIGURES_DOMAIN = "sphinx_publication.figures"
FIGURES_LOCALE_DIR = Path(__file__).resolve().parent.parent / "figures" / "locale"
_ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@lru_cache(maxsize=8)  # keyed on everything gettext reads: the environment variables too
def _catalog(domain: str, locale_dir: Path, env_key: tuple[str, ...]) -> gettext.NullTranslations:
    # env_key is only the cache key: gettext reads the same variables itself.
    return gettext.translation(domain, locale_dir, fallback=True)


def _env_key() -> tuple[str, ...]:
    return tuple(os.environ.get(name, "") for name in _ENV_VARS)


def _(message: str) -> str:
    """Translate *message* for the language of the current environment."""
    return _catalog(DOMAIN, LOCALE_DIR, _env_key()).gettext(message)


def figures_gettext():
    """``gettext`` of the figures catalog, to localize the figures parser's messages."""
    return _catalog(FIGURES_DOMAIN, FIGURES_LOCALE_DIR, _env_key()).gettext
