"""Valid, accessible markup around Sphinx's, docutils' and the theme's output."""

from __future__ import annotations

import re

import pytest

from sphinx_publication.accessible_html import fixed_attributes, focusable_pre


def test_fixed_attributes():
    assert fixed_attributes({"ROLE": "heading"}) == {"role": "heading", "aria-level": "2"}
    assert fixed_attributes({"role": "doc-biblioentry"}) == {"role": "listitem"}
    assert fixed_attributes({"role": "note", "CLASS": "x"}) == {"role": "note", "CLASS": "x"}
    assert fixed_attributes({}) == {}


def test_focusable_pre():
    assert focusable_pre('<div class="highlight"><pre><span>x</span></pre></div>') == (
        '<div class="highlight"><pre tabindex="0"><span>x</span></pre></div>'
    )


def test_theme_and_writer_markup_is_valid(build_root):
    app = build_root("accessible-html", "html")
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    # toctree captions (page body and furo's sidebar) carry their level
    captions = re.findall(r"<p[^>]*role=\"heading\"[^>]*>", index)
    assert len(captions) >= 2
    assert all('aria-level="2"' in tag for tag in captions)
    # furo's table wrapper no longer duplicates the table's id
    assert index.count('id="tab-un"') == 1
    assert re.search(r'<table[^>]*id="tab-un"', index)
    assert '<pre tabindex="0">' in index
    cites = (app.outdir / "cites.html").read_text(encoding="utf-8")
    assert 'role="doc-biblioentry"' not in cites
    assert re.search(r'<div role="list" class="citation-list">\s*<div class="citation" id="[^"]+" role="listitem">', cites)


def test_every_html_builder_is_fixed(build_root):
    app = build_root("accessible-html", "singlehtml")
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'role="doc-biblioentry"' not in page and 'role="listitem"' in page
