"""The builder-neutral node of a chart (its data lives in ``node['chart']``)."""

from __future__ import annotations

from docutils import nodes

from ..translatable import AttributeMessages, is_words
from .model import chart_words, translate_chart


class chart_node(AttributeMessages, nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A chart drawn at write time by the renderer of the current builder.

    Attributes: ``chart`` (:class:`~.model.Chart`), ``uid`` (unique on any
    page, derived from the document name), ``width`` (optional CSS length).

    Its words (title, axis titles, labels, series names…) are messages of the
    page's catalog: a translated edition draws them translated, from the same
    values.
    """

    def attribute_messages(self) -> list[str]:
        return chart_words(self["chart"], is_words) if "chart" in self.attributes else []

    def translate_words(self, mapping: dict[str, str]) -> None:
        if "chart" in self.attributes:
            translate_chart(self["chart"], mapping)
