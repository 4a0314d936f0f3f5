# Configuration for pages produced by ``publication import``: the project's
# extensions and settings, with the project's refs.bib copied next to it by the test.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication"]
language = "fr"
numfig = True
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes", "substitution"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "label"
bibtex_cite_id = "cite-{key}"
editorial_mode = "review"
