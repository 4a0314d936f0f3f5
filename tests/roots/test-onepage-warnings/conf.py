# An article whose pages refer to what does not exist (a cite key, a label):
# each warning is to be printed once, the one-page edition on.
extensions = ["myst_parser", "sphinx_publication"]
language = "fr"
project = "Avertissements"
author = "Autrice"
copyright = "2023, Autrice"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
one_page_edition = "une-page"
