"""Located warnings with one type for the whole package.

Every warning says where (``location``: a docname/line pair, a node, or a
``"path:line"`` string for files that are not documents) and carries
``type="sphinx_publication"`` and the sub-extension as ``subtype``, so a
project can silence one area with ``suppress_warnings``.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

WARNING_TYPE = "sphinx_publication"

logger = logging.getLogger(__name__)


def warn(message: str, *, location: Any, subtype: str, **kwargs: Any) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype, **kwargs)
