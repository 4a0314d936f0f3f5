"""Run sphinx-build and LaTeX as subprocesses and time them.

Each measurement is a separate process, as a user or CI runs it, so imports
and extension set-up are part of the cost.  A build that fails stops the
benchmark: timings of a broken build mean nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

WARNING_LINE = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b")


class BuildFailed(RuntimeError):
    pass


@dataclass
class Samples:
    """Wall-clock seconds of repeated runs of one measurement."""

    seconds: list[float] = field(default_factory=list)
    warnings: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def sphinx_build(srcdir: Path, outdir: Path, *, builder: str = "html", fresh: bool = True,
                 jobs: int = 1, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Build *srcdir* into *outdir*; return (seconds, number of warnings).

    A fresh build starts from an empty output and doctree folder and passes
    ``-E``; otherwise Sphinx reuses its saved environment (incremental build).
    """
    doctrees = outdir.parent / f"{outdir.name}.doctrees"
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", builder, "-d", str(doctrees),
               "-j", str(jobs), str(srcdir), str(outdir)]
    if fresh:
        command.insert(3, "-E")
    return _timed(command, cwd=srcdir, env=env)


def sphinx_build_peak(srcdir: Path, outdir: Path, *, fresh: bool = True) -> tuple[float, int, int]:
    """:func:`sphinx_build` of HTML, with the build process's peak resident memory in bytes."""
    doctrees = outdir.parent / f"{outdir.name}.doctrees"
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(doctrees),
               str(srcdir), str(outdir)]
    if fresh:
        command.insert(3, "-E")
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=srcdir, stdout=log, stderr=subprocess.STDOUT, text=True)
        # wait4: this child's own peak (RUSAGE_CHILDREN is the largest of every child so far)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read()
    if process.returncode != 0:
        tail = "\n".join(text.splitlines()[-30:])
        raise BuildFailed(f"{' '.join(command)} exited with {process.returncode}:\n{tail}")
    warnings = sum(1 for line in text.splitlines() if WARNING_LINE.search(line))
    return seconds, warnings, usage.ru_maxrss * 1024  # kilobytes on Linux


def latex_to_pdf(latexdir: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run the Makefile Sphinx writes next to the .tex (latexmk, xelatex)."""
    command = ["make", "-C", str(latexdir), "all-pdf",
               "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error -silent"]
    return _timed(command, cwd=latexdir, env=env)


# The compile the typst builder runs (PDF/UA-1), alone, in a fresh interpreter
# that imports the typst package only.
TYPST_COMPILE = """
import sys
from pathlib import Path
import typst
source = next(p for p in sorted(Path(sys.argv[1]).glob("*.typ")) if p.name != "publication.typ")
typst.compile(str(source), output=str(source.parent.parent / "typst-compile-alone.pdf"),
              root=str(source.parent), pdf_standards=["ua-1"], timestamp=0)
"""


def typst_compile(outdir: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Compile the .typ the typst builder wrote in *outdir* (PDF/UA-1)."""
    return _timed([sys.executable, "-c", TYPST_COMPILE, str(outdir)], cwd=outdir, env=env)


def _timed(command: list[str], *, cwd: Path, env: dict[str, str] | None) -> tuple[float, int]:
    full_env = {**os.environ, **(env or {})}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=full_env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise BuildFailed(f"{' '.join(command)} exited with {result.returncode}:\n{tail}")
    warnings = sum(1 for line in result.stderr.splitlines() if WARNING_LINE.search(line))
    return seconds, warnings


def has_latex() -> bool:
    return all(shutil.which(tool) for tool in ("xelatex", "latexmk", "make"))
