extensions = ["myst_parser", "sphinx_publication.editorial"]
language = "fr"
root_doc = "index"
exclude_patterns = ["_build"]
editorial_release_exclude = ["etat.md"]
