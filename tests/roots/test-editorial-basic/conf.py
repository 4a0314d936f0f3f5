extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_publication.editorial", "chartstub"]

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

language = "fr"
root_doc = "index"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
word_count_exclude = ["auteurs/*"]
editorial_release_exclude = ["etat.md"]
latex_engine = "xelatex"
