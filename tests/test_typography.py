"""French non-breaking spaces in HTML, nowhere else."""

from __future__ import annotations

import pytest

from sphinx_publication.typography import NBSP, NNBSP, french_spacing


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Titre : sous-titre", f"Titre{NBSP}: sous-titre"),
        ("Vraiment ? Oui ; non !", f"Vraiment{NNBSP}? Oui{NNBSP}; non{NNBSP}!"),
        ("« bien sûr »", f"«{NBSP}bien sûr{NBSP}»"),
        ("http://example.org:8080 a:b", "http://example.org:8080 a:b"),
        (f"déjà{NBSP}: fait", f"déjà{NBSP}: fait"),
    ],
)
def test_french_spacing(source, expected):
    assert french_spacing(source) == expected


def test_html_gets_french_spaces_but_code_does_not(build_root):
    app = build_root("typography", "html")
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert f"Titre{NBSP}: sous-titre" in html
    assert f"Vraiment{NNBSP}?" in html
    # the page title comes from the environment, not the post-transformed body
    assert f"<title>Titre{NBSP}: sous-titre" in html
    # inline math, inline and block code untouched
    assert r"f : x \mapsto y" in html
    assert '<span class="pre">a</span> <span class="pre">:</span>' in html
    assert '"a"</span> <span class="p">:' in html


def test_other_languages_untouched(build_root):
    app = build_root("typography", "html", confoverrides={"language": "en"})
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert f"Titre{NBSP}:" not in html and "Titre : sous-titre" in html


def test_text_builder_untouched(build_root):
    app = build_root("typography", "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Vraiment ?" in text
