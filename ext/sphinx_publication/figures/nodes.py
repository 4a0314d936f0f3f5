"""The builder-neutral node of a chart (its data lives in ``node['chart']``)."""

from __future__ import annotations

from docutils import nodes


class chart_node(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A chart drawn at write time by the renderer of the current builder.

    Attributes: ``chart`` (:class:`~.model.Chart`), ``uid`` (unique on any
    page, derived from the document name), ``width`` (optional CSS length).
    """
