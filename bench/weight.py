"""Page weight of built HTML pages: what a reader downloads, uncompressed.

For each page: the HTML itself plus every local stylesheet and script it
references (followed through CSS ``@import``); images and fonts are left
out, as in the comparison with sphinx-charts (whose cost is JavaScript).
Charts are found as inline ``<svg>`` elements outside the theme's icon
sprites, and measured with their enclosing figure (caption and data table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?([^\"')]+)")


@dataclass
class PageWeight:
    page: str
    html: int
    css: int
    js: int
    chart_svg: list[int] = field(default_factory=list)
    chart_figure: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


def page_weight(htmldir: Path, page: Path) -> PageWeight:
    raw = page.read_bytes()
    soup = BeautifulSoup(raw, "html.parser")
    css = sum(_css_size(f, set()) for f in _local_assets(soup, page, "link", "href",
                                                        rel="stylesheet"))
    js = sum(f.stat().st_size for f in _local_assets(soup, page, "script", "src"))
    weight = PageWeight(page.relative_to(htmldir).as_posix(), len(raw), css, js)
    for svg in chart_svgs(soup):
        weight.chart_svg.append(len(str(svg).encode()))
        weight.chart_figure.append(len(str(_chart_container(svg)).encode()))
    return weight


def chart_svgs(soup: BeautifulSoup) -> list[Tag]:
    """Inline SVG charts: not furo's hidden icon sprite or its small icons."""
    charts = []
    for svg in soup.find_all("svg"):
        if svg.find_parent("svg") or svg.find("symbol") or svg.find("use"):
            continue
        if svg.get("role") == "img" or svg.find("title") is not None:
            charts.append(svg)
    return charts


def _chart_container(svg: Tag) -> Tag:
    """The chart's figure (caption, data table) if there is one, else the SVG."""
    best = svg
    for parent in svg.parents:
        if parent.name in ("body", "article", "section"):
            break
        if parent.name == "figure":
            return parent
        if "chart" in " ".join(parent.get("class") or []):
            best = parent  # the outermost chart wrapper below the section
    return best


def _local_assets(soup: BeautifulSoup, page: Path, tag: str, attr: str, **filters) -> list[Path]:
    files = []
    for element in soup.find_all(tag, **filters):
        target = element.get(attr)
        if not target or urlsplit(target).scheme or target.startswith("//"):
            continue  # remote assets are a defect reported by the browser tests
        path = (page.parent / urlsplit(target).path).resolve()
        if path.is_file():
            files.append(path)
    return files


def _css_size(path: Path, seen: set[Path]) -> int:
    if path in seen:
        return 0
    seen.add(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    size = path.stat().st_size
    for target in CSS_IMPORT.findall(text):
        imported = (path.parent / urlsplit(target).path).resolve()
        if imported.is_file():
            size += _css_size(imported, seen)
    return size
