extensions = ["myst_parser", "sphinx_publication.figures"]
language = "fr"
numfig = True
exclude_patterns = ["_build", "NOTICE.md"]
latex_engine = "xelatex"
latex_documents = [("index", "mocks.tex", "Mocks", "Test", "howto")]
copyright = "Test"
version = "1"
