"""The publication pybtex styles and their term tables, without Sphinx."""

from __future__ import annotations

import pybtex.plugin
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pybtex.backends.plaintext import Backend
from pybtex.database import parse_string

from sphinx_publication.citations import terms
from sphinx_publication.citations.plugins import style_for_language
from sphinx_publication.citations.style import EnglishStyle, FrenchStyle, Style

BIB = r"""
@techreport{maslej2024aiindex,
  author = {Nestor Maslej and Loredana Fattorini and Raymond Perrault and Vanessa Parli and Anka Reuel and Erik Brynjolfsson and John Etchemendy and Katrina Ligett and Terah Lyons and James Manyika and Juan Carlos Niebles},
  title = {The AI Index 2024 Annual Report},
  institution = {Stanford University},
  year = {2024},
  month = apr,
}
@incollection{durkheim1903,
  author = {Émile Durkheim and Marcel Mauss},
  title = {De quelques formes primitives de classification},
  booktitle = {L'Année sociologique},
  editor = {Émile Durkheim},
  chapter = {1},
  pages = {1--72},
  edition = {Deuxième},
  publisher = {Alcan},
  year = {1903},
}
@phdthesis{t, author = {A. B}, title = {La thèse en France}, school = {Sorbonne}, year = {2001}}
@online{o, author = {{Mistral AI}}, title = {Au Large}, year = {2024}, month = feb, day = {26},
        url = {https://mistral.ai/news/mistral-large/}, urldate = {2026-11-25}}
@misc{m, author = {A. B and others}, title = {Weird month}, year = {2020}, month = {Brumaire}}
@foo{f, title = {Unknown type}, year = {2020}}
"""


def formatted(style) -> dict[str, str]:
    data = parse_string(BIB, "bibtex")
    return {
        entry.key: entry.text.render(Backend()).replace("\xa0", " ")
        for entry in style.format_entries(data.entries.values())
    }


def test_french_entries():
    text = formatted(FrenchStyle())
    assert text["maslej2024aiindex"].startswith("Nestor Maslej, Loredana Fattorini, Raymond Perrault et al.")
    assert "Rapport technique, Stanford University, avril 2024." in text["maslej2024aiindex"]
    assert "Émile Durkheim et Marcel Mauss. De quelques formes primitives de classification." in text["durkheim1903"]
    assert "Dans Émile Durkheim, éd., L'Année sociologique, chap. 1, p. 1–72." in text["durkheim1903"]
    assert "deuxième éd." in text["durkheim1903"]
    assert "La thèse en France. Thèse de doctorat, Sorbonne, 2001." in text["t"]
    assert text["o"] == (
        "Mistral AI. Au Large. 26 février 2024. Disponible à l’adresse : "
        "https://mistral.ai/news/mistral-large/ (consulté le 25 novembre 2026)."
    )
    assert text["m"].startswith("A. B et al. Weird month. Brumaire 2020.")
    assert text["f"] == "Unknown type. 2020."


def test_english_entries():
    text = formatted(EnglishStyle())
    assert "Technical Report, Stanford University, April 2024." in text["maslej2024aiindex"]
    assert "Émile Durkheim and Marcel Mauss." in text["durkheim1903"]
    assert "In Émile Durkheim, editor, L'Année sociologique, chapter 1, pages 1–72." in text["durkheim1903"]
    assert "PhD thesis" in text["t"]
    assert "26 February 2024. URL: https://mistral.ai/news/mistral-large/ (visited on 25 November 2026)." in text["o"]
    # titles as written in both languages: no forced sentence case
    assert "La thèse en France" in text["t"]


@pytest.mark.parametrize(("name", "language", "expected"), [
    ("publication", "fr_CA", "publication-fr"),
    ("publication", "de", "publication-en"),  # no table: English
    ("publication", None, "publication-en"),
    ("unsrt", "fr", "unsrt"),
])
def test_the_neutral_style_name_becomes_the_style_of_the_build_language(name, language, expected):
    assert style_for_language(name, language) == expected


def test_styles_hold_no_process_wide_language():
    assert Style().terms is terms.ENGLISH
    assert Style(language="fr_CA").terms is terms.FRENCH
    assert Style().terms is terms.ENGLISH


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("2017",), "2017"),
        (("2017", "jun", None, "fr"), "juin 2017"),
        (("2017", "June", "19", "fr"), "19 juin 2017"),
        (("2017", "6", "19", "en"), "19 June 2017"),
        (("2017", "6", "19", "en_US"), "June 19, 2017"),  # a region keeps its order
        (("2017", "13", None, "fr"), "13 2017"),
        (("2017", "feb", "30", "fr"), "février 2017"),
    ],
)
def test_publication_dates(args, expected):
    assert terms.format_publication_date(*args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # a calendar date holds years 1 to 9999 only: others are printed as written
        (("0", "jun", None, "fr"), "jun 0"),
        (("10000", "6", "19", "fr"), "19 6 10000"),
        (("0000", "01", "01", "fr"), "01 01 0000"),
        # digits Python reads as digits but int() refuses
        (("²", "jun", None, "fr"), "jun ²"),
        (("2017", "²", None, "fr"), "² 2017"),
        (("2017", "jun", "²", "fr"), "juin 2017"),
        (("2017", "jun", "99999999999999", "fr"), "juin 2017"),
    ],
)
def test_publication_dates_a_calendar_cannot_hold_are_kept_as_written(args, expected):
    assert terms.format_publication_date(*args) == expected


@given(
    year=st.one_of(st.integers(-10, 20000).map(str), st.text(max_size=6)),
    month=st.one_of(st.none(), st.integers(-1, 14).map(str), st.text(max_size=6)),
    day=st.one_of(st.none(), st.integers(-1, 40).map(str), st.text(max_size=6)),
    language=st.sampled_from(["fr", "en", "fr_CA", "de", ""]),
)
def test_publication_dates_never_fail_and_keep_the_year(year, month, day, language):
    text = terms.format_publication_date(year, month, day, language)
    assert isinstance(text, str)
    if year.strip():
        assert year.strip() in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "fr"), ("fr_CA", "fr"), ("fr-BE", "fr"), ("en_GB", "en"), ("de", "en"), (None, "en"), ("", "en")],
)
def test_languages_without_terms_fall_back_to_english(language, expected):
    assert terms.base_language(language) == expected
    assert terms.terms_for(language).language == expected


def test_access_dates():
    assert terms.format_iso_date("2026-11-25", "fr") == "25 novembre 2026"
    assert terms.format_iso_date("2026-11", "en") == "November 2026"
    assert terms.format_iso_date("hier", "fr") == "hier"
    assert terms.format_iso_date("0000-01-01", "fr") == "01 01 0000"


@pytest.mark.parametrize("name", ["publication", "publication-fr", "publication-en"])
def test_styles_are_registered_for_pybtex(name):
    assert issubclass(pybtex.plugin.find_plugin("pybtex.style.formatting", name), Style)


def test_referencing_style_is_registered_for_sphinxcontrib_bibtex():
    from sphinxcontrib.bibtex.plugin import find_plugin

    from sphinx_publication.citations.referencing import PublicationReferenceStyle

    assert find_plugin("sphinxcontrib.bibtex.style.referencing", "publication") is PublicationReferenceStyle


def test_plugin_lookups_scan_entry_points_once(monkeypatch):
    """pybtex's find_plugin is called per citation; the entry-point scan is memoised."""
    import pybtex.plugin

    from sphinx_publication.citations import plugin_cache

    calls = []
    real = plugin_cache.entry_points

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(plugin_cache, "entry_points", counting)
    plugin_cache._cached_entry_points.cache_clear()
    plugin_cache._all_entry_points.cache_clear()
    plugin_cache.install()
    first = pybtex.plugin.find_plugin("pybtex.style.formatting", "publication")
    for _ in range(5):
        assert pybtex.plugin.find_plugin("pybtex.style.formatting", "publication") is first
    pybtex.plugin.find_plugin("pybtex.style.formatting", "unsrt")
    assert calls == [{}]  # one scan of every distribution, for every (group, name)
    plugin_cache._cached_entry_points.cache_clear()
    plugin_cache._all_entry_points.cache_clear()


def test_extension_order_does_not_matter_for_the_speed_ups(rootdir, tmp_path):
    """A conf.py listing sphinxcontrib.bibtex before the package still gets the
    cached plugin look-ups (a new process: the first import decides the order)."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(rootdir / "test-citations-basic", tmp_path / "src")
    script = f"""
import pybtex.plugin, sphinxcontrib.bibtex, sphinxcontrib.bibtex.plugin
from sphinx.application import Sphinx
from sphinx_publication.citations import plugin_cache
app = Sphinx({str(tmp_path / "src")!r}, {str(tmp_path / "src")!r}, {str(tmp_path / "out")!r},
             {str(tmp_path / "doctrees")!r}, "html", status=None, warning=None,
             confoverrides={{"extensions": "myst_parser,sphinxcontrib.bibtex,sphinx_publication.citations"}})
app.build()
assert app.statuscode == 0
assert pybtex.plugin.entry_points is plugin_cache.cached_entry_points
assert sphinxcontrib.bibtex.plugin.entry_points is plugin_cache.cached_entry_points
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
