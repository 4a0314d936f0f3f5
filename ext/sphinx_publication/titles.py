"""A page title that changes rewrites every page, as a clean build would.

Sphinx re-reads the page whose title changed and rewrites its toctree
parents, but not the other pages, whose navigation (previous/next links, the
theme's sidebar listing every page) still shows the old title until a
clean build. Titles are compared with the previous build's after reading;
when one differs, every page is written again. Costs one dictionary
comparison per build otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .snapshots import SnapshotDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class PageTitlesDomain(SnapshotDomain):
    """The page titles of the previous build."""

    name = "publication-titles"
    label = "Publication page titles"
    initial_data: dict[str, Any] = {"titles": {}}


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    titles = {docname: env.titles[docname].astext()
              for docname in sorted(env.found_docs) if docname in env.titles}
    previous = env.get_domain(PageTitlesDomain.name).swap("titles", titles)
    if not previous or previous == titles:
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> dict:
    app.add_domain(PageTitlesDomain)
    app.connect("env-updated", pages_to_rewrite)
    from .package_info import extension_metadata

    return extension_metadata(env_version=1)
