"""Proof root: charts (inline and CSV), citations across pages, one bibliography."""

project = "Preuve"
language = "fr"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
numfig = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "label"
bibtex_cite_id = "cite-{key}"
html_last_updated_fmt = None
