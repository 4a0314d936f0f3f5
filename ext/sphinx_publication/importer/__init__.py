"""Draft importer: a draft in the marker format -> the publication's MyST pages.

Flow: :mod:`.parse` (with :mod:`.markers`) builds the
:mod:`.model`, :mod:`.citations` maps ``[n]`` to bibliography keys,
:mod:`.emit` writes the pages, :mod:`.pipeline` chains them and :mod:`.cli` is
the ``publication`` command. No Sphinx in this package: it runs before any
build. Charts and tables are read back with the figures layer's parser
(:mod:`.figure_check`) and words counted by ``editorial.wordcount``, so that
import and build agree; both are pure modules. The grammar is documented for authors in
docs/auteurs/format-des-brouillons.md.
"""

from .pipeline import ImportResult, import_draft

__all__ = ["ImportResult", "import_draft"]
