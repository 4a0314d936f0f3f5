"""Which chart-data folders the pages link, recorded while reading.

Kept in the environment as Sphinx's own collectors keep theirs: set when a
page is read, dropped with it, merged from ``-j N`` readers; at the end of a
web build the folders no page links any more are removed. From what reading
recorded, not from the pages written: a rebuild of one page then touches no
other page's file (reading every page's HTML for its links cost a live
preview 0.2 s a rebuild at 300 pages).
"""

from __future__ import annotations

from docutils import nodes

from ..builders import is_web_html
from .downloads import download_node, encoded, folder_of, remove_unused_downloads
from .nodes import chart_node
from .render import chart_files


def linked_folders(doctree: nodes.Node) -> frozenset[str]:
    """The data folders a page's charts and tables link: the content hashes of
    the files their HTML writes, known once the page is read."""
    files = [file for node in doctree.findall(download_node) for file in encoded(node["files"])]
    files += [file for node in doctree.findall(chart_node) for file in chart_files(node["chart"], node)]
    return frozenset(folder_of(data) for _name, data in files)


# An environment attribute, not a domain: every domain costs Sphinx's figure
# numbering a call per node of every page, at every build.
_RECORD = "publication_data_folders"


def _record(env) -> dict[str, frozenset[str]]:
    if not hasattr(env, _RECORD):
        setattr(env, _RECORD, {})
    return getattr(env, _RECORD)


def record_linked_folders(app, doctree: nodes.document) -> None:
    """``doctree-read``."""
    folders = linked_folders(doctree)
    record = _record(app.env)
    if folders:
        record[app.env.docname] = folders
    else:
        record.pop(app.env.docname, None)


def forget_linked_folders(app, env, docname: str) -> None:
    """``env-purge-doc``."""
    _record(env).pop(docname, None)


def merge_linked_folders(app, env, docnames: set[str], other) -> None:
    """``env-merge-info``: what a ``-j N`` reader recorded."""
    theirs = _record(other)
    _record(env).update((docname, theirs[docname]) for docname in docnames if docname in theirs)


def remove_unused_downloads_after_build(app, exception: BaseException | None) -> None:
    """``build-finished``: the folders no page of the environment links any more go."""
    if exception is None and is_web_html(app.builder):
        used = frozenset().union(*_record(app.env).values())
        remove_unused_downloads(app.builder.outdir, used)
