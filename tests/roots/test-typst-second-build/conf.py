# Compiles as written; the test then breaks a page and builds again into the
# same folder: the build must fail, leave no PDF, and say which page and line.
extensions = ["sphinx_publication.typst"]
language = "en"
project = "Second build"
author = "Someone"
