# Charts with more series than lightness keeps apart, two on a page and one
# on another page: patterns, their ids, the same colours in every output.
extensions = ["myst_parser", "sphinx_publication.figures", "sphinx_publication.typst"]
language = "fr"
project = "Palette"
author = "Test"
numfig = True
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("index", "palette.tex", "Palette", "Test", "howto")]
html_theme = "furo"  # its dark mode (body[data-theme]) for the browser test
