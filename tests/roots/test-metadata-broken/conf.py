# A CITATION.cff with every kind of wrong value of issue 21 (rows 5 and 6): each
# must be a warning at its line, never published; the rest of the article builds.
extensions = ["myst_parser", "sphinx_publication"]
language = "fr"
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["substitution"]
html_theme = "furo"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
latex_engine = "xelatex"
latex_documents = [("index", "broken.tex", "", "", "howto")]
version = "1"  # EPUB 3 needs one
