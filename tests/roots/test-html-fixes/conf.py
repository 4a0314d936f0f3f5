extensions = ["myst_parser", "sphinx_publication.html_fixes"]
html_theme = "furo"
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
