# Hostile .bib data (issue 21): addresses in schemes other than http(s), markup
# in every field, a field ending in a backslash. Every output must print the
# text escaped and link only http(s) addresses.
extensions = ["myst_parser", "sphinx_publication"]
language = "fr"
root_doc = "index"
exclude_patterns = ["_build"]
numfig = True
version = "1"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
one_page_edition = "une-page"
latex_engine = "xelatex"
latex_documents = [("index", "hostile.tex", "Hostile", "Test", "howto")]
