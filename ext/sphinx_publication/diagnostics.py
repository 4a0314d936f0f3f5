"""Located warnings with one type for the whole package.

Every warning says where (``location``: a docname/line pair, a node, or a
``"path:line"`` string for files that are not documents) and carries
``type="sphinx_publication"`` and the sub-extension as ``subtype``, so a
project can silence one area with ``suppress_warnings``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.util import logging

WARNING_TYPE = "sphinx_publication"

logger = logging.getLogger(__name__)


def warn(message: str, *, location: Any, subtype: str, **kwargs: Any) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype, **kwargs)


def setting_location(confdir: str | Path, overrides: dict[str, Any], name: str) -> str | None:
    """``conf.py:LINE`` where the project assigns the setting *name*; None for a
    ``-D`` override (the command line has no line) or an assignment not found."""
    if name in overrides:
        return None
    conf = Path(confdir) / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    assignment = re.compile(rf"\s*{re.escape(name)}\s*(?::[^=]*)?=(?!=)")
    return next((f"{conf}:{number}" for number, line in enumerate(lines, 1) if assignment.match(line)), None)
