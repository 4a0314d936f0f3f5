"""The article's pages in reading order, from the toctree index alone.

One walk for every layer that follows the article from its first page to its
last: the one-page edition, the tracked-changes edition, the editorial report
and word count. No Sphinx: it reads ``env.toctree_includes`` as a mapping.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatch


def reading_order(root: str, includes: Mapping[str, Sequence[str]], excluded: Iterable[str] = ()) -> list[str]:
    """*root*, then depth-first along the toctrees: each page once, where a toctree
    first lists it. A page matching a pattern of *excluded* is left out, with the
    pages only it lists."""
    patterns = list(excluded)
    order = [root]
    seen = {root}

    def visit(docname: str) -> None:
        for included in includes.get(docname, ()):
            if included in seen or any(fnmatch(included, pattern) for pattern in patterns):
                continue
            seen.add(included)
            order.append(included)
            visit(included)

    visit(root)
    return order
