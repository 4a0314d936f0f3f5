"""Every builder renders every construct, beside other extensions.

Sphinx picks a node's visitors by builder *name* when any extension registered
some under that name, and by *format* otherwise: a visitor registered under
``singlehtml`` or ``epub`` by one extension would hide every other
extension's ``html`` visitors on that builder. This builds one page holding
each construct with ``sphinx.ext.todo`` loaded, on every builder: the one
test of that regression for the whole package (``builders.add_visitors``
enforces the rule; every sub-extension registers through it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

HTML_BUILDERS = ["html", "dirhtml", "singlehtml", "epub"]
OTHER_BUILDERS = ["latex", "text", "man", "texinfo", "xml", "gettext"]


def _outputs(outdir: Path) -> str:
    texts = []
    for path in sorted(outdir.rglob("*")):
        if "_sources" in path.parts:
            continue  # the page's own source, not what a reader gets
        if path.is_file() and path.suffix in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".xml", ".pot"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


@pytest.mark.parametrize("buildername", HTML_BUILDERS)
def test_html_family_renders_everything(build_root, buildername):
    app = build_root("builders", buildername)
    assert app.warning.getvalue().strip() == ""
    out = _outputs(Path(app.outdir))
    assert '<svg' in out and 'role="img"' in out  # the chart, drawn
    assert '<mark class="editorial-data-needed"' in out  # the marker, not its plain fallback
    assert "Note témoin." in out and "editorial-review-note" in out
    assert "Tâche visible partout." in out and 'admonition-todo' in out  # todo kept its HTML visitor
    assert "Tableau témoin" in out and "<table" in out
    assert "cite-doe2024" in out and "Cité dans" in out  # the backlinks


@pytest.mark.parametrize("buildername", OTHER_BUILDERS)
def test_other_builders_keep_the_content(build_root, buildername):
    app = build_root("builders", buildername)
    assert app.warning.getvalue().strip() == ""
    out = _outputs(Path(app.outdir))
    for text in ("Graphique témoin", "Tableau témoin", "Tâche visible partout."):
        assert text in out, f"{buildername} dropped {text!r}"
    if buildername == "gettext":
        return  # it extracts the author's text, not generated data or reviewers' notes
    assert "Note témoin." in out and "chiffre manquant" in out
    if buildername == "latex":  # the chart is a vector PDF beside the .tex
        assert r"\sphinxincludegraphics{sp-chart-" in out
        assert list(Path(app.outdir).glob("*.pdf"))
    else:
        assert "Alpha" in out and "Bêta" in out


def test_visitors_are_registered_under_output_formats_only(build_root):
    app = build_root("builders", "dummy")
    ours = {
        name for handlers in app.registry.translation_handlers.values() for name in handlers
        if name in {"chart_node", "data_needed", "data_needed_block", "review_note", "bibliography_heading"}
    }
    assert len(ours) == 5
    for key, handlers in app.registry.translation_handlers.items():
        if ours & set(handlers):
            assert key in {"html", "latex", "text", "typst"}, key  # typst: the Typst builder's format


def test_add_visitors_refuses_a_builder_name():
    from docutils import nodes

    from sphinx_publication.builders import add_visitors

    with pytest.raises(ValueError, match="epub"):
        add_visitors(None, nodes.inline, epub=(None, None))
