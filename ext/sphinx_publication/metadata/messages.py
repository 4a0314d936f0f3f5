"""The metadata sub-extension's message catalog (``sphinx_publication.metadata``)."""

from __future__ import annotations

from ..i18n import translator

CATALOG = "sphinx_publication.metadata"
_ = translator(CATALOG)
