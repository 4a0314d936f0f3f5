"""Time rebuilds of one Sphinx application kept in memory (run in its own process).

``python bench/inprocess.py SRCDIR OUTDIR --runs N`` builds SRCDIR once, then
N times each: a rebuild with nothing changed, a rebuild after appending a
sentence to one page, a rebuild after changing one word of that page (the
article's word count, shown on another page, stays the same), a rebuild after
editing the title of the first entry of ``refs.bib``; after each page edit, the one-page edition written as the
preview writes it when a reader asks for it ("edition", 0 where the project
has none). Prints the medians as JSON on the last line.

The application is driven as ``make serve`` drives it (its build session,
with what it does between builds), for the publication and its bare twin
alike: the rows measure the rebuilds an author waits for.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import statistics
import time
from pathlib import Path

EDITED_PAGE = "docs/avenir.md"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("srcdir", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from sphinx_publication.preview.session import BuildOptions, PreviewSession

    shutil.rmtree(args.outdir, ignore_errors=True)
    session = PreviewSession(BuildOptions(args.srcdir, args.outdir, args.outdir / ".doctrees"),
                             status=io.StringIO(), warning=io.StringIO())
    first = _build(session)
    session.settle()

    def timed(change) -> float:
        change()
        seconds = _build(session)
        session.settle()  # as the preview does once the page is reloading
        return seconds

    page = args.srcdir / EDITED_PAGE
    bib = args.srcdir / "refs.bib"
    samples: dict[str, list[float]] = {"nochange": [], "page": [], "edition": [], "word": [],
                                       "bib": []}
    for run in range(args.runs):  # interleaved, so machine drift hits each kind alike
        samples["nochange"].append(timed(lambda: None))
        samples["page"].append(timed(lambda: _append(page, f"\nPhrase ajoutée {run}.\n")))
        start = time.perf_counter()
        session.write_on_request()
        samples["edition"].append(time.perf_counter() - start)
        samples["word"].append(timed(lambda: _swap_word(page)))
        samples["bib"].append(timed(lambda: _edit_first_title(bib, run)))
    result = {"first": first, **{k: statistics.median(v) for k, v in samples.items()}}
    print(json.dumps(result))


def _build(session) -> float:
    report = session.build()
    if not report.ok:
        raise SystemExit(f"the build failed: {report.error}")
    return report.seconds


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)


def _swap_word(path: Path) -> None:
    """"croître" <-> "grandir" in a sentence: the text changes, its number of words
    does not (nor any title, which would rewrite every page's navigation)."""
    text = path.read_text(encoding="utf-8")
    if "continuent de grandir" in text:
        text = text.replace("continuent de grandir", "continuent de croître", 1)
    else:
        text = text.replace("continuent de croître", "continuent de grandir", 1)
    path.write_text(text, encoding="utf-8")


def _edit_first_title(path: Path, run: int) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\n\s*title\s*=\s*\{)(?:\(rév\. \d+\) )?", rf"\g<1>(rév. {run}) ", text, count=1)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
