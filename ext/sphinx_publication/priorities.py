"""When the package's event handlers run, in one table.

Sphinx runs the handlers of one event by ascending priority. 500 is the
default, which sphinxcontrib-bibtex's handlers and the themes' use: a number
below runs before them, above after them. Each name says what runs, each
comment why it runs there.
"""

#: sphinxcontrib-bibtex's handlers, Furo's and the other themes'.
DEFAULT = 500

# -- config-inited ---------------------------------------------------------------
#: The article's metadata (CITATION.cff) set before other handlers read html_title.
LOAD_ARTICLE = 400

# -- builder-inited --------------------------------------------------------------
#: The build's formatted-entries cache in place before the first entry is formatted.
FORMATTED_ENTRIES = 300
#: The .bib files read, checked and translated before sphinxcontrib-bibtex parses them.
LOAD_BIBLIOGRAPHIES = 400
#: Late, so that a translator another extension sets is the one extended.
ACCESSIBLE_TRANSLATOR = 900

# -- env-before-read-docs --------------------------------------------------------
#: The formatted-entries cache in place before any page is read.
FORMATTED_ENTRIES_BEFORE_READING = 100

# -- env-updated -----------------------------------------------------------------
#: Pages to rewrite, once sphinxcontrib-bibtex has computed citations and labels.
CITATION_INDEX = 600
METADATA_SNAPSHOT = 600
#: Cards of entries no longer cited dropped, after the snapshots above.
FORGET_OLD_CARDS = 700
#: Formatted entries of removed .bib entries dropped, after everything that formats.
FORGET_OLD_ENTRIES = 900
#: Last: what the handlers above keep for the write phase is part of the frozen heap.
FREEZE_HEAP = 1000

# -- doctree-resolved ------------------------------------------------------------
#: First: every later handler sees the markers of unknown citation keys.
UNKNOWN_KEY_MARKERS = 100
#: Before the others, as the post-transforms they replaced (which ran before them all).
ONE_PAGE_LINKS = 200
CITE_THIS_ARTICLE = 200
#: Before the cards, which repeat the backlinks.
CITATION_BACKLINKS = 200
CARD_TEMPLATES = 210
#: The PDF's editorial report added before the editorial layer fills reports (500).
REVIEW_PDF_REPORT = 400
#: « (page N) » after each link of the report, once the report is filled.
REVIEW_PDF_PAGE_REFERENCES = 600
#: Last: links that the other handlers added are made right too.
SINGLE_PAGE_LINKS = 950
#: After every other handler: markers for the one-page edition (editions.written_pages).
ONE_PAGE_MARKS = 1000

# -- html-page-context -----------------------------------------------------------
#: First: the body kept for the one-page edition and its markers removed, before
#: any other handler sees it.
ONE_PAGE_KEEP_WRITTEN = 100
#: After the theme's own context (navigation, title) is computed.
ONE_PAGE_CONTEXT = 600
FRENCH_PAGE_CONTEXT = 900

# -- build-finished --------------------------------------------------------------
#: The editorial summary and the release gate after the other extensions finished.
EDITORIAL_GATE = 900
#: After every other handler (whatever they keep is collected again).
UNFREEZE_HEAP = 1000
