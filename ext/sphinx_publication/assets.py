"""Stylesheets shipped by the sub-extensions.

Each sub-extension keeps its CSS in its own ``static/`` folder. Adding the
folder to ``html_static_path`` (rather than copying the file after the build)
lets Sphinx copy it with the theme's assets and stamp its link with the same
``?v=`` checksum on clean and incremental builds alike.
"""

from __future__ import annotations

from pathlib import Path
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
