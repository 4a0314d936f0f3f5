"""The write phase runs with the long-lived heap frozen, and the build leaves it thawed."""

from __future__ import annotations

import gc


def test_frozen_while_writing_and_thawed_after(build_root):
    app = build_root("citations-basic", build=False)
    seen = {}
    app.connect("env-before-read-docs", lambda app, env, docnames: seen.setdefault("reading", gc.get_freeze_count()))
    app.connect("doctree-resolved", lambda app, doctree, docname: seen.setdefault("writing", gc.get_freeze_count()))
    app.build()
    assert seen["reading"] == 0
    assert seen["writing"] > 1000  # the environment, the doctrees waiting to be written
    assert gc.get_freeze_count() == 0  # a test session, a live preview: collected as usual again


def test_thawed_after_a_failed_build(build_root):
    app = build_root("citations-basic", build=False)

    def fail(app, doctree, docname):
        raise RuntimeError("a handler that fails while writing")

    app.connect("doctree-resolved", fail)
    try:
        app.build()
    except Exception:  # Sphinx wraps the handler's error
        pass
    else:
        raise AssertionError("the build should have failed")
    assert gc.get_freeze_count() == 0
