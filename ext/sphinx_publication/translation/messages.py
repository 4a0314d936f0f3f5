"""The translation sub-extension's message catalog (``sphinx_publication.translation``)."""

from __future__ import annotations

from ..i18n import translator

CATALOG = "sphinx_publication.translation"
_ = translator(CATALOG)
