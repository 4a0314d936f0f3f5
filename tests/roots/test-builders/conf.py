# Every sub-extension beside an extension that registers HTML visitors under
# the format name only (todo): no builder may lose either's output.
extensions = ["myst_parser", "sphinx.ext.todo", "sphinxcontrib.bibtex", "sphinx_publication"]
language = "fr"
todo_include_todos = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
numfig = True
latex_documents = [("index", "builders.tex", "Constructeurs", "Auteur", "howto")]
latex_engine = "xelatex"
texinfo_documents = [("index", "builders", "Constructeurs", "Auteur", "builders", "", "Misc")]
man_pages = [("index", "builders", "Constructeurs", ["Auteur"], 1)]
bibtex_cite_id = "cite-{key}"
copyright = "2024, Auteur"
version = "1.0"
