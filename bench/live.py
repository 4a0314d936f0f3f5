"""Edit-to-browser latency of the live preview, and its memory over many edits.

Both servers are driven the same way: start the server on a copy of the
publication, wait for its first build, then for each edit append a sentence
to one page and poll the served page over HTTP on 127.0.0.1 until the
sentence is there. The time from the write to the first response holding
the sentence is the latency (the browser's reload adds a page load to both).

* ``make serve``: ``python -m sphinx_publication.preview`` (one application
  kept in memory, incremental in-process builds);
* sphinx-autobuild: a new ``sphinx-build`` process per change (how
  ``make serve`` worked before).
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

EDITED_PAGE = "docs/avenir.md"
SERVED_PAGE = "docs/avenir.html"
START_TIMEOUT = 300
EDIT_TIMEOUT = 120
PAUSE = 0.3  # between edits: an author does not save twice within a build


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def preview_command(srcdir: Path, outdir: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "sphinx_publication.preview", str(srcdir), str(outdir),
            "-d", str(outdir.parent / (outdir.name + ".doctrees")), "--port", str(port)]


def autobuild_command(srcdir: Path, outdir: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "sphinx_autobuild", "-b", "html", "-q",
            "-d", str(outdir.parent / (outdir.name + ".doctrees")), str(srcdir), str(outdir),
            "--port", str(port), "--host", "127.0.0.1"]


class Server:
    def __init__(self, command: list[str], port: int, cwd: Path) -> None:
        self.base = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.read().decode("utf-8")
        except Exception:  # not up yet, or the page is being written
            return None

    def wait_for(self, path: str, text: str, timeout: float) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped (exit code {self.process.returncode})")
            body = self.get(path)
            if body is not None and text in body:
                return time.perf_counter() - start
            time.sleep(0.01)
        raise TimeoutError(f"{text!r} never appeared in {path}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def edit_latencies(server: Server, srcdir: Path, edits: int, tag: str,
                   pages: tuple[str, str] = (EDITED_PAGE, SERVED_PAGE)) -> list[float]:
    page = srcdir / pages[0]
    latencies = []
    for number in range(edits):
        sentence = f"Phrase ajoutée {tag} {number} {time.time_ns()}."
        with open(page, "a", encoding="utf-8") as file:
            file.write(f"\n{sentence}\n")
        latencies.append(server.wait_for(pages[1], sentence, EDIT_TIMEOUT))
        time.sleep(PAUSE)
    return latencies


def measure_server(command_of, srcdir: Path, outdir: Path, edits: int, tag: str,
                   memory_edits: int = 0, pages: tuple[str, str] = (EDITED_PAGE, SERVED_PAGE),
                   start_timeout: float = START_TIMEOUT) -> dict:
    """Latencies of *edits* edits of *pages* (source, served page); with *memory_edits*,
    resident memory of the preview too."""
    port = free_port()
    server = Server(command_of(srcdir, outdir, port), port, cwd=srcdir)
    try:
        server.wait_for(pages[1], "</html>", start_timeout)
        result: dict = {}
        if memory_edits:
            result["rss_first"] = _status(server)["resident_bytes"]  # after the first build
        result["latencies"] = edit_latencies(server, srcdir, edits, tag, pages)
        if memory_edits:
            edit_latencies(server, srcdir, memory_edits - edits, tag + "-mem", pages)
            result["rss_after"] = _status(server)["resident_bytes"]
            result["memory_edits"] = memory_edits
        result["median"] = statistics.median(result["latencies"])
        return result
    finally:
        server.stop()



def _status(server: Server) -> dict:
    return json.loads(server.get("__preview__/status"))


def measure_in_process(sources: dict[str, tuple[Path, Path]], runs: int) -> dict[str, dict]:
    """Rebuild timings of applications kept in memory (bench/inprocess.py), medians of *runs*.

    *sources* maps a name to (srcdir, outdir); one process per name, started
    together, their steps alternated (each step of one, then the same of the
    next), so that a slower minute of the shared machine hits all alike.
    """
    script = Path(__file__).with_name("inprocess.py")
    logs = {name: tempfile.TemporaryFile("w+") for name in sources}  # a pipe could fill and block
    workers = {name: subprocess.Popen([sys.executable, str(script), str(src), str(out)], cwd=src,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=logs[name], text=True)
               for name, (src, out) in sources.items()}
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in workers}
    try:
        for name, worker in workers.items():  # first builds, one at a time
            _ask(worker, None, samples[name], logs[name])
        for _run in range(runs):
            for step in ("nochange", "page", "edition", "word", "bib"):
                for name, worker in workers.items():
                    _ask(worker, step, samples[name], logs[name])
    finally:
        for name, worker in workers.items():
            if worker.stdin:
                worker.stdin.close()
            worker.wait(timeout=60)
            logs[name].close()
    return {name: {step: statistics.median(values) for step, values in steps.items()}
            for name, steps in samples.items()}


def _ask(worker: subprocess.Popen, step: str | None, samples: dict[str, list[float]], log) -> None:
    """Send *step* (None: read the first build's answer) and record the seconds answered."""
    if step is not None:
        worker.stdin.write(step + "\n")
        worker.stdin.flush()
    line = worker.stdout.readline()
    if not line:
        worker.wait(timeout=60)
        log.seek(0)
        raise RuntimeError(f"in-process rebuilds failed:\n{log.read()[-3000:]}")
    for key, seconds in json.loads(line).items():
        samples.setdefault(key, []).append(seconds)
