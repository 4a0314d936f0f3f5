extensions = ["myst_parser", "sphinx_publication.figures"]
language = "fr"
numfig = True
exclude_patterns = ["_build"]
