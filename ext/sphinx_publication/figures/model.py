"""The data of a chart or a table: plain dataclasses, no Sphinx, no rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

CHART_KINDS = ("bar", "pie", "line")
PLOT_KIND = "plot"  # a Plotly figure's cartesian traces (see :class:`Plot`)
PANELS_KIND = "panels"  # small multiples: a Plotly figure's subplots or pies, one panel each
SCALES = ("linear", "log")
AXIS_TYPES = ("category", "linear", "log", "date")
BARMODES = ("group", "stack", "relative", "overlay")


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
    values: list[Value | None]  # None: no value for this label (a gap)


@dataclass
class Axis:
    """One axis of a :class:`Plot`, as the figure defines it."""

    type: str = "linear"  # one of AXIS_TYPES
    title: str = ""
    reversed: bool = False
    percent: bool = False  # ticks multiplied by 100 and shown with % (tickformat ".0%")
    suffix: str = ""  # ticksuffix, e.g. "%" for values already in percent
    prefix: str = ""  # tickprefix, e.g. "$"
    categories: list[str] = field(default_factory=list)  # category axes: the order drawn
    range: tuple[float, float] | None = None  # the figure's range, low to high (category axes: indices)
    match: str = ""  # the axes drawn with one range (Plotly's ``matches``): the same name on each panel


@dataclass
class Trace:
    """One Plotly trace on the cartesian axes.

    ``positions`` are the trace's points along the category axis (the x axis,
    or y for horizontal bars): category names, numbers, or milliseconds since
    1970 for dates. ``values`` are along the value axis (None: a gap).
    """

    type: str  # "bar" or "scatter"
    name: str
    positions: list[str | float]
    values: list[Value | None]
    mode: frozenset[str] = frozenset({"lines", "markers"})  # scatter only
    sizes: list[float] | None = None  # marker diameters in px (bubble charts)
    base: list[float] | None = None  # bars: where each bar starts on the value axis
    fill: str = "none"  # "none", "tozeroy" or "tonexty"
    connectgaps: bool = False
    errors_plus: list[float] | None = None  # error bar half-lengths above
    errors_minus: list[float] | None = None  # and below
    texts: list[str] | None = None  # mode "text": the text drawn at each point
    dash: str = ""  # line.dash: "solid", "dash", "dot", "dashdot" (tells traces apart)
    stackgroup: str = ""  # scatters of one stack group are piled up (areas)
    groupnorm: str = ""  # the stack group's normalisation: "", "fraction" or "percent"
    stackgaps: str = "infer zero"  # the stack group's missing points: zero, or "interpolate"
    in_legend: bool = True  # Plotly's showlegend (and legendgroup): an entry in the legend
    text_template: str = ""  # texttemplate: %{y}, %{x}, %{label}, %{value}, %{text}; "": the texts
    text_position: str = ""  # textposition: "inside", "outside", "auto"…
    bar_width: list[float] | None = None  # bars: width in position-axis units (nan: Plotly's own)
    bar_offset: list[float] | None = None  # bars: start relative to the position (nan: Plotly's own)
    hovertexts: list[str] | None = None  # hovertext: added to each point's tooltip


@dataclass
class Plot:
    """Cartesian traces: bars and scatters sharing one pair of axes."""

    traces: list[Trace]
    position_axis: Axis  # x, or y when the bars are horizontal
    value_axis: Axis
    horizontal: bool = False  # bars along x (Plotly's orientation "h")
    barmode: str = "group"
    barnorm: str = ""  # "", "fraction" or "percent"
    showlegend: bool | None = None  # layout.showlegend; None: a legend for more than one trace


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
    hole: float = 0.0  # pie: inner radius as a fraction of the radius (donut)
    plot: Plot | None = None  # kind "plot": what the drawing follows
    panels: list[Chart] = field(default_factory=list)  # kind "panels": drawn one below the other
    notes: list = field(default_factory=list)  # Plotly: DataErrors for what is left out, warned about
    heading: str = ""  # Plotly: the figure's own title, drawn above the chart (the caption is apart)
    grid: list[list[int]] = field(default_factory=list)  # panels: rows of panel indices, as the domains place them
    stats: dict = field(default_factory=dict)  # kinds "box" and "heatmap": what the drawing adds to the table
    clockwise: bool = True  # pie: the slices follow each other clockwise (Plotly's ``direction``)
    rotation: float = 0.0  # pie: degrees clockwise from 12 o'clock where the first slice starts
    pulls: list[float] = field(default_factory=list)  # pie: each slice pulled out, a fraction of the radius
    slice_text: str | None = None  # pie: Plotly template of the slice labels (%{label}, %{percent}…); None: shares
    slice_texts: list[str] = field(default_factory=list)  # pie: each slice's ``text`` (%{text})

    @property
    def values(self) -> list[Value]:
        return [value for series in self.series for value in series.values if value is not None]

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


# -- words of a chart: what a translation changes (the values never) ------------------------


def _chart_texts(chart: Chart) -> list[str]:
    texts = [chart.title, chart.heading, chart.x_label, chart.y_label, chart.unit, chart.description,
             *chart.labels, *(series.name for series in chart.series)]
    if chart.plot is not None:
        for axis in (chart.plot.position_axis, chart.plot.value_axis):
            texts += [axis.title, *axis.categories]
        for trace in chart.plot.traces:
            texts += [trace.name, *(p for p in trace.positions if isinstance(p, str)), *(trace.texts or [])]
    for panel in chart.panels:
        texts += _chart_texts(panel)
    return texts


def chart_words(chart: Chart, is_words) -> list[str]:
    """The chart's words, once each, in drawing order: title, axis titles, labels,
    series names, categories, point texts (``is_words`` tells words from numbers)."""
    return list(dict.fromkeys(text for text in _chart_texts(chart) if is_words(text)))


def translate_chart(chart: Chart, mapping: dict[str, str]) -> None:
    """Replace the chart's words found in *mapping*, in place; values are untouched."""
    def tr(text):
        return mapping.get(text, text) if isinstance(text, str) else text

    for name in ("title", "heading", "x_label", "y_label", "unit", "description"):
        setattr(chart, name, tr(getattr(chart, name)))
    chart.labels = [tr(label) for label in chart.labels]
    for series in chart.series:
        series.name = tr(series.name)
    if chart.plot is not None:
        for axis in (chart.plot.position_axis, chart.plot.value_axis):
            axis.title = tr(axis.title)
            axis.categories = [tr(category) for category in axis.categories]
        for trace in chart.plot.traces:
            trace.name = tr(trace.name)
            trace.positions = [tr(position) for position in trace.positions]
            if trace.texts:
                trace.texts = [tr(text) for text in trace.texts]
    for panel in chart.panels:
        translate_chart(panel, mapping)
