"""Editing refs.bib then rebuilding incrementally gives what a clean build gives."""

from __future__ import annotations

PROJECT = "citations-incremental"
PAGES = ("index", "premier", "second", "bibliographie")

LATER = """
@online{later2025,
  author  = {Ada Lovelace},
  title   = {Added Later},
  year    = {2025},
  url     = {https://example.org/later},
  urldate = {2026-11-25},
}
"""


def html(app, page: str) -> str:
    return (app.outdir / f"{page}.html").read_text(encoding="utf-8")


def rebuild(build_root, app):
    """An incremental build of *app*'s project: same source, output and doctrees."""
    return build_root(PROJECT, srcdir=app.srcdir)


def edit(path, old: str = "", new: str = "", append: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new) + append if old else text + append, encoding="utf-8")


def test_bib_edit_renumbers_pages_that_only_cite(build_root):
    app = build_root(PROJECT)
    # "later2025" is missing: widder2024open, cited on the second page only, is [2]
    assert ">2</a>]" in html(app, "second")

    edit(app.srcdir / "refs.bib", append=LATER)
    app2 = rebuild(build_root, app)
    assert ">3</a>]" in html(app2, "second")  # no longer the stale [2]

    clean = build_root(PROJECT, edit=lambda srcdir: edit(srcdir / "refs.bib", append=LATER))
    for page in PAGES:
        assert html(app2, page) == html(clean, page), page


def test_bib_edit_updates_tooltips_of_citing_pages(build_root):
    app = build_root(PROJECT)
    edit(app.srcdir / "refs.bib", "Why ‘open’ AI systems", "Why “open” AI")
    app = rebuild(build_root, app)
    assert "Why “open” AI" in html(app, "second")


def test_missing_key_warns_once_at_the_citing_line_on_every_build(build_root):
    app = build_root(PROJECT)
    for _ in range(2):  # the second build has nothing to re-read
        warnings = [
            line for line in app.warning.getvalue().splitlines() if "later2025" in line
        ]
        assert len(warnings) == 1, warnings
        assert "premier.md:3:" in warnings[0]
        app = rebuild(build_root, app)


def test_citing_page_title_edit_updates_the_backlinks(build_root):
    app = build_root(PROJECT)
    edit(app.srcdir / "second.md", "# Second chapitre", "# Chapitre renommé")
    app = rebuild(build_root, app)  # only second.md is re-read; the bibliography page must be rewritten
    bibliography = html(app, "bibliographie")
    assert "Chapitre renommé" in bibliography
    assert "Second chapitre" not in bibliography


def test_citation_index_is_built_once_per_build(build_root, monkeypatch):
    """Writing a page looks its backlinks up; it does not walk the project again."""
    from sphinx_publication.citations import queries

    calls = []
    real = queries.get_docnames

    def counting(env):
        calls.append(env)
        return real(env)

    monkeypatch.setattr(queries, "get_docnames", counting)
    app = build_root(PROJECT)
    assert len(app.env.found_docs) == 4
    assert len(calls) == 1
    assert "citation-backlinks" in html(app, "bibliographie")


def test_the_environment_keeps_no_written_bibliography_page(build_root):
    """sphinxcontrib-bibtex fills its domain's citation nodes and puts them into the
    bibliography page; once written, the domain holds empty, unplaced copies again,
    so a long-lived application does not pickle the resolved page (backlinks and
    all) into its environment at its next build."""
    app = build_root(PROJECT)
    assert "citation-backlinks" in html(app, "bibliographie")
    citation_nodes = [node for bibliography in app.env.domains["cite"].bibliographies.values()
                      for node in bibliography.citation_nodes.values()]
    assert len(citation_nodes) >= 2
    assert all(node.parent is None and not node.children for node in citation_nodes)
    assert all(node["ids"] for node in citation_nodes)  # what the domain reads from them
