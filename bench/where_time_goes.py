"""Where the publication's build time goes: a profile of the project's own code.

``python bench/where_time_goes.py [--top N]`` copies the publication to a temporary
folder and profiles (cProfile), in this process:

* a fresh HTML build (application set-up included: imports, extension set-up);
* a page-edit rebuild of one application kept in memory, driven as
  ``make serve`` drives it (after two warm-up edits).

For each, it prints the total and the functions of this package,
sphinxcontrib-bibtex and pybtex with the largest cumulative time, as a
Markdown table (cProfile slows Python down about twofold: compare rows with
each other, not with wall-clock timings).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import shutil
import tempfile
from pathlib import Path

from run import prepare_publication

OWN_CODE = re.compile(r"sphinx_publication|sphinxcontrib/bibtex|pybtex")
#: Sphinx's and the theme's phases, for scale: (end of the file's path, function)
PHASES = {("sphinx/application.py", "__init__"), ("sphinx/builders/__init__.py", "read"),
          ("sphinx/builders/__init__.py", "write_documents"), ("sphinx/builders/html/__init__.py", "finish"),
          ("sphinx/builders/html/__init__.py", "index_page"), ("furo/__init__.py", "_html_page_context")}
NOT_ROWS = {("preview/session.py", "build")}  # the whole rebuild: the table's title says it
EDITED_PAGE = "docs/avenir.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="profile-"))
    try:
        srcdir = prepare_publication(work)["full"]
        print(table("fresh HTML build", profile_fresh(srcdir, work / "fresh"), args.top))
        print(table("page-edit rebuild in memory (`make serve`)", profile_page_edit(srcdir, work / "live"),
                    args.top))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def profile_fresh(srcdir: Path, outdir: Path) -> pstats.Stats:
    from sphinx.application import Sphinx

    profiler = cProfile.Profile()
    profiler.enable()
    app = Sphinx(srcdir, srcdir, outdir, outdir / ".doctrees", "html", status=io.StringIO(),
                 warning=io.StringIO(), freshenv=True)
    app.build()
    profiler.disable()
    return pstats.Stats(profiler)


def profile_page_edit(srcdir: Path, outdir: Path) -> pstats.Stats:
    from sphinx_publication.preview.session import BuildOptions, PreviewSession

    session = PreviewSession(BuildOptions(srcdir, outdir, outdir / ".doctrees"),
                             status=io.StringIO(), warning=io.StringIO())
    page = srcdir / EDITED_PAGE
    for run in range(3):  # the first build, then two warm-up edits
        if run:
            append(page, f"\nPhrase d’échauffement {run}.\n")
        session.build()
        session.settle()
    append(page, "\nPhrase mesurée.\n")
    profiler = cProfile.Profile()
    profiler.enable()
    session.build()
    profiler.disable()
    return pstats.Stats(profiler)


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)


def table(title: str, stats: pstats.Stats, top: int) -> str:
    own, phases = [], []
    for (path, line, name), (_, calls, _, cumulative, _) in stats.stats.items():
        if any(path.endswith(end) and name == function for end, function in PHASES):
            phases.append((cumulative, calls, f"{short(path)}:{line}({name})"))
        elif OWN_CODE.search(path) and not any(path.endswith(e) and name == f for e, f in NOT_ROWS):
            own.append((cumulative, calls, f"{short(path)}:{line}({name})"))
    lines = [f"#### {title}: {stats.total_tt:.2f} s under the profiler", "",
             "| cumulative | calls | function |", "|---:|---:|---|"]
    lines += [f"| {c:.3f} s | {n} | Sphinx: `{w}` |" for c, n, w in sorted(phases, reverse=True)]
    lines += [f"| {c:.3f} s | {n} | `{w}` |" for c, n, w in sorted(own, reverse=True)[:top]]
    return "\n".join(lines) + "\n"


def short(path: str) -> str:
    return re.sub(r"^.*?/(sphinx_publication|sphinxcontrib/bibtex|pybtex|sphinx|furo)/", r"\1/", path)


if __name__ == "__main__":
    main()
