"""The data behind every chart and table, as files a reviewer can download.

HTML pages link a CSV of the data (and, for ``chart``, the original Plotly
JSON) under the chart's « Données du graphique » (« Télécharger les données »); the files are written into the
output's ``_downloads/sp-<content hash>/`` folder, so two builds write the
same bytes at the same place and two files never collide. EPUB books get no
link (a link from a page to a file outside the spine is invalid in EPUB);
the PDF names the file, with its address when ``html_baseurl`` is set.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import unicodedata
from pathlib import Path

from docutils import nodes
from sphinx.util.osutil import relative_uri

from ..builders import is_web_html
from ..i18n import translator

_ = translator("sphinx_publication.figures")

FOLDER = "_downloads"


class download_node(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Links to data files; ``files`` is a list of (file name, text)."""


def download_stem(text: str, fallback: str) -> str:
    """A file name from a title: ``Tendances d'adoption`` -> ``tendances-d-adoption``."""
    text = re.sub(r"[’'`]", "-", text)  # « d’adoption » -> d-adoption
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:60].strip("-")
    return stem or fallback


#: what makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: str) -> str:
    """*cell* as a spreadsheet shows it and never runs it: a text starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``;
    numbers (``-3,5``, ``+12``, ``-1e5``) are left as they are."""
    if not cell.startswith(FORMULA_STARTS):
        return cell
    from .parse import DataError, parse_value

    try:
        parse_value(cell)
    except DataError:
        return "'" + cell
    return cell


def table_csv(headers: list[str], rows: list[list[str]]) -> str:
    """RFC 4180 CSV (comma, CRLF) of a header row and data rows, formulas neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    if headers:
        writer.writerow([safe_cell(cell) for cell in headers])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def folder_of(data: bytes) -> str:
    """The folder a file's bytes go to: its content hash."""
    return "sp-" + hashlib.sha256(data).hexdigest()[:16]


def target(name: str, data: bytes) -> str:
    """Where the file lives in the HTML output, relative to its root."""
    return f"{FOLDER}/{folder_of(data)}/{name}"


def write_file(outdir: str | Path, name: str, data: bytes) -> str:
    """Write *data* under its content folder (whole or absent); return its path from *outdir*.

    Written to a temporary file of this process, then renamed: ``-j N`` writers
    may write the same file (one chart on two pages) at the same time."""
    relative = target(name, data)
    path = Path(outdir) / relative
    if path.exists() and path.read_bytes() == data:
        return relative
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as stream:  # the umask's permissions, as Sphinx's own files
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return relative


def html_links(translator_self, files: list[tuple[str, bytes]], label: str) -> str:
    """``<p>`` with a link per file, written into the output; "" where files are not linked."""
    from html import escape

    builder = translator_self.builder
    if not files or not is_web_html(builder):
        return ""
    # The file being written, not the page's URI: singlehtml's is "#document-<page>".
    page = builder.get_output_path(builder.current_docname).relative_to(builder.outdir).as_posix()
    links = []
    for name, data in files:
        relative = write_file(builder.outdir, name, data)
        href = relative_uri(page, relative)
        links.append(f'<a class="reference download" href="{escape(href)}" download="">{escape(name)}</a>')
    return f'<p class="sp-data-downloads">{escape(label)} {" · ".join(links)}</p>'


def latex_mention(translator_self, files: list[tuple[str, bytes]], label: str) -> str:
    """The file names (with their address under ``html_baseurl``) for the PDF."""
    base = (translator_self.config.html_baseurl or "").rstrip("/")
    parts = []
    for name, data in files:
        if base:
            url = f"{base}/{target(name, data)}"
            parts.append(rf"\sphinxhref{{{translator_self.encode_uri(url)}}}{{\sphinxcode{{{translator_self.encode(name)}}}}}")
        else:
            parts.append(rf"\sphinxcode{{{translator_self.encode(name)}}}")
    return "\n\\par{\\small " + translator_self.encode(label) + " " + ", ".join(parts) + "}\n"


def label_chart(link: bool = True) -> str:
    """The words before the files: a link on a page, a file name in print."""
    return str(_("Download the data:")) if link else str(_("Chart data:"))


def label_table(link: bool = True) -> str:
    return str(_("Download the table:")) if link else str(_("Table data:"))


def visit_download_html(self, node: download_node) -> None:
    self.body.append(html_links(self, encoded(node["files"]), label_table()))
    raise nodes.SkipNode


def visit_download_latex(self, node: download_node) -> None:
    self.body.append(latex_mention(self, encoded(node["files"]), label_table(link=False)))
    raise nodes.SkipNode


def visit_download_skip(self, node: download_node) -> None:
    raise nodes.SkipNode


def encoded(files: list[tuple[str, str | bytes]]) -> list[tuple[str, bytes]]:
    return [(name, data.encode("utf-8") if isinstance(data, str) else data) for name, data in files]


def remove_unused_downloads(outdir: str | Path, used: set[str] | frozenset[str]) -> list[str]:
    """Delete the data folders of *outdir* not in *used* (a chart edited since an
    earlier build wrote its data under a new content hash)."""
    folder = Path(outdir) / FOLDER
    if not folder.is_dir():
        return []
    removed = []
    for data in sorted(folder.glob("sp-*")):
        if data.is_dir() and data.name not in used:
            for file in data.iterdir():
                file.unlink(missing_ok=True)
            data.rmdir()
            removed.append(data.name)
    return removed
