# A book whose root_doc lives in a folder, with a site-root redirect page, a
# chart (inline SVG), a citation and a review note: what the EPUB and the
# one-page edition must handle.
extensions = ["myst_parser", "sphinx_publication"]
language = "fr"
project = "Éditions"
author = "Autrice"
copyright = "2023, Autrice"
version = "1.0"
numfig = True
root_doc = "book/index"
templates_path = ["_templates"]
exclude_patterns = ["_build"]
html_additional_pages = {"index": "redirect.html"}
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
latex_engine = "xelatex"
latex_documents = [("book/index", "editions.tex", "Éditions", "Autrice", "howto")]
one_page_edition = "une-page"
one_page_exclude = ["book/coulisses"]
html_theme = "furo"
