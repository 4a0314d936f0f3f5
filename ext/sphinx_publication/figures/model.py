"""The data of a chart or a table: plain dataclasses, no Sphinx, no rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

CHART_KINDS = ("bar", "pie", "line")
SCALES = ("linear", "log")


@dataclass(frozen=True)
class Value:
    """A number as written in the source, kept exact for tables and tooltips."""

    number: Decimal
    percent: bool = False  # written as "65%": the number is 65, shown as 65 %

    @property
    def as_float(self) -> float:
        return float(self.number)


@dataclass
class Series:
    name: str
    values: list[Value]


@dataclass
class Chart:
    """A chart: category labels along one axis, one or more series of values."""

    kind: str
    title: str
    labels: list[str]
    series: list[Series]
    x_label: str = ""
    y_label: str = ""
    unit: str = ""
    scale: str = "linear"
    description: str = ""

    @property
    def values(self) -> list[Value]:
        return [value for series in self.series for value in series.values]

    @property
    def is_percent(self) -> bool:
        values = self.values
        return bool(values) and all(value.percent for value in values)

    @property
    def has_legend(self) -> bool:
        return len(self.series) > 1


@dataclass
class Table:
    """A table of text cells with one header row."""

    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
