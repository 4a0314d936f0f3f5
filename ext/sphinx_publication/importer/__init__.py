"""Draft importer: a draft in the marker format -> the publication's MyST pages.

Flow: :mod:`.parse` (with :mod:`.markers`) builds the :mod:`.model`,
:mod:`.citations` maps ``[n]`` to bibliography keys, :mod:`.emit` writes the
pages, :mod:`.pipeline` chains them (:func:`.pipeline.import_draft` is the
whole import as a function) and :mod:`.cli` is the ``publication`` command.

No Sphinx and no docutils: it runs before any build. Chart and table values,
rows and headers are read with the figures grammar
(:mod:`sphinx_publication.figures.parse`) and words counted by
``editorial.wordcount``, so that import and build agree; both are pure
modules. The grammar is documented for authors in
docs/auteurs/format-des-brouillons.md.
"""
