"""Helpers shared by the test modules."""

from __future__ import annotations

import os
import shutil

import pytest

ON_CI = os.environ.get("CI") == "true"


def require_tool(name: str, why: str = "") -> str:
    """Return the path of *name*; skip locally, fail under CI, when it is missing.

    CI installs TeX Live and Chromium itself, so a missing tool there is a
    broken pipeline, not a reason to skip.
    """
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed{': ' + why if why else ''}"
        if ON_CI:
            pytest.fail(f"{message} (CI must install it)")
        pytest.skip(message)
    return path
