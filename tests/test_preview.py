"""The live preview (``make serve``): serves, reloads, reports problems, survives them."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sphinx_publication.preview.server import ChangeRules

ROOT = Path(__file__).parent / "roots" / "test-same-process"
TIMEOUT = 180


def test_python_changes_and_restart_paths_restart_the_build_process(tmp_path):
    rules = ChangeRules([tmp_path / "conf.py", tmp_path / "ext"])
    assert rules.needs_restart([tmp_path / "conf.py"])
    assert rules.needs_restart([tmp_path / "ext" / "sphinx_publication" / "x.po"])
    assert rules.needs_restart([tmp_path / "docs" / "helper.py"])
    assert not rules.needs_restart([tmp_path / "docs" / "page.md", tmp_path / "refs.bib"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Preview:
    def __init__(self, srcdir: Path, outdir: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sphinx_publication.preview", str(srcdir), str(outdir),
             "--port", str(self.port)],
            cwd=srcdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as r:
                return r.read().decode("utf-8")
        except Exception:
            return None

    def status(self) -> dict:
        return json.loads(self.get("__preview__/status"))

    def wait_until(self, condition, what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the preview server stopped"
            if condition():
                return
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}")

    def stop(self) -> str:
        self.process.terminate()
        output, _ = self.process.communicate(timeout=30)
        return output


def start_preview(root: Path, tmp_path: Path, first_page: str) -> Preview:
    srcdir = tmp_path / "project"
    shutil.copytree(root, srcdir)
    server = Preview(srcdir, tmp_path / "out")
    server.srcdir = srcdir
    server.outdir = tmp_path / "out"
    server.wait_until(lambda: server.get(first_page) is not None, "the first build")
    return server


@pytest.fixture
def preview(tmp_path):
    server = start_preview(ROOT, tmp_path, "index.html")
    yield server
    server.stop()


def test_the_one_page_edition_is_written_when_asked_for(tmp_path):
    """Builds leave the edition for later; asking for it gives it up to date."""
    server = start_preview(ROOT.parent / "test-editions", tmp_path, "book/index.html")
    try:
        edition = "book/une-page.html"
        assert server.status()["on_request"] == [edition]
        assert not (server.outdir / edition).exists()  # the first build left it
        assert "Une phrase toute neuve." not in server.get(edition)
        builds = server.status()["builds"]
        append(server.srcdir / "book" / "suite.md", "\nUne phrase toute neuve.\n")
        server.wait_until(lambda: server.status()["builds"] > builds, "the rebuild")
        assert "Une phrase toute neuve." in server.get("book/suite.html")
        on_disk = (server.outdir / edition).read_text(encoding="utf-8")
        assert "Une phrase toute neuve." not in on_disk  # the build did not set it again
        assert "Une phrase toute neuve." in server.get(edition)  # asking for it did
    finally:
        server.stop()


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)


def test_edit_reaches_the_page_errors_show_and_the_server_survives(preview):
    page = preview.get("chapitre-a.html")
    assert "/websocket-reload" in page and "__preview__/status" in page  # reload client injected
    assert preview.status()["ok"]

    # an edit reaches the served page
    append(preview.srcdir / "chapitre-a.md", "\nUne phrase toute neuve.\n")
    preview.wait_until(lambda: "Une phrase toute neuve." in (preview.get("chapitre-a.html") or ""),
                       "the edit to be served")

    # a MyST error is reported with its location; the page is still served
    append(preview.srcdir / "chapitre-b.md", "\n```{chart-bar} Cassé\n:scale: nimporte\n```\n")
    preview.wait_until(lambda: any("chapitre-b.md" in line for line in preview.status()["problems"]),
                       "the MyST error in the status")
    assert preview.get("chapitre-b.html") is not None

    # a broken .bib file too; the build process keeps building
    bib = preview.srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("title = {Un livre sur", "title = {{Un"),
                   encoding="utf-8")
    preview.wait_until(lambda: any("refs.bib" in line for line in preview.status()["problems"]),
                       "the .bib error in the status")

    # conf.py starts a new build process, which builds and serves
    builds = preview.status()["builds"]
    append(preview.srcdir / "conf.py", '\nhtml_title = "Titre changé"\n')
    preview.wait_until(lambda: preview.status()["builds"] > builds
                       and "Titre changé" in (preview.get("index.html") or ""),
                       "the restart after conf.py changed")


def test_a_build_that_raises_keeps_the_server_running(preview):
    append(preview.srcdir / "conf.py", "\nraise RuntimeError('conf.py cassé')\n")
    preview.wait_until(lambda: not preview.status()["ok"], "the failed build")
    assert "conf.py cassé" in preview.status()["error"]
    assert preview.get("index.html") is not None  # the last pages built are still served
    conf = preview.srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("raise RuntimeError('conf.py cassé')",
                                                             ""), encoding="utf-8")
    preview.wait_until(lambda: preview.status()["ok"], "the build after the fix")
