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
_ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@lru_cache(maxsize=8)
def _catalog(env_key: tuple[str, ...]) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """Translate *message* for the language of the current environment."""
    env_key = tuple(os.environ.get(name, "") for name in _ENV_VARS)
    return _catalog(env_key).gettext(message)
