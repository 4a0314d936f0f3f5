extensions = ["myst_parser", "sphinx_publication.citations"]
root_doc = "index"
language = "fr"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "biblatex.tex", "biblatex", "Test", "howto")]
latex_elements = {
    "babel": r"\usepackage[french]{babel}",
    "preamble": r"\frenchsetup{AutoSpacePunctuation=false}",
}
