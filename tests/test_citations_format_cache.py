"""Formatted entries are computed once and reused; LaTeX-free values skip decoding."""

from __future__ import annotations

import pickle
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
    """A build's cache, as a build names it when it starts."""
    cache = format_cache.FormattedEntries()
    format_cache.use(cache)
    yield cache
    format_cache.use(None)


def test_the_same_entry_is_formatted_once():
    calls = []

    def format_entry():
        calls.append(1)
        return object()

    first = format_cache.format_entry_once(FrenchStyle(), article(), format_entry)
    again = format_cache.format_entry_once(FrenchStyle(), article(), format_entry)
    assert again is first and len(calls) == 1


def fewer_names() -> FrenchStyle:
    style = FrenchStyle()
    style.names_shown = 1  # a setting the key was never told about
    return style


@pytest.mark.parametrize(
    ("style", "entry"),
    [
        pytest.param(EnglishStyle(), article(), id="other language"),
        pytest.param(fewer_names(), article(), id="other setting"),
        pytest.param(FrenchStyle(), article(title="Autre titre"), id="other field"),
    ],
)
def test_anything_that_changes_the_output_is_formatted_again(style, entry):
    first = format_cache.format_entry_once(FrenchStyle(), article(), object)
    assert format_cache.format_entry_once(style, entry, object) is not first


def test_the_style_key_is_the_same_in_another_process():
    """Kept in the environment for the next process: no object ids in it."""
    key = format_cache.style_key(FrenchStyle())
    assert pickle.loads(pickle.dumps(key)) == key
    assert "0x" not in repr(key)
    assert format_cache.style_key(FrenchStyle()) == key


def test_the_style_formats_through_the_cache_and_renders_the_same(empty_cache):
    style = FrenchStyle()
    fresh = style.format_entry("1", article()).text.render_as("text")
    assert len(empty_cache) == 1
    assert style.format_entry("1", article()).text.render_as("text") == fresh
    assert "Anne Martin. Un titre. " in fresh


def test_without_a_build_nothing_is_kept(empty_cache):
    format_cache.use(None)
    calls = []
    for _ in range(2):
        format_cache.format_entry_once(FrenchStyle(), article(), lambda: calls.append(1))
    assert len(calls) == 2 and len(empty_cache) == 0


def test_the_cache_keeps_only_the_entries_of_the_build(empty_cache):
    """Bounded by the .bib files: an edited entry's old versions go."""
    for year in range(10):
        format_cache.format_entry_once(FrenchStyle(), article(year=str(2000 + year)), object)
    kept = article(year="2009")
    empty_cache.keep_only([kept])
    assert len(empty_cache) == 1
    calls = []
    format_cache.format_entry_once(FrenchStyle(), kept, lambda: calls.append(1))
    assert calls == []


def test_the_cache_is_pickled_without_object_ids(empty_cache):
    format_cache.format_entry_once(FrenchStyle(), article(), lambda: "formatted")
    again = pickle.loads(pickle.dumps(empty_cache))
    assert again.results == empty_cache.results and again._fingerprints == {}


def test_parallel_readers_results_are_merged(empty_cache):
    other = format_cache.FormattedEntries()
    other.compute_once("bibtex", article(), lambda: "written")
    empty_cache.merge(other)
    assert empty_cache.compute_once("bibtex", article(), lambda: "again") == "written"


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


# -- kept in the environment for the next process -------------------------------------


def build_as_a_new_process(make_app, srcdir: Path, **kwargs):
    """An incremental build as ``make html`` run again does it: nothing in memory."""
    format_cache.use(None)
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_a_new_process_formats_only_the_entries_that_changed(make_app, tmp_path, counting_formats):
    from sphinx_publication.citations.formatted_entries import cache_of

    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    first = build_as_a_new_process(make_app, srcdir, freshenv=True)
    assert len(cache_of(first.env)) > 0
    assert {"bernard2022", "durand2021", "martin2019"} <= set(counting_formats)
    html = (Path(first.outdir) / "bibliographie.html").read_text(encoding="utf-8")

    counting_formats.clear()
    page = srcdir / "chapitre-a.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    again = build_as_a_new_process(make_app, srcdir)
    assert counting_formats == []  # every entry came from the saved environment
    assert (Path(again.outdir) / "bibliographie.html").read_text(encoding="utf-8") == html

    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "Titre original d’un article", "Titre corrigé d’un article"), encoding="utf-8")
    edited = build_as_a_new_process(make_app, srcdir)
    assert counting_formats == ["martin2019"]
    assert "Titre corrigé d’un article" in (Path(edited.outdir) / "bibliographie.html").read_text(
        encoding="utf-8")


def test_other_code_or_a_damaged_environment_formats_everything_again(
        make_app, tmp_path, counting_formats, monkeypatch):
    """Another version of the package (its ``env_version``), of pybtex or Babel, or a
    damaged saved environment: Sphinx starts a fresh one, and everything is formatted."""
    import pybtex

    from sphinx_publication.citations import formatted_entries

    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    app = build_as_a_new_process(make_app, srcdir, freshenv=True)
    everything = sorted(counting_formats)
    page = srcdir / "chapitre-a.md"

    counting_formats.clear()
    monkeypatch.setattr(formatted_entries.FormattedEntriesDomain, "data_version", 2)
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase.\n", encoding="utf-8")
    build_as_a_new_process(make_app, srcdir)
    assert sorted(counting_formats) == everything

    counting_formats.clear()
    monkeypatch.setattr(pybtex, "__version__", "0.0-other")
    page.write_text(page.read_text(encoding="utf-8") + "\nUne autre.\n", encoding="utf-8")
    build_as_a_new_process(make_app, srcdir)
    assert sorted(counting_formats) == everything

    counting_formats.clear()
    (Path(app.doctreedir) / "environment.pickle").write_bytes(b"not a pickle")
    build_as_a_new_process(make_app, srcdir)
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


def test_the_bibliography_download_of_a_new_process_writes_back_only_edited_entries(
        make_app, tmp_path, monkeypatch):
    """Written after Sphinx saved the environment: its entries are kept before that."""
    from sphinx_publication.metadata import reference

    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    shutil.copy(Path(__file__).resolve().parent.parent / "CITATION.cff", srcdir)
    written = []
    original = reference._entry_bibtex
    monkeypatch.setattr(reference, "_entry_bibtex", lambda entry: written.append(entry.key) or original(entry))
    first = build_as_a_new_process(make_app, srcdir, freshenv=True)
    assert first.config.publication_article is not None and written

    written.clear()
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "Titre original d’un article", "Titre corrigé d’un article"), encoding="utf-8")
    edited = build_as_a_new_process(make_app, srcdir)
    assert written == ["martin2019"]
    download = next((Path(edited.outdir) / "_citation").glob("*-bibliographie.bib"))
    assert "Titre corrigé d’un article" in download.read_text(encoding="utf-8")
