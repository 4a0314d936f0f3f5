"""``python -m sphinx_publication.preview [SOURCEDIR] [OUTDIR] [--host H] [--port P]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .session import BuildOptions

DEFAULT_HOST = "127.0.0.1"  # loopback: the preview is for the author's own browser
DEFAULT_PORT = 8000
NEVER_WATCHED = {"_build", "build", "node_modules", "venv", "__pycache__"}


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="python -m sphinx_publication.preview",
        description="Serve a Sphinx project and rebuild it in memory on every change.",
    )
    parser.add_argument("sourcedir", nargs="?", default=".", type=Path)
    parser.add_argument("outdir", nargs="?", default=Path("_build/serve"), type=Path)
    parser.add_argument("-d", dest="doctreedir", type=Path,
                        help="doctree folder (default: doctrees-NAME beside OUTDIR, NAME being "
                             "OUTDIR's name); never served, even inside OUTDIR")
    parser.add_argument("-b", dest="builder", default="html", help="builder (default: html)")
    parser.add_argument("-D", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="override a conf.py setting")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default: {DEFAULT_HOST}, loopback only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port (default: {DEFAULT_PORT})")
    parser.add_argument("--watch", action="append", type=Path, default=[],
                        help="folder to watch (default: every folder of SOURCEDIR but "
                             "hidden ones and build outputs, plus SOURCEDIR's own files)")
    parser.add_argument("--ignore", action="append", type=Path, default=[],
                        help="folder or file never to watch")
    parser.add_argument("--restart-on", action="append", type=Path, default=[],
                        help="a change under this path starts a new build process "
                             "(conf.py and every *.py file always do)")
    return parser.parse_known_args(argv)


def default_doctreedir(outdir: Path) -> Path:
    """Beside the output folder, not in it: ``_build/serve`` -> ``_build/doctrees-serve``
    (what ``make serve`` passes), so the server has no doctree to refuse."""
    return outdir.parent / f"doctrees-{outdir.name}"


def build_paths(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    """(source, output, doctree) folders, absolute. A doctree folder that holds the
    output folder is refused: every page served would be in it."""
    srcdir = args.sourcedir.resolve()
    outdir = args.outdir.resolve()
    doctreedir = (args.doctreedir or default_doctreedir(outdir)).resolve()
    if outdir == doctreedir or outdir.is_relative_to(doctreedir):
        raise SystemExit(f"[preview] the doctree folder ({args.doctreedir}) must not hold the "
                         f"output folder ({args.outdir}): give -d another folder")
    return srcdir, outdir, doctreedir


def watched_folders(srcdir: Path, ignored: list[Path]) -> list[Path]:
    ignored = [p.resolve() for p in ignored]
    return sorted(
        child for child in srcdir.iterdir()
        if child.is_dir() and not child.name.startswith(".") and child.name not in NEVER_WATCHED
        and not any(child.resolve() == p or p in child.resolve().parents or child.resolve() in p.parents
                    for p in ignored)
    )


def main(argv: list[str] | None = None) -> int:
    args, ignored_options = parse_args(argv)
    if ignored_options:
        print(f"[preview] ignoring options the preview does not use: {' '.join(ignored_options)}",
              flush=True)
    import uvicorn

    from .server import ChangeRules, InProcessRebuildServer, create_app
    from .worker import BuildWorker

    srcdir, outdir, doctreedir = build_paths(args)
    outdir.mkdir(parents=True, exist_ok=True)
    overrides = dict(item.split("=", 1) for item in args.overrides if "=" in item)
    options = BuildOptions(srcdir, outdir, doctreedir, args.builder, overrides)
    ignored = [outdir, doctreedir, *args.ignore]
    folders = args.watch or watched_folders(srcdir, ignored)
    worker = BuildWorker(options)
    watcher = InProcessRebuildServer(
        folders, ignored, worker,
        ChangeRules([srcdir / "conf.py", *args.restart_on]),
        top_level=[] if args.watch else [srcdir],
    )
    print("[preview] first build…", flush=True)
    report = worker.build()
    watcher.status = {**report, "builds": 1}
    print(f"[preview] {'built' if report['ok'] else 'build FAILED'} in {report['seconds']:.2f} s; "
          f"serving on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    try:
        uvicorn.run(create_app(watcher, outdir, host=args.host, port=args.port,
                               doctreedir=doctreedir),
                    host=args.host, port=args.port, log_level="warning")
    except KeyboardInterrupt:
        pass
    finally:
        worker.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
