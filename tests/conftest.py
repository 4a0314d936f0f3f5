"""Shared pytest set-up: Sphinx's testing fixtures, the roots folder, and the
builders ``build_root`` (one test) and ``build_once`` (one module)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from browser_support import chromium, serve
from helpers import builder_fixture, make_test_app

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
    return builder_fixture(make_app, rootdir, lambda name: tmp_path / f"{name}-{next(serial)}")


@pytest.fixture(scope="module")
def build_once(rootdir, tmp_path_factory):
    """``build_root`` for module-scoped fixtures: the same arguments, for a project
    built once and read by many tests. Each app is cleaned up once built."""
    return builder_fixture(make_test_app, rootdir, lambda name: tmp_path_factory.mktemp(name) / name,
                           cleanup=True)


# -- browser tests: one Chromium and one local server per module ---------------------


@pytest.fixture(scope="module")
def browser():
    """The system Chromium through Playwright (skipped locally, failing under CI, without it)."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def server(site):
    """The module's ``site`` folder served on 127.0.0.1; yields its base URL."""
    with serve(site) as base:
        yield base
