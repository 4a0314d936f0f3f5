"""The build process: a child process that keeps the Sphinx application alive.

The server never imports the extensions or ``conf.py`` itself. A change to
``conf.py``, to the extensions' code or to the metadata source needs fresh
imports, and the only clean way to re-import an extension is a new
interpreter: :meth:`BuildWorker.restart` ends the child and starts another
(``spawn``, never ``fork``, so nothing of the old modules survives). Every
other change is an incremental build in the living child. A child that
crashes (even on a segfault or out of memory) is restarted on the next
change; the server keeps serving the last good pages meanwhile.
"""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .session import BuildOptions


def resident_bytes() -> int:
    """Resident memory of this process (0 where /proc is unavailable)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


ON_REQUEST = "on-request"


def serve_builds(conn: Connection, options: BuildOptions) -> None:
    """Child process: one build per request until the parent sends None."""
    from .session import PreviewSession

    session = PreviewSession(options)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        if request == ON_REQUEST:
            conn.send(session.write_on_request())
            continue
        report = session.build().as_json()
        report["resident_bytes"] = resident_bytes()
        conn.send(report)
        session.settle()  # after the report: the page reloads meanwhile


class BuildWorker:
    """The parent's handle on the build process; builds are serialised."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process = None
        self._conn: Connection | None = None

    def build(self) -> dict:
        """Run one build in the child (started if needed) and return its report."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._start()
            try:
                self._conn.send("build")
                return self._conn.recv()
            except (EOFError, OSError, BrokenPipeError) as error:
                code = self._process.exitcode if self._process else None
                self._stop()
                return {"ok": False, "seconds": 0.0, "problems": [],
                        "error": f"the build process stopped (exit code {code}): {error}",
                        "resident_bytes": 0}

    def write_on_request(self) -> bool:
        """Have the build process write the pages left for when they are asked for."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                return False  # the next build starts a process and reports again
            try:
                self._conn.send(ON_REQUEST)
                return self._conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                self._stop()
                return False

    def restart(self) -> None:
        with self._lock:
            self._stop()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _start(self) -> None:
        parent, child = self._context.Pipe()
        self._process = self._context.Process(
            target=serve_builds, args=(child, self.options), name="preview-build", daemon=True
        )
        self._process.start()
        child.close()
        self._conn = parent

    def _stop(self) -> None:
        if self._process is None:
            return
        try:
            self._conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)
        self._conn.close()
        self._process = self._conn = None
