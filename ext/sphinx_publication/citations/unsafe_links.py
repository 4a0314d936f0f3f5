"""The last check on bibliography links: only http(s) addresses stay links.

The ``publication`` style links only http(s) addresses (:mod:`.addresses`),
but a project may configure another pybtex style (unsrt links any ``url``),
and sphinxcontrib-bibtex turns any ``\\url`` left in an entry's text into a
link. Whatever built it, a link in a bibliography entry, a footnote citation
or a citation card whose address :func:`sphinx_publication.urls.safe_url`
refuses is replaced by its text here, so what :mod:`.bibcheck` warns about
(« printed as text, without a link ») holds for every style.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..urls import safe_url


def unlink_unsafe(node: nodes.Element) -> None:
    """Replace each link under *node* whose address is not http(s) by its text
    (``doi:`` and ``arXiv:`` addresses point to their resolvers instead)."""
    for reference in list(node.findall(nodes.reference)):
        refuri = reference.get("refuri")
        if refuri is None or reference.get("internal") or refuri.startswith("#"):
            continue
        address = safe_url(refuri)
        if address is None:
            reference.replace_self(reference.children or [nodes.Text(reference.astext())])
        elif address != refuri:  # doi:…, arXiv:…, or spaces a browser would drop
            reference["refuri"] = address


def bibtex_entries(document: nodes.document):
    """Bibliography entries and footnote citations written by sphinxcontrib-bibtex
    (found by class: a walk with a callable condition costs five times more)."""
    for citation in document.findall(nodes.citation):
        if "docname" in citation.attributes:  # set by sphinxcontrib-bibtex, not by a page's own citations
            yield citation
    for footnote in document.findall(nodes.footnote):
        if any(name.startswith("footcite-") for name in footnote["names"]):
            yield footnote


class UnlinkUnsafeEntryLinks(SphinxPostTransform):
    """Right after sphinxcontrib-bibtex writes the bibliographies (priority 5)."""

    default_priority = 6

    def run(self, **kwargs) -> None:
        for entry in list(bibtex_entries(self.document)):
            unlink_unsafe(entry)
