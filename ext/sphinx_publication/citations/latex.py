"""One bibliography at the end of the PDF, under the page's own title.

The LaTeX builder inlines the toctree and Sphinx gathers every citation
into one ``thebibliography`` at the end of the document, which sets its own
heading. The "Bibliographie" page would leave an empty section behind; we
drop that section when the bibliography was all it held, and give its
title (and its labels, so links to the page still resolve) to the list at
the end.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.nodes import bibliography

_MARK = "publication-bibliography-section"


class bibliography_heading(nodes.General, nodes.Element):
    """Title and labels of the bibliography page, placed before the list."""


def visit_bibliography_heading_latex(self, node: bibliography_heading) -> None:
    title = self.encode(node["title"])
    self.body.append(
        "\n\\def\\refname{%s}\\def\\bibname{%s}" % (title, title)
        + "".join(
            self.hypertarget(f"{node['docname']}:{id_}", withdoc=False) for id_ in node["ids"]
        )
        + "\n"
    )
    raise nodes.SkipNode


def _only_bibliography(section: nodes.section) -> bool:
    others = [
        child
        for child in section.children
        if not isinstance(child, (nodes.title, nodes.target, bibliography))
    ]
    return not others and any(isinstance(child, bibliography) for child in section.children)


class MarkBibliographySection(SphinxPostTransform):
    """Before the bibliography is filled: mark sections holding nothing else."""

    default_priority = 4
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(bibliography):
            section = node.parent
            if isinstance(section, nodes.section) and _only_bibliography(section):
                section["classes"].append(_MARK)
                section["bibliography_docname"] = node["docname"]


class MoveBibliographyHeading(SphinxPostTransform):
    """After Sphinx gathered the citations (750): drop the empty section."""

    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        lists = list(self.document.findall(thebibliography))
        for section in list(self.document.findall(nodes.section)):
            if _MARK not in section["classes"]:
                continue
            if not lists:
                continue  # nothing cited: keep the page as it is
            title = section.next_node(nodes.title)
            heading = bibliography_heading(
                title=title.astext() if title else "",
                docname=section["bibliography_docname"],
                ids=list(section["ids"]),
            )
            section.parent.remove(section)
            end = lists[-1]
            end.parent.insert(end.parent.index(end), heading)
