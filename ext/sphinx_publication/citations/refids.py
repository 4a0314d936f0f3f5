"""Citation references with ids unique across the whole project.

sphinxcontrib-bibtex lets docutils number each citation reference ``id1``,
``id2``… per page. Backlinks point at those ids, and builders that join pages
(singlehtml, LaTeX) then hold many ``id1``: a backlink would jump to the wrong
citation. These roles name each reference ``cite-ref-<page>-<n>`` instead,
stable from one build to the next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinxcontrib.bibtex import roles as bibtex_roles
from sphinxcontrib.bibtex.domain import BibtexDomain

from ..ids import page_scoped_id

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class CiteRole(bibtex_roles.CiteRole):
    def result_nodes(self, document, env, node, is_ref):
        if not node["ids"]:
            node["ids"].append(page_scoped_id(env, "cite-ref"))
        return super().result_nodes(document, env, node, is_ref)


class CiteDomain(BibtexDomain):
    roles = {name: CiteRole() for name in BibtexDomain.roles}


def setup(app: Sphinx) -> None:
    app.add_domain(CiteDomain, override=True)
    app.add_role("cite", CiteRole(), override=True)
