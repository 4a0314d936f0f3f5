"""Citations: French bibliography styles, cross-page backlinks, checked .bib files.

Builds on sphinxcontrib-bibtex (loaded by this extension):

* ``publication`` pybtex formatting style and referencing style in the
  document language (:mod:`.style`, :mod:`.referencing`, :mod:`.terms`);
  set ``bibtex_default_style = bibtex_reference_style = "publication"``;
* every bibliography entry lists where it is cited, across pages, in HTML
  and in the PDF (:mod:`.backlinks`);
* malformed .bib files give located warnings instead of a traceback
  (:mod:`.bibcheck`, :mod:`.bibfiles`);
* incremental builds after a .bib edit equal clean builds (:mod:`.incremental`);
* one bibliography at the end of the PDF, without an empty chapter (:mod:`.latex`);
* in HTML, a card previews each cited entry and each ``{numref}`` figure in place (:mod:`.cards`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import register_catalog
from . import backlinks, bibfiles, cards, incremental, latex, plugin_cache, refids
from .terms import use_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__version__ = "0.1.0"
CATALOG = "sphinx_publication.citations"


def register_styles() -> None:
    """Make the styles findable from a bare checkout too (entry points do it when installed)."""
    import pybtex.plugin
    from sphinxcontrib.bibtex.plugin import register_plugin

    from .referencing import PublicationReferenceStyle
    from .style import EnglishStyle, FrenchStyle, Style

    for name, klass in (
        ("publication", Style),
        ("publication-fr", FrenchStyle),
        ("publication-en", EnglishStyle),
    ):
        pybtex.plugin.register_plugin("pybtex.style.formatting", name, klass)
    register_plugin("sphinxcontrib.bibtex.style.referencing", "publication", PublicationReferenceStyle)


def select_language(app: Sphinx, config: Config) -> None:
    use_language(config.language)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxcontrib.bibtex")
    plugin_cache.install()
    refids.setup(app)
    register_catalog(app, CATALOG, __file__)
    register_styles()
    app.connect("config-inited", select_language)
    # before sphinxcontrib-bibtex's own builder-inited handler (priority 500)
    app.connect("builder-inited", bibfiles.load_bibliographies, priority=400)
    # after sphinxcontrib-bibtex computed the labels (priority 500)
    app.add_domain(incremental.CitationSnapshotDomain)
    app.connect("env-updated", incremental.documents_to_rewrite, priority=600)
    app.add_post_transform(backlinks.CitationBacklinks)
    app.add_post_transform(backlinks.LatexCitationAnchors)
    cards.setup(app)
    app.add_post_transform(latex.MarkBibliographySection)
    app.add_post_transform(latex.MoveBibliographyHeading)
    # Visitors are registered under output formats only, never under builder
    # names (epub, man...): Sphinx would then ignore every other extension's
    # format-level visitors on those builders. The heading exists only in
    # LaTeX doctrees (created by a LaTeX-only post-transform).
    app.add_node(latex.bibliography_heading, latex=(latex.visit_bibliography_heading_latex, None))
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
