"""Helpers shared by the test modules."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx import locale
from sphinx.testing.util import SphinxTestApp

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


def make_test_app(*args: Any, **kwargs: Any) -> SphinxTestApp:
    """A ``SphinxTestApp`` with status and warnings captured in ``StringIO``, as
    sphinx.testing's function-scoped ``make_app`` makes them, for any scope."""
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    return SphinxTestApp(*args, **kwargs)


def build_copy(make_app: Callable[..., SphinxTestApp], rootdir: Path, name: str, workdir: Path,
               buildername: str = "html", *, build: bool = True, srcdir: Path | None = None,
               edit: Callable[[Path], None] | None = None, cleanup: bool = False,
               **kwargs: Any) -> SphinxTestApp:
    """Copy ``rootdir/test-<name>`` to *workdir*, make the app, build it, return it.

    The one primitive behind ``build_root`` (function scope) and ``build_once``
    (module scope). ``build=False`` returns the app unbuilt; ``srcdir=`` builds an
    existing folder instead of a copy (an incremental build, or a project that is
    not a test root); ``edit`` is called with the copy's path before the app is made.
    ``cleanup=True`` cleans the app up once built (output and environment stay
    readable): an app kept for a whole module must not leave its node classes
    registered while the module's other tests make their own apps.
    """
    if srcdir is None:
        srcdir = workdir
        shutil.copytree(rootdir / f"test-{name}", srcdir)
    if edit is not None:
        edit(Path(srcdir))
    # Sphinx caches translators per process and keeps the first language's as the
    # primary one: an app starts from none, as a sphinx-build process does.
    locale.translators.clear()
    app = make_app(buildername, srcdir=srcdir, **kwargs)
    if build:
        try:
            app.build()
        finally:
            if cleanup:
                app.cleanup()
    return app


def builder_fixture(make_app: Callable[..., SphinxTestApp], rootdir: Path,
                    new_dir: Callable[[str], Path], **defaults: Any) -> Callable[..., SphinxTestApp]:
    """``build(name, buildername="html", **build_copy_kwargs)`` copying each root into
    a fresh folder given by *new_dir* (the body of ``build_root`` and ``build_once``)."""

    def build(name: str, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
        workdir = new_dir(name) if kwargs.get("srcdir") is None else None
        return build_copy(make_app, rootdir, name, workdir, buildername, **defaults | kwargs)

    return build


_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def without_colours(text: str) -> str:
    """Sphinx's console text without its colour codes."""
    return _COLOURS.sub("", text)


def warnings_of(app: SphinxTestApp) -> str:
    """The build's warnings, as a terminal would print them without colours."""
    return without_colours(app.warning.getvalue())


def outdir_and_warnings(app: SphinxTestApp) -> tuple[Path, str]:
    """What most read-only tests look at after a build."""
    return Path(app.outdir), app.warning.getvalue()


def per_builder(build_once: Callable[..., SphinxTestApp], root: str) -> Callable[[str], SphinxTestApp]:
    """``build("latex")``: *root* built once per builder (for a module-scoped fixture)."""
    done: dict[str, SphinxTestApp] = {}

    def build(name: str) -> SphinxTestApp:
        if name not in done:
            done[name] = build_once(root, name)
        return done[name]

    return build


def publication_pdf_name() -> str:
    """conf.py's ``PDF_NAME`` (read as the Makefile and CI read it: the one place it is written)."""
    text = (Path(__file__).resolve().parent.parent / "conf.py").read_text(encoding="utf-8")
    match = re.search(r'^PDF_NAME = "(.+)"$', text, re.M)
    assert match, "conf.py has no PDF_NAME line"
    return match.group(1)
