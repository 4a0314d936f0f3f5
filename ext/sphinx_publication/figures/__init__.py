"""Accessible charts and data tables that render in every Sphinx output.

Directives ``chart-bar``, ``chart-pie``, ``chart-line``, ``chart`` (Plotly
figure JSON) and ``data-table``. HTML gets inline SVG plus a data table and no
JavaScript; LaTeX gets a vector PDF in a numbered figure; every other builder
gets the data as a table. Use it alone with
``extensions = ["sphinx_publication.figures"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assets import add_stylesheet
from ..i18n import register_catalog
from .downloads import (
    download_node,
    links_files,
    remove_unused_downloads,
    visit_download_html,
    visit_download_latex,
)
from .directives import BarChart, DataTableDirective, LineChart, PieChart, PlotlyChart
from .nodes import chart_node
from .pdf import remove_unused_chart_pdfs
from .render import ChartToTable, depart_nothing, visit_chart_html, visit_chart_latex

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"
ENV_VERSION = 3  # chart nodes carry download names; Plotly charts a plot model
CSS_FILE = "sphinx-publication-figures.css"


def _remove_unused_chart_pdfs(app: Sphinx, exception: BaseException | None) -> None:
    # Only after a complete LaTeX build: every .tex then names the PDFs it needs.
    if exception is None and app.builder.format == "latex":
        remove_unused_chart_pdfs(app.builder.outdir)
    # Likewise every HTML page names the data files it links.
    if exception is None and links_files(app.builder):
        remove_unused_downloads(app.builder.outdir)


def setup(app: Sphinx) -> dict:
    register_catalog(app, "sphinx_publication.figures", __file__)
    # Format names only (see render.py): dirhtml, singlehtml and epub use "html".
    app.add_node(
        chart_node,
        html=(visit_chart_html, depart_nothing),
        latex=(visit_chart_latex, depart_nothing),
    )
    app.add_node(
        download_node,
        html=(visit_download_html, depart_nothing),
        latex=(visit_download_latex, depart_nothing),
    )
    app.add_directive("chart-bar", BarChart)
    app.add_directive("chart-pie", PieChart)
    app.add_directive("chart-line", LineChart)
    app.add_directive("chart", PlotlyChart)
    app.add_directive("data-table", DataTableDirective)
    app.add_post_transform(ChartToTable)
    app.connect("build-finished", _remove_unused_chart_pdfs)
    add_stylesheet(app, __file__, CSS_FILE)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
