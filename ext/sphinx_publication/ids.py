"""Ids for generated elements: stable between builds, unique across pages.

Builders that join pages (singlehtml, LaTeX) need ids that do not repeat
from one page to the next, and reviewers' links need them not to change from
one build to the next: the page's name plus a serial number in source order.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


def page_scoped_id(env: Any, prefix: str) -> str:
    """``<prefix>-<page>-<n>``: the n-th *prefix* id of the current page."""
    return f"{prefix}-{nodes.make_id(env.docname)}-{env.new_serialno(prefix) + 1}"
