# Compiles with `make latexpdf` as written; the test then breaks the page and
# compiles again into the same folder: the command must fail and leave no PDF.
language = "en"
project = "Second build"
author = "Someone"
latex_engine = "xelatex"
latex_documents = [("index", "second-build.tex", "Second build", "Someone", "howto")]
