"""Plotly trace types computed from their data: ``histogram``, ``waterfall``
and ``funnel`` become the bar traces Plotly draws for them; ``box`` gets its
statistics. Pure: JSON in, JSON (or numbers) out; every problem a located
:class:`~.parse.DataError`.

The binning follows plotly.js (``Axes.autoBin``, ``autoShiftNumericBins``
and the histogram's ``calc``): a bin size from the data's spread rounded to a
"nice" tick step, bins starting on a tick, shifted half a bin when the values
fall on the edges; several histograms sharing an axis share their bins.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .parse import DataError
from .plotly_values import _key_text, _number, _text, _unsupported


def _(message: str) -> str:
    """Mark *message* for the figures catalog; the Sphinx layer translates it."""
    return message


def _numbers(raw: list, path: str) -> list[float | None]:
    return [None if item is None else _number(item, f"{path}[{n}]") for n, item in enumerate(raw)]


# -- plotly.js' tick and bin arithmetic -------------------------------------------


def _round_up(value: float, steps: list[float], reverse: bool = False) -> float:
    """``Lib.roundUp``: the first step above *value* (reverse: the last at or below it)."""
    low, high, count = 0, len(steps) - 1, 0
    rounded = math.ceil if reverse else math.floor
    while low < high and count < 100:
        count += 1
        middle = rounded((low + high) / 2)
        if steps[middle] <= value:
            low = middle if reverse else middle + 1
        else:
            high = middle - 1 if reverse else middle
    return steps[low]


def _nice_step(rough: float) -> float:
    """``Axes.autoTicks`` on a linear axis: 2, 5 or 10 times a power of ten."""
    base = 10 ** math.floor(math.log10(rough))
    return base * _round_up(rough / base, [2, 5, 10])


def _distinct_min_diff(values: list[float]) -> float:
    ordered = sorted(values)
    min_diff = (ordered[-1] - ordered[0]) or 1.0
    tolerance = min_diff / ((len(ordered) - 1) or 1) / 10000
    previous = None
    for value in ordered:
        if previous is None:
            previous = value
        elif value - previous > tolerance:
            min_diff = min(min_diff, value - previous)
            previous = value
    return min_diff


def _stdev(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))


def _shift_bins(start: float, data: list[float], size: float, low: float, high: float) -> float:
    """``autoShiftNumericBins``: integers get bins centred on them; values on
    the edges push the bins half a bin over."""
    def near_edge(value: float) -> bool:
        return math.fmod(1 + (value - start) * 100 / size, 100) < 2

    integers = sum(1 for value in data if value % 1 == 0)
    edges = sum(1 for value in data if near_edge(value))
    middles = sum(1 for value in data if near_edge(value + size / 2))
    if integers == len(data):
        if size < 1:
            return low - 0.5 * size
        start -= 0.5
        return start + size if start + size < low else start
    if middles < len(data) * 0.1 and (edges > len(data) * 0.3 or near_edge(low) or near_edge(high)):
        shift = size / 2
        return start + shift if start + shift < low else start - shift
    return start


def auto_bins(data: list[float], nbins: int = 0, size: float = 0.0) -> tuple[float, float, float]:
    """``Axes.autoBin`` on a linear axis: (start, end, size) of the bins."""
    low, high = min(data), max(data)
    if size:
        step = size
    else:
        if nbins:
            rough = (high - low) / nbins
        else:
            min_diff = _distinct_min_diff(data)
            power = 10 ** math.floor(math.log10(min_diff))
            smallest = power * _round_up(min_diff / power, [0.9, 1.9, 4.9, 9.9], reverse=True)
            rough = max(smallest, 2 * _stdev(data) / len(data) ** 0.4)
        if not rough or not math.isfinite(rough):
            rough = 1.0
        step = _nice_step(rough)
    # the first tick at or above the (slightly widened) range start, then one step back
    widened = low - (high - low) * 1e-4
    start = math.ceil(widened / step) * step - step
    start = _shift_bins(start, data, step, low, high)
    count = 1 + math.floor((high - start) / step)
    return start, start + count * step, step


# -- histogram -------------------------------------------------------------------

_HISTFUNCS: dict[str, Callable[[list[float]], float]] = {
    "count": len, "sum": sum, "avg": lambda values: sum(values) / len(values), "min": min, "max": max,
}
HISTNORMS = ("", "percent", "probability", "density", "probability density")


def histograms(traces: list[tuple[int, dict]], layout: dict) -> dict[int, float]:
    """Each ``histogram`` of *traces* replaced, in place, by the bar trace Plotly
    draws; returns the bin size of each (by index in ``data``)."""
    sizes: dict[int, float] = {}
    histogram = [(n, index, trace) for n, (index, trace) in enumerate(traces) if trace.get("type") == "histogram"]
    if not histogram:
        return sizes
    barmode = layout.get("barmode", "group")
    read = []
    for n, index, trace in histogram:
        path = f"data[{index}]"
        horizontal = trace.get("orientation", "h" if "y" in trace and "x" not in trace else "v") == "h"
        sample_key, value_key = ("y", "x") if horizontal else ("x", "y")
        raw = trace.get(sample_key)
        if not isinstance(raw, list) or not raw:
            raise DataError(_("{path}: the trace has no data (give {keys})"), path=path, keys=sample_key)
        if any(isinstance(item, str) for item in raw if item is not None):
            try:
                samples = _numbers(raw, f"{path}.{sample_key}")
            except DataError:
                raise _unsupported(f"{path}.{sample_key}", raw, "numbers (a histogram of names: use a bar chart"
                                   " of their counts)") from None
        else:
            samples = _numbers(raw, f"{path}.{sample_key}")
        for key in ("cumulative", "autobinx", "autobiny", "bingroup"):
            if trace.get(key) not in (None, False, {}, "") and not (key == "cumulative"
                                                                  and trace[key].get("enabled") is False):
                raise _unsupported(f"{path}.{key}", trace[key], "")
        read.append((n, index, trace, horizontal, sample_key, value_key, samples))
    # bins: shared by the histograms of one axis unless they are overlaid (plotly.js' bingroup)
    groups: dict[tuple, list] = {}
    for entry in read:
        n, index, trace, horizontal = entry[:4]
        axis = trace.get("yaxis" if horizontal else "xaxis", "y" if horizontal else "x")
        key = (axis, horizontal) if barmode != "overlay" else (axis, horizontal, index)
        groups.setdefault(key, []).append(entry)
    for members in groups.values():
        specs = [_bin_spec(entry) for entry in members]
        if len(members) > 1 and all(spec is None for spec in specs):
            own_sizes = [auto_bins(values, _nbins(entry))[2] for entry in members
                         if (values := [v for v in entry[6] if v is not None])]
            everything = [v for entry in members for v in entry[6] if v is not None]
            shared = auto_bins(everything, size=min(own_sizes)) if everything else None
            specs = [shared] * len(members)
        for entry, spec in zip(members, specs):
            n, index, trace, horizontal, sample_key, value_key, samples = entry
            traces[n] = (index, _histogram_bars(entry, spec, barmode, len(members)))
            if spec is None:
                values = [v for v in samples if v is not None]
                spec = auto_bins(values, _nbins(entry)) if values else (0.0, 1.0, 1.0)
            sizes[index] = spec[2]
    return sizes


def _nbins(entry) -> int:
    trace, sample_key = entry[2], entry[4]
    nbins = trace.get(f"nbins{sample_key}", 0) or 0
    if not isinstance(nbins, int) or isinstance(nbins, bool) or nbins < 0:
        raise _unsupported(f"data[{entry[1]}].nbins{sample_key}", nbins, ">= 0")
    return nbins


def _bin_spec(entry) -> tuple[float, float, float] | None:
    """The trace's own ``xbins`` (start, end, size), when it gives all three."""
    index, trace, sample_key = entry[1], entry[2], entry[4]
    bins = trace.get(f"{sample_key}bins")
    if not isinstance(bins, dict) or not bins:
        return None
    path = f"data[{index}].{sample_key}bins"
    values = [v for v in entry[6] if v is not None]
    auto = auto_bins(values, _nbins(entry)) if values else (0.0, 1.0, 1.0)
    size = bins.get("size")
    size = auto[2] if size is None else _number(size, f"{path}.size")
    if size <= 0:
        raise _unsupported(f"{path}.size", size, "> 0")
    start = auto[0] if bins.get("start") is None else _number(bins["start"], f"{path}.start")
    end = auto[1] if bins.get("end") is None else _number(bins["end"], f"{path}.end")
    if bins.get("size") is not None and bins.get("start") is None:
        start = auto_bins(values, size=size)[0] if values else start
        end = auto_bins(values, size=size)[1] if values else end
    return start, end, size


def _histogram_bars(entry, spec, barmode: str, shared: int) -> dict:
    n, index, trace, horizontal, sample_key, value_key, samples = entry
    path = f"data[{index}]"
    if spec is None:
        values = [v for v in samples if v is not None]
        spec = auto_bins(values, _nbins(entry)) if values else (0.0, 1.0, 1.0)
    start, end, size = spec
    count = max(1, round((end - start) / size))
    func = trace.get("histfunc", "count")
    if func not in _HISTFUNCS:
        raise _unsupported(f"{path}.histfunc", func, ", ".join(repr(name) for name in _HISTFUNCS))
    weights_raw = trace.get(value_key)
    if func != "count" and not isinstance(weights_raw, list):
        func = "count"  # Plotly counts when there is nothing else to aggregate
    weights = _numbers(weights_raw, f"{path}.{value_key}") if func != "count" else None
    collected: list[list[float]] = [[] for _bin in range(count)]
    for position, sample in enumerate(samples):
        if sample is None or not start <= sample < start + count * size + size * 1e-9:
            continue
        which = min(int((sample - start) // size), count - 1)
        if weights is None:
            collected[which].append(1.0)
        elif position < len(weights) and weights[position] is not None:
            collected[which].append(weights[position])
    heights = [(_HISTFUNCS[func](values) if values else 0.0) if func != "count" else float(len(values))
               for values in collected]
    if func in ("avg", "min", "max"):
        heights = [height if values else None for height, values in zip(heights, collected)]
    norm = trace.get("histnorm", "") or ""
    if norm not in HISTNORMS:
        raise _unsupported(f"{path}.histnorm", norm, ", ".join(repr(name) for name in HISTNORMS))
    total = sum(h for h in heights if h is not None)
    if norm and total:
        factor = {"percent": 100 / total, "probability": 1 / total, "density": 1 / size,
                  "probability density": 1 / total / size}[norm]
        heights = [None if h is None else h * factor for h in heights]
    centres = [start + size * (k + 0.5) for k in range(count)]
    bar = {key: value for key, value in trace.items()
           if key not in (sample_key, value_key, "type", "histfunc", "histnorm", f"nbins{sample_key}",
                          f"{sample_key}bins", "autobinx", "autobiny", "bingroup", "cumulative", "orientation")}
    bar.update({"type": "bar", sample_key: [_clean(c) for c in centres],
                value_key: [None if h is None else _clean(h) for h in heights],
                "orientation": "h" if horizontal else "v"})
    if barmode != "group" or shared == 1:
        bar.setdefault("width", size)  # Plotly's histograms have no gap between bins
    return bar


def _clean(number: float) -> float | int:
    """A bin centre or height without float noise (0.30000000000000004 -> 0.3)."""
    rounded = round(number, 12)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 1e15 else rounded


# -- waterfall and funnel ------------------------------------------------------------


def _bar_values(trace: dict, path: str, orientation: str) -> tuple[bool, str, list]:
    """A waterfall's or funnel's orientation (*orientation* by default), the key
    of its values, and the values read as numbers."""
    horizontal = trace.get("orientation", orientation) == "h"
    value_key = "x" if horizontal else "y"
    raw = trace.get(value_key)
    if not isinstance(raw, list):
        raise DataError(_("{path}: the trace has no data (give {keys})"), path=path, keys=value_key)
    return horizontal, value_key, _numbers(raw, f"{path}.{value_key}")


def waterfalls(traces: list[tuple[int, dict]]) -> None:
    """Each ``waterfall`` replaced by floating bars: a relative step starts where
    the running total stands, a ``total`` bar rises from zero to it, an
    ``absolute`` one from zero to its value (the new total)."""
    for n, (index, trace) in enumerate(traces):
        if trace.get("type") != "waterfall":
            continue
        path = f"data[{index}]"
        horizontal, value_key, values = _bar_values(trace, path, "v")
        measures = trace.get("measure") or []
        if not isinstance(measures, list):
            raise _unsupported(f"{path}.measure", measures, "a list")
        running, bases, lengths = float(trace.get("base", 0) or 0), [], []
        for position, value in enumerate(values):
            measure = measures[position] if position < len(measures) else "relative"
            if measure not in ("relative", "total", "absolute"):
                raise _unsupported(f"{path}.measure[{position}]", measure, "'relative', 'total', 'absolute'")
            if measure == "total":
                bases.append(0.0)
                lengths.append(running)
            elif measure == "absolute":
                bases.append(0.0)
                lengths.append(value or 0.0)
                running = value or 0.0
            else:
                bases.append(running)
                lengths.append(value or 0.0)
                running += value or 0.0
        bar = {key: value for key, value in trace.items()
               if key not in ("type", "measure", "connector", "increasing", "decreasing", "totals", "base",
                              "textinfo")}
        bar.update({"type": "bar", value_key: [_clean(v) for v in lengths], "base": [_clean(b) for b in bases]})
        traces[n] = (index, bar)


def funnels(traces: list[tuple[int, dict]], layout: dict) -> None:
    """Each ``funnel`` replaced by the bars Plotly draws: horizontal by default,
    each centred on zero, as long as its value, the first stage at the top
    (Plotly reverses a funnel's category axis unless the figure says otherwise)."""
    for n, (index, trace) in enumerate(traces):
        if trace.get("type") != "funnel":
            continue
        horizontal, value_key, values = _bar_values(trace, f"data[{index}]", "h")
        bar = {key: value for key, value in trace.items()
               if key not in ("type", "connector", "textinfo")}
        stages = f"{'y' if horizontal else 'x'}axis{str(trace.get('yaxis' if horizontal else 'xaxis', ''))[1:]}"
        axis = layout.setdefault(stages, {}) if isinstance(layout.get(stages, {}), dict) else {}
        if horizontal and "autorange" not in axis and "range" not in axis:
            axis["autorange"] = "reversed"
        bar.update({"type": "bar", "orientation": "h" if horizontal else "v",
                    value_key: [None if v is None else _clean(v) for v in values],
                    "base": [0 if v is None else _clean(-v / 2) for v in values]})
        traces[n] = (index, bar)


# -- box -------------------------------------------------------------------------


def interp(ordered: list[float], fraction: float) -> float:
    """``Lib.interp``: the value at *fraction* of sorted data (Plotly's ``linear`` quartiles)."""
    position = fraction * len(ordered) - 0.5
    if position < 0:
        return ordered[0]
    if position > len(ordered) - 1:
        return ordered[-1]
    part = position % 1
    return part * ordered[math.ceil(position)] + (1 - part) * ordered[math.floor(position)]


def box_stats(values: list[float], method: str = "linear") -> dict[str, float | list[float]]:
    """Plotly's box: quartiles, whiskers to the furthest point within 1.5 IQR, outliers beyond."""
    ordered = sorted(values)
    count = len(ordered)
    if method == "linear":
        q1, median, q3 = interp(ordered, 0.25), interp(ordered, 0.5), interp(ordered, 0.75)
    else:  # "exclusive" / "inclusive": the medians of the lower and upper halves
        median = interp(ordered, 0.5)
        half = count // 2
        lower, upper = ordered[:half], ordered[half + (count % 2):]
        if method == "inclusive" and count % 2:
            lower, upper = ordered[:half + 1], ordered[half:]
        q1 = interp(lower, 0.5) if lower else median
        q3 = interp(upper, 0.5) if upper else median
    iqr = q3 - q1
    low_fence = min(value for value in ordered if value >= q1 - 1.5 * iqr)
    high_fence = max(value for value in ordered if value <= q3 + 1.5 * iqr)
    return {"min": ordered[0], "q1": q1, "median": median, "q3": q3, "max": ordered[-1],
            "lower": min(low_fence, q1), "upper": max(high_fence, q3), "mean": sum(ordered) / count,
            "outliers": [value for value in ordered if value < low_fence or value > high_fence], "n": count}


def box_chart(traces: list[tuple[int, dict]], layout: dict):
    """Box traces -> a chart of kind ``"box"``: one row per box (a trace, or a
    trace at one of its x), its statistics as columns."""
    from decimal import Decimal

    from .model import Chart, Series, Value

    rows: list[str] = []
    table: dict[str, list] = {name: [] for name in ("n", "min", "Q1", "Q2", "Q3", "max", "x̄")}
    stats: dict = {"lower": [], "upper": [], "outliers": [], "points": [], "trace": [], "mean": []}
    orientations = set()
    has_mean = False
    for order, (index, trace) in enumerate(traces):
        path = f"data[{index}]"
        horizontal = trace.get("orientation", "h" if "x" in trace and "y" not in trace else "v") == "h"
        orientations.add(horizontal)
        value_key, position_key = ("x", "y") if horizontal else ("y", "x")
        raw = trace.get(value_key)
        if not isinstance(raw, list):
            raise DataError(_("{path}: the trace has no data (give {keys})"), path=path, keys=value_key)
        for key in ("q1", "median", "q3", "lowerfence", "upperfence", "mean", "sd", "notched"):
            if trace.get(key) not in (None, False):
                raise _unsupported(f"{path}.{key}", trace[key], "the data itself")
        values = _numbers(raw, f"{path}.{value_key}")
        name = _text(trace.get("name")) or (f"trace {index}" if len(traces) > 1 or trace.get(position_key) is None
                                            else "")
        positions = trace.get(position_key)
        groups: dict[str, list[float]] = {}
        if isinstance(positions, list):
            for position, value in zip(positions, values):
                if value is not None and position is not None:
                    groups.setdefault(_key_text(position), []).append(value)
        else:
            key = _key_text(trace[f"{position_key}0"]) if f"{position_key}0" in trace else name
            groups[key] = [value for value in values if value is not None]
        method = trace.get("quartilemethod", "linear")
        if method not in ("linear", "exclusive", "inclusive"):
            raise _unsupported(f"{path}.quartilemethod", method, "'linear', 'exclusive', 'inclusive'")
        points = trace.get("boxpoints", "outliers")
        if points not in ("outliers", "suspectedoutliers", "all", False):
            raise _unsupported(f"{path}.boxpoints", points, "'outliers', 'all', false")
        mean = trace.get("boxmean", False)
        has_mean = has_mean or bool(mean)
        for position, group in groups.items():
            if not group:
                continue
            numbers = box_stats(group, method)
            label = position if position == name or not isinstance(positions, list) else (
                f"{name} — {position}" if len(traces) > 1 else position)
            rows.append(label or position)
            for column, key in (("n", "n"), ("min", "min"), ("Q1", "q1"), ("Q2", "median"), ("Q3", "q3"),
                                ("max", "max"), ("x̄", "mean")):
                table[column].append(Value(Decimal(repr(float(numbers[key]))).normalize()))
            stats["lower"].append(numbers["lower"])
            stats["upper"].append(numbers["upper"])
            stats["outliers"].append(numbers["outliers"] if points else [])
            stats["points"].append(sorted(group) if points == "all" else [])
            stats["trace"].append(order)
            stats["mean"].append(bool(mean))
    if len(orientations) > 1:
        raise _unsupported(f"data[{traces[-1][0]}].orientation", "h", "the orientation of the other traces")
    if not rows:
        raise DataError(_("{path}: the trace has no data (give {keys})"), path=f"data[{traces[0][0]}]", keys="y")
    stats["horizontal"] = orientations.pop()
    names = ["n", "min", "Q1", "Q2", "Q3", "max"] + (["x̄"] if has_mean else [])
    value_axis = "xaxis" if stats["horizontal"] else "yaxis"
    position_axis = "yaxis" if stats["horizontal"] else "xaxis"
    return Chart(kind="box", title="", labels=rows, series=[Series(name, table[name]) for name in names],
                 x_label=_text((layout.get(position_axis) or {}).get("title")) if isinstance(layout.get(position_axis), dict) else "",
                 y_label=_text((layout.get(value_axis) or {}).get("title")) if isinstance(layout.get(value_axis), dict) else "",
                 stats=stats)


def heatmap_chart(index: int, trace: dict, layout: dict):
    """A heatmap trace -> a chart of kind ``"heatmap"``: rows are its y, columns its x."""
    from decimal import Decimal

    from .model import Chart, Series, Value

    path = f"data[{index}]"
    z = trace.get("z")
    if not isinstance(z, list) or not z or not all(isinstance(row, list) for row in z):
        raise DataError(_("{path}: the trace has no data (give {keys})"), path=path, keys="z")
    if trace.get("transpose"):
        z = [list(column) for column in zip(*z)]
    width = max(len(row) for row in z)

    def labels(key: str, count: int) -> list[str]:
        raw = trace.get(key)
        if isinstance(raw, list):
            if len(raw) < count:
                raise DataError(_("{path} has {found} items for {expected} points; give one per point"),
                                path=f"{path}.{key}", found=len(raw), expected=count)
            return [_key_text(item) for item in raw[:count]]
        start = _number(trace.get(f"{key}0", 0), f"{path}.{key}0")
        step = _number(trace.get(f"d{key}", 1), f"{path}.d{key}")
        return [_key_text(start + step * n) for n in range(count)]

    rows, columns = labels("y", len(z)), labels("x", width)
    cells = [[None if (j >= len(row) or row[j] is None) else _number(row[j], f"{path}.z[{i}][{j}]")
              for j in range(width)] for i, row in enumerate(z)]
    series = [Series(column, [None if cells[i][j] is None else Value(Decimal(repr(cells[i][j])).normalize())
                              for i in range(len(rows))]) for j, column in enumerate(columns)]
    stats = {}
    for key in ("zmin", "zmax"):
        if trace.get(key) is not None and trace.get("zauto") is not True:
            stats[key] = _number(trace[key], f"{path}.{key}")
    x_axis, y_axis = layout.get("xaxis"), layout.get("yaxis")
    return Chart(kind="heatmap", title=_text(trace.get("name")), labels=rows, series=series,
                 x_label=_text(x_axis.get("title")) if isinstance(x_axis, dict) else "",
                 y_label=_text(y_axis.get("title")) if isinstance(y_axis, dict) else "", stats=stats)


# -- figures still refused: their data, as a table -------------------------------------

#: the arrays a refused trace's table gives, in this order (nested: ``link.source``)
DATA_KEYS = ("labels", "parents", "ids", "x", "y", "z", "values", "value", "r", "theta", "a", "b", "c",
             "lat", "lon", "locations", "open", "high", "low", "close", "u", "v", "w", "text")
NESTED_KEYS = {"node": ("label",), "link": ("source", "target", "value"), "dimensions": ()}


def _cell(item: object) -> str:
    if item is None:
        return ""
    if isinstance(item, list):  # a row of a matrix (z of a surface)
        return "; ".join(_cell(part) for part in item)
    if isinstance(item, dict):
        return ""
    return _key_text(item)


def refused_data(traces: list[tuple[int, dict]]):
    """What a refused figure's traces hold, as one :class:`~.model.Table`: a row
    per point, the trace's name and each of its data arrays as columns."""
    from .model import Table

    columns: list[str] = []
    per_trace = []
    for index, trace in traces:
        arrays: dict[str, list] = {}
        for key in DATA_KEYS:
            if isinstance(trace.get(key), list):
                arrays[key] = trace[key]
        for parent, keys in NESTED_KEYS.items():
            nested = trace.get(parent)
            if isinstance(nested, dict):
                for key in keys:
                    if isinstance(nested.get(key), list):
                        arrays[f"{parent}.{key}"] = nested[key]
        for key in arrays:
            if key not in columns:
                columns.append(key)
        per_trace.append((_text(trace.get("name")) or f"trace {index}", arrays))
    rows = []
    for name, arrays in per_trace:
        length = max((len(values) for values in arrays.values()), default=0)
        for position in range(length):
            rows.append([name, *(_cell(arrays[key][position]) if key in arrays and position < len(arrays[key])
                                 else "" for key in columns)])
    return Table(title="", headers=["trace", *columns], rows=rows)
