"""The review PDF ends with the editorial report, with page references.

Built from the small root ``test-editions`` (a review note on the chapter);
the PDF test needs TeX Live (marker ``latex``: skipped locally without it,
failing under ``CI=true``).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import outdir_and_warnings, require_tool
from sphinx_publication.editions.review_pdf import latex_label

TEX = "editions.tex"


@pytest.fixture(scope="module")
def review(build_once) -> tuple[Path, str]:
    outdir, warnings = outdir_and_warnings(build_once("editions", "latex"))
    assert warnings == ""
    return outdir, (outdir / TEX).read_text(encoding="utf-8")


def test_the_document_ends_with_the_editorial_report(review):
    _, tex = review
    body = tex[tex.index(r"\begin{document}"):tex.index(r"\end{document}")]
    report = body.index(r"\section{État éditorial}")
    assert report > body.index(r"\begin{sphinxthebibliography}")  # after the bibliography
    assert r"\section{" not in body[report + 1:]  # the last section
    assert "Notes de vérification (1)" in body[report:]
    assert "À vérifier (1)" in body[report:]


def test_each_entry_has_its_page(review):
    _, tex = review
    report = tex[tex.index(r"\section{État éditorial}"):]
    pagerefs = re.findall(r"\\autopageref\*\{\\detokenize\{([^}]*)\}\}", report)
    assert pagerefs, "no page reference in the report"
    for label in pagerefs:  # each points at a label the document defines
        assert rf"\label{{\detokenize{{{label}}}}}" in tex, label
    assert any(label.startswith("book/chapitre:") for label in pagerefs)


def test_release_has_neither_notes_nor_report(build_root):
    outdir, warnings = outdir_and_warnings(
        build_root("editions", "latex", confoverrides={"editorial_mode": "release"}))
    tex = (outdir / TEX).read_text(encoding="utf-8")
    assert "État éditorial" not in tex
    assert "À vérifier" not in tex and "sphinxadmonition" not in tex
    assert "ERROR" in warnings  # the note still blocks a release (editorial gate)


def test_labels_of_internal_links():
    assert latex_label("%book/chapitre#note-1") == "book/chapitre:note-1"
    assert latex_label("%book/chapitre") == ""  # a whole page: its entries carry the pages
    assert latex_label("https://example.org/#x") == ""


@pytest.mark.latex
@pytest.mark.slow
def test_the_review_pdf_ends_with_the_report(review):
    require_tool("xelatex", "the PDF is built with XeLaTeX")
    require_tool("latexmk")
    pdftotext = require_tool("pdftotext", "poppler-utils reads the PDF back")
    outdir, _ = review
    subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", TEX],
                   cwd=outdir, capture_output=True, check=True)
    log = (outdir / TEX).with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "has been referenced but does not exist" not in log
    text = subprocess.run([pdftotext, "-layout", str((outdir / TEX).with_suffix(".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    tail = text[text.rindex("État éditorial"):]
    assert "Notes de vérification (1)" in tail
    assert re.search(r"\(page \d+\)", tail), tail
    assert text.rindex("État éditorial") > text.rindex("Dupont")  # after the bibliography
