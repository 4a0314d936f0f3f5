"""The review PDF ends with the editorial report, each entry with its page.

In review mode the LaTeX document gets a last section, « État éditorial »,
holding the editorial layer's report (data needed, notes by status, charts
without a source, references without DOI or URL); every link of the report
is followed by the page it points to. In release mode nothing is added (the
editorial layer hides markers and notes itself). A document that already
holds an ``editorial-report`` keeps it where its author put it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_publication import priorities
from sphinx_publication.editorial import editorial_nodes as ed
from sphinx_publication.editorial.gate import mode
from sphinx_publication.i18n import translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = translator("sphinx_publication.editions")
REPORT_CLASS = "editorial-report"
SECTION_ID = "editorial-status"


class page_reference(nodes.Inline, nodes.Element):
    """`` (page N)`` after a link of the report: ``target`` is a LaTeX label."""


def visit_page_reference_latex(self: Any, node: page_reference) -> None:
    self.body.append(" (" + self.hyperpageref(node["target"]) + ")")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def is_latex_document(app: Sphinx, docname: str) -> bool:
    """The doctree LaTeX resolves for a whole document (not a single page)."""
    return app.builder.format == "latex" and docname in {
        entry[0] for entry in app.config.latex_documents}


def append_report(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Before the editorial layer fills reports (priority 500): add one at the end."""
    if not is_latex_document(app, docname) or mode(app.config) != "review":
        return
    if any(doctree.findall(ed.editorial_report)):
        return
    title = str(_("Editorial status"))
    section = nodes.section("", nodes.title(title, title), ids=[SECTION_ID], names=[SECTION_ID])
    section += ed.editorial_report()
    doctree += section


def add_page_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """After the report is filled: `` (page N)`` after each link to a place."""
    if app.builder.format != "latex":
        return
    for report in doctree.findall(nodes.container):
        if REPORT_CLASS not in report["classes"]:
            continue
        for reference in list(report.findall(nodes.reference)):
            label = latex_label(reference.get("refuri", ""))
            if label:
                reference.parent.insert(reference.parent.index(reference) + 1,
                                        page_reference(target=label))


def latex_label(refuri: str) -> str:
    """The label Sphinx's LaTeX writer gives the place an internal ``%`` URI points to.

    Links to a whole page (the report's page headings) get none: the entries
    under them have their own pages.
    """
    if not refuri.startswith("%"):
        return ""
    docname, _sep, fragment = refuri[1:].partition("#")
    return f"{docname}:{fragment}" if fragment else ""


def setup(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(page_reference, latex=(visit_page_reference_latex, None), html=skip, text=skip,
                 man=skip, texinfo=skip)
    app.connect("doctree-resolved", append_report, priority=priorities.REVIEW_PDF_REPORT)
    app.connect("doctree-resolved", add_page_references, priority=priorities.REVIEW_PDF_PAGE_REFERENCES)
