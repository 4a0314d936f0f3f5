"""The preview's web server: static pages, a reload socket, the last build's status.

Taken from sphinx-autobuild (already a dependency of ``make serve``) rather
than rewritten:

* :class:`sphinx_autobuild.server.RebuildServer`: the ``/websocket-reload``
  endpoint, its lifespan task and the broadcast of "refresh" to every open
  page. Only its ``watch`` loop is replaced: upstream runs each build in a
  new process from a fresh ``ProcessPoolExecutor`` (a new interpreter,
  Sphinx, extensions and environment per change: the ~3 s an author waited);
  here the build is a message to the long-lived build process (:mod:`.worker`).
* :class:`sphinx_autobuild.middleware.JavascriptInjectorMiddleware`: adds a
  script to every HTML response (ours: :file:`client.js`).

Also reused: ``watchfiles`` (its ``DefaultFilter`` skips editor swap files,
``__pycache__``, ``.git``...), starlette's ``StaticFiles`` and uvicorn.

The drafts served are private, so :class:`OwnRequestsOnly` answers only what
the author's browser asks of this server: a ``Host`` that is the address it
listens on (or ``localhost``, ``127.0.0.1``, ``[::1]``) with its port, so a
page of another site cannot reach it through DNS rebinding; a reload socket
opened by one of its own pages (same ``Origin``); and files of the output
folder only: never the doctrees (wherever ``-d`` put them), a pickle, a
doctree or a hidden file or folder.
"""

from __future__ import annotations

import asyncio
import fnmatch
import ipaddress
import time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import watchfiles
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from sphinx_autobuild.server import RebuildServer
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .worker import BuildWorker

STATUS_PATH = "/__preview__/status"
#: names of this machine's loopback interface that a browser sends in ``Host``
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
#: addresses that listen on every interface
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
#: files of the build that are no page of the output: never served
PRIVATE_SUFFIXES = (".pickle", ".doctree")
#: wait this long without a new change before building (an editor's save is several events)
STEP_MS = 20
DEBOUNCE_MS = 400


class ChangeRules:
    """Which changed paths need a new build process instead of an incremental build."""

    def __init__(self, restart_on: Iterable[Path], restart_patterns: Iterable[str] = ("*.py",)):
        self.restart_on = [Path(p).resolve() for p in restart_on]
        self.patterns = list(restart_patterns)

    def needs_restart(self, paths: Iterable[Path]) -> bool:
        return any(self._restarts(Path(p).resolve()) for p in paths)

    def _restarts(self, path: Path) -> bool:
        if any(fnmatch.fnmatch(path.name, pattern) for pattern in self.patterns):
            return True
        return any(path == root or root in path.parents for root in self.restart_on)


class InProcessRebuildServer(RebuildServer):
    """sphinx-autobuild's reload server with in-process incremental builds."""

    def __init__(self, watched: list[Path], ignored: list[Path], worker: BuildWorker,
                 rules: ChangeRules, top_level: list[Path] = (), log=print) -> None:
        super().__init__(watched, ignore_filter=None, change_callback=None)
        #: folders watched without their subfolders (the project root: conf.py, refs.bib)
        self.top_level = [Path(p).resolve(strict=True) for p in top_level]
        self.worker = worker
        self.rules = rules
        self.log = log
        ignore_paths = [str(Path(p).resolve()) for p in ignored]
        self.watch_filter = watchfiles.DefaultFilter(ignore_paths=ignore_paths)
        self.status: dict = {"ok": True, "problems": [], "error": "", "builds": 0}

    async def watch(self) -> None:
        """Build after each batch of changes; changes made during a build make one more."""
        queue: asyncio.Queue[set] = asyncio.Queue()
        pumps = [asyncio.create_task(self._pump(queue, self.paths, recursive=True))]
        if self.top_level:
            pumps.append(asyncio.create_task(self._pump(queue, self.top_level, recursive=False)))
        try:
            while True:
                changes = await queue.get()
                while not queue.empty():
                    changes |= queue.get_nowait()
                await self.rebuild(sorted({Path(path) for _, path in changes}))
        finally:
            for pump in pumps:
                pump.cancel()

    async def _pump(self, queue: asyncio.Queue, paths: list[Path], recursive: bool) -> None:
        async for changes in watchfiles.awatch(
            *paths, watch_filter=self.watch_filter, step=STEP_MS, debounce=DEBOUNCE_MS,
            recursive=recursive,
        ):
            await queue.put(set(changes))

    async def rebuild(self, changed: list[Path]) -> None:
        start = time.perf_counter()
        restart = self.rules.needs_restart(changed)
        names = ", ".join(_short(p) for p in changed[:5])
        self.log(f"[preview] {'restarting the build process after' if restart else 'changed'}: "
                 f"{names}")
        if restart:
            await asyncio.to_thread(self.worker.restart)
        await self.build()
        self.log(f"[preview] {'rebuilt' if self.status['ok'] else 'build FAILED'} in "
                 f"{time.perf_counter() - start:.2f} s"
                 f"{', ' + str(len(self.status['problems'])) + ' problem(s)' if self.status['problems'] else ''}")
        self.flag.set()

    async def build(self) -> None:
        report = await asyncio.to_thread(self.worker.build)
        report["builds"] = self.status["builds"] + 1
        self.status = report
        if report["error"]:
            self.log(f"[preview] {report['error']} — still serving the last pages built")

    async def status_endpoint(self, request) -> JSONResponse:
        return JSONResponse(self.status, headers={"Cache-Control": "no-store"})


class PagesWrittenOnRequest:
    """Has the build process write a page left for later (the one-page edition) before serving it."""

    def __init__(self, app, watcher: InProcessRebuildServer) -> None:
        self.app = app
        self.watcher = watcher

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].lstrip("/") in self.watcher.status.get(
                "on_request", ()):
            await asyncio.to_thread(self.watcher.worker.write_on_request)
        await self.app(scope, receive, send)


class ScriptInjector(JavascriptInjectorMiddleware):
    """sphinx-autobuild's injector, with our script instead of its one-liner."""

    def __init__(self, app, script: str) -> None:
        super().__init__(app, ws_url="")
        self.script = f"<script>{script}</script>".encode()


def client_script() -> str:
    return resources.files(__package__).joinpath("client.js").read_text(encoding="utf-8")


def _host_name(host: str) -> str:
    """*host* as a browser writes it in a ``Host`` header (IPv6 in brackets), lower case."""
    host = host.strip().lower()
    try:
        if ipaddress.ip_address(host.strip("[]")).version == 6:
            return f"[{host.strip('[]')}]"
    except ValueError:
        pass
    return host


def _is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]") if name.startswith("[") else name)
    except ValueError:
        return False
    return True


class OwnRequestsOnly:
    """Answers only the author's own browser, and only with the output's pages.

    * ``Host`` must name this server: the address it listens on or a loopback
      name, with its port (403 otherwise). A page of another site whose name
      was made to resolve to this machine (DNS rebinding) sends its own name.
      Listening on every interface (``0.0.0.0``), any IP address with the
      port is accepted too: an address typed by a reader is no rebinding.
    * A reload socket must come from one of this server's pages: ``Origin``
      ``http://`` (or ``https://``, behind a proxy) + the request's ``Host``
      (403 otherwise).
    * Hidden files and folders, ``*.pickle``, ``*.doctree`` and anything in
      the doctree folder are not found (404), even when ``-d`` put the
      doctrees inside the output folder.
    """

    def __init__(self, app, host: str, port: int, outdir: Path, doctreedir: Path | None = None) -> None:
        self.app = app
        self.port = int(port)
        self.any_address = host.strip() in WILDCARD_HOSTS
        names = {*LOOPBACK_NAMES} | (set() if self.any_address else {_host_name(host)})
        self.hosts = {f"{name}:{self.port}" for name in names}
        if self.port == 80:  # browsers leave out the default port
            self.hosts |= names
        self.outdir = Path(outdir).resolve()
        self.doctreedir = Path(doctreedir).resolve() if doctreedir else None

    def host_allowed(self, host: str) -> bool:
        host = host.strip().lower()
        if host in self.hosts:
            return True
        if not self.any_address:
            return False
        name, _sep, port = host.rpartition(":")
        if not _sep or port != str(self.port):
            name, port = host, "80"
        return port == str(self.port) and _is_ip_literal(name)

    def private(self, path: str) -> bool:
        parts = [part for part in path.split("/") if part]
        if any(part.startswith(".") for part in parts):
            return True
        if parts and parts[-1].lower().endswith(PRIVATE_SUFFIXES):
            return True
        if self.doctreedir is not None:
            target = self.outdir.joinpath(*parts).resolve()
            return target == self.doctreedir or target.is_relative_to(self.doctreedir)
        return False

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        refused = not self.host_allowed(host) or (
            scope["type"] == "websocket"
            and (headers.get("origin") or "").strip().lower()
            not in (f"http://{host.strip().lower()}", f"https://{host.strip().lower()}")
        )
        if refused:
            if scope["type"] == "websocket":
                # closed before it is accepted: the server answers 403
                await send({"type": "websocket.close", "code": 1008})
            else:
                await PlainTextResponse("Forbidden", status_code=403)(scope, receive, send)
            return
        if scope["type"] == "http" and self.private(scope.get("path", "")):
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(watcher: InProcessRebuildServer, outdir: Path, *, host: str, port: int,
               doctreedir: Path | None = None) -> Starlette:
    """The preview's web application; *host* and *port* are those it listens on."""
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Route(STATUS_PATH, watcher.status_endpoint),
            Mount("/", app=StaticFiles(directory=outdir, html=True), name="static"),
        ],
        # the first middleware is the outermost: requests are checked before anything runs
        middleware=[Middleware(OwnRequestsOnly, host=host, port=port, outdir=outdir,
                               doctreedir=doctreedir),
                    Middleware(ScriptInjector, script=client_script()),
                    Middleware(PagesWrittenOnRequest, watcher=watcher)],
        lifespan=watcher.lifespan,
    )


def _short(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
