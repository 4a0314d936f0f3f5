"""Reproducible output: the same sources give the same bytes.

* two clean builds are byte-identical (HTML with its SVG, LaTeX with its
  ``.tex`` and chart PDFs, and the final PDF when SOURCE_DATE_EPOCH is set);
* a parallel build (``-j 2``) writes the same files as a serial one;
* after editing a page, a CSV file and ``refs.bib``, an incremental build
  writes the same files as a clean build of the edited sources.

Builds run ``sphinx-build`` in a subprocess, as a user or CI does, from a
copy of the sources in a temporary folder (never in the working tree).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import publication_pdf_name, require_tool

PUBLICATION_FILES = ("conf.py", "CITATION.cff", "refs.bib", "docs", "locale")
EPOCH = {"SOURCE_DATE_EPOCH": "1704067200"}
PDF_NAME = publication_pdf_name()

pytestmark = pytest.mark.slow


# -- helpers ------------------------------------------------------------------------


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html", *, fresh: bool = True,
                 jobs: int = 1, env: dict[str, str] | None = None) -> str:
    """Run sphinx-build; return its warnings. Fails the test on a crash."""
    doctrees = outdir.parent / f"{outdir.name}.doctrees"
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", builder, "-d", str(doctrees),
               "-j", str(jobs), str(srcdir), str(outdir)]
    if fresh:
        command.insert(3, "-E")
    result = subprocess.run(command, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, f"sphinx-build failed:\n{result.stdout}\n{result.stderr}"
    return result.stderr


def read_tree(folder: Path, suffixes: tuple[str, ...] | None = None) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (suffixes is None or path.suffix in suffixes)
    }


EMPTY_SEARCH_TERM = re.compile(rb'"(?:[^"\\]|\\.)*":\[\],?')


def without_pruned_search_terms(tree: dict[str, bytes]) -> dict[str, bytes]:
    """Drop the ``"word":[]`` entries of the search index.

    Sphinx's incremental indexer removes a re-read page from each term's list
    but keeps terms whose list became empty (a clean build never writes them).
    They match nothing, so readers cannot tell; everything else must be equal.
    """
    index = tree.get("searchindex.js")
    if index is not None:
        tree["searchindex.js"] = EMPTY_SEARCH_TERM.sub(b"", index).replace(b",}", b"}")
    return tree


def assert_same_tree(a: Path, b: Path, suffixes: tuple[str, ...] | None = None, *,
                     normalise=lambda tree: tree) -> None:
    """Same file names and the same bytes; the first difference is shown."""
    tree_a, tree_b = normalise(read_tree(a, suffixes)), normalise(read_tree(b, suffixes))
    assert tree_a, f"nothing was built in {a}"
    assert sorted(tree_a) == sorted(tree_b), "the two builds wrote different files"
    differing = [name for name in tree_a if tree_a[name] != tree_b[name]]
    assert not differing, f"{len(differing)} file(s) differ: {differing[:8]}\n" + _first_diff(
        differing[0], tree_a[differing[0]], tree_b[differing[0]]
    )


def _first_diff(name: str, a: bytes, b: bytes) -> str:
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return f"{name}: binary files differ ({len(a)} and {len(b)} bytes)"
    if len(lines_a) < 5 and len(lines_b) < 5:  # minified: cut around the first change
        start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"{name}:\n- {a[start - 200:start + 200]!r}\n+ {b[start - 200:start + 200]!r}"
    diff = difflib.unified_diff(lines_a, lines_b, "first", "second", lineterm="", n=2)
    return "\n".join(list(diff)[:40])


def copy_publication(project_dir: Path, target: Path) -> Path:
    for name in PUBLICATION_FILES:
        source = project_dir / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def publication(project_dir, tmp_path_factory) -> Path:
    """A private copy of the publication's sources."""
    return copy_publication(project_dir, tmp_path_factory.mktemp("publication") / "src")


# -- two clean builds -----------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_two_clean_builds_are_byte_identical(publication, tmp_path, builder):
    # Same folder name in two places: the language switcher links the sibling
    # edition by a relative path named after the output folder (../html-en/).
    first, second = tmp_path / "first" / builder, tmp_path / "second" / builder
    sphinx_build(publication, first, builder)
    sphinx_build(publication, second, builder)
    assert_same_tree(first, second)


def test_html_output_does_not_leak_build_paths(publication, tmp_path):
    sphinx_build(publication, tmp_path / "html")
    leaks = [name for name, data in read_tree(tmp_path / "html").items()
             if str(publication).encode() in data or str(tmp_path).encode() in data]
    assert not leaks, f"absolute build paths in {leaks}"


@pytest.mark.latex
def test_two_clean_pdf_builds_are_byte_identical(publication, tmp_path):
    require_tool("xelatex", "the PDF edition is built with xelatex")
    require_tool("latexmk")
    pdfs = []
    for attempt in ("first", "second"):
        # The same output path both times: the PDF may record its job's path.
        latexdir = tmp_path / "latex"
        sphinx_build(publication, latexdir, "latex", env=EPOCH)
        result = subprocess.run(
            ["make", "-C", str(latexdir), "all-pdf",
             "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error -silent"],
            capture_output=True, text=True, env={**os.environ, **EPOCH},
        )
        assert result.returncode == 0, result.stdout[-3000:]
        pdfs.append((latexdir / PDF_NAME).read_bytes())
        shutil.move(latexdir / PDF_NAME, tmp_path / f"{attempt}.pdf")
    assert pdfs[0] == pdfs[1], "two PDF builds differ: " + _pdf_difference(*pdfs)


def _pdf_difference(a: bytes, b: bytes) -> str:
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"first difference at byte {start}: {a[start - 80:start + 80]!r} / {b[start - 80:start + 80]!r}"


# -- parallel builds ----------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_parallel_build_equals_serial_build(publication, tmp_path, builder):
    serial, parallel = tmp_path / "serial" / builder, tmp_path / "parallel" / builder
    sphinx_build(publication, serial, builder, jobs=1)
    sphinx_build(publication, parallel, builder, jobs=2)
    assert_same_tree(serial, parallel)


def test_parallel_build_of_many_pages_equals_serial_build(rootdir, tmp_path):
    """Enough pages that ``-j 2`` really splits the reading and writing."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-proof-incremental", srcdir)
    for i in range(12):  # 12 more citing, charting pages (Sphinx forks from 6 docs on)
        text = (srcdir / "chapitre-a.md").read_text(encoding="utf-8")
        (srcdir / f"copie-{i:02d}.md").write_text(text.replace("(fig-a)=", f"(fig-copie-{i})="),
                                                   encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "bibliographie\n", "".join(f"copie-{i:02d}\n" for i in range(12)) + "bibliographie\n"),
        encoding="utf-8")
    sphinx_build(srcdir, tmp_path / "serial", jobs=1)
    sphinx_build(srcdir, tmp_path / "parallel", jobs=2)
    assert_same_tree(tmp_path / "serial", tmp_path / "parallel")


# -- incremental builds ---------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test root changed"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # Sphinx compares modification times: make sure the edit is newer.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


EDITS = {
    # A new first citation renumbers every citation of the other chapter.
    "page": ("chapitre-a.md", "Premier paragraphe", "Premier paragraphe {cite:p}`dupont2020`"),
    "csv": ("data/ventes.csv", "2021;40", "2021;75"),
    # A title only shown in the bibliography and in citation tooltips elsewhere.
    "bib": ("refs.bib", "Titre original", "Titre corrigé"),
}


@pytest.mark.parametrize("edited", [*EDITS, "all"])
def test_incremental_build_equals_clean_build(rootdir, tmp_path, edited):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-proof-incremental", srcdir)
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    sphinx_build(srcdir, incremental)
    before = read_tree(incremental)
    for name in EDITS if edited == "all" else [edited]:
        _edit(srcdir / EDITS[name][0], *EDITS[name][1:])
    sphinx_build(srcdir, incremental, fresh=False)
    sphinx_build(srcdir, clean)
    assert read_tree(clean) != before, "the edit changed nothing: the test cannot fail"
    assert_same_tree(clean, incremental, normalise=without_pruned_search_terms)


def test_no_change_rebuild_keeps_warnings(rootdir, tmp_path):
    """A warning must not vanish on a rebuild: ``-W`` would pass on a reused folder."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-proof-incremental", srcdir)
    _edit(srcdir / "chapitre-b.md", "{cite:p}`martin2019`", "{cite:p}`cle-inconnue`")
    first = sphinx_build(srcdir, tmp_path / "html")
    assert "cle-inconnue" in first
    again = sphinx_build(srcdir, tmp_path / "html", fresh=False)
    assert "cle-inconnue" in again, "the missing key warning is gone on the rebuild"


def test_stale_outputs_are_detected(rootdir, tmp_path):
    """Guard of the guard: different sources must compare as different."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-proof-incremental", srcdir)
    sphinx_build(srcdir, tmp_path / "before")
    _edit(srcdir / "data/ventes.csv", "2021;40", "2021;75")
    sphinx_build(srcdir, tmp_path / "after")
    with pytest.raises(AssertionError, match="differ"):
        assert_same_tree(tmp_path / "before", tmp_path / "after")


def test_svg_charts_are_in_the_compared_output(rootdir, tmp_path):
    """The comparisons above cover the charts: the root's output holds SVG."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-proof-incremental", srcdir)
    sphinx_build(srcdir, tmp_path / "html")
    html = (tmp_path / "html" / "chapitre-a.html").read_text(encoding="utf-8")
    svg_files = read_tree(tmp_path / "html", (".svg",))
    assert re.search(r"<svg\b", html) or svg_files, "no SVG chart in the output"
