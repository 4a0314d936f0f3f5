"""The 1 000-page rows (``make bench BENCH_ARGS=--scale``; never in CI's ``--quick``).

The generated corpus at 100 pages (2 000 charts, 4 000 citations) and ten
times that, each as written ("full") and stripped of our markup ("bare"),
measured side by side in one run, bare then full:

* a fresh build, then a rebuild with nothing changed, then a rebuild after
  one page was edited, each ``sphinx-build`` in a new process;
* the peak resident memory of the fresh build's process;
* growth from 100 to 1 000 pages (linear: ≤ 10.5× for 10× the pages);
* with the live rows: edit to served page in ``make serve`` at 1 000 pages.

A fresh 1 000-page build takes minutes: one run by default (``--scale-runs``).
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from corpus import CorpusSize, write_corpus
from measure import sphinx_build_peak
from strip import strip_markup

SMALL = CorpusSize(pages=100, charts=2000, citations=4000)
LARGE = CorpusSize(pages=1000, charts=20000, citations=40000)
VARIANTS = {"bare": ["myst_parser"], "full": ["myst_parser", "sphinx_publication"]}
STEPS = ("fresh", "nochange", "edit")
LINEAR = 10.5  # 10× the pages, and a little for the machine's drift
EDITED = "page0001.md"


def prepare(work: Path, size: CorpusSize) -> dict[str, Path]:
    dirs = {}
    for variant, extensions in VARIANTS.items():
        srcdir = work / f"scale-{size.pages}" / variant
        write_corpus(srcdir, size, extensions)
        if variant == "bare":
            for page in srcdir.glob("*.md"):
                page.write_text(strip_markup(page.read_text(encoding="utf-8")), encoding="utf-8")
        dirs[variant] = srcdir
    return dirs


def measure(work: Path, runs: int, log, sizes: tuple[CorpusSize, CorpusSize]) -> dict:
    """(pages, variant, step) -> seconds of each run; (pages, variant, "rss") -> bytes."""
    sources = {size.pages: prepare(work, size) for size in sizes}
    samples: dict[tuple, list[float]] = {}
    for run in range(1, runs + 1):
        for pages, dirs in sources.items():
            for variant, srcdir in dirs.items():
                outdir = work / "out" / f"scale-{pages}-{variant}"
                for step in STEPS:
                    if step == "edit":
                        with open(srcdir / EDITED, "a", encoding="utf-8") as page:
                            page.write(f"\nParagraphe ajouté au passage {run}.\n")
                    seconds, _, peak = sphinx_build_peak(srcdir, outdir, fresh=step == "fresh")
                    samples.setdefault((pages, variant, step), []).append(seconds)
                    if step == "fresh":
                        samples.setdefault((pages, variant, "rss"), []).append(peak)
                    log(f"{pages} pages, {variant}, {step}: {seconds:.2f} s"
                        + (f", {peak / 2**20:.0f} MB" if step == "fresh" else ""))
    return {"samples": samples, "sources": sources}


def live_latency(work: Path, sources: dict, pages: int, edits: int, log) -> dict:
    """Edit to served page in ``make serve`` on a copy of the 1 000-page full corpus."""
    import live

    copy = work / "scale-live"
    shutil.copytree(sources[pages]["full"], copy)
    log(f"live preview at {pages} pages: first build, then {edits} edits")
    return live.measure_server(live.preview_command, copy, work / "out" / "scale-live", edits,
                               "scale", pages=(EDITED, EDITED.replace(".md", ".html")),
                               start_timeout=3600)


def report(table, work: Path, runs: int, log, live_rows: bool,
           small: CorpusSize = SMALL, large: CorpusSize = LARGE) -> None:
    measured = measure(work, runs, log, (small, large))
    s = measured["samples"]
    median = {key: statistics.median(values) for key, values in s.items()}

    def ranged(key: tuple, unit: str = "s") -> str:
        values = s[key]
        if unit == "MB":
            values = [v / 2**20 for v in values]
        text = f"{statistics.median(values):.2f} {unit}" if unit == "s" else f"{statistics.median(values):.0f} MB"
        if len(values) > 1:
            text += f" ({min(values):.2f}–{max(values):.2f})" if unit == "s" else ""
        return text

    table.section(f"Book scale: the corpus at {small.pages} and {large.pages} pages "
                  f"({large.charts} charts and tables, {large.citations} citations at "
                  f"{large.pages}; {runs} run(s), bare then full)")
    labels = {"fresh": "fresh build", "nochange": "rebuild, nothing changed",
              "edit": "rebuild after editing one page (new process)"}
    for pages in (small.pages, large.pages):
        for step in STEPS:
            bare, full = median[(pages, "bare", step)], median[(pages, "full", step)]
            table.add(f"{pages} pages, {labels[step]}: full / bare",
                      f"{ranged((pages, 'full', step))} / {ranged((pages, 'bare', step))} "
                      f"= {full / bare:.2f}×")
        bare, full = median[(pages, "bare", "rss")], median[(pages, "full", "rss")]
        table.add(f"{pages} pages, peak resident memory of the fresh build: full / bare",
                  f"{full / 2**20:.0f} MB / {bare / 2**20:.0f} MB = {full / bare:.2f}×")
    for variant in ("full", "bare"):
        growth = median[(large.pages, variant, "fresh")] / median[(small.pages, variant, "fresh")]
        table.add(f"growth {small.pages} → {large.pages} pages, {variant} fresh build",
                  f"{growth:.2f}×", f"≤ {LINEAR}×" if variant == "full" else "",
                  growth <= LINEAR if variant == "full" else None)
    above = [median[(p, "full", "fresh")] - median[(p, "bare", "fresh")] for p in (small.pages, large.pages)]
    table.add(f"growth {small.pages} → {large.pages} pages, time above bare (fresh)",
              f"{above[1]:.1f} s / {above[0]:.1f} s = {above[1] / above[0]:.2f}×", f"≤ {LINEAR}×",
              above[1] / above[0] <= LINEAR)
    for variant in ("full", "bare"):
        growth = median[(large.pages, variant, "rss")] / median[(small.pages, variant, "rss")]
        table.add(f"growth {small.pages} → {large.pages} pages, {variant} peak memory", f"{growth:.2f}×")
    if live_rows:
        preview = live_latency(work, measured["sources"], large.pages, 5, log)
        table.add(f"{large.pages} pages: edit to served page, `make serve` (median of 5 edits)",
                  f"{preview['median']:.2f} s ({min(preview['latencies']):.2f}–"
                  f"{max(preview['latencies']):.2f})", "≤ 0.5 s", preview["median"] <= 0.5)
