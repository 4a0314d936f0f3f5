"""The bibliography's language belongs to each build, not to the Python process."""

from __future__ import annotations


def _bibliography(app) -> str:
    return (app.outdir / "bibliographie.html").read_text(encoding="utf-8")


def test_two_apps_in_one_process_keep_their_own_language(build_root):
    french = build_root("citations-basic", build=False)
    english = build_root("citations-basic", build=False, confoverrides={"language": "en"})
    # Both configurations are read before either builds: a language held by the
    # process would be the last one read (English) for both.
    french.build()
    english.build()
    assert french.config.bibtex_default_style == "publication-fr"
    assert english.config.bibtex_reference_style == "publication-en"
    assert "consulté le 25 novembre 2026" in _bibliography(french)
    assert "visited on 25 November 2026" in _bibliography(english)
