"""Formatted entries are computed once and reused; LaTeX-free values skip decoding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person
from pybtex.richtext import Text

from sphinx_publication.citations import format_cache, latex_fastpath
from sphinx_publication.citations.style import EnglishStyle, FrenchStyle

ROOT = Path(__file__).parent / "roots" / "test-same-process"


def article(title: str = "Un titre", year: str = "2019") -> Entry:
    entry = Entry("article", fields={"title": title, "journal": "Revue", "year": year},
                  persons={"author": [Person("Martin, Anne")]})
    entry.key = "martin2019"
    return entry


@pytest.fixture(autouse=True)
def empty_cache():
    format_cache.clear()
    yield
    format_cache.clear()


def test_the_same_entry_is_formatted_once():
    calls = []

    def format_entry():
        calls.append(1)
        return object()

    first = format_cache.format_entry_once(FrenchStyle(), "1", article(), format_entry)
    again = format_cache.format_entry_once(FrenchStyle(), "1", article(), format_entry)
    assert again is first and len(calls) == 1


@pytest.mark.parametrize(
    ("style", "label", "entry"),
    [
        pytest.param(EnglishStyle(), "1", article(), id="other language"),
        pytest.param(FrenchStyle(), "2", article(), id="other label"),
        pytest.param(FrenchStyle(), "1", article(title="Autre titre"), id="other field"),
    ],
)
def test_anything_that_changes_the_output_is_formatted_again(style, label, entry):
    first = format_cache.format_entry_once(FrenchStyle(), "1", article(), object)
    assert format_cache.format_entry_once(style, label, entry, object) is not first


def test_the_style_formats_through_the_cache_and_renders_the_same():
    style = FrenchStyle()
    fresh = style.format_entry("1", article()).text.render_as("text")
    assert format_cache.size() == 1
    assert style.format_entry("1", article()).text.render_as("text") == fresh
    assert "Anne Martin. Un titre. " in fresh


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(format_cache, "MAX_ENTRIES", 3)
    for year in range(10):
        format_cache.format_entry_once(FrenchStyle(), "1", article(year=str(2000 + year)), object)
    assert format_cache.size() == 3


@pytest.fixture
def counting_formats(monkeypatch):
    """The keys of the entries formatted from now on."""
    from sphinx_publication.citations.style import Style

    formatted = []
    original = Style.format_text

    def counting(self, entry, bib_data=None):
        formatted.append(entry.key)
        return original(self, entry, bib_data=bib_data)

    monkeypatch.setattr(Style, "format_text", counting)
    return formatted


def test_a_build_formats_each_cited_entry_once(make_app, tmp_path, counting_formats):
    formatted = counting_formats
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text(encoding="utf-8") + "\nbibtex_tooltips = True\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    # each entry formatted once for the list, the hover text and the missing-field check
    assert len(formatted) == len(set(formatted))
    assert {"bernard2022", "durand2021", "martin2019"} <= set(formatted)
    formatted.clear()
    page = srcdir / "chapitre-a.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    app.build()  # the same entries: nothing formatted again
    assert formatted == []


# -- kept in the build folder for the next process ------------------------------------


def build_as_a_new_process(make_app, srcdir: Path, **kwargs):
    """An incremental build as ``make html`` run again does it: nothing in memory."""
    format_cache.clear()
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_a_new_process_formats_only_the_entries_that_changed(make_app, tmp_path, counting_formats):
    from sphinx_publication.citations.format_store import FILE_NAME

    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    first = build_as_a_new_process(make_app, srcdir, freshenv=True)
    assert (Path(first.doctreedir) / FILE_NAME).is_file()
    assert {"bernard2022", "durand2021", "martin2019"} <= set(counting_formats)
    html = (Path(first.outdir) / "bibliographie.html").read_text(encoding="utf-8")

    counting_formats.clear()
    page = srcdir / "chapitre-a.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    again = build_as_a_new_process(make_app, srcdir)
    assert counting_formats == []  # every entry came from the build folder
    assert (Path(again.outdir) / "bibliographie.html").read_text(encoding="utf-8") == html

    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "Titre original d’un article", "Titre corrigé d’un article"), encoding="utf-8")
    edited = build_as_a_new_process(make_app, srcdir)
    assert counting_formats == ["martin2019"]
    assert "Titre corrigé d’un article" in (Path(edited.outdir) / "bibliographie.html").read_text(
        encoding="utf-8")


def test_other_code_or_a_damaged_file_formats_everything_again(make_app, tmp_path, counting_formats,
                                                               monkeypatch):
    from sphinx_publication.citations import format_store

    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    app = build_as_a_new_process(make_app, srcdir, freshenv=True)
    everything = sorted(counting_formats)

    counting_formats.clear()
    monkeypatch.setattr(format_store, "code_fingerprint", lambda: ("an edited style module",))
    build_as_a_new_process(make_app, srcdir, freshenv=True)
    assert sorted(counting_formats) == everything

    counting_formats.clear()
    (Path(app.doctreedir) / format_store.FILE_NAME).write_bytes(b"not a pickle")
    build_as_a_new_process(make_app, srcdir, freshenv=True)
    assert sorted(counting_formats) == everything


# -- LaTeX-free values ----------------------------------------------------------------

SAMPLE = st.text(
    alphabet=st.sampled_from(list("abcAZ019 .,;:()[]/+=*@|…’«»éÉŁ\u00a0\u202f\\{}$~%&#^_`'\"<>!?-\n\t"))
    | st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(SAMPLE)
def test_the_shortcut_gives_what_latex_decoding_gives(value):
    assert latex_fastpath.plain_or_latex(Text, value) == outcome(latex_fastpath._original, value)


def outcome(from_latex, value):
    try:
        return from_latex(Text, value)
    except Exception:  # unbalanced braces, a lone final backslash: printed as written
        return Text(value)


def test_latex_still_decoded():
    latex_fastpath.install()
    assert Text.from_latex(r"Caf\'e {NASA} --- 10~\%") == latex_fastpath._original(
        Text, r"Caf\'e {NASA} --- 10~\%"
    )
    assert Text.from_latex("Attention Is All You Need") == Text("Attention Is All You Need")


@settings(max_examples=500, deadline=None)
@given(SAMPLE)
def test_plain_text_of_a_field_is_the_same_with_or_without_decoding(value):
    """Metadata's ``plain()`` skips latexcodec for LaTeX-free text: same result."""
    from sphinx_publication.metadata import works

    decoded = outcome(lambda _cls, v: works.decoded_plain(v), value)
    assert outcome(lambda _cls, v: works.plain.__wrapped__(v), value) == decoded


def test_the_bibliography_download_is_pybtex_output_and_written_once_per_entry(monkeypatch):
    from pybtex.database import BibliographyData, Entry, parse_file

    from sphinx_publication.metadata import reference

    entries = list(parse_file(Path(__file__).resolve().parent.parent / "refs.bib").entries.values())
    whole = BibliographyData()
    for entry in entries:
        whole.add_entry(entry.key, entry)
    format_cache.clear()
    written = []
    original = reference._entry_bibtex
    monkeypatch.setattr(reference, "_entry_bibtex", lambda entry: written.append(entry.key) or original(entry))
    assert reference.bibliography_bibtex(entries) == whole.to_string("bibtex")
    assert len(written) == len(entries)
    # an edited .bib file is parsed again: a new entry, with the change
    edited = Entry(entries[0].type, fields={**entries[0].fields, "note": "changée"},
                   persons=entries[0].persons)
    edited.key = entries[0].key
    entries[0] = edited
    reference.bibliography_bibtex(entries)
    assert written[len(entries):] == [entries[0].key]  # only the changed entry again
