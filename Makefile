# The publication's commands. `make html` and `make test` are all a new
# contributor needs: both create .venv and install the pinned dependencies.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
BUILDDIR    ?= _build
SPHINXOPTS  ?=
SPHINXBUILD := $(BIN)/python -m sphinx
# conf.py's PDF_NAME, the one place it is written
PDF_NAME    := $(shell sed -n 's/^PDF_NAME = "\(.*\)"$$/\1/p' conf.py)
STAMP       := $(VENV)/.installed-stamp
# TeX Live's Debian packages: the "# tex" part of requirements/debian.txt
TEX_PACKAGES := $(shell sed -n '/^\# tex$$/,/^\# other$$/{/^[^\#]/p}' requirements/debian.txt)

.PHONY: help install html dirhtml singlehtml epub text latex pdf latexpdf release \
	serve test bench locale clean check-tex

help:
	@echo "make html     build the web edition into $(BUILDDIR)/html"
	@echo "              (with the one-page edition docs/lire-en-une-page.html)"
	@echo "make dirhtml, make singlehtml  the web edition with folder URLs, or as one page"
	@echo "make epub     build the EPUB 3 into $(BUILDDIR)/epub"
	@echo "make text     build the plain-text edition into $(BUILDDIR)/text"
	@echo "make pdf      build the accessible PDF (Typst, PDF/UA-1) into $(BUILDDIR)/typst/$(PDF_NAME)"
	@echo "make latex    write the LaTeX sources into $(BUILDDIR)/latex"
	@echo "make latexpdf build the LaTeX PDF into $(BUILDDIR)/latex/$(PDF_NAME) (needs TeX Live)"
	@echo "make test     run the whole test suite"
	@echo "make serve    live preview with automatic rebuilds"
	@echo "make release  release build: fails on unresolved editorial markers"
	@echo "make bench    print the benchmark table"
	@echo "make diff BASE=REV  the working tree against a git revision, changes marked ($(BUILDDIR)/diff)"
	@echo "make locale   compile the extension's own interface catalogs (.po -> .mo)"
	@echo "make clean    remove $(BUILDDIR)"
	@echo "LANGUAGE=en   any build above in English, into its folder suffixed -en ($(BUILDDIR)/html-en...)"
	@echo "make gettext, make locale-update LANGUAGE=en, make translation-status: the English catalogs"

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[docs,test]"
	touch $@

install: $(STAMP)

# What the PDF is made from: a PDF older than any of these files is stale.
PDF_SOURCES := docs ext conf.py refs.bib CITATION.cff
# The first source file newer than the Typst PDF, if any (empty: the PDF is current).
NEWER_THAN_PDF = find $(PDF_SOURCES) -type f -newer $(BUILDDIR)/typst$(LANG_SUFFIX)/$(PDF_NAME) \
	! -path '*/__pycache__/*' ! -path '*.egg-info/*' -print -quit 2>/dev/null

html dirhtml singlehtml epub text: $(STAMP)
	$(SPHINXBUILD) -b $@ -d $(BUILDDIR)/doctrees$(LANG_SUFFIX) . $(BUILDDIR)/$@$(LANG_SUFFIX) $(SPHINXOPTS)
	@if [ "$@" = html ]; then \
		rm -f $(BUILDDIR)/html$(LANG_SUFFIX)/$(PDF_NAME); \
		if [ -f $(BUILDDIR)/typst$(LANG_SUFFIX)/$(PDF_NAME) ] && [ -z "$$($(NEWER_THAN_PDF))" ]; then \
			cp $(BUILDDIR)/typst$(LANG_SUFFIX)/$(PDF_NAME) $(BUILDDIR)/html$(LANG_SUFFIX)/$(PDF_NAME); \
		elif [ -f $(BUILDDIR)/typst$(LANG_SUFFIX)/$(PDF_NAME) ]; then \
			echo "The Typst PDF is older than the sources: not copied (make pdf)"; fi; fi

check-tex:
	@command -v latexmk >/dev/null && command -v xelatex >/dev/null || { \
		echo "TeX Live is missing. Install it with:"; \
		echo "  sudo apt-get install --no-install-recommends $(TEX_PACKAGES)"; \
		exit 1; }

latex: $(STAMP)
	$(SPHINXBUILD) -b latex -d $(BUILDDIR)/doctrees$(LANG_SUFFIX) . $(BUILDDIR)/latex$(LANG_SUFFIX) $(SPHINXOPTS)

# The accessible PDF (tagged PDF/UA-1) through Typst: Python packages only.
# The HTML's « Télécharger le PDF » links this one.
# A failed compile fails the command and leaves no PDF, here or in the HTML.
pdf: $(STAMP)
	rm -f $(BUILDDIR)/html$(LANG_SUFFIX)/$(PDF_NAME)
	$(SPHINXBUILD) -b typst -d $(BUILDDIR)/doctrees$(LANG_SUFFIX) . $(BUILDDIR)/typst$(LANG_SUFFIX) $(SPHINXOPTS)
	@if [ -d $(BUILDDIR)/html$(LANG_SUFFIX) ]; then cp $(BUILDDIR)/typst$(LANG_SUFFIX)/$(PDF_NAME) $(BUILDDIR)/html$(LANG_SUFFIX)/; fi
	@echo "PDF: $(BUILDDIR)/typst$(LANG_SUFFIX)/$(PDF_NAME)"

# The LaTeX edition (XeLaTeX, untagged). The PDF of an earlier build goes
# first; a LaTeX error fails the command and leaves no PDF (not even a partial one).
latexpdf: check-tex latex
	rm -f $(BUILDDIR)/latex$(LANG_SUFFIX)/$(PDF_NAME)
	$(MAKE) -C $(BUILDDIR)/latex$(LANG_SUFFIX) all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error" || { \
		rm -f $(BUILDDIR)/latex$(LANG_SUFFIX)/$(PDF_NAME); \
		echo "LaTeX failed: no PDF (the log: $(BUILDDIR)/latex$(LANG_SUFFIX)/*.log)"; exit 1; }
	@echo "PDF: $(BUILDDIR)/latex$(LANG_SUFFIX)/$(PDF_NAME)"

release: $(STAMP)
	$(SPHINXBUILD) -b html -E -W --keep-going -D editorial_mode=release \
		-d $(BUILDDIR)/doctrees-release$(LANG_SUFFIX) . $(BUILDDIR)/release$(LANG_SUFFIX) $(SPHINXOPTS)

# Live preview: one Sphinx application kept in memory, rebuilt in process on
# every change (sphinx_publication.preview); loopback only unless HOST is set.
HOST        ?= 127.0.0.1
PORT        ?= 8000
serve: $(STAMP)
	$(BIN)/python -m sphinx_publication.preview . $(BUILDDIR)/serve$(LANG_SUFFIX) -d $(BUILDDIR)/doctrees-serve$(LANG_SUFFIX) \
		--host $(HOST) --port $(PORT) --restart-on ext --ignore tests --ignore bench \
		--ignore requirements $(SPHINXOPTS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The tracked-changes edition: the publication at BASE (a git revision, built in a
# temporary worktree) compared with the working tree: html/, changes.json and the
# PDF in $(BUILDDIR)/diff (README, « Revision rounds »).
.PHONY: diff
diff: $(STAMP)
	@if [ -z "$(BASE)" ]; then echo "usage: make diff BASE=<git revision> (a commit, branch or tag)"; exit 2; fi
	$(BIN)/publication diff "$(BASE)" --out $(BUILDDIR)/diff

bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

locale: $(STAMP)
	$(BIN)/python -m sphinx_publication.i18n compile

# -- Editions in other languages (issue 25) ------------------------------------
# The pages are French; LANGUAGE=en builds any target above in English from
# locale/en/LC_MESSAGES/docs/*.po (the pages) and refs.po (refs.bib's
# language-bound fields), into the same folder suffixed -en
# (_build/html-en, _build/typst-en, _build/latex-en, _build/epub-en...), with
# doctrees of its own. `make gettext` writes the .pot files, `make
# locale-update LANGUAGE=en` merges them into the catalogs (sphinx-intl: a
# changed French sentence becomes fuzzy), `make translation-status` lists what
# is left to translate.
SOURCE_LANGUAGE := fr
LANGUAGE        ?= $(SOURCE_LANGUAGE)
ifneq ($(LANGUAGE),$(SOURCE_LANGUAGE))
LANG_SUFFIX     := -$(LANGUAGE)
override SPHINXOPTS += -D language=$(LANGUAGE)
endif
# the catalogs' language: LANGUAGE, English by default
TRANSLATION_LANGUAGE := $(if $(LANG_SUFFIX),$(LANGUAGE),en)

.PHONY: gettext locale-update translation-status
# Message catalogs of the French pages, located in the sources (docs/PAGE.md:LINE),
# and refs.pot: refs.bib's language-bound fields (refs.bib:LINE).
# The templates' interface strings (sphinx.pot) are the theme's catalog, not the
# publication's: left out.
gettext: $(STAMP)
	$(SPHINXBUILD) -b gettext -d $(BUILDDIR)/doctrees-gettext . $(BUILDDIR)/gettext \
		$(SPHINXOPTS) -D language=$(SOURCE_LANGUAGE)
	rm -f $(BUILDDIR)/gettext/sphinx.pot
	$(BIN)/python -m sphinx_publication.translation.status relocate $(BUILDDIR)/gettext

locale-update: gettext
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locale -l $(TRANSLATION_LANGUAGE)

translation-status: locale-update
	$(BIN)/python -m sphinx_publication.translation.status status --locale-dir locale \
		-l $(TRANSLATION_LANGUAGE)

clean:
	rm -rf $(BUILDDIR)
