"""The package's face: the version written once, ``__init__`` modules that only set up."""

from __future__ import annotations

import ast
from importlib.metadata import version
from pathlib import Path

import sphinx_publication
from sphinx_publication.package_info import __version__, extension_metadata

PACKAGE = Path(sphinx_publication.__file__).parent


def test_version_comes_from_the_installed_distribution():
    assert __version__ == version("sphinx-publication")
    assert extension_metadata(env_version=3) == {
        "version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 3,
    }


def test_every_init_is_a_docstring_and_at_most_setup():
    for init in sorted(PACKAGE.glob("**/__init__.py")):
        body = ast.parse(init.read_text(encoding="utf-8")).body
        assert isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), init
        rest = [type(node).__name__ + ":" + getattr(node, "name", "") for node in body[1:]]
        assert rest in ([], ["FunctionDef:setup"]), (init, rest)


def test_event_priorities_are_named_in_one_table():
    """``app.connect(..., priority=N)`` takes a name from ``priorities.py``, where the
    order of the package's handlers and its reasons are read in one place."""
    package = Path(sphinx_publication.__file__).parent
    numbered = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "priority" and isinstance(node.value, ast.Constant):
                numbered.append(f"{path.relative_to(package)}:{node.value.lineno}")
    assert not numbered, f"number given as a priority (name it in priorities.py): {numbered}"


def test_the_makefile_reads_tex_live_packages_from_the_one_list():
    """requirements/debian.txt is the one list of system packages (CI installs it);
    the Makefile's check-tex prints its TeX Live part, nothing else."""
    import shutil
    import subprocess

    if not shutil.which("make"):
        import pytest

        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parent.parent
    lines = (root / "requirements" / "debian.txt").read_text(encoding="utf-8").splitlines()
    tex = lines[lines.index("# tex") + 1:lines.index("# other")]
    database = subprocess.run(["make", "-s", "-p", "-n", "help"], cwd=root, capture_output=True, text=True).stdout
    value = next(line for line in database.splitlines() if line.startswith("TEX_PACKAGES :="))
    assert value.split(":=", 1)[1].split() == tex and "texlive-xetex" in tex
