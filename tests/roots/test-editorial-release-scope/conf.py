"""A release leaves review notes out as the pages are read: what is inside
them (a chart, a label, a citation) is then neither numbered nor linked."""

project = "Portée de l’édition"
language = "fr"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication"]
exclude_patterns = ["_build"]
numfig = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
html_last_updated_fmt = None
