"""Files derived from pages' outputs are written again only when one of those pages was.

The one-page edition and the citation downloads are made at the end of an
HTML build from what the article's pages show. Sphinx writes a page again
whenever what it shows changes (this package sees to it for citations,
titles, counts and the bibliography), so a derived file newer than every
page it comes from is up to date, and a rebuild in which no page was
written (the commonest rebuild of a live preview) need not make it again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def up_to_date(target: Path, sources: Iterable[Path]) -> bool:
    """*target* exists and is newer than every one of *sources* (all existing)."""
    try:
        written = target.stat().st_mtime_ns
        # Equal times (a coarse file system clock) count as newer: write again.
        return all(source.stat().st_mtime_ns < written for source in sources)
    except OSError:
        return False
