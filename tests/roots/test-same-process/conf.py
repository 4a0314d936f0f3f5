"""Same-process root: pages, a CSV chart, citations across pages, a template."""

project = "Même processus"
language = "fr"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
templates_path = ["_templates"]
numfig = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
html_last_updated_fmt = None
one_page_edition = "une-page"  # the whole article on one page, rebuilt with the others
