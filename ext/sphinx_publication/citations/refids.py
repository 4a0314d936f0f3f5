"""Citation references with ids unique across the whole project.

sphinxcontrib-bibtex lets docutils number each citation reference ``id1``,
``id2``… per page. Backlinks point at those ids, and builders that join pages
(singlehtml, LaTeX) then hold many ``id1``: a backlink would jump to the wrong
citation. These roles name each reference ``cite-ref-<page>-<n>`` instead,
stable from one build to the next.

A target sphinxcontrib-bibtex cannot read (``{pre}key{post}`` run together,
an empty key between commas…) is a warning at the role's line and the
role's text printed as written, in brackets, instead of a ``ValueError``
that stops the build without saying where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinxcontrib.bibtex import roles as bibtex_roles
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from ..diagnostics import warn
from ..i18n import translator
from ..ids import page_scoped_id
from .resolution import LinearBibtexDomain

_ = translator("sphinx_publication.citations")

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class CiteRole(bibtex_roles.CiteRole):
    def result_nodes(self, document, env, node, is_ref):
        try:
            list(parse_citation_targets(self.target))
        except ValueError:
            warn(
                _(
                    "citation '{target}' cannot be read: write keys separated by commas, "
                    "each with at most one {{pre-text}} before and one {{post-text}} after it; "
                    "it is printed as written"
                ).format(target=self.target),
                location=(env.docname, self.lineno),
                subtype="citations",
            )
            written = f"[{self.text}]"
            return [nodes.inline(written, written, classes=["publication-unreadable-citation"])], []
        if not node["ids"]:
            node["ids"].append(page_scoped_id(env, "cite-ref"))
        return super().result_nodes(document, env, node, is_ref)


class CiteDomain(LinearBibtexDomain):
    roles = {name: CiteRole() for name in LinearBibtexDomain.roles}


def setup(app: Sphinx) -> None:
    app.add_domain(CiteDomain, override=True)
    app.add_role("cite", CiteRole(), override=True)
