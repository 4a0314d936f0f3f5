# The base version of a small article compared by `publication diff`
# (tests/test_revisions.py edits a git copy of it, one change of each kind per page).
extensions = ["myst_parser", "sphinx_publication"]
language = "fr"
project = "Révisions"
author = "Autrice"
copyright = "2024, Autrice"
version = "1.0"
numfig = True
root_doc = "docs/index"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
latex_documents = [("docs/index", "revisions-test.tex", "Révisions", "Autrice", "howto")]
one_page_edition = "une-page"
html_theme = "furo"
myst_enable_extensions = ["colon_fence"]
