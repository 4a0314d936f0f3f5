# A sphinx-charts user's project: its files and directive lines, unchanged.
extensions = ["sphinx_publication.figures"]
language = "fr"
numfig = True
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("index", "charts.tex", "Charts", "Test", "howto")]
html_baseurl = "https://example.org/charts/"
copyright = "Test"
version = "1"
epub_copyright = "Test"
