"""Charts and tables read back by the figures layer's own parser before they are written.

The chart and table directives read their options and body with
:mod:`sphinx_publication.figures.parse` (pure, no Sphinx). Reading the text the
importer is about to write with that same parser means one grammar, not two:
a draft that imports without error builds without a figures warning.
"""

from __future__ import annotations

from sphinx_publication.figures.parse import (
    DataError,
    build_chart,
    build_table,
    parse_lines,
    split_headers,
)

from .emit import FigureDirective, chart_directive, table_directive
from .markers import EXPECTED_CHART, EXPECTED_TABLE
from .messages import _, figures_gettext
from .model import Chart, Diagnostic, Document, Table


def check_figures(document: Document) -> list[Diagnostic]:
    """One error per chart or table whose directive the build would reject."""
    diagnostics = []
    for block in document.iter_blocks():
        if isinstance(block, (Chart, Table)):
            problem = figure_problem(block)
            if problem is not None:
                diagnostics.append(problem)
    return diagnostics


def figure_problem(block: Chart | Table) -> Diagnostic | None:
    directive = chart_directive(block) if isinstance(block, Chart) else table_directive(block)
    try:
        read_back(block, directive)
    except DataError as error:
        reason = error.localized(figures_gettext())
        if isinstance(block, Chart):
            message, expected = _("this chart would not build: {reason}"), EXPECTED_CHART
        else:
            message, expected = _("this table would not build: {reason}"), EXPECTED_TABLE
        return Diagnostic(
            "error",
            block.location,
            message.format(reason=reason),
            marker=error.line.strip() if error.line else "",
            expected=expected,
        )
    return None


def read_back(block: Chart | Table, directive: FigureDirective) -> None:
    """What the figures directive does with *directive*; raises its DataError."""
    options = directive.options
    rows = parse_lines(directive.body)
    headers = split_headers(options["headers"]) if "headers" in options else None
    if isinstance(block, Chart):
        build_chart(
            block.kind,
            directive.argument,
            headers,
            rows,
            x_label=options.get("x-label", ""),
            y_label=options.get("y-label", ""),
        )
    else:
        build_table(directive.argument, headers, rows)
