"""Benchmark rows of the tracked-changes edition (``publication diff``):
``.venv/bin/python bench/revisions.py [--runs N]``.

The publication's sources are committed into a scratch git repository, a
sentence and a chart value are edited, then, side by side, N times each:
a fresh ``sphinx-build -E -b html`` (what ``make html`` runs) and
``publication diff HEAD`` (both sides built, compared, marked HTML,
changes.json and the Typst PDF). Prints the rows as Markdown, medians.
Goals (issue 24): the diff ≤ 2.5 × the fresh HTML build; the comparison
step alone ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("docs", "conf.py", "refs.bib", "CITATION.cff", "locale")
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]


def prepare(work: Path) -> Path:
    repo = work / "repo"
    repo.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            shutil.copy2(source, repo / name)
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "."], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=repo, check=True)
    edit(repo)
    return repo


def edit(repo: Path) -> None:
    """A word in the first paragraph of each page, the first number of the first chart."""
    for page in sorted((repo / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        changed = re.sub(r"(\n\n[A-ZÀ-Ý][^\n{`]{20,}?) (\w+) ", r"\1 \2 vraiment ", text, count=1)
        changed = re.sub(r"(\n[^\n:]{1,40} : )(\d+)", lambda m: m[1] + str(int(m[2]) + 1), changed, count=1)
        page.write_text(changed, encoding="utf-8")


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return elapsed, result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-revisions-") as scratch:
        work = Path(scratch)
        repo = prepare(work)
        html, diff, comparison = [], [], []
        changes = 0
        for run in range(args.runs):
            shutil.rmtree(work / f"html-{run}", ignore_errors=True)
            html.append(timed([python, "-m", "sphinx", "-q", "-E", "-b", "html", "-d",
                               str(work / f"doctrees-{run}"), ".", str(work / f"html-{run}")], repo)[0])
            seconds, output = timed([python, "-m", "sphinx_publication.importer.cli", "diff", "HEAD",
                                     "--out", str(work / f"diff-{run}")], repo)
            diff.append(seconds)
            comparison.append(float(re.search(r"comparison: ([\d.]+) s", output)[1]))
            changes = len(json.loads((work / f"diff-{run}" / "changes.json").read_text())["changes"])
    t_html, t_diff, t_cmp = (statistics.median(x) for x in (html, diff, comparison))
    ratio = t_diff / t_html
    rows = [
        ("fresh `make html` (sphinx-build -E -b html)", f"{t_html:.2f} s", "", ""),
        (f"`make diff BASE=HEAD` ({changes} changes, HTML + changes.json + Typst PDF)",
         f"{t_diff:.2f} s ({ratio:.2f} ×)", "≤ 2.5 × make html", "ok" if ratio <= 2.5 else "OVER"),
        ("comparison step alone (align blocks, diff words, data, entries)", f"{t_cmp * 1000:.1f} ms",
         "≤ 0.5 s", "ok" if t_cmp <= 0.5 else "OVER"),
    ]
    print("| measure | result | goal | status |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nmedians of {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
