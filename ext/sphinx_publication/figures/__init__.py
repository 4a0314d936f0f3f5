"""Accessible charts and data tables that render in every Sphinx output.

Directives ``chart-bar``, ``chart-pie``, ``chart-line``, ``chart`` (Plotly
figure JSON) and ``data-table``. HTML gets inline SVG plus a data table and no
JavaScript; LaTeX gets a vector PDF in a numbered figure; every other builder
gets the data as a table. Use it alone with
``extensions = ["sphinx_publication.figures"]``.

Sphinx is imported by ``setup()`` only: the pure modules (:mod:`.parse`,
:mod:`.model`) serve the draft importer without it.
"""


def setup(app):
    from ..assets import add_generated_stylesheet, add_stylesheet
    from ..builders import add_visitors
    from ..i18n import register_catalog
    from ..package_info import extension_metadata
    from .directives import BarChart, DataTableDirective, LineChart, PieChart, PlotlyChart
    from .data_folders import (
        forget_linked_folders,
        merge_linked_folders,
        record_linked_folders,
        remove_unused_downloads_after_build,
    )
    from .downloads import download_node, visit_download_html, visit_download_latex
    from .nodes import chart_node
    from .palette import stylesheet
    from .pdf import remove_unused_chart_pdfs_after_latex_build
    from .render import charts_as_tables, depart_nothing, visit_chart_html, visit_chart_latex

    register_catalog(app, "sphinx_publication.figures", __file__)
    # dirhtml, singlehtml and epub use the "html" format's visitors.
    add_visitors(
        app,
        chart_node,
        html=(visit_chart_html, depart_nothing),
        latex=(visit_chart_latex, depart_nothing),
    )
    add_visitors(
        app,
        download_node,
        html=(visit_download_html, depart_nothing),
        latex=(visit_download_latex, depart_nothing),
    )
    app.add_directive("chart-bar", BarChart)
    app.add_directive("chart-pie", PieChart)
    app.add_directive("chart-line", LineChart)
    app.add_directive("chart", PlotlyChart)
    app.add_directive("data-table", DataTableDirective)
    app.connect("doctree-resolved", charts_as_tables)
    app.connect("build-finished", remove_unused_chart_pdfs_after_latex_build)
    app.connect("doctree-read", record_linked_folders)
    app.connect("env-purge-doc", forget_linked_folders)
    app.connect("env-merge-info", merge_linked_folders)
    app.connect("build-finished", remove_unused_downloads_after_build)
    add_stylesheet(app, __file__, "sphinx-publication-figures.css")
    add_generated_stylesheet(app, "sphinx-publication-chart-colours.css", stylesheet)
    # 4: the environment records the data folders each page links
    return extension_metadata(env_version=4)
