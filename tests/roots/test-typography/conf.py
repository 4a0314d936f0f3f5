extensions = ["myst_parser", "sphinx_publication.typography"]
language = "fr"
