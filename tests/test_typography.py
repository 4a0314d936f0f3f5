"""French non-breaking spaces in HTML, nowhere else."""

from __future__ import annotations

import pytest
from docutils import nodes

from sphinx_publication.typography import NBSP, NNBSP, french_spacing, space_prose


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


def test_space_prose_spaces_nested_prose_and_skips_verbatim_subtrees():
    """Prose at any depth is spaced; text inside code, raw or math, at any depth, is not."""
    paragraph = nodes.paragraph()
    paragraph += nodes.Text("Titre : ")
    paragraph += nodes.strong("", "", nodes.emphasis("", "« cité »"))
    paragraph += nodes.literal("", "a : b")
    paragraph += nodes.inline("", "", nodes.raw("", "x ; y", format="html"))
    block = nodes.literal_block("", "")
    block += nodes.inline("", "si ? non")
    section = nodes.section("", paragraph, block, nodes.paragraph("", "Plain text"))
    space_prose(section)
    assert paragraph[0].astext() == f"Titre{NBSP}: "
    assert paragraph[1].astext() == f"«{NBSP}cité{NBSP}»"
    assert paragraph[2].astext() == "a : b"
    assert paragraph[3].astext() == "x ; y"
    assert block.astext() == "si ? non"
    assert section[2].astext() == "Plain text"


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
