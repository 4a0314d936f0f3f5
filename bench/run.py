"""Benchmark of the publication toolchain: ``make bench`` (``--quick`` in CI).

Everything is measured side by side in one run on one machine, and each
figure is the median of several fresh builds (``sphinx-build -E -q`` in a
subprocess, timed with ``time.perf_counter``):

* the publication against its "bare" twin (same text and theme, our markup
  and extensions stripped): the overhead of our extensions;
* a generated corpus and the same at twice the size (100 pages), each as
  bare, charts only, citations only and full, and as "references": the same
  citations as plain ``{ref}`` links, what Sphinx itself costs for them (the
  floor under the citations layer): the cost per chart and per citation, the
  ratios to bare, and how they grow;
* ``-j 2`` against ``-j 1`` at 100 pages, bare and full, the parallel output
  compared byte for byte with the serial one; no-change and one-page-edit
  rebuilds;
* page weight of every page, bytes per chart;
* charts of 1 k, 10 k and 100 k points, in process: points per second;
* the PDF build (LaTeX builder + latexmk) and the Typst edition's;
* the tracked-changes edition (``make diff``, ``bench/revisions.py``): against a
  fresh ``make html`` of the article, its comparison step alone, and on the
  corpus at both sizes with about 5 % of its sentences edited.
* with ``--scale`` (not in ``--quick``), the corpus at 100 and 1 000 pages
  (``bench/scale.py``): fresh build, rebuilds, peak memory, growth, each against bare.

``--write BENCHMARKS.md`` stores the table with the machine it ran on.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import figures_scale
import revisions
from corpus import CorpusSize, write_corpus
from measure import BuildFailed, Samples, has_latex, latex_to_pdf, sphinx_build, typst_compile
from strip import citations_as_references, count_markup, references_page, strip_markup
from weight import PageWeight, chart_svgs, page_weight

ROOT = Path(__file__).resolve().parent.parent
# 50 pages rather than 200: the theme renders the whole navigation tree on
# every page, a cost quadratic in the number of pages that is bare Sphinx's,
# not ours (at 200 pages it was 70 % of the bare build's writing time).
FULL_SIZE = CorpusSize(pages=50, charts=1000, citations=2000)
QUICK_SIZE = CorpusSize(pages=10, charts=40, citations=80, bib_entries=40)
#: fresh builds of the publication and its bare twin per run, side by side: the
#: ratio's goal is a tenth, within the machine's drift over a few builds
PUBLICATION_PAIRS = 3
PUBLICATION_FILES = ("conf.py", "CITATION.cff", "refs.bib", "docs", "locale")
PDF_EPOCH = "1704067200"  # 2024-01-01: reproducible PDF dates

CORPUS_VARIANTS = {  # name: (extensions, strip charts?, strip citations?)
    "bare": (["myst_parser"], True, True),
    # the floor: the same citations as plain {ref} links (strip.citations_as_references)
    "references": (["myst_parser"], True, False),
    "charts": (["myst_parser", "sphinx_publication.figures"], False, True),
    "citations": (["myst_parser", "sphinx_publication.citations"],
                  True, False),
    "full": (["myst_parser", "sphinx_publication"], False, False),
}
BARE_CONF_SUFFIX = """
# -- Benchmark baseline: bare Sphinx + MyST + the same theme -------------------
extensions = [e for e in extensions
              if not e.startswith(("sphinxcontrib.bibtex", "sphinx_publication"))]
# The landing page's title and byline are MyST substitutions filled from
# CITATION.cff by sphinx_publication.metadata: give the baseline the same words.
from sphinx_publication.metadata.source import read_article as _read_article
_article = _read_article(ROOT / "CITATION.cff")
myst_substitutions = {"article_title": _article.title,
                      "article_authors": ", ".join(_article.author_names)}
# Sidebar templates that sphinx_publication brings (the language switcher) do not
# exist without it: the baseline leaves them out of the sidebar.
import sphinx_publication as _extension
_extension_templates = {path.relative_to(folder).as_posix()
                        for folder in Path(_extension.__file__).parent.glob("**/templates")
                        for path in folder.rglob("*.html")}
html_sidebars = {pattern: [name for name in names if name not in _extension_templates]
                 for pattern, names in html_sidebars.items()}
"""


@dataclass
class Row:
    measure: str
    result: str
    goal: str = ""
    status: str = ""


class Table:
    def __init__(self, judge: bool) -> None:
        self.sections: list[tuple[str, list[Row]]] = []
        self.judge = judge

    def section(self, title: str) -> None:
        self.sections.append((title, []))

    def add(self, measure: str, result: str, goal: str = "", ok: bool | None = None) -> None:
        status = ""
        if ok is not None:
            status = ("pass" if ok else "MISS") if self.judge else "not judged (--quick)"
        self.sections[-1][1].append(Row(measure, result, goal, status))

    def check(self, measure: str, result: str, ok: bool) -> None:
        """A sanity check of the harness itself: judged in every mode."""
        self.sections[-1][1].append(Row(measure, result, "sanity check", "ok" if ok else "FAILED"))
        self.broken = getattr(self, "broken", False) or not ok

    def markdown(self) -> str:
        lines = []
        for title, rows in self.sections:
            lines += [f"### {title}", "", "| Measure | Result | Goal | Status |",
                      "|---|---:|---|---|"]
            lines += [f"| {r.measure} | {r.result} | {r.goal} | {r.status} |" for r in rows]
            lines.append("")
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    runs = 1 if args.quick else args.runs
    size = QUICK_SIZE if args.quick else FULL_SIZE
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    table = Table(judge=not args.quick)
    # Python caches compiled modules on first import, unless PYTHONDONTWRITEBYTECODE
    # is set: then every build would compile the extension's sources again.
    compileall.compile_dir(ROOT / "ext", quiet=1)
    try:
        publication = prepare_publication(work)
        corpora = ({s: prepare_corpus(work, s) for s in (size, size.doubled())}
                   if args.corpus else {})
        timings = measure_builds(work, publication, corpora, runs, log=_log)
        report_publication(table, publication, timings, runs)
        if corpora:
            report_corpus(table, size, corpora, timings, runs)
        report_weight(table, work / "out" / "pub-full")
        figures_scale.report(table, args.quick)
        latex_total = None
        if args.live:
            report_live(table, publication, work, args.quick, t_fresh=timings)
        if args.pdf and has_latex():
            latex_total = report_pdf(table, publication["full"], work,
                                     1 if args.quick else args.pdf_runs)
        elif args.pdf:
            table.section("PDF")
            table.add("PDF build", "skipped: xelatex/latexmk not installed")
        if args.pdf:
            report_typst(table, publication["full"], work, 1 if args.quick else args.pdf_runs,
                         latex_total)
        if args.diff:
            revisions.report(table, work / "revisions", runs, size, log=_log, corpus=args.corpus)
        if args.scale and not args.quick:  # minutes per build: never in CI's quick run
            import scale

            scale.report(table, work / "scale", args.scale_runs, _log, live_rows=args.live)
    except BuildFailed as failure:
        print(f"benchmark aborted, a build failed:\n{failure}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"build folders kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = table.markdown()
    print(text)
    if args.write:
        write_report(Path(args.write), text, args)
    if getattr(table, "broken", False):
        print("a sanity check failed: the timings above do not measure what they claim",
              file=sys.stderr)
        return 1
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="one run of each build on a small corpus: checks the harness works")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--pdf-runs", type=int, default=3, help="runs of the PDF build")
    parser.add_argument("--no-pdf", dest="pdf", action="store_false", help="skip the PDF build")
    parser.add_argument("--write", metavar="FILE", help="also write the table to FILE")
    parser.add_argument("--keep", action="store_true", help="keep the build folders")
    parser.add_argument("--no-corpus", dest="corpus", action="store_false",
                        help="skip the generated corpus (the publication's rows only)")
    parser.add_argument("--no-live", dest="live", action="store_false",
                        help="skip the live preview and in-process rebuild rows")
    parser.add_argument("--no-diff", dest="diff", action="store_false",
                        help="skip the tracked-changes edition's rows (make diff)")
    parser.add_argument("--scale", action="store_true",
                        help="also the 1 000-page rows (bench/scale.py; ignored with --quick)")
    parser.add_argument("--scale-runs", type=int, default=1, help="runs of the 1 000-page rows")
    return parser.parse_args(argv)


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# -- Sources -----------------------------------------------------------------

def prepare_publication(work: Path) -> dict:
    """Copies of the publication: as written, and stripped of our markup."""
    full, bare = work / "pub-full", work / "pub-bare"
    for target in (full, bare):
        for name in PUBLICATION_FILES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name)
            elif source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    charts = citations = 0
    for page in sorted((bare / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        c, k = count_markup(text)
        charts, citations = charts + c, citations + k
        page.write_text(strip_markup(text), encoding="utf-8")
    with open(bare / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(BARE_CONF_SUFFIX)
    return {"full": full, "bare": bare, "charts": charts, "citations": citations}


def prepare_corpus(work: Path, size: CorpusSize) -> dict:
    """The generated corpus of *size* in each variant of CORPUS_VARIANTS."""
    base = work / f"corpus-{size.pages}"
    dirs = {}
    for variant, (extensions, no_charts, no_citations) in CORPUS_VARIANTS.items():
        srcdir = base / variant
        write_corpus(srcdir, size, extensions)
        if no_charts or no_citations:
            for page in srcdir.glob("*.md"):
                text = page.read_text(encoding="utf-8")
                page.write_text(strip_markup(text, charts=no_charts, citations=no_citations),
                                encoding="utf-8")
        if variant == "references":
            for page in srcdir.glob("page*.md"):
                page.write_text(citations_as_references(page.read_text(encoding="utf-8")),
                                encoding="utf-8")
            bibliography = references_page((srcdir / "refs.bib").read_text(encoding="utf-8"))
            (srcdir / "bibliographie.md").write_text(bibliography, encoding="utf-8")
        dirs[variant] = srcdir
    return dirs


# -- Measurements ---------------------------------------------------------------

def measure_builds(work: Path, publication: dict, corpora: dict, runs: int, log) -> dict:
    """Interleave the runs so that drift of the machine hits every variant alike."""
    out = work / "out"
    timings: dict[str, Samples] = {}
    small = min(corpora, key=lambda s: s.pages) if corpora else None
    large = max(corpora, key=lambda s: s.pages) if corpora else None

    def record(key: str, srcdir: Path, outdir: Path, **options) -> None:
        seconds, warnings = sphinx_build(srcdir, out / outdir, **options)
        samples = timings.setdefault(key, Samples())
        samples.seconds.append(seconds)
        samples.warnings = max(samples.warnings, warnings)
        log(f"{key}: {seconds:.2f} s, {warnings} warnings")

    for run in range(1, runs + 1):
        log(f"run {run}/{runs}")
        for _pair in range(PUBLICATION_PAIRS):  # each full build right after its bare twin's
            for variant in ("bare", "full"):
                record(f"pub-{variant}", publication[variant], Path(f"pub-{variant}"))
        for size, dirs in corpora.items():
            for variant, srcdir in dirs.items():
                record(f"{size.pages}-{variant}", srcdir, Path(f"{size.pages}-{variant}"))
        if small is None:
            continue
        for variant in ("bare", "full"):  # Sphinx's own parallelism, and ours
            record(f"j2-{variant}", corpora[large][variant], Path(f"j2-{variant}"), jobs=2)
        full_out = Path(f"{small.pages}-full")
        record("nochange", corpora[small]["full"], full_out, fresh=False)
        edited = corpora[small]["full"] / "page0001.md"
        with open(edited, "a", encoding="utf-8") as page:
            page.write(f"\nParagraphe ajouté au passage {run}.\n")
        record("edit", corpora[small]["full"], full_out, fresh=False)
    return timings


# -- Report ---------------------------------------------------------------------

def report_publication(table: Table, publication: dict, t: dict, runs: int) -> None:
    bare, full = t["pub-bare"], t["pub-full"]
    table.section(f"The publication ({publication['charts']} charts and tables, "
                  f"{publication['citations']} citations; medians of {len(full.seconds)} runs)")
    table.add("bare Sphinx + MyST build (markup stripped)", _s(bare))
    table.add("full build (our extensions)", _s(full))
    ratio = fresh_ratio(t)
    pairs = sorted(f / b for f, b in zip(full.seconds, bare.seconds))
    table.add("overhead ratio full / bare (median of each full build over the bare one "
              "just before it)", f"{ratio:.2f}× (pairs: {pairs[0]:.2f}–{pairs[-1]:.2f}×)",
              "≤ 1.25×", ratio <= 1.25)
    out = publication["full"].parent / "out"
    drawn = {v: _count_svgs_in(out / f"pub-{v}" / "docs") for v in ("full", "bare")}
    table.check("charts drawn: full / bare build", f"{drawn['full']} / {drawn['bare']}",
                drawn["full"] > 0 and drawn["bare"] == 0)


def fresh_ratio(t: dict) -> float:
    """Full over bare, pair by pair (the machine's speed drifts by ±15 % within
    minutes: a build is compared with its twin's just before it), then the median."""
    return statistics.median(f / b for f, b in zip(t["pub-full"].seconds, t["pub-bare"].seconds))


def report_corpus(table: Table, size: CorpusSize, corpora: dict, t: dict, runs: int) -> None:
    double = size.doubled()
    table.section(f"Generated corpus: {size.pages} pages, {size.charts} charts and tables, "
                  f"{size.citations} citations, and twice that (medians of {runs} runs)")
    per_chart, per_cite, extra = {}, {}, {}
    for s in (size, double):
        bare = t[f"{s.pages}-bare"].median
        per_chart[s] = (t[f"{s.pages}-charts"].median - bare) * 1000 / s.charts
        per_cite[s] = (t[f"{s.pages}-citations"].median - bare) * 1000 / s.citations
        extra[s] = t[f"{s.pages}-full"].median - bare
        for variant in ("bare", "references", "charts", "citations", "full"):
            table.add(f"{s.pages} pages, {variant} build", _s(t[f"{s.pages}-{variant}"]))
    for s in (size, double):
        noise = " (below the noise)" if per_chart[s] < 0 else ""
        table.add(f"{s.pages} pages: ms per chart above bare", f"{per_chart[s]:.2f} ms{noise}",
                  "≤ 1 ms", per_chart[s] <= 1.0)
        table.add(f"{s.pages} pages: ms per citation above bare", f"{per_cite[s]:.2f} ms",
                  "≤ 2 ms", per_cite[s] <= 2.0)
    total_growth = t[f"{double.pages}-full"].median / t[f"{size.pages}-full"].median
    extra_growth = extra[double] / extra[size] if extra[size] > 0 else float("nan")
    table.add("growth for 2× work: full build time", f"{total_growth:.2f}×", "≤ 2.1×",
              total_growth <= 2.1)
    table.add("growth for 2× work: time above bare", f"{extra_growth:.2f}×", "≤ 2.1×",
              extra_growth <= 2.1)
    report_ratios(table, double, t)
    report_parallel(table, double, corpora[double]["full"].parent.parent / "out", t)
    table.add(f"{size.pages} pages: rebuild, nothing changed", _s(t["nochange"]))
    table.add(f"{size.pages} pages: rebuild after editing one page", _s(t["edit"]))
    expected = size.charts - size.charts // 4  # one in four is a data-table
    out = corpora[size]["full"].parent.parent / "out"
    for variant, wanted in (("full", expected), ("charts", expected), ("bare", 0), ("references", 0),
                            ("citations", 0)):
        rendered = _count_svgs(out / f"{size.pages}-{variant}")
        table.check(f"charts drawn as inline SVG, {variant} build", f"{rendered} of {wanted}",
                    rendered == wanted)
    for variant, wanted in (("full", size.citations), ("citations", size.citations),
                            ("references", size.citations),
                            ("bare", 0), ("charts", 0)):
        linked = _count_citation_links(out / f"{size.pages}-{variant}")
        table.check(f"citations linked to the bibliography, {variant} build",
                    f"{linked} of {wanted}", linked == wanted)


def report_ratios(table: Table, size: CorpusSize, t: dict) -> None:
    """Each variant over bare, build by build of the same run (the issue's goals are at
    100 pages); the references build is the floor: Sphinx's cost for the same links."""
    ratio = {v: pair_ratios(t[f"{size.pages}-{v}"], t[f"{size.pages}-bare"])
             for v in ("references", "citations", "full")}
    goals = {"citations": 1.25, "full": 1.3}
    words = {"references": "references (the citations as plain {ref} links) / bare",
             "citations": "citations / bare", "full": "full / bare"}
    for variant, ratios in ratio.items():
        median = statistics.median(ratios)
        goal = goals.get(variant)
        table.add(f"{size.pages} pages: {words[variant]}", _ranged(ratios),
                  f"≤ {goal:.2f}×" if goal else "", median <= goal if goal else None)
    over_floor = pair_ratios(t[f"{size.pages}-citations"], t[f"{size.pages}-references"])
    table.add(f"{size.pages} pages: citations / references (our layer over Sphinx's own links)",
              _ranged(over_floor))


def report_parallel(table: Table, size: CorpusSize, out: Path, t: dict) -> None:
    """-j 2 against -j 1 at *size*, bare (Sphinx's own parallelism) and full; the
    parallel full output compared byte for byte with the serial one."""
    for variant in ("bare", "full"):
        j1, j2 = t[f"{size.pages}-{variant}"], t[f"j2-{variant}"]
        speedup = j1.median / j2.median
        table.add(f"{size.pages} pages {variant} build, -j 1 / -j 2",
                  f"{_s(j1)} / {_s(j2)} = {speedup:.2f}×",
                  "≥ 1.40×" if variant == "full" else "", speedup >= 1.4 if variant == "full" else None)
    different = differing_files(out / f"{size.pages}-full", out / "j2-full")
    table.check(f"{size.pages} pages full build: -j 2 output byte-identical to -j 1's",
                "identical" if not different else f"{len(different)} files differ: {', '.join(different[:3])}",
                not different)


def differing_files(first: Path, second: Path) -> list[str]:
    """Files of two output folders that differ or exist in one only (build info aside)."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*")
                if p.is_file() and p.name != ".buildinfo"}
    one, two = files(first), files(second)
    return sorted(name for name in one.keys() | two.keys()
                  if name not in one or name not in two or one[name].read_bytes() != two[name].read_bytes())


def pair_ratios(numerator: Samples, denominator: Samples) -> list[float]:
    """Run by run: each build over its counterpart of the same run (the machine drifts)."""
    return [a / b for a, b in zip(numerator.seconds, denominator.seconds)]


def _ranged(ratios: list[float]) -> str:
    median = statistics.median(ratios)
    return f"{median:.2f}×" + (f" ({min(ratios):.2f}–{max(ratios):.2f})" if len(ratios) > 1 else "")


def _count_citation_links(outdir: Path) -> int:
    """Citations in the text; the citation cards' templates link the same entries again."""
    link = re.compile(rb'href="bibliographie\.html#cite-ref\d{4}"')
    cards = re.compile(rb"<template\b.*?</template>", re.S)
    return sum(len(link.findall(cards.sub(b"", p.read_bytes()))) for p in outdir.glob("page*.html"))


def _count_svgs_in(folder: Path) -> int:
    from bs4 import BeautifulSoup

    return sum(len(chart_svgs(BeautifulSoup(p.read_bytes(), "html.parser")))
               for p in folder.rglob("*.html"))


def _count_svgs(outdir: Path) -> int:
    from bs4 import BeautifulSoup

    return sum(len(chart_svgs(BeautifulSoup(p.read_bytes(), "html.parser")))
               for p in outdir.glob("page*.html"))


def report_weight(table: Table, htmldir: Path) -> None:
    table.section("Page weight of the publication (uncompressed HTML + CSS + JS per page)")
    weights = [page_weight(htmldir, page) for page in sorted((htmldir / "docs").rglob("*.html"))]
    for w in weights:
        charts = f", {len(w.chart_svg)} chart(s)" if w.chart_svg else ""
        table.add(f"`{w.page}`{charts}",
                  f"{_kb(w.total)} (HTML {_kb(w.html)}, CSS {_kb(w.css)}, JS {_kb(w.js)})")
    ours = sorted(p for p in (htmldir / "_static").glob("sphinx-publication*") if p.is_file())
    table.add("of which our own CSS and JS (every page)",
              _kb(sum(p.stat().st_size for p in ours)) + f" ({len(ours)} files)")
    svgs = [n for w in weights for n in w.chart_svg]
    figures = [n for w in weights for n in w.chart_figure]
    if svgs:
        table.add("chart SVG, mean / largest", f"{_kb(sum(svgs) / len(svgs))} / {_kb(max(svgs))}",
                  "< 4 KB", max(svgs) < 4096)
        table.add("chart with caption and data table, mean / largest",
                  f"{_kb(sum(figures) / len(figures))} / {_kb(max(figures))}")
    else:
        table.add("chart SVG", "no chart found in the HTML", "< 4 KB", False)
    table.add("for comparison: sphinx-charts on every page", "≈ 5.9 MB (plotly.js, MathJax, jQuery)")


def report_live(table: Table, publication: dict, work: Path, quick: bool, t_fresh: dict) -> None:
    """Live preview against sphinx-autobuild, in-process rebuilds against bare, memory."""
    import live

    edits, memory_edits, runs = (3, 10, 2) if quick else (7, 100, 9)
    copies = {}
    for name, source in (("preview", "full"), ("autobuild", "full"), ("inproc-full", "full"),
                         ("inproc-bare", "bare")):
        copies[name] = work / f"live-{name}"
        shutil.copytree(publication[source], copies[name])
    _log("in-process rebuilds: bare and full, steps alternated")
    inproc = live.measure_in_process(
        {v: (copies[f"inproc-{v}"], work / "out" / f"inproc-{v}") for v in ("bare", "full")}, runs)
    _log(f"live preview: {edits} edits, then {memory_edits} in all for memory")
    preview = live.measure_server(live.preview_command, copies["preview"],
                                  work / "out" / "live-preview", edits, "preview", memory_edits)
    _log(f"sphinx-autobuild: {edits} edits")
    autobuild = live.measure_server(live.autobuild_command, copies["autobuild"],
                                    work / "out" / "live-autobuild", edits, "autobuild")
    table.section(f"Live preview and in-process rebuilds of the publication (medians of {edits} "
                  f"edits, {runs} rebuilds)")
    table.add("edit to served page, `make serve` (one application in memory)",
              f"{preview['median']:.2f} s", "≤ 0.4 s", preview["median"] <= 0.4)
    table.add("edit to served page, sphinx-autobuild (a process per change)",
              f"{autobuild['median']:.2f} s")
    table.add("speed-up of `make serve`", f"{autobuild['median'] / preview['median']:.1f}×")
    for kind, label, goal in (("nochange", "nothing changed", 1.5),
                              ("page", "one page edited", 1.5),
                              ("word", "one word of a page changed (same word count)", None),
                              ("bib", "a refs.bib title edited", None)):
        full, bare = inproc["full"][kind], inproc["bare"][kind]
        ratio = full / bare
        table.add(f"in-process rebuild, {label}: full / bare",
                  f"{full:.2f} s / {bare:.2f} s = {ratio:.2f}×",
                  f"≤ {goal}×" if goal else "", ratio <= goal if goal else None)
    table.add("one-page edition after a page edit, written when a reader asks for it",
              f"{inproc['full']['edition']:.2f} s")
    fresh = fresh_ratio(t_fresh)
    table.add("fresh build, full / bare (from the first table)", f"{fresh:.2f}×", "≤ 1.25×",
              fresh <= 1.25)
    first, after = preview["rss_first"], preview["rss_after"]
    if hasattr(os, "getloadavg"):  # the latencies are wall-clock times on a shared machine
        table.add("machine load average (1 min) when the live rows ended",
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    table.add(f"preview memory after {preview['memory_edits']} edits / after the first build",
              f"{after / 2**20:.0f} MB / {first / 2**20:.0f} MB = {after / first:.2f}×",
              "≤ 1.2×", after / first <= 1.2)


def report_pdf(table: Table, srcdir: Path, work: Path, runs: int) -> float:
    latexdir = work / "out" / "pub-latex"
    env = {"SOURCE_DATE_EPOCH": PDF_EPOCH}
    latex, pdf = Samples(), Samples()
    for run in range(runs):
        seconds, warnings = sphinx_build(srcdir, latexdir, builder="latex", env=env)
        latex.seconds.append(seconds)
        seconds_pdf, _ = latex_to_pdf(latexdir, env=env)
        pdf.seconds.append(seconds_pdf)
        _log(f"pdf run {run + 1}: latex {seconds:.2f} s, latexmk {seconds_pdf:.2f} s")
    table.section(f"PDF of the publication (medians of {runs} runs)")
    table.add("LaTeX builder (fresh)", _s(latex))
    table.add("latexmk with xelatex", _s(pdf))
    total = Samples([a + b for a, b in zip(latex.seconds, pdf.seconds)])
    table.add("PDF build, total", _s(total))
    produced = sorted(latexdir.glob("*.pdf"))
    if produced:
        table.add("PDF size", _kb(produced[0].stat().st_size))
    return total.median


# -- Typst edition (sphinx_publication.typst) ----------------------------------------


def report_typst(table: Table, srcdir: Path, work: Path, runs: int,
                 latex_total: float | None) -> None:
    """The Typst route: one sphinx-build whose builder also compiles the PDF;
    the compile alone is timed again on the written .typ."""
    outdir = work / "out" / "pub-typst"
    env = {"SOURCE_DATE_EPOCH": PDF_EPOCH}
    build, compile_only = Samples(), Samples()
    for run in range(runs):
        seconds, warnings = sphinx_build(srcdir, outdir, builder="typst", env=env)
        build.seconds.append(seconds)
        build.warnings += warnings
        seconds_compile, _ = typst_compile(outdir, env=env)
        compile_only.seconds.append(seconds_compile)
        _log(f"typst run {run + 1}: build {seconds:.2f} s, compile alone {seconds_compile:.2f} s")
    table.section(f"Typst PDF of the publication (medians of {runs} runs)")
    table.add("Typst builder + compile (fresh), total", _s(build))
    table.add("of which typst.compile, PDF/UA-1 (alone, with interpreter start-up)",
              _s(compile_only))
    produced = sorted(outdir.glob("*.pdf"))
    table.check("Typst PDF written", produced[0].name if produced else "none", bool(produced))
    if produced:
        table.add("PDF size", _kb(produced[0].stat().st_size))
    if latex_total:
        ratio = build.median / latex_total
        table.add("Typst total / LaTeX total", f"{ratio:.2f}", "≤ 0.6", ratio <= 0.6)


def _s(samples: Samples) -> str:
    text = f"{samples.median:.2f} s"
    if samples.warnings:
        text += f" ({samples.warnings} warnings)"
    return text


def _kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


# -- BENCHMARKS.md ----------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 1024 ** 2:.0f} GB RAM"
    versions = ", ".join(f"{name} {_version(name)}" for name in
                         ("sphinx", "myst-parser", "sphinxcontrib-bibtex", "furo"))
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; {versions}")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


ANALYSIS_HEADING = "\n## Analysis"


def write_report(path: Path, table: str, args: argparse.Namespace) -> None:
    """Write the table; a hand-written "## Analysis" section at the end is kept."""
    flags = " ".join(flag for flag, on in (("--quick", args.quick), ("--scale", args.scale and not args.quick)) if on)
    command = "make bench" + (f" BENCH_ARGS={flags}" if flags else "")
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    analysis = old[old.index(ANALYSIS_HEADING):] if ANALYSIS_HEADING in old else ""
    path.write_text(
        "# Benchmarks\n\n"
        "The last table printed by `make bench` (`bench/run.py`), pasted here by\n"
        "`.venv/bin/python bench/run.py --write BENCHMARKS.md`. Every time is the median of\n"
        "several fresh `sphinx-build -E -q` runs in a subprocess; all rows were measured\n"
        "side by side in the same run. See `bench/run.py` for what each row means.\n\n"
        f"- Measured on: {dt.date.today().isoformat()}, with `{command}`\n"
        f"- Machine: {machine()}\n\n"
        + table + NOTES + analysis,
        encoding="utf-8",
    )


NOTES = """
## How the rows are measured

- **Bare build**: a copy of the sources where each chart or table directive
  becomes a bold title and a bullet list of its data lines, each citation the
  bracketed keys, each editorial marker its text; the bibliography and
  editorial report directives are dropped (and the link to the one-page
  edition), and so are `sphinxcontrib.bibtex` and `sphinx_publication` from
  `extensions`. Same Sphinx, MyST, theme, and the same installed packages
  (pystemmer included, which speeds up both builds' search indexing). Each
  run builds the pair three times, bare then full; the ratio is the median of
  each full build over the bare build just before it (the machine's speed
  drifts by up to ±15 % within minutes, and the goal is a tenth).
- **Corpus**: `bench/corpus.py` writes pages of French text with inline-data
  `chart-bar`, `chart-pie`, `chart-line` and `data-table` directives (one in
  four is a table) and `{cite:p}` citations to the 200 entries of a generated
  `refs.bib`, with the one-page edition on where the package is loaded. The
  variants strip the citations ("charts"), the charts ("citations"), or both
  ("bare"); "references" is bare with each cited key as a plain `{ref}` link
  to a labelled paragraph of a plain bibliography page: what Sphinx itself
  costs for the same number of links, the floor under the citations layer.
  "ms per chart" is (charts − bare) / number of charts, "ms per citation"
  likewise; each ratio to bare is taken run by run (each build over the bare
  build of the same run), its range over the runs in brackets.
- **Parallel builds**: the 100-page corpus, bare and full, with `-j 2`
  against the `-j 1` builds of the same runs; the `-j 2` full output must be
  byte-identical to the `-j 1` one (a sanity check, judged in `--quick` too).
- **Growth**: the corpus at twice the size (twice the pages, charts and
  citations). "Time above bare" is the cost of our markup alone; the total
  also holds the theme's navigation tree, rendered on every page, whose cost
  grows with the square of the number of pages in bare Sphinx too.
- **Rebuilds**: on the "full" corpus after a fresh build; the edit appends a
  paragraph to one page.
- **Page weight**: uncompressed bytes of each page's HTML and of the local CSS
  and JavaScript it loads (images and fonts excluded). A chart is an inline
  `<svg role="img">`; "with caption and data table" is its whole figure.
- **Charts: points per second**: `bench/figures_scale.py`, in process (no
  Sphinx build): a Plotly scatter's figure JSON and an inline `chart-line`'s
  body lines of 1 k, 10 k and 100 k points read into the chart model, drawn
  as SVG, with the in-page data table and the CSV file. A rate that stays
  level as the points grow shows linear costs.
- **PDF**: LaTeX builder then `latexmk` (xelatex) with `SOURCE_DATE_EPOCH` set.
- **Typst PDF**: `sphinx-build -b typst` (builder and `typst.compile` with PDF/UA-1 in one
  process), then the compile alone in a fresh interpreter, same `SOURCE_DATE_EPOCH`.
- **Live preview**: `bench/live.py` starts the server on a copy of the
  publication, waits for its first build, then appends a sentence to
  `docs/avenir.md` and polls `docs/avenir.html` over HTTP on 127.0.0.1 until
  the sentence is served; the same for `sphinx-autobuild` (a new Sphinx
  process per change). The preview's memory is the resident set of its build
  process after the first build and after 100 such edits.
- **In-process rebuilds**: `bench/inprocess.py` keeps one Sphinx application,
  driven by the preview's own session (`make serve`'s build process, with what
  it does between builds), for the publication and its bare twin alike, and
  calls `build()` again: nothing changed, a sentence appended to one page (the
  article's word count, shown in the conclusion, changes: that page is written
  again too), one word of that page changed (same word count), the title of
  the first `refs.bib` entry edited; full against bare. One process each, both
  alive at once and driven step by step in turn (bare's step, then full's), so
  that the shared machine's drift hits both alike. The preview leaves the
  one-page edition to when a reader asks for it: its row times that.
- **Tracked-changes edition**: `bench/revisions.py`. The publication is committed
  into a scratch git repository, then a word is added to the first paragraph of
  each page and the first value of the first chart changed; a fresh
  `sphinx-build -E -b html` and `publication diff HEAD` (both sides built,
  compared, the marked HTML, `changes.json` and the Typst PDF: what `make diff`
  runs) alternate, run after run. The comparison step is the time the command
  prints (blocks aligned, words, data and entries compared). The corpus (the
  "full" variant, at both sizes) is committed likewise, then a word of every
  twentieth sentence changed; each `changes.json` must hold exactly one text
  change per sentence edited (a sanity check). "What the diff adds" is the
  diff's time less the fresh build's.
- **Profiles**: `bench/where_time_goes.py` prints cProfile's top lines of the
  project's own code for a fresh build and a page-edit rebuild.
- The extension's modules are byte-compiled before measuring (`compileall`),
  as Python does on a first import unless `PYTHONDONTWRITEBYTECODE` is set.
- The machine is shared: treat differences under ~10 % as noise.
"""


if __name__ == "__main__":
    sys.exit(main())
