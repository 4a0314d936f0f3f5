"""Shared pytest set-up: Sphinx's testing fixtures, the roots folder, and ``build_root``."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TESTS_DIR.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS_DIR / "roots"


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture
def build_root(make_app, rootdir, tmp_path):
    """``build_root("figures-basic", "latex", **make_app_kwargs)``: copy
    ``roots/test-<name>`` to a fresh folder, build it, return the app.

    The one way the tests build a project. ``build=False`` returns the app
    unbuilt (to edit files or look at set-up first); ``srcdir=`` reuses a copy
    made earlier (an incremental build); ``edit=`` is called with the copy's
    path before the app is created.
    """
    serial = itertools.count(1)

    def build(name, buildername="html", *, build=True, srcdir=None, edit=None, **kwargs):
        if srcdir is None:
            srcdir = tmp_path / f"{name}-{next(serial)}"
            shutil.copytree(rootdir / f"test-{name}", srcdir)
        if edit is not None:
            edit(Path(srcdir))
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        if build:
            app.build()
        return app

    return build
