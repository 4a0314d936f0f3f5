"""Time rebuilds of one Sphinx application kept in memory (run in its own process).

``python bench/inprocess.py SRCDIR OUTDIR`` builds SRCDIR once, prints
``{"first": seconds}``, then reads one step per line on its standard input
and answers each with ``{"step": seconds}`` on one line:

* ``nochange``: a rebuild with nothing changed;
* ``page``: a rebuild after appending a sentence to one page (the article's
  word count, shown on another page, changes: that page is written again too);
* ``edition``: the one-page edition written as the preview writes it when a
  reader asks for it (0 where the project has none);
* ``word``: a rebuild after changing one word of that page (same word count);
* ``bib``: a rebuild after editing the title of the first entry of ``refs.bib``.

The application is driven as ``make serve`` drives it (its build session,
with what it does between builds, after the answer), for the publication and
its bare twin alike: the rows measure the rebuilds an author waits for. The
bench (``live.measure_in_process``) runs one such process for each and
alternates their steps, so that the machine's drift hits both alike.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import sys
import time
from pathlib import Path

EDITED_PAGE = "docs/avenir.md"
STEPS = ("nochange", "page", "edition", "word", "bib")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("srcdir", type=Path)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args()
    global _answers
    _answers, sys.stdout = sys.stdout, sys.stderr  # what extensions print stays off the answers
    from sphinx_publication.preview.session import BuildOptions, PreviewSession

    shutil.rmtree(args.outdir, ignore_errors=True)
    session = PreviewSession(BuildOptions(args.srcdir, args.outdir, args.outdir / ".doctrees"),
                             status=io.StringIO(), warning=io.StringIO())
    page, bib = args.srcdir / EDITED_PAGE, args.srcdir / "refs.bib"
    edits = {"nochange": lambda run: None,
             "page": lambda run: _append(page, f"\nPhrase ajoutée {run}.\n"),
             "word": lambda run: _swap_word(page),
             "bib": lambda run: _edit_first_title(bib, run)}
    _answer("first", _build(session))
    session.settle()
    for run, line in enumerate(sys.stdin):
        step = line.strip()
        if step == "edition":
            start = time.perf_counter()
            session.write_on_request()
            _answer(step, time.perf_counter() - start)
            continue
        if step not in edits:
            raise SystemExit(f"unknown step {step!r}; steps: {', '.join(STEPS)}")
        edits[step](run)
        _answer(step, _build(session))
        session.settle()  # as the preview does once the page is reloading


_answers = sys.stdout


def _answer(step: str, seconds: float) -> None:
    print(json.dumps({step: seconds}), file=_answers, flush=True)


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
