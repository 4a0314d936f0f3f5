"""Malformed .bib files: located, actionable warnings instead of a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sphinx_publication.citations.bibcheck import find_brace_fault, read_bibtex

ROOT = Path(__file__).parent / "roots" / "test-citations-badbib"

GOOD_FIRST = """@misc{first,
  title = {First},
  year  = {2020},
  url   = {https://example.org/1},
}
"""
GOOD_THIRD = """
@misc{third,
  title = {Third},
  year  = {2022},
  url   = {https://example.org/3},
}
"""

# each case: the faulty middle entry, line of the fault in the whole file, words of the message
CASES = {
    "unbalanced-brace": (
        "\n@misc{second,\n  title = {Unbalanced {brace},\n  year  = {2021},\n}\n",
        8,
        "unbalanced brace in entry 'second'",
    ),
    "extra-brace": (
        "\n@misc{second,\n  title = {Closed}},\n  year  = {2021},\n}\n",
        8,
        "'}' too many",
    ),
    "missing-comma": (
        "\n@misc{second,\n  title = {No comma}\n  year  = {2021},\n}\n",
        8,
        "missing comma",
    ),
    "duplicate-key": (
        "\n@misc{first,\n  title = {Again},\n}\n",
        7,
        "duplicate key 'first' (first defined at line 1)",
    ),
    "unknown-type": (
        "\n@foo{second,\n  title = {Foo},\n}\n",
        7,
        "unknown entry type '@foo'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_read_bibtex_locates_the_fault_and_keeps_the_other_entries(case):
    middle, line, words = CASES[case]
    reading = read_bibtex(GOOD_FIRST + middle + GOOD_THIRD)
    assert [(p.line, words in p.message) for p in reading.problems] == [(line, True)]
    assert {"first", "third"} <= set(reading.data.entries)


def test_biblatex_report_is_read_as_techreport_without_warning():
    reading = read_bibtex("@report{r,\n  title = {R},\n  institution = {I},\n  year = {2020},\n}\n")
    assert reading.problems == []
    assert reading.data.entries["r"].type == "techreport"


def test_brace_fault_in_last_field_points_at_that_field():
    assert find_brace_fault("@misc{x,\n  a = {1},\n  b = {2,\n}\n")[0] == 2
    assert find_brace_fault("@misc{x,\n  a = {1},\n}\n") is None


def build(make_app, tmp_path, bib: str):
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "refs.bib").write_text(bib, encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    return app


def warnings_of(app) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_warns_with_file_line_and_fix_then_goes_on(make_app, tmp_path, case):
    middle, line, words = CASES[case]
    app = build(make_app, tmp_path, GOOD_FIRST + middle + GOOD_THIRD)
    warnings = warnings_of(app)
    located = [w for w in warnings if f"refs.bib:{line}: WARNING:" in w and words in w]
    assert len(located) == 1, warnings
    assert located[0].endswith("[sphinx_publication.citations]")
    # no cascade: both valid entries are still found and listed
    assert not [w for w in warnings if "could not find bibtex key" in w], warnings
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="cite-first"' in html and 'id="cite-third"' in html


def test_build_with_report_entry_formats_it_as_a_report(make_app, tmp_path):
    bib = GOOD_FIRST + "\n@report{third,\n  author = {Ada Lovelace},\n  title = {Rapport},\n  institution = {Inst},\n  year = {2022},\n  url = {https://example.org/3},\n}\n"
    app = build(make_app, tmp_path, bib)
    assert "WARNING" not in app.warning.getvalue()
    assert "Rapport technique, Inst, 2022" in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_broken_entry_that_is_cited_gives_one_warning_per_citing_place(make_app, tmp_path):
    broken = GOOD_FIRST + "\n@misc{third,\n  title = {Open {brace,\n}\n"
    app = build(make_app, tmp_path, broken)
    warnings = warnings_of(app)
    assert any("refs.bib:8: WARNING: unbalanced brace in entry 'third'" in w for w in warnings)
    missing = [w for w in warnings if "could not find bibtex key" in w]
    assert len(missing) == 1 and "index.md:3:" in missing[0]
