"""Numeric citations -> bibliography keys through the author's mapping file."""

from __future__ import annotations

import json

import pytest

from sphinx_publication.importer.citations import (
    MappingError,
    load_mapping,
    mapping_from_data,
    resolve_citations,
)
from sphinx_publication.importer.parse import parse_draft

DRAFT = """Titre
Autrice
Chapeau.
P
Premier [1]. Deuxième [2][3]. Troisième [1].
"""


def keys_in_order(mapping_data):
    document = parse_draft(DRAFT).document
    diagnostics = resolve_citations(document, mapping_from_data(mapping_data) if mapping_data else None)
    return [c.keys for c in document.iter_citations()], diagnostics


def test_one_key_list_for_every_occurrence():
    keys, diagnostics = keys_in_order({"1": ["a"], "2": ["b"], "3": "c, d"})
    assert keys == [["a"], ["b", "c", "d"], ["a"]]
    assert not any(d.is_error for d in diagnostics)


def test_per_occurrence_mapping_in_reading_order():
    keys, _ = keys_in_order({"citations": {"1": [["a"], ["x", "y"]], "2": ["b"], "3": ["c"]}})
    assert keys == [["a"], ["b", "c"], ["x", "y"]]


def test_unmapped_numbers_become_reported_placeholders():
    keys, diagnostics = keys_in_order(None)
    assert keys == [["ref-1"], ["ref-2", "ref-3"], ["ref-1"]]
    assert sorted(d.message.split()[0] for d in diagnostics) == ["[1]", "[2]", "[3]"]


def test_too_few_occurrence_lists_is_a_located_error():
    _, diagnostics = keys_in_order({"1": [["a"]], "2": ["b"], "3": ["c"]})
    (error,) = [d for d in diagnostics if d.is_error]
    assert (error.location.line, error.location.column) == (5, 41)
    assert "occurrence 2 of [1]" in error.message


@pytest.mark.parametrize("data", [{"x": ["a"]}, {"1": 3}, {"1": []}, {"1": [["a"], "b"]}, ["a"]])
def test_malformed_mappings_are_refused(data):
    with pytest.raises(MappingError):
        mapping_from_data(data)


def test_toml_and_json_files(tmp_path):
    toml = tmp_path / "refs.toml"
    toml.write_text('[citations]\n"1" = [["a"], ["b"]]\n', encoding="utf-8")
    js = tmp_path / "refs.json"
    js.write_text(json.dumps({"1": [["a"], ["b"]]}), encoding="utf-8")
    assert load_mapping(toml) == load_mapping(js)
    broken = tmp_path / "broken.toml"
    broken.write_text('"1" = [', encoding="utf-8")
    with pytest.raises(MappingError, match="broken.toml"):
        load_mapping(broken)
