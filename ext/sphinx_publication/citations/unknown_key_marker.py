"""Show a citation of an unknown key as the key itself, not as empty brackets.

sphinxcontrib-bibtex drops a key the .bib files lack from the citation it
renders (``[]`` when no key is left) and only warns in the build log. Two
post-transforms around its reference resolution (priority 10) make the key
visible: before, a marker node carrying the key is put after the citation;
after, the citation sphinxcontrib-bibtex rendered is removed when it held
that key alone. Where the builder's format has no renderer for the marker,
a ``doctree-resolved`` handler turns it into plain text. The marker reads « [clé inconnue : ref-1] » in HTML (styled
like a data-needed marker), LaTeX and text; sphinxcontrib-bibtex's own
``bibtex.key_not_found`` warning still locates it in the log.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxTranslator
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from .. import priorities
from ..builders import has_visitor
from ..i18n import translator
from ..typography import space_new_nodes
from .queries import defined_keys

_ = translator("sphinx_publication.citations")

# Same colour as the editorial layer's data-needed markers in the PDF.
LATEX_MARK_COLOUR = "9A3412"


class unknown_citation_key(nodes.Inline, nodes.TextElement):
    """A cited key no .bib entry defines; its text is the key.

    ``alone``: the citation it comes from cited nothing else, so the empty
    citation sphinxcontrib-bibtex renders before it is to be removed.
    """


def label() -> str:
    return str(_("unknown key"))


def marker_text(key: str) -> str:
    """``[clé inconnue : ref-1]`` in the document language."""
    return "[" + str(_("{label}: {key}")).format(label=label(), key=key) + "]"


def _cited_keys(node: addnodes.pending_xref) -> list[str]:
    try:
        return [target.key for target in parse_citation_targets(node["reftarget"])]
    except ValueError:  # sphinxcontrib-bibtex reports malformed targets itself
        return []


class MarkUnknownKeys(SphinxPostTransform):
    """Before resolution: a marker after each citation for each key it lacks."""

    default_priority = 9

    def run(self, **kwargs) -> None:
        known = defined_keys(self.env)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "cite":
                continue
            keys = _cited_keys(node)
            unknown = [key for key in keys if key not in known]
            if not unknown:
                continue
            alone = len(unknown) == len(keys)
            pieces: list[nodes.Node] = []
            for number, key in enumerate(unknown):
                if number or not alone:
                    pieces.append(nodes.Text(" "))
                pieces.append(unknown_citation_key("", key, key=key, alone=alone and not number))
            index = node.parent.index(node)
            for offset, piece in enumerate(pieces, start=1):
                node.parent.insert(index + offset, piece)


def plain_marker(marker: unknown_citation_key) -> nodes.inline:
    """The same words in a node every writer knows, for formats without a renderer."""
    return nodes.inline("", marker_text(marker["key"]), classes=["citation-unknown-key"], ids=marker["ids"])


def markers_where_unrendered(app, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: markers become plain text where no visitor renders them
    (the builder is known here, not in a post-transform)."""
    if has_visitor(app, unknown_citation_key):
        return
    for marker in list(doctree.findall(unknown_citation_key)):
        plain = plain_marker(marker)
        marker.replace_self(plain)
        space_new_nodes(app, plain)


class RemoveEmptyCitations(SphinxPostTransform):
    """After resolution: drop the citation rendered for unknown keys only (``[]``)."""

    default_priority = 11

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if not node.get("alone") or node.parent is None:
                continue
            previous = node.previous_sibling()
            if isinstance(previous, nodes.inline) and "bibtex-citation" in previous["classes"]:
                node["ids"] = [*previous["ids"], *node["ids"]]  # keep the citation's anchor
                previous.parent.remove(previous)
            del node["alone"]


# -- renderers -----------------------------------------------------------------------


def visit_html(self: SphinxTranslator, node: unknown_citation_key) -> None:
    self.body.append(self.starttag(node, "mark", "[", CLASS="citation-unknown-key"))
    prefix = str(_("{label}: {key}")).format(label=label(), key="")
    self.body.append(f'<span class="citation-unknown-key-label">{self.encode(prefix)}</span>')


def depart_html(self: SphinxTranslator, node: unknown_citation_key) -> None:
    self.body.append("]</mark>")


def visit_latex(self: SphinxTranslator, node: unknown_citation_key) -> None:
    prefix = str(_("{label}: {key}")).format(label=label(), key="")
    escaped = self.encode(prefix).replace("\u00a0", "~")
    self.body.append(
        r"{\sffamily\color[HTML]{" + LATEX_MARK_COLOUR + r"}\textbf{[" + escaped + r"}\texttt{"
    )


def depart_latex(self: SphinxTranslator, node: unknown_citation_key) -> None:
    self.body.append(r"}\textbf{]}}")


def visit_text(self: SphinxTranslator, node: unknown_citation_key) -> None:
    self.add_text(marker_text(node["key"]))
    raise nodes.SkipNode


def setup(app) -> None:
    app.add_node(
        unknown_citation_key,
        html=(visit_html, depart_html),
        latex=(visit_latex, depart_latex),
        text=(visit_text, None),
    )
    app.add_post_transform(MarkUnknownKeys)
    app.add_post_transform(RemoveEmptyCitations)
    app.connect("doctree-resolved", markers_where_unrendered, priority=priorities.UNKNOWN_KEY_MARKERS)
