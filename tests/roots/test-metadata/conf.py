# The article's metadata comes from CITATION.cff only: no project, author,
# copyright or title here. Its title holds quotes, "&" and "<" on purpose.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication"]
language = "fr"
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["substitution"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
latex_engine = "xelatex"
latex_documents = [("index", "article-test.tex", "", "", "howto")]
version = "1"  # EPUB 3 needs one
