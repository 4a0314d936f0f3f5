# Hostile and broken input (issue 21), end to end: every payload of the issue in
# every field it can reach -- CITATION.cff, refs.bib, page titles, citations,
# chart labels, CSV and Plotly files, editorial notes -- built with every builder.
# The rest of the publication must build around what is refused, every output
# must print the payloads as text, and no link may leave http(s).
#
# Two inputs are too large to keep in the repository; they are written here,
# before the project is read: a Plotly file nested 100,000 levels deep and a
# .bib entry whose field holds 20,000 characters.
from pathlib import Path

_here = Path(__file__).resolve().parent
_depth = 100_000
(_here / "data" / "deep.json").write_text(
    '{"data": [{"type": "bar", "x": ' + "[" * _depth + "]" * _depth + "}]}", encoding="utf-8")
(_here / "huge.bib").write_text(
    "@misc{huge,\n  title = {Champ démesuré},\n  year  = {2024},\n  note  = {"
    + "démesure <b>" * 2_000 + "},\n}\n", encoding="utf-8")

extensions = ["myst_parser", "sphinx_publication"]
language = "fr"
root_doc = "index"
exclude_patterns = ["_build"]
numfig = True
version = "1"  # EPUB 3 needs one
html_theme = "furo"  # the theme that received html_title unescaped (issue 21, row 1)
bibtex_bibfiles = ["refs.bib", "huge.bib"]
bibtex_default_style = "publication"
bibtex_reference_style = "publication"
bibtex_cite_id = "cite-{key}"
one_page_edition = "une-page"
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "hostile.tex", "", "", "howto")]
