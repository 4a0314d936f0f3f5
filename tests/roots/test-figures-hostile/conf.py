extensions = ["myst_parser", "sphinx_publication.figures"]
language = "fr"
numfig = True
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("index", "hostile.tex", "Hostile", "Test", "howto")]
