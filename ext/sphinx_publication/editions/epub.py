"""The EPUB edition: Sphinx's EPUB 3 builder, made to pass epubcheck.

Sphinx's builder stays in charge of writing pages; this subclass changes only
what a valid, accessible book needs and Sphinx does not do:

* navigation (``nav.xhtml``, ``toc.ncx``) with hrefs from the book's root,
  also when ``root_doc`` lives in a folder (Sphinx leaves them relative to
  ``root_doc``'s folder in its default ``epub_tocscope``);
* no ``html_additional_pages``: they are site pages (redirects…), not parts of
  a book;
* the manifest ``svg``/``mathml`` properties of pages that hold inline SVG or
  MathML, read from the written pages;
* EPUB Accessibility 1.1 metadata derived from the book's content, the
  publication date, and no ``unknown`` placeholder for a missing description
  or contributor;
* doctrees written inside the output folder (``sphinx-build`` without ``-d``)
  are not offered to the book;
* never a stale book: the ``.epub`` of an earlier build is removed before
  this one is written, and a packaging step that fails leaves no ``.epub``,
  reports a located error and fails the build (a non-zero exit, ``-W`` or not).

The charts' colours need nothing of their own here: the figures layer's
stylesheet (:func:`sphinx_publication.figures.palette.stylesheet`), on every
HTML-format page, gives each colour class its literal before ``var()``, for
reading systems that ignore custom properties.
"""

from __future__ import annotations

import html
import os
import uuid
import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import _ as sphinx_
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file

from sphinx_publication.diagnostics import WARNING_TYPE
from sphinx_publication.i18n import translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
_ = translator("sphinx_publication.editions")

TEMPLATES = Path(__file__).resolve().parent / "templates"
XHTML = "{http://www.w3.org/1999/xhtml}"
NAMESPACE_PROPERTIES = {
    "{http://www.w3.org/2000/svg}": "svg",
    "{http://www.w3.org/1998/Math/MathML}": "mathml",
}


# -- what a page holds (pure) ----------------------------------------------------------


@dataclass(frozen=True)
class PageContent:
    """What the manifest and the accessibility metadata need to know of a page."""

    properties: frozenset[str] = frozenset()
    images: int = 0  # <img> and inline <svg>
    images_without_text: int = 0  # no alt text / no <title>


def read_page(path: Path) -> PageContent:
    """Scan one written XHTML page (well-formed by construction of the builder)."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return PageContent()  # epubcheck reports the page itself
    properties: set[str] = set()
    images = without_text = 0
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        for namespace, prop in NAMESPACE_PROPERTIES.items():
            if tag.startswith(namespace):
                properties.add(prop)
        if tag == f"{XHTML}img":
            images += 1
            without_text += not (element.get("alt") or "").strip()
        elif tag == "{http://www.w3.org/2000/svg}svg" and element.get("role") != "presentation":
            images += 1
            title = element.find("{http://www.w3.org/2000/svg}title")
            labelled = element.get("aria-label") or element.get("aria-labelledby")
            without_text += not (labelled or (title is not None and (title.text or "").strip()))
    return PageContent(frozenset(properties), images, without_text)


def accessibility_metadata(pages: list[PageContent], summary: str) -> list[tuple[str, str]]:
    """``schema:`` properties (EPUB Accessibility 1.1) that the content bears out."""
    images = sum(page.images for page in pages)
    without_text = sum(page.images_without_text for page in pages)
    entries = [("schema:accessMode", "textual")]
    if images:
        entries.append(("schema:accessMode", "visual"))
    if not without_text:
        entries.append(("schema:accessModeSufficient", "textual"))
    if images:
        entries.append(("schema:accessModeSufficient", "textual,visual"))
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if images and not without_text:
        features.append("alternativeText")
    entries += [("schema:accessibilityFeature", feature) for feature in features]
    entries.append(("schema:accessibilityHazard", "none"))
    entries.append(("schema:accessibilitySummary", summary))
    return entries


def accessibility_summary(pages: list[PageContent]) -> str:
    """The human-readable summary, in the document language, of what the book offers."""
    summary = str(_("Reflowable text with headings, a table of contents and the "
                    "reading order of the article."))
    if any(page.images for page in pages) and not any(page.images_without_text for page in pages):
        summary += " " + str(_("Every chart has a title, a description and its data in a table."))
    return summary


def publication_date(copyright_notice: str, configured: str) -> str:
    """``epub_publication_date``, else the first year of ``copyright`` (W3CDTF)."""
    if configured:
        return configured
    year = re.search(r"\b(\d{4})\b", copyright_notice or "")
    return year.group(1) if year else ""


def from_book_root(refnodes: list[dict[str, Any]], root_doc: str) -> None:
    """Make toctree hrefs (relative to ``root_doc``'s folder) relative to the book's root."""
    folder = posixpath.dirname(root_doc)
    if not folder:
        return
    for item in refnodes:
        item["refuri"] = posixpath.join(folder, item["refuri"])


# -- the builder ----------------------------------------------------------------------


class PublicationEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, fixed and completed as the module says."""

    def gen_additional_pages(self) -> None:
        """``html_additional_pages`` are site pages: none goes into the book."""

    #: the book could not be packaged: the build ends with a non-zero status
    packaging_failed = False

    @property
    def epub_path(self) -> Path:
        return Path(self.outdir) / f"{self.config.epub_basename}.epub"

    def prepare_writing(self, docnames) -> None:
        # Never a stale book: the earlier build's goes before this one is written.
        self.epub_path.unlink(missing_ok=True)
        super().prepare_writing(docnames)
        if not any(self.env.domains.index_domain.entries.values()):
            self.use_index = False  # an empty index page is no part of a book

    def navigation_doc_metadata(self, navlist) -> dict[str, Any]:
        metadata = super().navigation_doc_metadata(navlist)
        metadata["toc_locale"] = html.escape(str(sphinx_("Table of Contents")))
        return metadata

    # navigation documents ------------------------------------------------------------
    def _navigation_refnodes(self) -> list[dict[str, Any]]:
        if self.config.epub_tocscope != "default":
            return self.refnodes  # already from the book's root (get_toc)
        doctree = self.env.get_and_resolve_doctree(
            self.config.root_doc, self, tags=self.tags, prune_toctrees=False,
            includehidden=False)
        refnodes = self.get_refnodes(doctree, [])
        from_book_root(refnodes, self.config.root_doc)
        self.toc_add_files(refnodes)
        return refnodes

    def build_navigation_doc(self) -> None:
        logger.info(__("writing nav.xhtml file..."))
        navlist = self.build_navlist(self._navigation_refnodes())
        copy_asset_file(self.template_dir / "nav.xhtml.jinja", self.outdir,
                        context=self.navigation_doc_metadata(navlist), force=True)
        if "nav.xhtml" not in self.files:
            self.files.append("nav.xhtml")

    def build_toc(self) -> None:
        logger.info(__("writing toc.ncx file..."))
        refnodes = self._navigation_refnodes()
        self.check_refnodes(refnodes)
        navpoints = self.build_navpoints(refnodes)
        level = min(max(item["level"] for item in self.refnodes), self.config.epub_tocdepth)
        copy_asset_file(self.template_dir / "toc.ncx.jinja", self.outdir,
                        context=self.toc_metadata(level, navpoints), force=True)

    # package document ----------------------------------------------------------------
    def _pages(self) -> dict[str, PageContent]:
        """Every written page, by its manifest href."""
        pages = {}
        for path in sorted(Path(self.outdir).rglob(f"*{self.out_suffix}")):
            relative = path.relative_to(self.outdir).as_posix()
            pages[html.escape(quote(relative))] = read_page(path)
        return pages

    def _description(self) -> str:
        if self.config.epub_description not in ("", "unknown"):
            return self.config.epub_description
        doctree = self.env.get_doctree(self.config.root_doc)
        for meta in doctree.findall(nodes.meta):
            if meta.get("name") == "description":
                return meta.get("content", "")
        return ""

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        pages = self._pages()
        metadata["manifest_properties"] = {
            href: " ".join(sorted(page.properties)) for href, page in pages.items()
            if page.properties}
        metadata["accessibility"] = [
            (prop, html.escape(value)) for prop, value in accessibility_metadata(
                list(pages.values()), accessibility_summary(list(pages.values())))]
        metadata["publication_date"] = html.escape(publication_date(
            self.config.copyright, self.config.epub_publication_date))
        metadata["description"] = html.escape(self._description())
        if self.config.epub_contributor == "unknown":
            metadata["contributor"] = ""
        metadata["id"] = html.escape(self._identifier())
        return metadata

    def toc_metadata(self, level: int, navpoints) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self._identifier())  # must equal the OPF's
        return metadata

    def _identifier(self) -> str:
        """``epub_identifier``, else the site's address, else a UUID from title and author."""
        if self.config.epub_identifier not in ("", "unknown"):
            return self.config.epub_identifier
        if self.config.html_baseurl:
            return self.config.html_baseurl
        name = f"{self.config.epub_title}\n{self.config.epub_author}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def build_content(self) -> None:
        # Sphinx's build_content renders template_dir/content.opf.jinja; ours
        # adds the manifest properties and the accessibility metadata.
        excluded = list(self.config.epub_exclude_files)
        self.template_dir = TEMPLATES
        self.config.epub_exclude_files = excluded + self._doctrees_in_outdir()
        try:
            super().build_content()
        finally:
            del self.template_dir  # back to the class's (Sphinx's templates)
            self.config.epub_exclude_files = excluded

    def build_epub(self) -> None:
        """Sphinx's packaging step; if it fails, no ``.epub`` (not even a partial
        one) and a located error instead of a traceback."""
        try:
            super().build_epub()
        except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as error:
            self.epub_path.unlink(missing_ok=True)
            self.packaging_failed = True
            logger.error(
                str(_("the EPUB could not be packaged, so there is no EPUB: {error}")).format(
                    error=error),
                # "path:" is Sphinx's location of a file without a line (a bare string
                # would be read as a document name)
                location=f"{self.epub_path}:", type=WARNING_TYPE, subtype="editions")
        except BaseException:
            self.epub_path.unlink(missing_ok=True)
            raise

    def _doctrees_in_outdir(self) -> list[str]:
        """Files of a doctree folder inside the output folder (no ``-d`` given)."""
        doctreedir, outdir = Path(self.doctreedir).resolve(), Path(self.outdir).resolve()
        if not doctreedir.is_relative_to(outdir) or doctreedir == outdir:
            return []
        return [os.path.relpath(path, outdir) for path in sorted(doctreedir.rglob("*"))
                if path.is_file()]


def fail_build_if_not_packaged(app: Sphinx, exception: BaseException | None) -> None:
    """A book that could not be packaged is a failed build (as linkcheck does)."""
    if exception is None and getattr(app.builder, "packaging_failed", False):
        app.statuscode = 1


def setup(app: Sphinx) -> None:
    app.add_builder(PublicationEpubBuilder, override=True)
    app.connect("build-finished", fail_build_if_not_packaged)
    app.add_config_value("epub_publication_date", "", "epub", types=frozenset({str}))
