"""The ``typst`` builder: the whole article as one Typst file, compiled to a
tagged PDF (PDF/UA-1 by default).

Like the LaTeX builder, it inlines every page of the root toctree into one
tree (pages under ``{only} html`` stay out), resolves references across it,
and writes ``<name>.typ`` beside our template ``publication.typ``; then the
``typst`` package compiles ``<name>.pdf`` offline.

Never a stale edition: the PDF of an earlier build is removed before this
one is written, the compiler writes beside it and the file is moved into
place only once whole. A compile that fails leaves no PDF, is an error at
the page and line the failing Typst came from (the translator marks each
block with its source, :mod:`.positions`) and fails the build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.osutil import ensuredir

from ..diagnostics import WARNING_TYPE, warn
from ..i18n import translator
from ..language import babel_locale
from . import markup
from .compile import Diagnostic, compile_pdf
from .metadata import Metadata, build_timestamp, from_config
from .positions import source_position
from .translator import TypstTranslator

if TYPE_CHECKING:
    from collections.abc import Set

_ = translator("sphinx_publication.typst")
logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).resolve().parent / "publication.typ"
IMAGES_DIR = "_images"


def default_pdf_name(config) -> str:
    """The LaTeX edition's file name with ``.pdf``, so both editions share it."""
    for entry in getattr(config, "latex_documents", None) or []:
        if entry and entry[0] == config.root_doc and len(entry) > 1:
            return str(entry[1]).rsplit(".", 1)[0] + ".pdf"
    return "publication.pdf"


class TypstBuilder(Builder):
    """Builds the article as a tagged PDF through Typst."""

    name = "typst"
    format = "typst"
    epilog = _("The Typst edition is in %(outdir)s.")
    default_translator_class = TypstTranslator
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]
    supported_remote_images = False
    allow_parallel = False

    def init(self) -> None:
        self.docnames: set[str] = set()
        self.metadata: Metadata = from_config(self.config)
        #: the compile step failed: the build must end with a non-zero status
        #: (see :func:`fail_build_if_not_compiled`)
        self.compile_failed = False
        # Sphinx picks each image's file and a name unique in the folder (post_process_images)
        self.imagedir = IMAGES_DIR

    @property
    def pdf_name(self) -> str:
        return self.config.typst_pdf_name or default_pdf_name(self.config)

    def get_outdated_docs(self) -> str:
        return "all documents"  # one output file made of every page

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        # Never a stale edition: the PDF of an earlier build goes before this
        # one is written, so a build that fails anywhere leaves none behind.
        (Path(self.outdir) / self.pdf_name).unlink(missing_ok=True)
        root = self.config.root_doc
        tree = self.assemble_doctree(root)
        self.write_typst(tree)

    def assemble_doctree(self, root: str) -> nodes.document:
        self.docnames = {root}
        tree = self.env.get_doctree(root)
        tree["docname"] = root
        tree = inline_all_toctrees(self, self.docnames, root, tree, darkgreen, [root])
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        self.post_process_images(tree)
        for pending in list(tree.findall(addnodes.pending_xref)):
            pending.replace_self(pending.children or nodes.Text(pending.astext()))
        return tree

    def write_typst(self, tree: nodes.document) -> None:
        visitor = self.create_translator(tree, self)
        tree.walkabout(visitor)
        if not visitor.title_written:
            warn(
                str(_("the root document has no title; the Typst edition has no title block")),
                location=self.config.root_doc,
                subtype="typst",
            )
        outdir = Path(self.outdir)
        ensuredir(outdir)
        source = outdir / self.typst_name
        source.write_text(self.document_head() + visitor.astext().strip() + "\n", encoding="utf-8")
        shutil.copyfile(TEMPLATE, outdir / TEMPLATE.name)
        for image, name in self.images.items():
            target = outdir / self.imagedir / name
            ensuredir(target.parent)
            shutil.copyfile(Path(self.srcdir) / image, target)

    @property
    def typst_name(self) -> str:
        return self.pdf_name.rsplit(".", 1)[0] + ".typ"

    def document_head(self) -> str:
        meta = self.metadata
        locale = babel_locale(self.config.language)
        lang, region = locale.language, locale.territory or ("FR" if locale.language == "fr" else None)
        keywords = "".join(f"{markup.string(k)}, " for k in meta.keywords)
        region_arg = f"region: {markup.string(region)}" if region else "region: none"
        return (
            "// Written by sphinx_publication's Typst builder from the article's sources.\n"
            f'#import "{TEMPLATE.name}": *\n'
            "#show: article.with(\n"
            f"  title: {markup.string(meta.title)},\n"
            f"  author: {markup.string(meta.author)},\n"
            f"  subject: {markup.string(meta.subject) if meta.subject else 'none'},\n"
            f"  keywords: ({keywords}),\n"
            f"  lang: {markup.string(lang.lower())},\n"
            f"  {region_arg},\n"
            ")\n\n"
        )

    def locate(self, diagnostic: Diagnostic, generated: Path, text: str):
        """Where to report a Typst diagnostic: the page and line that gave the
        generated line it points at, else the file Typst names (the template)."""
        for name, line, column in diagnostic.spans:
            if Path(name).name != generated.name:
                continue
            position = source_position(text, line, column)
            if position is None:
                return f"{generated}:{line}"  # the document head, written by this builder
            docname = self.env.path2doc(position.path)
            if docname is not None:
                return docname, position.line
            return f"{Path(self.srcdir) / position.path}:{position.line}"
        if diagnostic.spans:
            name, line, _column = diagnostic.spans[0]
            return f"{Path(self.outdir) / Path(name).name}:{line}"
        return f"{generated}:1"

    def finish(self) -> None:
        outdir = Path(self.outdir)
        source = outdir / self.typst_name
        if not source.is_file():
            return
        pdf = outdir / self.pdf_name
        # Compiled beside it, then moved into place: a PDF under the edition's
        # name is always a whole one of this build.
        partial = outdir / f".partial-{self.pdf_name}"
        logger.info(str(_("compiling {name} with Typst...")).format(name=self.pdf_name), nonl=True)
        result = compile_pdf(
            source,
            partial,
            standards=list(self.config.typst_pdf_standards),
            timestamp=build_timestamp(),
            font_paths=[str(Path(self.confdir) / p) for p in self.config.typst_font_paths],
        )
        text = source.read_text(encoding="utf-8")
        if result.error:
            logger.info("")
            partial.unlink(missing_ok=True)
            pdf.unlink(missing_ok=True)
            self.compile_failed = True
            logger.error(
                str(_("Typst could not compile the PDF, so there is no PDF: {error}")).format(
                    error=result.error.message),
                location=self.locate(result.error, source, text),
                type=WARNING_TYPE,
                subtype="typst",
            )
            return
        os.replace(partial, pdf)
        logger.info(__("done"))
        for message in result.warnings:
            warn(str(_("Typst: {message}")).format(message=message.message),
                 location=self.locate(message, source, text), subtype="typst")


def fail_build_if_not_compiled(app, exception) -> None:
    """A failed compile is a failed build: ``sphinx-build`` exits non-zero, with
    or without ``-W`` (as the linkcheck builder does for broken links)."""
    if exception is None and getattr(app.builder, "compile_failed", False):
        app.statuscode = 1
