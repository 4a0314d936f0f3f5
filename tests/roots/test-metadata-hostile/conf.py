# Hostile CITATION.cff text (issue 21, rows 1, 3 and 7): a site title that closes
# <script>, an article title full of LaTeX specials, a javascript: address.
# Furo is the theme that wrote html_title as raw HTML.
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
latex_documents = [("index", "hostile.tex", "", "", "howto")]
version = "1"  # EPUB 3 needs one
