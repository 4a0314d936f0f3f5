"""Benchmark rows of the tracked-changes edition (``publication diff``), in ``make bench``
(``bench/run.py``) or alone: ``.venv/bin/python bench/revisions.py [--runs N] [--quick]``.

* The publication: its sources are committed into a scratch git repository, a
  word is added to the first paragraph of each page and the first value of the
  first chart is changed, then, side by side, N times each: a fresh
  ``sphinx-build -E -b html`` (what ``make html`` runs) and ``publication diff
  HEAD`` (both sides built, compared, marked HTML, changes.json and the Typst PDF).
* The benchmark corpus (``bench/corpus.py``, every extension) at one size and at
  twice that size, about 5 % of its sentences edited (a word of every twentieth
  sentence changed): the same two commands, to show how the cost grows with the
  document.

Goals (issue 24): the diff ≤ 2.5 × the fresh HTML build of the article; the
comparison step alone ≤ 0.5 s. Each diff's changes.json is checked against the
edits made (a sanity check of the harness, judged in ``--quick`` too).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import CorpusSize, write_corpus

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("docs", "conf.py", "refs.bib", "CITATION.cff", "locale")
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
#: one sentence in EDIT_EVERY of the corpus is edited: about 5 %
EDIT_EVERY = 20
#: the corpus's paragraphs are sentences of 40 words; a line of 30 words or more is one
SENTENCE_WORDS = 30


def commit(repo: Path) -> None:
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "."], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=repo, check=True)


def prepare_publication(work: Path) -> tuple[Path, int]:
    """The publication committed, then edited in the working tree; the pages edited."""
    repo = work / "publication"
    repo.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            shutil.copy2(source, repo / name)
    commit(repo)
    return repo, edit_publication(repo)


def edit_publication(repo: Path) -> int:
    """A word in the first paragraph of each page, the first number of the first chart."""
    edited = 0
    for page in sorted((repo / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        changed = re.sub(r"(\n\n[A-ZÀ-Ý][^\n{`]{20,}?) (\w+) ", r"\1 \2 vraiment ", text, count=1)
        changed = re.sub(r"(\n[^\n:]{1,40} : )(\d+)", lambda m: m[1] + str(int(m[2]) + 1), changed, count=1)
        edited += changed != text
        page.write_text(changed, encoding="utf-8")
    return edited


def prepare_corpus(work: Path, size: CorpusSize) -> tuple[Path, int, int]:
    """The corpus of *size* committed, then a word changed in every EDIT_EVERY-th sentence:
    the folder, the sentences and the sentences edited."""
    repo = work / f"corpus-{size.pages}"
    write_corpus(repo, size, ["myst_parser", "sphinx_publication"])
    commit(repo)
    sentences = edited = 0
    for page in sorted(repo.glob("page*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if len(line.split()) < SENTENCE_WORDS:
                continue
            if sentences % EDIT_EVERY == 0:  # the tenth word becomes another one
                words = line.split(" ")
                words[9] = "changement" if words[9] != "changement" else "modification"
                lines[number] = " ".join(words)
                edited += 1
            sentences += 1
        page.write_text("\n".join(lines), encoding="utf-8")
    return repo, sentences, edited


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-1500:]}{result.stderr[-3000:]}")
    return elapsed, result.stdout


def measure(repo: Path, work: Path, runs: int, log) -> dict:
    """*runs* times, side by side: a fresh HTML build, then ``publication diff HEAD``."""
    python = sys.executable
    html, diff, comparison = [], [], []
    changes: list[dict] = []
    for run in range(runs):
        out = work / "out" / f"{repo.name}-{run}"
        seconds, _ = timed([python, "-m", "sphinx", "-q", "-E", "-b", "html", "-d", str(out / "doctrees"),
                            ".", str(out / "html")], repo)
        html.append(seconds)
        seconds, output = timed([python, "-m", "sphinx_publication.importer.cli", "diff", "HEAD",
                                 "--out", str(out / "diff")], repo)
        diff.append(seconds)
        comparison.append(float(re.search(r"comparison: ([\d.]+) s", output)[1]))
        changes = json.loads((out / "diff" / "changes.json").read_text(encoding="utf-8"))["changes"]
        pdf = sorted((out / "diff").glob("*.pdf"))
        log(f"{repo.name} run {run + 1}/{runs}: html {html[-1]:.2f} s, diff {diff[-1]:.2f} s, "
            f"comparison {comparison[-1] * 1000:.0f} ms, {len(changes)} changes")
        shutil.rmtree(out / "html")
    return {"html": _median(html), "diff": _median(diff), "comparison": _median(comparison),
            "changes": changes, "pdf": bool(pdf)}


def _median(values: list[float]) -> float:
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.001 else "< 1 ms"


def report(table, work: Path, runs: int, size: CorpusSize, log, corpus: bool = True) -> None:
    """The rows of the tracked-changes edition, into *table* (``bench/run.py``'s Table);
    without *corpus*, the publication's rows only."""
    log("tracked-changes edition: the publication")
    repo, pages = prepare_publication(work)
    article = measure(repo, work, runs, log)
    corpora = []
    for corpus_size in (size, size.doubled()) if corpus else ():
        log(f"tracked-changes edition: the corpus, {corpus_size.pages} pages")
        corpus, sentences, edited = prepare_corpus(work, corpus_size)
        corpora.append((corpus_size, sentences, edited, measure(corpus, work, runs, log)))

    table.section(f"Tracked-changes edition, `make diff` (medians of {runs} runs)")
    ratio = article["diff"] / article["html"]
    table.add("publication: fresh `make html` (sphinx-build -E -b html)", f"{article['html']:.2f} s")
    table.add(f"publication: `make diff BASE=HEAD`, {len(article['changes'])} changes "
              f"(HTML + changes.json + Typst PDF)", f"{article['diff']:.2f} s = {ratio:.2f} × make html",
              "≤ 2.5 × make html", ratio <= 2.5)
    table.add("publication: the comparison step alone (align blocks, diff words, data, entries)",
              _ms(article["comparison"]), "≤ 0.5 s", article["comparison"] <= 0.5)
    kinds = sorted({c["kind"] for c in article["changes"]})
    table.check("publication: changes.json holds the text and figure edits, PDF written",
                f"{len(article['changes'])} changes ({', '.join(kinds)}) for {pages} pages edited",
                {"text", "figure"} <= set(kinds) and len(article["changes"]) >= pages and article["pdf"])
    for corpus_size, sentences, edited, result in corpora:
        name = f"corpus {corpus_size.pages} pages, {corpus_size.charts} charts"
        ratio = result["diff"] / result["html"]
        table.add(f"{name}: fresh html / `publication diff`, {edited} of {sentences} sentences edited",
                  f"{result['html']:.2f} s / {result['diff']:.2f} s = {ratio:.2f} ×")
        # the 0.5 s is the article's; here the comparison step's growth is what is shown
        table.add(f"{name}: the comparison step alone", _ms(result["comparison"]))
        words = [c for c in result["changes"] if c["kind"] == "text" and c["op"] == "replace"]
        table.check(f"{name}: one text change per sentence edited, nothing else",
                    f"{len(words)} of {edited} ({len(result['changes'])} changes in all)",
                    len(words) == edited == len(result["changes"]))
    if not corpora:
        return _load(table)
    (_, _, _, small), (_, _, _, big) = corpora
    for key, label in (("diff", "`publication diff`"), ("html", "fresh html build"),
                       ("comparison", "comparison step")):
        if small[key] > 0:
            table.add(f"corpus at twice the size: {label}", f"{big[key] / small[key]:.2f} ×")
    growth = (big["diff"] - big["html"]) / max(small["diff"] - small["html"], 1e-3)
    table.add("corpus at twice the size: what the diff adds to a fresh html build",
              f"{big['diff'] - big['html']:.2f} s / {small['diff'] - small['html']:.2f} s = {growth:.2f} ×")
    _load(table)


def _load(table) -> None:
    if hasattr(os, "getloadavg"):  # wall-clock times on a shared machine
        table.add("machine load average (1 min) when these rows ended",
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main(argv: list[str] | None = None) -> int:
    from run import FULL_SIZE, QUICK_SIZE, Table

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run, the small corpus")
    args = parser.parse_args(argv)
    table = Table(judge=not args.quick)
    with tempfile.TemporaryDirectory(prefix="bench-revisions-") as scratch:
        report(table, Path(scratch), 1 if args.quick else args.runs,
               QUICK_SIZE if args.quick else FULL_SIZE,
               lambda message: print(f"[bench] {message}", file=sys.stderr, flush=True))
    print(table.markdown())
    return 1 if getattr(table, "broken", False) else 0


if __name__ == "__main__":
    raise SystemExit(main())
