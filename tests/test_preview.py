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


# -- only the author's browser, only the output's pages (issue 21, rows 11-12) -----------------


def test_the_default_host_is_loopback():
    """Changing the default to 0.0.0.0 would publish the drafts to the network."""
    import ipaddress

    from sphinx_publication.preview.__main__ import DEFAULT_HOST, parse_args

    assert ipaddress.ip_address(DEFAULT_HOST).is_loopback
    assert ipaddress.ip_address(parse_args([])[0].host).is_loopback


def test_the_makefile_serves_on_loopback_by_default(project_dir):
    import ipaddress
    import re

    makefile = (project_dir / "Makefile").read_text(encoding="utf-8")
    defaults = re.findall(r"^HOST\s*\??=\s*(\S+)\s*$", makefile, re.MULTILINE)
    assert defaults, "no default HOST in the Makefile"
    assert all(ipaddress.ip_address(value).is_loopback for value in defaults), defaults
    assert re.search(r"^serve:.*(?:\n\t.*)*--host \$\(HOST\)", makefile, re.MULTILINE)


def test_doctrees_are_beside_the_output_by_default(tmp_path):
    from sphinx_publication.preview.__main__ import build_paths, parse_args

    _src, outdir, doctreedir = build_paths(parse_args([str(tmp_path), str(tmp_path / "out")])[0])
    assert not doctreedir.is_relative_to(outdir)
    assert doctreedir == tmp_path / "doctrees-out"
    with pytest.raises(SystemExit):  # every page served would be in the doctree folder
        build_paths(parse_args([str(tmp_path), str(tmp_path / "out"), "-d", str(tmp_path)])[0])


class _NoBuilds:
    """The build process, for a server that only serves."""

    def build(self):
        return {"ok": True, "seconds": 0.0, "problems": [], "error": "", "on_request": []}

    def write_on_request(self):
        return False


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The preview's web application on 127.0.0.1 serving a made-up output folder whose
    doctrees are inside it (``-d OUT/doctrees``), as uvicorn runs it; yields (port, outdir)."""
    import threading

    import uvicorn

    from sphinx_publication.preview.server import ChangeRules, InProcessRebuildServer, create_app

    base = tmp_path_factory.mktemp("served")
    outdir, watched = base / "out", base / "src"
    watched.mkdir()
    for name, text in {"index.html": "<html><body>Accueil</body></html>",
                       "page.html": "<html><body>Une page</body></html>",
                       "_static/style.css": "body {}",
                       ".doctrees/environment.pickle": "secret", ".buildinfo": "secret",
                       "doctrees/environment.pickle": "secret", "doctrees/index.doctree": "secret",
                       "doctrees/notes.txt": "secret", "cache.pickle": "secret",
                       "old.doctree": "secret"}.items():
        (outdir / name).parent.mkdir(parents=True, exist_ok=True)
        (outdir / name).write_text(text, encoding="utf-8")
    port = free_port()
    watcher = InProcessRebuildServer([watched], [outdir], _NoBuilds(), ChangeRules([]))
    app = create_app(watcher, outdir, host="127.0.0.1", port=port, doctreedir=outdir / "doctrees")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield port, outdir
    server.should_exit = True
    thread.join(timeout=30)


def http_get(port: int, path: str, host: str) -> tuple[int, str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def websocket_status(port: int, host: str, origin: str | None) -> int:
    """The status of a websocket handshake on the reload socket (101: accepted)."""
    request = (f"GET /websocket-reload HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n" + (f"Origin: {origin}\r\n" if origin else "") + "\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode("ascii"))
        reply = b""
        while b"\r\n" not in reply:
            chunk = sock.recv(1024)
            if not chunk:
                break
            reply += chunk
    return int(reply.split(b" ", 2)[1])


def test_pages_are_served_to_the_preview_own_addresses(served):
    port, _outdir = served
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, body = http_get(port, "/page.html", host)
        assert (status, "Une page" in body) == (200, True), host
    assert http_get(port, "/", f"127.0.0.1:{port}")[0] == 200
    assert http_get(port, "/_static/style.css", f"localhost:{port}")[0] == 200
    assert http_get(port, "/__preview__/status", f"127.0.0.1:{port}")[0] == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1",
                                  "localhost", "127.0.0.1.evil.example:{port}", ""])
def test_a_foreign_host_is_refused(served, host):
    """DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1."""
    port, _outdir = served
    host = host.format(port=port)
    assert http_get(port, "/page.html", host)[0] == 403
    assert http_get(port, "/__preview__/status", host)[0] == 403


def test_the_reload_socket_answers_its_own_pages_only(served):
    port, _outdir = served
    own = f"127.0.0.1:{port}"
    assert websocket_status(port, own, f"http://{own}") == 101
    assert websocket_status(port, f"localhost:{port}", f"http://localhost:{port}") == 101
    assert websocket_status(port, own, "http://evil.example") == 403
    assert websocket_status(port, own, f"http://evil.example:{port}") == 403
    assert websocket_status(port, own, f"http://localhost:{port}") == 403  # another origin
    assert websocket_status(port, own, None) == 403
    assert websocket_status(port, "evil.example", "http://evil.example") == 403


@pytest.mark.parametrize("path", [
    "/.doctrees/environment.pickle", "/.doctrees/", "/%2Edoctrees/environment.pickle",
    "/.buildinfo", "/doctrees/environment.pickle", "/doctrees/index.doctree",
    "/doctrees/notes.txt", "/doctrees/", "/doctrees", "/cache.pickle", "/CACHE.PICKLE",
    "/old.doctree", "/_static/../doctrees/notes.txt",
])
def test_doctrees_and_caches_are_never_served(served, path):
    """Even with ``-d`` inside the output folder."""
    port, _outdir = served
    status, body = http_get(port, path, f"127.0.0.1:{port}")
    assert status in (403, 404), (path, status)
    assert "secret" not in body


def test_listening_on_every_interface_accepts_addresses_not_names(tmp_path):
    from sphinx_publication.preview.server import OwnRequestsOnly

    guard = OwnRequestsOnly(None, "0.0.0.0", 8000, tmp_path)
    assert guard.host_allowed("192.168.1.20:8000")
    assert guard.host_allowed("[fe80::1]:8000")
    assert guard.host_allowed("localhost:8000")
    assert not guard.host_allowed("192.168.1.20:8001")
    assert not guard.host_allowed("evil.example:8000")
    assert not guard.host_allowed("192.168.1.20")
    specific = OwnRequestsOnly(None, "192.168.1.20", 8000, tmp_path)
    assert specific.host_allowed("192.168.1.20:8000") and specific.host_allowed("127.0.0.1:8000")
    assert not specific.host_allowed("192.168.1.21:8000")


def test_the_preview_serves_no_doctree_without_d(preview):
    """``python -m sphinx_publication.preview SRC OUT`` (no ``-d``): the doctrees are beside
    OUT, not in it, and nothing of them is served."""
    assert not (preview.outdir / ".doctrees").exists()
    assert (preview.outdir.parent / "doctrees-out" / "environment.pickle").is_file()
    assert preview.get(".doctrees/environment.pickle") is None
    assert preview.get("index.html") is not None
