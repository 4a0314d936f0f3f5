"""Document model -> MyST pages (file name -> text), using the project's directives.

Pure string building: no Sphinx, no file access. The page shapes follow the
hand-made publication in docs/: a landing page (title, byline, lede, table of
contents), one page per part with its subsections, a bibliography page when
the draft cites anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .model import (
    BulletList,
    Chart,
    Citation,
    DataNeeded,
    Document,
    Paragraph,
    Part,
    Table,
    Text,
    WordCount,
)
from .slugs import RESERVED, SlugRegistry

DATA_NEEDED_DEFAULT = "donnée à préciser"
BIBLIOGRAPHY_PAGE = "bibliographie"
DESCRIPTION_MAX_CHARS = 200
# The figures parser splits :headers: on ':' when there is one, else on ','. The
# importer's headers never hold a ':' (it split them on it), but may hold a ','
# ("Ressources (GPU, TPU)"): joined with ':' they always read back the same.
HEADER_SEPARATOR = " : "
CELL_SEPARATOR = " : "

_INLINE_SPECIAL_RE = re.compile(r"([\\`*_<\[\]])")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
_LINE_START_RE = re.compile(r"^(?:[#>+=|%]|-(?=\s|$)|\d+[.)](?=\s|$)|:::|\((?=[^)]*\)=))")


def emit_pages(document: Document) -> dict[str, str]:
    """Return ``{"index.md": text, "<part-slug>.md": text, …}`` in reading order."""
    _name_parts_and_figures(document)
    pages = {"index.md": landing_page(document)}
    for part in document.parts:
        pages[f"{part.slug}.md"] = part_page(part)
    if any(True for _ in document.iter_citations()):
        pages[f"{BIBLIOGRAPHY_PAGE}.md"] = "# Bibliographie\n\n```{bibliography}\n```\n"
    return pages


def _name_parts_and_figures(document: Document) -> None:
    pages = SlugRegistry(RESERVED)
    labels = SlugRegistry()
    for part in document.parts:
        part.slug = pages.unique(part.title)
    for block in document.iter_blocks():
        if isinstance(block, Chart):
            block.name = labels.unique(block.title, prefix="fig-", max_length=40)
        elif isinstance(block, Table):
            block.name = labels.unique(block.title, prefix="tab-", max_length=40)


# -- Pages -----------------------------------------------------------------------


def landing_page(document: Document) -> str:
    chunks = [
        _front_matter(document),
        f"# {escape_text(document.title)}",
        # The PDF title page already names the author: the byline is for the screen.
        "````{only} not latex\n```{rst-class} byline\n```\n\n" + escape_text(document.author) + "\n````",
    ]
    if document.lede is not None:
        chunks += ["```{rst-class} lede\n```", render_inlines(document.lede.inlines)]
    chunks += [render_block(block) for block in document.preamble]
    entries = [part.slug for part in document.parts]
    if any(True for _ in document.iter_citations()):
        entries.append(BIBLIOGRAPHY_PAGE)
    if entries:
        chunks.append("```{toctree}\n:caption: Sommaire\n:maxdepth: 2\n\n" + "\n".join(entries) + "\n```")
    return "\n\n".join(chunks) + "\n"


def _front_matter(document: Document) -> str:
    lines = ["---", "myst:", "  html_meta:"]
    if document.lede is not None:
        lines.append(f"    description: {_yaml_string(_description(document.lede))}")
    lines.append(f"    author: {_yaml_string(document.author)}")
    lines.append("---")
    return "\n".join(lines)


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def _description(lede: Paragraph) -> str:
    text = " ".join(i.text for i in lede.inlines if isinstance(i, Text))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= DESCRIPTION_MAX_CHARS:
        return text
    cut = text[:DESCRIPTION_MAX_CHARS]
    return cut[: cut.rfind(" ")].rstrip(" ,;:") + "…"


def part_page(part: Part) -> str:
    chunks = [f"# {escape_text(part.title)}"]
    chunks += [render_block(block) for block in part.blocks]
    for section in part.sections:
        chunks.append(f"## {escape_text(section.title)}")
        chunks += [render_block(block) for block in section.blocks]
    return "\n\n".join(chunks) + "\n"


# -- Blocks ----------------------------------------------------------------------


def render_block(block) -> str:
    if isinstance(block, Paragraph):
        return render_inlines(block.inlines)
    if isinstance(block, BulletList):
        return "\n".join("- " + render_inlines(item, line_start=False) for item in block.items)
    if isinstance(block, Chart):
        return _render_chart(block)
    if isinstance(block, Table):
        return _render_table(block)
    if isinstance(block, WordCount):
        suffix = f" {block.suffix}" if block.suffix else ""
        return "```{rst-class} word-count\n```\n\nNombre de mots : {word-count}`article`" + suffix
    raise TypeError(f"unknown block {block!r}")


@dataclass
class FigureDirective:
    """A chart or table directive as written: what :mod:`.figure_check` reads back."""

    name: str
    argument: str
    options: dict[str, str]
    body: list[str]


def chart_directive(chart: Chart) -> FigureDirective:
    options = {"name": chart.name, "x-label": chart.x_label}
    if chart.y_label:
        options["y-label"] = chart.y_label
    else:  # several series: their names travel in the headers
        options["headers"] = HEADER_SEPARATOR.join(chart.headers)
    body = [CELL_SEPARATOR.join([label, *values]) for label, values in chart.rows]
    return FigureDirective(f"chart-{chart.kind}", chart.title, options, body)


def table_directive(table: Table) -> FigureDirective:
    options = {"name": table.name, "headers": HEADER_SEPARATOR.join(table.headers)}
    body = [CELL_SEPARATOR.join(row) for row in table.rows]
    return FigureDirective("data-table", table.title, options, body)


def _render_chart(chart: Chart) -> str:
    return _render_figure(chart_directive(chart))


def _render_table(table: Table) -> str:
    return _render_figure(table_directive(table))


def _render_figure(figure: FigureDirective) -> str:
    options = [f":{key}: {value}" for key, value in figure.options.items()]
    return _directive(figure.name, figure.argument, options, figure.body)


def _directive(name: str, argument: str, options: list[str], body: list[str]) -> str:
    content = "\n".join([argument, *options, *body])
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}{{{name}}} {argument}", *options, "", *body, fence])


# -- Inline ----------------------------------------------------------------------


def render_inlines(inlines, line_start: bool = True) -> str:
    out: list[str] = []
    for index, inline in enumerate(inlines):
        if isinstance(inline, Text):
            out.append(escape_text(inline.text, line_start=line_start and index == 0))
        elif isinstance(inline, DataNeeded):
            out.append(_role("data-needed", inline.description or DATA_NEEDED_DEFAULT))
        elif isinstance(inline, Citation):
            out.append(_role("cite:p", ",".join(inline.keys)))
    return "".join(out)


def _role(name: str, content: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{{{name}}}{ticks}{pad}{content}{pad}{ticks}"


def escape_text(text: str, line_start: bool = True) -> str:
    """Escape what MyST would read as markup in plain draft prose."""
    text = _INLINE_SPECIAL_RE.sub(r"\\\1", text)
    text = _ENTITY_RE.sub(r"\\&", text)
    if line_start:
        text = _LINE_START_RE.sub(lambda m: "\\" + m.group(0), text, count=1)
    return text
