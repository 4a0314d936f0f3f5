"""Citations the edition does not show are not citations of the edition.

sphinxcontrib-bibtex records every citation reference while a page is
parsed, including those inside places the build's editorial mode removes
(a release drops review notes and data-needed markers). Recorded, they
would keep a work in the bibliography that the released text no longer
cites, and every list of "where this entry is cited" (the bibliography's
backlinks, the cards) would link to anchors that no longer exist.

So, while a page is read, the references the editorial layer says its mode
hides (:func:`sphinx_publication.editorial.queries.hidden_by_mode`) are
taken out of the ``cite`` domain. Everything drawn from the domain then
agrees: sphinxcontrib-bibtex's ``cited`` filter and numbering, its own
same-page backrefs, the backlinks index, the cards, the unknown-key count
and the article's metadata. This runs in the process that read the page
(``-j``: the domain's ``merge_domaindata`` carries the remaining
references), and a changed ``editorial_mode`` reads every page again.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..editorial.queries import hidden_by_mode, mode_hides_anything
from .queries import bibtex_domain, is_citation_reference


def hidden_citation_ids(config, doctree: nodes.document) -> set[str]:
    return {
        node["ids"][0]
        for node in doctree.findall(is_citation_reference)
        if node["ids"] and hidden_by_mode(config, node)
    }


class ForgetHiddenCitations(SphinxTransform):
    """Drop the page's citation references that the edition hides, while the page
    is read and before the editorial layer takes them out of it (its transform,
    :class:`sphinx_publication.editorial.gate.RemoveForRelease`, runs next)."""

    default_priority = 835

    def apply(self, **kwargs) -> None:
        domain = bibtex_domain(self.env)
        if domain is None or not mode_hides_anything(self.config):
            return
        hidden = hidden_citation_ids(self.config, self.document)
        if hidden:
            docname = self.env.docname
            domain.data["citation_refs"] = [
                ref for ref in domain.citation_refs
                if not (ref.docname == docname and ref.citation_ref_id in hidden)
            ]
