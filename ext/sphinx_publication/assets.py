"""Stylesheets shipped by the sub-extensions.

Each sub-extension keeps its CSS in its own ``static/`` folder. Adding the
folder to ``html_static_path`` (rather than copying the file after the build)
lets Sphinx copy it with the theme's assets and stamp its link with the same
``?v=`` checksum on clean and incremental builds alike.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_stylesheet(app: Sphinx, package_file: str, css_file: str) -> None:
    """Serve ``static/<css_file>`` next to *package_file* on every HTML page."""
    static_dir = str(Path(package_file).resolve().parent / "static")

    def add_static_path(app: Sphinx) -> None:
        if app.builder.format == "html" and static_dir not in app.config.html_static_path:
            app.config.html_static_path.append(static_dir)

    app.add_css_file(css_file)
    app.connect("builder-inited", add_static_path)


def add_generated_stylesheet(app: Sphinx, css_file: str, text: Callable[[], str]) -> None:
    """Serve ``_static/<css_file>``, written from *text()* when the builder starts
    (before Sphinx copies the static files and stamps each link with the
    file's checksum), on every page of the html-format builders."""

    def write(app: Sphinx) -> None:
        if app.builder.format != "html":
            return
        target = Path(app.builder.outdir) / "_static" / css_file
        content = text()
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")

    app.add_css_file(css_file)
    app.connect("builder-inited", write)
