"""Shared pytest set-up: Sphinx's testing fixtures and the roots folder."""

from __future__ import annotations

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
