"""The authors' page stays true: its examples are what the importer accepts and prints."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from sphinx_publication.importer.citations import load_mapping, mapping_from_data
from sphinx_publication.importer.cli import main
from sphinx_publication.importer.markers import scan_line

PROJECT_DIR = Path(__file__).resolve().parents[1]
PAGE = (PROJECT_DIR / "docs" / "auteurs" / "format-des-brouillons.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE, flags=re.S)


def test_mapping_example_is_the_seed_mapping():
    (example,) = code_blocks("toml")
    documented = mapping_from_data(tomllib.loads(example))
    assert documented == load_mapping(PROJECT_DIR / "tests" / "data" / "seed-citations.toml")


def test_marker_examples_parse_without_errors():
    examples = [line for block in code_blocks("text") for line in block.splitlines()
                if line.startswith("[") and "…" not in line and "titre |" not in line]
    assert len(examples) == 3
    for line in examples:
        pieces, problems = scan_line(line, 1)
        assert problems == [], line
        assert pieces, line


def test_error_example_is_what_the_command_prints(tmp_path, monkeypatch, capsys):
    documented = code_blocks("text")[-1].rstrip("\n")
    draft = tmp_path / "brouillon.txt"
    lines = ["Titre", "Autrice", "Chapeau.", "Partie", *["Texte."] * 7,
             "Les ventes par région sont les suivantes :  [CHART_BAR: Ventes | Région : Unités]"]
    assert lines[-1].index("[") + 1 == 45
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANGUAGE", "fr")
    assert main(["import", "brouillon.txt", "--check"]) == 1
    printed = capsys.readouterr().err
    assert documented in printed
