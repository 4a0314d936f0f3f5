"""Malformed .bib files: located, actionable warnings instead of a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import helpers
from sphinx_publication.citations.bibcheck import find_brace_fault, read_bibtex


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

# each case: the faulty middle entry, line of the fault in the whole file, words of the
# message, and of its French translation (the build roots are French)
CASES = {
    "unbalanced-brace": (
        "\n@misc{second,\n  title = {Unbalanced {brace},\n  year  = {2021},\n}\n",
        8,
        "unbalanced brace in entry 'second'",
        "accolade non équilibrée dans l’entrée 'second' : un '{' ouvert dans ce champ",
    ),
    "extra-brace": (
        "\n@misc{second,\n  title = {Closed}},\n  year  = {2021},\n}\n",
        8,
        "'}' too many",
        "un '}' en trop ferme l’entrée ici ; supprimez-le",
    ),
    "missing-comma": (
        "\n@misc{second,\n  title = {No comma}\n  year  = {2021},\n}\n",
        8,
        "missing comma",
        "virgule manquante à la fin de cette ligne dans l’entrée 'second'",
    ),
    "duplicate-key": (
        "\n@misc{first,\n  title = {Again},\n}\n",
        7,
        "duplicate key 'first' (first defined at line 1)",
        "clé 'first' en double (définie d’abord à la ligne 1)",
    ),
    "unknown-type": (
        "\n@foo{second,\n  title = {Foo},\n}\n",
        7,
        "unknown entry type '@foo'",
        "type d’entrée '@foo' inconnu pour 'second'",
    ),
    "year-not-four-digits": (
        "\n@misc{second,\n  title = {Year},\n  year  = {0},\n  month = jun,\n}\n",
        9,
        "year '0' of 'second' is not a four-digit year",
        "l’année '0' de 'second' n’a pas quatre chiffres",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_read_bibtex_locates_the_fault_and_keeps_the_other_entries(case):
    middle, line, words, _french = CASES[case]
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


def with_bib(data: str | bytes):
    """An ``edit=`` for ``build_root``: the copy's refs.bib holds *data*."""

    def edit(srcdir):
        target = srcdir / "refs.bib"
        target.write_bytes(data) if isinstance(data, bytes) else target.write_text(data, encoding="utf-8")

    return edit


def warnings_of(app) -> list[str]:
    return helpers.warnings_of(app).splitlines()


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_warns_with_file_line_and_fix_then_goes_on(build_root, case):
    middle, line, _english, words = CASES[case]
    app = build_root("citations-badbib", edit=with_bib(GOOD_FIRST + middle + GOOD_THIRD))
    warnings = warnings_of(app)
    located = [w for w in warnings if f"refs.bib:{line}: WARNING:" in w and words in w]
    assert len(located) == 1, warnings
    assert located[0].endswith("[sphinx_publication.citations]")
    # no cascade: both valid entries are still found and listed
    assert not [w for w in warnings if "could not find bibtex key" in w], warnings
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="cite-first"' in html and 'id="cite-third"' in html


def test_build_with_report_entry_formats_it_as_a_report(build_root):
    bib = GOOD_FIRST + "\n@report{third,\n  author = {Ada Lovelace},\n  title = {Rapport},\n  institution = {Inst},\n  year = {2022},\n  url = {https://example.org/3},\n}\n"
    app = build_root("citations-badbib", edit=with_bib(bib))
    assert "WARNING" not in app.warning.getvalue()
    assert "Rapport technique, Inst, 2022" in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_broken_entry_that_is_cited_gives_one_warning_per_citing_place(build_root):
    broken = GOOD_FIRST + "\n@misc{third,\n  title = {Open {brace,\n}\n"
    app = build_root("citations-badbib", edit=with_bib(broken))
    warnings = warnings_of(app)
    assert any("refs.bib:8: WARNING: accolade non équilibrée dans l’entrée 'third'" in w for w in warnings)
    missing = [w for w in warnings if "could not find bibtex key" in w]
    assert len(missing) == 1 and "index.md:3:" in missing[0]


LATIN_1 = (GOOD_FIRST + "\n@misc{third,\n  title = {Société},\n}\n").encode("latin-1")


def test_bib_file_not_in_utf8_warns_at_the_bad_byte_and_the_build_goes_on(build_root):
    app = build_root("citations-badbib", edit=with_bib(LATIN_1))
    warnings = warnings_of(app)
    located = [w for w in warnings if "refs.bib:8: WARNING:" in w]
    assert len(located) == 1, warnings
    # sphinxcontrib-bibtex reads .bib files as utf-8-sig by default
    assert "n’est pas du utf-8-sig valide (octet 0xe9 sur cette ligne)" in located[0]
    assert "bibtex_encoding" in located[0]
    assert located[0].endswith("[sphinx_publication.citations]")
    assert (app.outdir / "index.html").is_file()


def test_bib_file_in_latin1_builds_with_bibtex_encoding(build_root):
    app = build_root("citations-badbib", edit=with_bib(LATIN_1), confoverrides={"bibtex_encoding": "latin-1"})
    assert "WARNING" not in app.warning.getvalue()
    assert "Société" in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_unknown_bibtex_encoding_warns_at_its_line_in_conf_py(build_root):
    def edit(srcdir):
        with_bib(LATIN_1)(srcdir)
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('bibtex_encoding = "no-such-codec"\n')

    app = build_root("citations-badbib", edit=edit)
    line = (app.srcdir / "conf.py").read_text(encoding="utf-8").count("\n")
    warnings = [w for w in warnings_of(app) if "no-such-codec" in w]
    assert len(warnings) == 1 and "bibtex_encoding 'no-such-codec' inconnu" in warnings[0], warnings
    assert f"conf.py:{line}: WARNING:" in warnings[0]


def test_missing_bib_file_warns_at_conf_py(build_root):
    def name_a_missing_file(src):
        conf = src / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8").replace('"refs.bib"', '"absent.bib"'), encoding="utf-8")

    app = build_root("citations-badbib", edit=name_a_missing_file)
    warnings = [w for w in warnings_of(app) if "absent.bib" in w]
    assert len(warnings) == 1 and "fichier de bibliographie introuvable" in warnings[0], warnings
    assert "conf.py:5: WARNING:" in warnings[0]  # where bibtex_bibfiles is set


def test_warnings_are_in_english_in_an_english_build(build_root):
    middle, line, english, _french = CASES["missing-comma"]
    app = build_root("citations-badbib", edit=with_bib(GOOD_FIRST + middle + GOOD_THIRD),
                     confoverrides={"language": "en"})
    located = [w for w in warnings_of(app) if f"refs.bib:{line}: WARNING:" in w]
    assert len(located) == 1 and english in located[0], located
    assert "virgule" not in app.warning.getvalue()


def test_every_problem_message_is_translated_in_french():
    """A typo in a French msgstr's placeholders would crash str.format at build time."""
    from sphinx_publication.citations.bibcheck import BibProblem

    french = _french_catalog()
    reading = read_bibtex(
        GOOD_FIRST + "".join(middle for middle, *_rest in CASES.values()) + GOOD_THIRD
    )
    assert len(reading.problems) == len(CASES)
    for problem in reading.problems:
        assert isinstance(problem, BibProblem)
        assert problem.template in french, problem.template
        assert problem.localized(french.get) != problem.message


def _french_catalog() -> dict[str, str]:
    from babel.messages.pofile import read_po

    po = (
        Path(__file__).parent.parent
        / "ext/sphinx_publication/citations/locale/fr/LC_MESSAGES/sphinx_publication.citations.po"
    )
    with po.open("rb") as source:
        return {message.id: message.string for message in read_po(source) if message.id}


@pytest.mark.parametrize("year", ["0", "10000"])
def test_cited_entry_with_a_year_no_calendar_holds_builds(build_root, year):
    bib = GOOD_FIRST + f"\n@misc{{third,\n  title = {{Far}},\n  year  = {{{year}}},\n  month = jun,\n}}\n"
    app = build_root("citations-badbib", edit=with_bib(bib))
    warnings = warnings_of(app)
    located = [w for w in warnings if f"refs.bib:9: WARNING: l’année '{year}' de 'third'" in w]
    assert len(located) == 1 and [w for w in warnings if "WARNING" in w] == located, warnings
    assert f"June {year}" in (app.outdir / "index.html").read_text(encoding="utf-8")
