"""What every chart drawing shares: text sizes, XML escaping, the canvas
(marks, patterns, text), tooltips, the legend and line dashes. Below
``svg`` (bars, lines, pies, the drawing's frame), ``svg_plot`` (Plotly's
cartesian plots) and ``svg_stats`` (box plots, heatmaps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .layout import fmt, text_width
from .palette import TILE, marker_path, pattern_tile, style

FONT = 13
SMALL = 12
LINE = 16
PAD = 8
TEXT_COLOUR = "#1f1f1f"

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(text: str) -> str:
    """Text safe in XML content and double-quoted attributes."""
    return escape(_INVALID_XML.sub("", text), {'"': "&quot;"})


@dataclass(frozen=True)
class Wording:
    """The punctuation of the chart's text, from the build language's catalog
    (French: "{label} : {value}", " ; ")."""

    pair: str = "{label}: {value}"
    separator: str = "; "
    #: under a drawing simplified for its many points (see :mod:`.limits`)
    simplified: str = ("Drawing simplified: {count} points, too many to draw one by one (each pixel column"
                       " keeps its extremes); every value is in the data file.")
    #: in place of a drawing refused for its size, per what is counted
    not_drawn_rows: str = ("Not drawn: {count} rows, more than the {limit} this chart can show."
                           " The data table and the data file give every value.")
    not_drawn_bars: str = ("Not drawn: {count} bars, more than the {limit} this chart can show."
                           " The data table and the data file give every value.")
    not_drawn_slices: str = ("Not drawn: {count} slices, more than the {limit} a pie can show."
                             " The data table and the data file give every value.")
    not_drawn_cells: str = ("Not drawn: {count} cells, more than the {limit} a heatmap can show."
                            " The data table and the data file give every value.")
    #: the end of a text alternative that lists only the first rows
    more_rows: str = "… and {count} more rows in the data table"

    def labelled(self, label: str, value: str) -> str:
        return self.pair.format(label=label, value=value)


ENGLISH = Wording()


class Canvas:
    """The SVG being drawn: its marks, patterns and text, themed (web) or literal (print)."""

    def __init__(self, for_screen: bool, wording: Wording, uid: str = "chart",
                 patterns: dict[int, str] | None = None) -> None:
        self.for_screen = for_screen
        self.wording = wording
        self.uid = uid
        # series index -> pattern, shared with the panels of small multiples:
        # one <defs> per SVG, ids unique on the page through *uid*; ~index
        # (negative) for the pattern of a translucent area (:meth:`area_pattern_id`)
        self.patterns: dict[int, str] = {} if patterns is None else patterns
        self.parts: list[str] = []

    def panel(self) -> Canvas:
        return Canvas(self.for_screen, self.wording, self.uid, self.patterns)

    def colour(self, index: int, attribute: str = "fill") -> str:
        series = style(index)
        if self.for_screen:
            kind = "s" if attribute == "fill" else "l"
            return f' class="sp-{kind}{series.index}" {attribute}="{series.colour}"'
        return f' {attribute}="{series.colour}"'

    def on_fill(self, index: int) -> str:
        """Text drawn over series *index*'s fill: black or white."""
        series = style(index)
        return f' class="sp-o{series.index}" fill="{series.on}"' if self.for_screen else f' fill="{series.on}"'

    def area(self, tag: str, geometry: str, index: int, inner: str = "", extra: str = "") -> None:
        """A filled mark (bar, slice, swatch), then its pattern over it when its
        series has one: the same geometry filled with the pattern."""
        self.add(f"<{tag} {geometry}{extra}{self.colour(index)}>{inner}</{tag}>" if inner
                 else f"<{tag} {geometry}{extra}{self.colour(index)}/>")
        pattern = self.pattern_id(index)
        if pattern:
            rule = ' fill-rule="evenodd"' if "fill-rule" in extra else ""
            self.add(f'<{tag} {geometry}{rule} fill="url(#{pattern})"/>')

    def pattern_id(self, index: int) -> str:
        series = style(index)
        if not series.pattern:
            return ""
        self.patterns[index] = series.pattern
        return f"{self.uid}-p{index}"

    def area_pattern_id(self, index: int) -> str:
        """The pattern laid over series *index*'s translucent area (Plotly
        ``fill``): drawn in the series' colour, as no opaque fill lies below."""
        series = style(index)
        if not series.pattern:
            return ""
        self.patterns[~index] = series.pattern
        return f"{self.uid}-a{index}"

    def marker(self, index: int, x: float, y: float, inner: str = "", extra: str = "",
               radius: float = 4.0) -> None:
        """Series *index*'s marker shape (circle, square, triangle, diamond)."""
        shape = style(index).marker
        if shape == "circle":
            head = f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(radius)}"{extra}{self.colour(index)}'
        else:
            head = f'<path d="{marker_path(shape, x, y, radius)}"{extra}{self.colour(index)}'
        self.add(f"{head}>{inner}</{head.split(' ', 1)[0][1:]}>" if inner else f"{head}/>")

    def defs(self) -> str:
        """The patterns the drawing uses, on a transparent ground."""
        tiles = []
        for key in sorted(self.patterns, key=lambda key: (key < 0, abs(key))):
            index, on_area = (key, False) if key >= 0 else (~key, True)
            series = style(index)
            attribute = "fill" if series.pattern == "dots" else "stroke"
            if on_area:  # the series' own colour
                kind, colour, name = ("s" if attribute == "fill" else "l"), series.colour, "a"
            else:  # black or white over the series' fill
                kind, colour, name = ("o" if attribute == "fill" else "h"), series.on, "p"
            ink = f' {attribute}="{colour}"'
            if self.for_screen:
                ink = f' class="sp-{kind}{series.index}"' + ink
            tiles.append(f'<pattern id="{self.uid}-{name}{index}" width="{TILE}" height="{TILE}"'
                         f' patternUnits="userSpaceOnUse">{pattern_tile(series.pattern, ink)}</pattern>')
        return f"<defs>{''.join(tiles)}</defs>" if tiles else ""

    @property
    def ink(self) -> str:
        return "currentColor" if self.for_screen else TEXT_COLOUR

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def text(self, x: float, y: float, lines: list[str] | str, *, anchor: str = "start",
             size: int = FONT, extra: str = "") -> None:
        if isinstance(lines, str):
            lines = [lines]
        attrs = f'x="{fmt(x)}" y="{fmt(y)}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if size != FONT:
            attrs += f' font-size="{size}"'
        if len(lines) == 1:
            self.add(f"<text {attrs}{extra}>{esc(lines[0])}</text>")
            return
        shift = f' dy="{LINE}"'
        spans = "".join(
            f'<tspan x="{fmt(x)}"{"" if i == 0 else shift}>{esc(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.add(f"<text {attrs}{extra}>{spans}</text>")

    def line(self, x1: float, y1: float, x2: float, y2: float, opacity: str = "") -> None:
        extra = f' stroke-opacity="{opacity}"' if opacity else ""
        self.add(
            f'<path d="M{fmt(x1)} {fmt(y1)}L{fmt(x2)} {fmt(y2)}" stroke="{self.ink}"{extra}/>'
        )


def tooltip_title(wording: Wording, label: str, value: str, series: str = "") -> str:
    prefix = f"{series} — " if series else ""
    return f"<title>{esc(wording.labelled(prefix + label, value))}</title>"


def draw_legend(canvas: Canvas, names: list[str | None], x: float, y: float, width: float,
            swatches: list[str] | None = None, dashes: list[str] | None = None) -> float:
    """Draw swatches ("bar", "line" or "marker") and names flowing in rows;
    return the y below the legend. Each swatch shows its series' fill pattern,
    or its dash and marker shape, as the marks do."""
    cursor_x, row_y = x, y
    for index, name in enumerate(names):
        if name is None:  # no entry (Plotly's ``showlegend: false``): the colours stay the series'
            continue
        swatch = swatches[index] if swatches else "bar"
        swatch_width = 22 if swatch == "line" else 12
        item_width = swatch_width + 6 + text_width(name, FONT) + 14
        if cursor_x > x and cursor_x + item_width > x + width:
            cursor_x, row_y = x, row_y + LINE + 4
        if swatch == "line":
            canvas.add(
                f'<path d="M{fmt(cursor_x)} {fmt(row_y + 8)}h{swatch_width}" stroke-width="2.5"'
                f'{dash(index, dashes[index] if dashes else "")}{canvas.colour(index, "stroke")}/>'
            )
            canvas.marker(index, cursor_x + swatch_width / 2, row_y + 8, radius=3.5)
        elif swatch == "marker":
            canvas.marker(index, cursor_x + 6, row_y + 8)
        else:
            canvas.area("rect", f'x="{fmt(cursor_x)}" y="{fmt(row_y + 2)}" width="12" height="12"', index)
        canvas.text(cursor_x + swatch_width + 6, row_y + 12, name)
        cursor_x += item_width
    return row_y + LINE + 8


PLOTLY_DASHES = {"solid": "", "dash": "6 3", "dot": "2 2", "dashdot": "8 3 2 3", "longdash": "12 4",
                 "longdashdot": "12 3 2 3"}


def dash(index: int, plotly_dash: str = "") -> str:
    """The figure's ``line.dash``; else the series' own (solid for the first
    :data:`~.palette.GREY_LEVELS` series, which lightness keeps apart)."""
    pattern = PLOTLY_DASHES[plotly_dash] if plotly_dash else style(index).dash
    return f' stroke-dasharray="{pattern}"' if pattern else ""
