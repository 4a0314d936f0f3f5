"""« Never a stale edition » (issue 21, deliverable 5) for what the Makefile does:
`make latexpdf` fails on a LaTeX error and leaves no PDF of an earlier build;
`make html` copies the Typst PDF beside the pages only when it is newer than
every source, and `make pdf` removes that copy before compiling.

The Makefile runs in a copy of a small project with ``SPHINXBUILD`` replaced
(the Sphinx steps are made here, or are not the point) and ``STAMP`` pointing
at an up-to-date file (no virtual environment is created).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from helpers import require_tool

PDF_NAME = "edition.pdf"


def make(project_dir: Path, workdir: Path, *targets: str, sphinxbuild: str = "true",
         **variables: str) -> subprocess.CompletedProcess:
    """``make TARGETS`` with the project's Makefile, run in *workdir*."""
    for name in ("pyproject.toml", "requirements/constraints.txt"):
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).touch()
    stamp = workdir / "stamp"
    stamp.touch()
    later = time.time() + 5
    os.utime(stamp, (later, later))
    settings = {"SPHINXBUILD": sphinxbuild, "STAMP": str(stamp), "PDF_NAME": PDF_NAME,
                "BIN": str(Path(sys.executable).parent)} | variables
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(project_dir / "Makefile"), *targets,
         *(f"{key}={value}" for key, value in settings.items())],
        cwd=workdir, capture_output=True, text=True, timeout=600,
    )


def age(path: Path, seconds: float) -> None:
    when = time.time() - seconds
    os.utime(path, (when, when))


def test_make_html_copies_only_a_pdf_newer_than_the_sources(project_dir, tmp_path):
    require_tool("make")
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "page.md"
    page.write_text("# Page\n", encoding="utf-8")
    typst_pdf = tmp_path / "_build" / "typst" / PDF_NAME
    html_pdf = tmp_path / "_build" / "html" / PDF_NAME
    typst_pdf.parent.mkdir(parents=True)
    html_pdf.parent.mkdir(parents=True)
    typst_pdf.write_bytes(b"%PDF- old")
    html_pdf.write_bytes(b"%PDF- copied earlier")
    age(typst_pdf, 3600)  # the page was edited after the PDF was made

    result = make(project_dir, tmp_path, "html")
    assert result.returncode == 0, result.stderr
    assert not html_pdf.exists(), "a PDF older than the sources was left beside the pages"
    assert "older than the sources" in result.stdout

    age(page, 7200)  # now the PDF is the newer
    result = make(project_dir, tmp_path, "html")
    assert result.returncode == 0, result.stderr
    assert html_pdf.read_bytes() == b"%PDF- old"


def test_make_pdf_that_fails_removes_the_copy_beside_the_pages(project_dir, tmp_path):
    require_tool("make")
    html_pdf = tmp_path / "_build" / "html" / PDF_NAME
    html_pdf.parent.mkdir(parents=True)
    html_pdf.write_bytes(b"%PDF- copied earlier")
    result = make(project_dir, tmp_path, "pdf", sphinxbuild="false")  # the build fails
    assert result.returncode != 0
    assert not html_pdf.exists()


def test_make_latexpdf_that_fails_leaves_no_pdf(project_dir, rootdir, tmp_path):
    require_tool("make")
    require_tool("latexmk", "make latexpdf runs it")
    require_tool("xelatex", "make latexpdf runs it")
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-latexpdf-second-build", srcdir)
    latexdir = tmp_path / "_build" / "latex"
    pdf = latexdir / "second-build.pdf"

    def sphinx_latex() -> None:
        subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "latex", str(srcdir),
                        str(latexdir)], check=True, capture_output=True)

    sphinx_latex()
    result = make(project_dir, tmp_path, "latexpdf", PDF_NAME="second-build.pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    assert pdf.is_file()

    page = srcdir / "index.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(
        r"\textbf{raw LaTeX that compiles}", r"\undefinedcommandforthetest"), encoding="utf-8")
    sphinx_latex()
    result = make(project_dir, tmp_path, "latexpdf", PDF_NAME="second-build.pdf")
    assert result.returncode != 0
    assert "LaTeX failed: no PDF" in result.stdout + result.stderr
    assert not pdf.exists()
