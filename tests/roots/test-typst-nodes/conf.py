# Every construct the Typst translator renders, and one node it does not know.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

extensions = ["sphinxcontrib.bibtex", "sphinx_publication", "mystery"]
language = "fr"
project = "Essai Typst"
author = "Autrice Témoin"
today = "1er janvier 2025"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
numfig = True
latex_documents = [("index", "essai.tex", "Essai : le titre du document", author, "howto")]
latex_elements = {
    "preamble": r"\hypersetup{pdfsubject={Un sujet}, pdfkeywords={alpha, bêta}}",
}
