"""The editorial layer's pure parts: statuses, word counting, .bib checks, ordering."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_publication.citations.queries import unlinked_entries
from sphinx_publication.editorial.model import summarise, toctree_order
from sphinx_publication.editorial.statuses import STATUS_KEYS, parse_status
from sphinx_publication.editorial.wordcount import count_words, format_count


@pytest.mark.parametrize(
    ("given_text", "key"),
    [
        ("wrong", "wrong"),
        ("erroné", "wrong"),
        ("Erroné", "wrong"),
        ("à-vérifier", "to-verify"),
        ("À vérifier", "to-verify"),
        ("rumeur", "rumour"),
        ("non-sourcé", "unsourced"),
        ("non sourcé", "unsourced"),
        ("à-nuancer", "needs-nuance"),
        ("confirmé", "confirmed"),
        ("needs_nuance", "needs-nuance"),
    ],
)
def test_status_keys_and_french_aliases(given_text, key):
    assert parse_status(given_text) == key


@pytest.mark.parametrize("bad", ["", "peut-être", "ok", "wrongg"])
def test_unknown_status_is_none(bad):
    assert parse_status(bad) is None


@given(st.sampled_from(STATUS_KEYS), st.sampled_from([str.upper, str.title, lambda s: f"  {s} "]))
def test_every_key_parses_in_any_case_and_spacing(key, transform):
    assert parse_status(transform(key)) == key


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Un deux trois.", 3),
        ("l’IA et GPT-4 : fin", 4),  # the lone colon is not a word
        ("« guillemets » ; point-virgule !", 2),
        ("1 700 Md", 3),
        ("ligne un\nligne deux\n\n", 4),
    ],
)
def test_count_words(text, words):
    assert count_words(text) == words


@given(st.lists(st.text(alphabet="abcdéèçàXYZ019’-", min_size=1), max_size=40))
def test_count_words_counts_each_token_with_a_letter(tokens):
    assert count_words(" ".join(tokens)) == sum(1 for t in tokens if any(c.isalnum() for c in t))


def test_format_count_follows_the_language():
    assert format_count(1066, "fr") == "1\u202f066"
    assert format_count(1066, "en") == "1,066"
    assert format_count(1066, None) == "1,066"
    assert format_count(1066, "xx-unknown") == "1,066"


def test_entries_without_doi_url_or_eprint():
    entries = {
        "b": SimpleNamespace(fields={"title": "{B} title"}),
        "a": SimpleNamespace(fields={"title": "A", "DOI": "10.1/x"}),
        "c": SimpleNamespace(fields={"title": "C", "url": " "}),
        "d": SimpleNamespace(fields={"eprint": "2401.04088"}),
    }
    found = unlinked_entries(entries)
    assert [(e.key, e.title) for e in found] == [("b", "B title"), ("c", "C")]


def test_toctree_order_is_depth_first_then_sorted_leftovers():
    includes = {"index": ["a", "b"], "a": ["a1"], "b": ["index"]}
    assert toctree_order("index", includes, ["z", "b", "a1", "a", "index", "orphan"]) == [
        "index", "a", "a1", "b", "orphan", "z",
    ]


def test_summarise_cuts_at_a_word():
    assert summarise("court") == "court"
    text = "mot " * 60
    short = summarise(text, limit=20)
    assert short.endswith("…") and len(short) <= 20 and "  " not in short


def test_docutils_messages_are_not_article_words():
    """docutils logs « Using English fallback for directive … » once per process, as a
    system_message in the first doctree only: counting it made the word count of an
    RST page depend on what the process had built before."""
    from docutils import nodes

    from sphinx_publication.editorial.collect import body_text

    doctree = nodes.document(None, None)
    doctree += nodes.paragraph("", "Deux mots.")
    doctree += nodes.system_message(
        "", nodes.paragraph("", "No directive entry for « table » in module fr."), level=1, type="INFO"
    )
    assert count_words(body_text(doctree, frozenset())) == 2
