"""Internal links that also work where pages are joined into one (singlehtml).

Sphinx's ``make_refnode`` appends ``#id`` to the target page's URI; a
single-page builder answers ``#document-x`` for that URI, giving
``#document-x#id``, which no browser resolves. On a single page the id alone
is the right fragment.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.nodes import make_refnode


def reference_to(builder, fromdocname: str, docname: str, target_id: str, child: nodes.Node) -> nodes.reference:
    """A reference to *target_id* in *docname*, as seen from *fromdocname*."""
    node = make_refnode(builder, fromdocname, docname, target_id, child)
    uri = node.get("refuri", "")
    if uri.startswith("#") and target_id:
        del node["refuri"]
        node["refid"] = target_id
    return node


def fragment(uri: str) -> str:
    """The id an internal URI points at (the last fragment: see the module's doc)."""
    return uri.rpartition("#")[2] if "#" in uri else ""
