# Raw Typst that does not compile: the build must warn, not crash.
extensions = ["sphinx_publication.typst"]
language = "en"
project = "Broken"
author = "Someone"
