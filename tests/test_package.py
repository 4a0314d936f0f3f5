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
