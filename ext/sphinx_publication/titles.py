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

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class PageTitlesDomain(Domain):
    """The page titles of the previous build."""

    name = "publication-titles"
    label = "Publication page titles"
    initial_data: dict[str, Any] = {"titles": {}}

    def clear_doc(self, docname: str) -> None:
        pass  # recomputed for the whole project after every read

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        pass  # computed in the main process after merging

    def resolve_any_xref(self, *args, **kwargs):
        return []


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    data = env.get_domain(PageTitlesDomain.name).data
    titles = {docname: env.titles[docname].astext()
              for docname in sorted(env.found_docs) if docname in env.titles}
    previous, data["titles"] = data["titles"], titles
    if not previous or previous == titles:
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> dict:
    app.add_domain(PageTitlesDomain)
    app.connect("env-updated", pages_to_rewrite)
    from .package_info import extension_metadata

    return extension_metadata(env_version=1)
