"""Citations: French bibliography styles, cross-page backlinks, checked .bib files.

Builds on sphinxcontrib-bibtex (loaded by this extension):

* ``publication`` pybtex formatting style and referencing style in the
  document language (:mod:`.style`, :mod:`.referencing`, :mod:`.terms`,
  chosen per build by :mod:`.plugins`); set
  ``bibtex_default_style = bibtex_reference_style = "publication"``;
* every bibliography entry lists where it is cited, across pages, in HTML
  and in the PDF (:mod:`.backlinks`, drawn from :mod:`.citation_index`,
  which also keeps incremental builds after a .bib edit equal to clean ones,
  in a new process or in the same application: :mod:`.rebuild_state`);
* malformed .bib files give located warnings instead of a traceback
  (:mod:`.bibcheck`, :mod:`.bibfiles`); text from them is bounded and printed
  as text, and only http(s) addresses become links (:mod:`.addresses`,
  :mod:`.unsafe_links`);
* one bibliography at the end of the PDF, without an empty chapter (:mod:`.latex`);
* what other layers may ask about citations: :mod:`.queries`;
* citations inside places the editorial mode removes (a release's review
  notes) are not recorded: no bibliography entry, backlink or card for them
  (:mod:`.edition_scope`);
* a cited key missing from the .bib shows as « [clé inconnue : key] »
  (:mod:`.unknown_key_marker`); :func:`.queries.unknown_keys_cited` lists them;
* in HTML, a card previews each cited entry and each ``{numref}`` figure in place (:mod:`.cards`).
"""


def setup(app):
    # First, before sphinxcontrib-bibtex is imported: it looks plugins up as it loads.
    from . import speedups

    speedups.install()
    from .. import priorities
    from ..assets import add_stylesheet
    from ..builders import add_visitors
    from ..i18n import register_catalog
    from ..package_info import extension_metadata
    from . import (
        backlinks,
        bibfiles,
        cards,
        citation_index,
        edition_scope,
        formatted_entries,
        latex,
        plugins,
        rebuild_state,
        refids,
        unknown_key_marker,
        unsafe_links,
    )

    app.setup_extension("sphinxcontrib.bibtex")
    # the bibliography, its index and the formatted entries live through the write phase
    app.setup_extension("sphinx_publication.long_lived_heap")
    refids.setup(app)
    register_catalog(app, "sphinx_publication.citations", __file__)
    plugins.register_styles()
    app.connect("config-inited", plugins.use_document_language)
    # formatted entries kept in the environment, named before the first is formatted
    formatted_entries.setup(app)
    app.connect("builder-inited", bibfiles.load_bibliographies, priority=priorities.LOAD_BIBLIOGRAPHIES)
    # a long-lived application (live preview) builds again after a .bib edit
    app.connect("env-get-outdated", rebuild_state.reload_changed_bibfiles)
    app.add_post_transform(rebuild_state.FreshCitationNodes)
    app.add_post_transform(rebuild_state.CitationNodesLeftEmpty)
    # links in entries only to http(s), whatever the style (after sphinxcontrib-bibtex's 5)
    app.add_post_transform(unsafe_links.UnlinkUnsafeEntryLinks)
    # what the edition hides cites nothing: asked of the editorial layer once a page is read
    app.add_transform(edition_scope.ForgetHiddenCitations)
    app.add_domain(citation_index.CitationIndexDomain)
    app.connect("env-updated", citation_index.documents_to_rewrite, priority=priorities.CITATION_INDEX)
    app.connect("doctree-resolved", backlinks.add_citation_backlinks, priority=priorities.CITATION_BACKLINKS)
    app.add_post_transform(backlinks.LatexCitationAnchors)
    # a cited key missing from the .bib is shown, not dropped (counted by queries.unknown_keys_cited)
    unknown_key_marker.setup(app)
    add_stylesheet(app, __file__, "sphinx-publication-unknown-keys.css")
    cards.setup(app)
    app.add_post_transform(latex.MarkBibliographySection)
    app.add_post_transform(latex.MoveBibliographyHeading)
    # The heading exists only in LaTeX doctrees (created by a LaTeX-only post-transform).
    add_visitors(app, latex.bibliography_heading, latex=(latex.visit_bibliography_heading_latex, None))
    return extension_metadata(env_version=5)  # 5: the citation index domain renamed
