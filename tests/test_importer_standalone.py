"""The draft importer imports and runs with Sphinx and docutils absent."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCKED_RUN = textwrap.dedent("""
    import importlib.abc
    import sys

    class Absent(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("sphinx", "docutils"):
                raise ImportError(f"{name} is blocked for this test")
            return None

    sys.meta_path.insert(0, Absent())
    from sphinx_publication.importer.cli import main

    status = main(["import", sys.argv[1], "--out", sys.argv[2]])
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("sphinx", "docutils"))
    print("loaded:", loaded)
    sys.exit(status)
""")

DRAFT = """Titre

Autrice

Un chapeau.

# Partie

Du texte [1].

[CHART_BAR: Modèles | Modèle : Paramètres | GPT-4 : 1,7T, Mistral : 12 Mrds, Petit : 3 Mn]

## Sources

[1] Une source.
"""


def test_importer_runs_without_sphinx_or_docutils(tmp_path):
    draft = tmp_path / "brouillon.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "docs"
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_RUN, str(draft), str(out)],
        capture_output=True, text=True, env={"LANGUAGE": "C", "PATH": "/usr/bin:/bin"}, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "loaded: []" in result.stdout
    page = (out / "partie.md").read_text(encoding="utf-8")
    assert "GPT-4 : 1.7T\nMistral : 12B\nPetit : 3M\n" in page
