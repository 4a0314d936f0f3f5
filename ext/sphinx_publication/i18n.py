"""Message catalogs of the extension's own strings.

Each sub-extension owns a gettext domain (``sphinx_publication.figures``…)
whose catalogs live in ``<subpackage>/locale/<lang>/LC_MESSAGES/<domain>.po``;
the compiled ``.mo`` is committed beside it and ``tests/test_i18n.py`` checks
that it is up to date (``make locale`` rebuilds it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def translator(domain: str):
    """Return the lazy ``_`` of *domain* (resolved at use, in the build's language)."""
    return get_translation(domain)


def register_catalog(app: Sphinx, domain: str, package_file: str) -> None:
    """Register the ``locale`` folder next to *package_file* for *domain*."""
    app.add_message_catalog(domain, str(Path(package_file).resolve().parent / "locale"))
