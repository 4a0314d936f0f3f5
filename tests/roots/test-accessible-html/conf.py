extensions = ["myst_parser", "sphinx_publication.accessible_html"]
html_theme = "furo"
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
