"""One Sphinx application building again and again equals a clean build each time.

The live preview (``make serve``) keeps one application in memory and calls
``build()`` after every edit. After each kind of edit — a page, a CSV file,
the .bib file, the title of a citing page, a template — the rebuilt output
must be byte for byte what a clean build of the same sources gives, the
one-page edition included (the preview writes it when it is asked for).

The application is driven by the preview's own session, not by Sphinx's test
application: that one forgets its cache of doctrees before every build and
so hides what a real long-lived application keeps. The clean build it is
compared with is ``sphinx-build`` in a process of its own.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_publication.preview.session import BuildOptions, PreviewSession

ROOT = Path(__file__).parent / "roots" / "test-same-process"


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every page, the search index and the charts' data files (an edited chart's
    old ones must go); Sphinx's build info stamp is not content."""
    files = {}
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        wanted = path.suffix in {".html", ".js"} or relative.startswith("_downloads/sp-")
        if path.is_file() and not relative.startswith(".") and wanted:
            if not relative.startswith("_static/"):
                files[relative] = path.read_bytes()
    if "searchindex.js" in files:
        files["searchindex.js"] = without_forgotten_words(files["searchindex.js"])
    return files


def without_forgotten_words(index: bytes) -> bytes:
    """The search index without words that no page contains any more.

    Sphinx's own incremental builds keep ``"word": []`` for a word removed
    from the last page holding it, in a new process as well (it prunes the
    pages, not the words): harmless for search, and not ours to change.
    """
    prefix, _, rest = index.partition(b"(")
    data = json.loads(rest.rstrip(b")"))
    for table in ("terms", "titleterms"):
        data[table] = {word: pages for word, pages in data[table].items() if pages != []}
    return prefix + b"(" + json.dumps(data, sort_keys=True, ensure_ascii=False).encode() + b")"


def clean_build(project: Path, workdir: Path) -> dict[str, bytes]:
    """``sphinx-build`` on a copy of the sources, in a process of its own."""
    clean_src = workdir / "clean"
    shutil.rmtree(clean_src, ignore_errors=True)
    shutil.copytree(project, clean_src, ignore=shutil.ignore_patterns("_build"))
    outdir = clean_src / "_build" / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(clean_src), str(outdir)],
                   check=True, capture_output=True)
    return output_files(outdir)


def assert_same_as_clean(live, project: Path, workdir: Path) -> None:
    live.build()
    rebuilt = output_files(live.outdir)
    clean = clean_build(project, workdir)
    assert sorted(rebuilt) == sorted(clean)
    different = [name for name in clean if rebuilt[name] != clean[name]]
    assert not different, f"rebuilt in the same application, differs from a clean build: {different}"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    return srcdir


class Live:
    """One application as ``make serve`` drives it, with a reader on the one-page edition."""

    def __init__(self, srcdir: Path) -> None:
        self.outdir = srcdir / "_build" / "html"
        self.warning = io.StringIO()
        self.session = PreviewSession(BuildOptions(srcdir, self.outdir, srcdir / "_build" / "doctrees"),
                                      status=io.StringIO(), warning=self.warning)

    def build(self) -> None:
        report = self.session.build()
        assert report.ok, report.error
        self.session.write_on_request()
        self.session.settle()


@pytest.fixture
def live(project):
    app = Live(project)
    app.build()
    yield app
    app.session.close()


def test_first_build_equals_a_clean_build(live, project, tmp_path):
    assert_same_as_clean(live, project, tmp_path)


def test_nothing_changed(live, project, tmp_path):
    before = output_files(live.outdir)
    live.build()
    assert output_files(live.outdir) == before


@pytest.mark.parametrize(
    ("file", "old", "new", "visible"),
    [
        pytest.param("chapitre-a.md", "Premier paragraphe", "Paragraphe réécrit",
                     ("chapitre-a.html", "Paragraphe réécrit"), id="page"),
        pytest.param("data/ventes.csv", "2022;61", "2022;97",
                     ("chapitre-a.html", "97"), id="csv"),
        pytest.param("refs.bib", "Titre original d’un article", "Titre corrigé d’un article",
                     ("chapitre-b.html", "Titre corrigé"), id="bib"),
        pytest.param("chapitre-b.md", "# Chapitre B", "# Chapitre B renommé",
                     ("bibliographie.html", "Chapitre B renommé"), id="title-of-citing-page"),
        pytest.param("_templates/layout.html", "Édition de travail", "Édition relue",
                     ("index.html", "Édition relue"), id="template"),
    ],
)
def test_edit_then_rebuild_equals_a_clean_build(live, project, tmp_path,
                                                file, old, new, visible):
    edit(project / file, old, new)
    assert_same_as_clean(live, project, tmp_path)
    page, text = visible
    assert text in (live.outdir / page).read_text(encoding="utf-8")


def test_successive_edits_in_one_application(live, project, tmp_path):
    """Edits accumulate: each rebuild starts from the previous rebuild's state."""
    edit(project / "chapitre-b.md", "{cite:p}`martin2019`", "{cite:p}`dupont2020`")
    assert_same_as_clean(live, project, tmp_path)
    edit(project / "refs.bib", "Un livre sur les modèles", "Un livre revu")
    assert_same_as_clean(live, project, tmp_path)
    (project / "chapitre-a.md").write_text(
        (project / "chapitre-a.md").read_text(encoding="utf-8") + "\nAjout {cite:p}`bernard2022`.\n",
        encoding="utf-8",
    )
    assert_same_as_clean(live, project, tmp_path)


def test_a_broken_bib_file_then_fixed(live, project, tmp_path):
    bib = project / "refs.bib"
    good = bib.read_text(encoding="utf-8")
    bib.write_text(good.replace("title = {Un livre sur les modèles},", "title = {Un livre,", 1),
                   encoding="utf-8")
    live.build()  # warns, does not raise
    assert "refs.bib" in live.warning.getvalue()
    bib.write_text(good.replace("Un livre sur", "Un ouvrage sur"), encoding="utf-8")
    assert_same_as_clean(live, project, tmp_path)


def test_another_application_in_another_language_changes_nothing(live, make_app, project,
                                                                  tmp_path):
    english = tmp_path / "english"
    shutil.copytree(ROOT, english)
    make_app("html", srcdir=english, freshenv=True, confoverrides={"language": "en"}).build()
    edit(project / "refs.bib", "Titre original d’un article", "Titre corrigé d’un article")
    assert_same_as_clean(live, project, tmp_path)
