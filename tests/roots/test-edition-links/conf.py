# The publication's shape in small: pages under docs/, a bibliography page, an
# editorial report left out of the release, citations inside a review note and
# a data-needed block (one key cited only there), cross-page {numref}, {ref}
# and {doc} links. What every internal link of every edition must survive.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication"]
language = "fr"
project = "Liens"
author = "Autrice"
copyright = "2023, Autrice"
version = "1.0"
root_doc = "docs/index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
numfig = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
editorial_release_exclude = ["docs/etat.md"]
latex_engine = "xelatex"
latex_documents = [("docs/index", "liens.tex", "Liens", "Autrice", "howto")]
html_theme = "furo"
