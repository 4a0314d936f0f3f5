"""The ``publication`` command: help, exit codes, --check, nothing written on errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_publication.importer.cli import main

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed-article.txt"
MAPPING = DATA / "seed-citations.toml"
BAD = "Titre\nAutrice\nChapeau.\nP\nTexte [CHART_BAR: Titre | X : Y].\n"


def test_help_lists_the_import_command_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "--check" in out and "--citations" in out and "Exit codes" in out


def test_console_script_is_installed():
    script = shutil.which("publication", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the package is not installed with its console script")
    completed = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0 and "import" in completed.stdout


def test_import_writes_the_pages(tmp_path, capsys):
    out = tmp_path / "docs"
    assert main(["import", str(SEED), "--out", str(out), "--citations", str(MAPPING)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 11 and "index.md" in names and "conclusion.md" in names
    err = capsys.readouterr().err
    assert "footer" in err and "word count" in err


def test_import_is_deterministic_and_idempotent(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["import", str(SEED), "--out", str(first), "-q"]) == 0
    assert main(["import", str(SEED), "--out", str(second), "-q"]) == 0
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {
        p.name: p.read_bytes() for p in second.iterdir()}
    assert main(["import", str(SEED), "--out", str(first), "-q"]) == 0  # same content: no conflict


def test_existing_different_pages_need_force(tmp_path, capsys):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "index.md").write_text("# À moi\n", encoding="utf-8")
    assert main(["import", str(SEED), "--out", str(out), "-q"]) == 2
    assert "--force" in capsys.readouterr().err
    assert (out / "index.md").read_text(encoding="utf-8") == "# À moi\n"
    assert main(["import", str(SEED), "--out", str(out), "-q", "--force"]) == 0
    assert (out / "index.md").read_text(encoding="utf-8").startswith("---")


def test_check_validates_without_writing(tmp_path, capsys):
    out = tmp_path / "docs"
    assert main(["import", str(SEED), "--check", "--out", str(out)]) == 0
    assert not out.exists()
    assert "valid" in capsys.readouterr().out


def test_errors_are_located_and_nothing_is_written(tmp_path, capsys):
    draft = tmp_path / "brouillon.txt"
    draft.write_text(BAD, encoding="utf-8")
    out = tmp_path / "docs"
    assert main(["import", str(draft), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{draft}:5:7: error: expected 3 fields" in err
    assert "found:    [CHART_BAR: Titre | X : Y]" in err
    assert "expected: [CHART_BAR: title | x-label : y-label |" in err
    assert not out.exists()


def test_check_reports_errors_with_exit_code_1(tmp_path):
    draft = tmp_path / "brouillon.txt"
    draft.write_text(BAD, encoding="utf-8")
    assert main(["import", str(draft), "--check"]) == 1


def test_bad_mapping_file_is_exit_code_1(tmp_path, capsys):
    mapping = tmp_path / "refs.toml"
    mapping.write_text('"1" = 3\n', encoding="utf-8")
    assert main(["import", str(SEED), "--check", "--citations", str(mapping)]) == 1
    assert "refs.toml" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["import"], ["import", str(SEED)], ["frobnicate"]])
def test_usage_errors_are_exit_code_2(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_missing_draft_is_exit_code_2(tmp_path):
    assert main(["import", str(tmp_path / "absent.txt"), "--check"]) == 2


def test_messages_follow_the_language_of_the_environment(tmp_path, monkeypatch, capsys):
    draft = tmp_path / "brouillon.txt"
    draft.write_text(BAD, encoding="utf-8")
    monkeypatch.setenv("LANGUAGE", "fr")
    assert main(["import", str(draft), "--check"]) == 1
    assert "erreur" in capsys.readouterr().err
