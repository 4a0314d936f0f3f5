"""An imported second draft builds as its own publication, and CITATION.cff files validate.

The draft (tests/data/second-draft.txt, marker format) is imported into a
project that has only build settings; its title and author must then be
everywhere — HTML <title>, meta tags, LaTeX title block and PDF information,
EPUB package — and the seed article's author nowhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import require_tool
from sphinx_publication.importer.cli import main

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TESTS_DIR.parent
DRAFT = TESTS_DIR / "data" / "second-draft.txt"
TITLE = "Les communs numériques face aux plateformes : une histoire de licences"
SITE_TITLE = "Les communs numériques face aux plateformes"
AUTHOR = "Léa Dupont"
SEED_AUTHOR = "Rodriguez"


def cffconvert_validate(path: Path) -> subprocess.CompletedProcess:
    executable = Path(sys.executable).parent / "cffconvert"
    return subprocess.run([str(executable), "--validate", "-i", str(path)],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("path", [PROJECT_DIR / "CITATION.cff",
                                  TESTS_DIR / "roots" / "test-metadata" / "CITATION.cff"],
                         ids=["publication", "test-root"])
def test_cffconvert_validates(path):
    result = cffconvert_validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cffconvert_rejects_an_invalid_file(tmp_path):
    bad = tmp_path / "CITATION.cff"
    bad.write_text("cff-version: 1.2.0\ntitle: x\n", encoding="utf-8")  # no message, no authors
    assert cffconvert_validate(bad).returncode != 0


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("imported")
    shutil.copy(TESTS_DIR / "roots" / "test-importer-build" / "conf.py", project / "conf.py")
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nlatex_engine = "xelatex"\nversion = "1"\n')
    shutil.copy(PROJECT_DIR / "refs.bib", project / "refs.bib")
    mapping = project / "citations.toml"
    mapping.write_text('[citations]\n"1" = ["osi2024definition"]\n', encoding="utf-8")
    status = main(["import", str(DRAFT), "--out", str(project), "--citations", str(mapping),
                   "--date", "2025-03-14", "-q"])
    assert status == 0
    return project


def test_the_importer_writes_a_valid_citation_cff(imported):
    path = imported / "CITATION.cff"
    text = path.read_text(encoding="utf-8")
    assert f"title: '{TITLE}'" in text and "given-names: Léa" in text and "family-names: Dupont" in text
    assert "date-published: '2025-03-14'" in text
    result = cffconvert_validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_different_existing_citation_cff_needs_force(imported, tmp_path, capsys):
    shutil.copy(imported / "conf.py", tmp_path / "conf.py")
    (tmp_path / "CITATION.cff").write_text("# mine\n", encoding="utf-8")
    assert main(["import", str(DRAFT), "--out", str(tmp_path / "docs"), "-q"]) == 2
    assert "--force" in capsys.readouterr().err
    assert not (tmp_path / "docs").exists()  # nothing written
    assert main(["import", str(DRAFT), "--out", str(tmp_path / "docs"), "-q", "--force"]) == 0
    assert TITLE in (tmp_path / "CITATION.cff").read_text(encoding="utf-8")


def test_html_carries_the_imported_title_and_author(build_root, imported, tmp_path):
    app = build_root("imported", "html", srcdir=imported, builddir=tmp_path / "html", freshenv=True)
    assert app.statuscode == 0
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    page_title = soup.title.get_text().replace("\xa0", " ")  # French spacing before ":"
    assert TITLE in page_title and SITE_TITLE in page_title
    meta = {tag["name"]: tag["content"] for tag in soup.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"] == TITLE
    assert meta["citation_author"] == "Dupont, Léa"
    assert meta["DC.creator"] == "Dupont, Léa"
    assert meta["citation_publication_date"] == "2025/03/14"
    assert meta["author"] == AUTHOR
    for page in Path(app.outdir).rglob("*.html"):
        assert SEED_AUTHOR not in page.read_text(encoding="utf-8"), page
    assert f"2025, {AUTHOR}" in soup.get_text()  # the copyright line


def test_latex_and_epub_carry_the_imported_metadata(build_root, imported, tmp_path):
    latex = build_root("imported", "latex", srcdir=imported, builddir=tmp_path / "latex", freshenv=True)
    assert latex.statuscode == 0
    (tex_path,) = Path(latex.outdir).glob("*.tex")
    tex = tex_path.read_text(encoding="utf-8")
    assert rf"\title{{{TITLE}}}" in tex and rf"\author{{{AUTHOR}}}" in tex
    assert r"\date{14 mars 2025}" in tex
    assert SEED_AUTHOR not in tex
    epub = build_root("imported", "epub", srcdir=imported, builddir=tmp_path / "epub", freshenv=True)
    assert epub.statuscode == 0
    opf = BeautifulSoup((Path(epub.outdir) / "content.opf").read_text(encoding="utf-8"), "xml")
    assert opf.find("dc:title").get_text() == TITLE
    assert opf.find("dc:creator").get_text() == AUTHOR
    assert opf.find("dc:publisher").get_text() == AUTHOR
    assert opf.find("dc:rights").get_text() == f"2025, {AUTHOR}"


@pytest.mark.latex
def test_pdf_information_of_the_imported_draft(build_root, imported, tmp_path):
    latexmk = require_tool("latexmk", "the PDF is compiled with latexmk")
    require_tool("xelatex")
    pdfinfo = require_tool("pdfinfo", "poppler-utils reads the PDF information")
    app = build_root("imported", "latex", srcdir=imported, builddir=tmp_path / "latex", freshenv=True)
    assert app.statuscode == 0
    (tex_path,) = Path(app.outdir).glob("*.tex")
    subprocess.run([latexmk, "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", tex_path.name],
                   cwd=app.outdir, capture_output=True, check=True, timeout=300)
    info = subprocess.run([pdfinfo, tex_path.with_suffix(".pdf").name], cwd=app.outdir,
                          capture_output=True, text=True, check=True).stdout
    fields = dict(re.findall(r"^(\w+):\s*(.*)$", info, re.M))
    assert fields["Title"] == TITLE
    assert fields["Author"] == AUTHOR
    assert fields["Subject"].startswith("Les communs numériques reposent")
