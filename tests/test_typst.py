"""The Typst edition: a tagged PDF/UA-1 of the whole article, built offline.

Read back with poppler (``pdfinfo``, ``pdftotext``) and pikepdf (the
structure tree: headings, figures with /Alt, tables, link destinations).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from helpers import publication_pdf_name, require_tool
from test_publication import ARTICLE_PAGES, _article_lines, _normalise, _sentences

from sphinx_publication.figures.nodes import chart_node
from sphinx_publication.typst import markup, positions
from sphinx_publication.typst.translator import typst_length

PDF_NAME = publication_pdf_name()


# -- reading the PDF -------------------------------------------------------------------


def struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The structure elements in reading order (depth first)."""
    found = []

    def walk(element) -> None:
        kids = element.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def element_text(pdf_text: str) -> str:
    return " ".join(pdf_text.split())


def heading_texts(elements, level: str) -> list[str]:
    return [element_text(str(e.get("/T", ""))) for e in elements if str(e.S) == level]


def internal_link_pages(pdf: pikepdf.Pdf) -> list[tuple[int, int]]:
    """(page of the link, page of its destination) for every internal link."""
    page_numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    links = []
    for number, page in enumerate(pdf.pages):
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                continue
            destination = action.D if action is not None else annotation.get("/Dest")
            target = destination[0].objgen if isinstance(destination, pikepdf.Array) else None
            links.append((number, page_numbers.get(target, -1)))
    return links


def pdfinfo(path: Path) -> str:
    tool = require_tool("pdfinfo", "poppler-utils reads the PDF back")
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


def pdftotext(path: Path) -> str:
    tool = require_tool("pdftotext", "poppler-utils reads the PDF back")
    return subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout


# -- the publication -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def publication(build_once, project_dir, tmp_path_factory):
    """The real article built once with the typst builder: (app, warnings, pdf path)."""
    app = build_once("publication", "typst", srcdir=project_dir,
                     builddir=tmp_path_factory.mktemp("typst"), freshenv=True)
    return app, app.warning.getvalue(), Path(app.outdir) / PDF_NAME


@pytest.mark.slow
def test_builds_without_warnings(publication):
    _, warnings, pdf = publication
    assert warnings.strip() == ""
    assert pdf.is_file()


@pytest.mark.slow
def test_pdfinfo_tagged_french_a4_with_metadata(publication):
    _, _, pdf = publication
    info = pdfinfo(pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert re.search(r"^Title:\s+Les grands modèles contre l’open source : un nouveau front", info, re.MULTILINE)
    assert re.search(r"^Author:\s+Maria Rodriguez$", info, re.MULTILINE)
    # subject (the abstract) and keywords from CITATION.cff, like the LaTeX edition's
    assert re.search(r"^Subject:\s+L’annonce des grands modèles linguistiques", info, re.MULTILINE)
    assert re.search(r"^Keywords:\s+intelligence artificielle, IA open source", info, re.MULTILINE)
    assert "(A4)" in info
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == "fr-FR"
        assert 'pdfuaid:part="1"' in document.open_metadata().__str__() or (
            "pdfuaid" in document.Root.Metadata.read_bytes().decode("utf-8")
        )


@pytest.mark.slow
def test_headings_in_article_order(publication):
    app, _, pdf = publication
    with pikepdf.open(pdf) as document:
        elements = struct_elements(document)
        assert heading_texts(elements, "/H1") == [
            "Les grands modèles contre l’open source : un nouveau front de bataille dans "
            "l’intelligence artificielle ?"
        ]
        expected = [element_text(app.env.titles[f"docs/{p}"].astext()) for p in ARTICLE_PAGES[1:]]
        expected.append("Bibliographie")
        assert heading_texts(elements, "/H2") == expected
        # the headings come in reading order: H1, then each H2 before its H3s
        kinds = [str(e.S) for e in elements if str(e.S) in ("/H1", "/H2", "/H3")]
        assert kinds[0] == "/H1" and kinds[1] == "/H2" and "/H3" in kinds
        # every heading is a bookmark
        outline_titles = []
        with document.open_outline() as outline:
            def walk(items):
                for item in items:
                    outline_titles.append(element_text(item.title))
                    walk(item.children)
            walk(outline.root)
        for title in expected:
            assert title in outline_titles


@pytest.mark.slow
def test_one_figure_with_the_chart_description_as_alt_per_chart(publication, project_dir):
    app, _, pdf = publication
    descriptions = []
    for page in ARTICLE_PAGES:
        doctree = app.env.get_doctree(f"docs/{page}")
        descriptions += [node["chart"].description for node in doctree.findall(chart_node)]
    assert len(descriptions) == 4
    with pikepdf.open(pdf) as document:
        figures = [e for e in struct_elements(document) if str(e.S) == "/Figure"]
        assert [str(f.get("/Alt", "")) for f in figures] == descriptions


@pytest.mark.slow
def test_one_table_with_header_cells_per_data_table(publication):
    _, _, pdf = publication
    with pikepdf.open(pdf) as document:
        elements = struct_elements(document)
        tables = [e for e in elements if str(e.S) == "/Table"]
        assert len(tables) == 1  # « Comparaison de l’infrastructure »
        headers = [e for e in struct_elements_of(tables[0]) if str(e.S) == "/TH"]
        assert len(headers) == 2


def struct_elements_of(element) -> list:
    found = []
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += struct_elements_of(kid)
    return found


@pytest.mark.slow
def test_every_sentence_of_the_article_in_order(publication):
    _, _, pdf = publication
    raw = pdftotext(pdf)
    # Typst's hyphenation breaks are soft hyphens (U+00AD): the word is whole.
    text = _normalise(raw.replace("\u00ad\n", ""))
    position = 0
    for line in _article_lines():
        for sentence in _sentences(line):
            found = text.find(sentence, position)
            assert found >= 0, f"missing or out of order: {sentence!r}"
            position = found + len(sentence)


@pytest.mark.slow
def test_internal_links_resolve(publication):
    _, _, pdf = publication
    with pikepdf.open(pdf) as document:
        links = internal_link_pages(document)
        last = len(document.pages) - 1
    assert len(links) > 40  # citations, backlinks, figure references
    assert all(0 <= target <= last for _, target in links), links
    # citations point forward to the bibliography, backlinks back into the text
    assert any(target > page for page, target in links)
    assert any(target < page for page, target in links)


@pytest.mark.slow
def test_compiles_offline(publication):
    """The Typst source imports our template only, and compiles without a network."""
    app, _, _ = publication
    outdir = Path(app.outdir)
    source = (outdir / PDF_NAME.replace(".pdf", ".typ")).read_text(encoding="utf-8")
    template = (outdir / "publication.typ").read_text(encoding="utf-8")
    imports = re.findall(r"#import\s+\"([^\"]+)\"", source + template)
    assert imports == ["publication.typ"]
    assert "@preview" not in source + template
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "unshare", "-n", "true"], capture_output=True) if unshare else None
    if probe is None or probe.returncode != 0:
        pytest.skip("unshare -n (a process without network) is not permitted here; imports checked")
    script = (
        "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], pdf_standards=['ua-1'])"
    )
    result = subprocess.run(
        [unshare, "-n", sys.executable, "-c", script, str(outdir / PDF_NAME.replace(".pdf", ".typ")),
         str(outdir / "offline.pdf")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (outdir / "offline.pdf").stat().st_size > 10_000


# -- a small project with every construct ------------------------------------------------------


@pytest.fixture
def nodes_build(build_root):
    return build_root("typst-nodes", "typst")


def test_unknown_node_gives_a_located_warning_and_keeps_its_text(nodes_build):
    app = nodes_build
    warnings = app.warning.getvalue()
    assert re.search(r"index\.rst:\d+: WARNING: .*'mystery'", warnings), warnings
    assert "Texte du nœud inconnu." in pdftotext(Path(app.outdir) / "essai.pdf")


def test_other_extensions_render_their_nodes_through_add_node(nodes_build):
    """``app.add_node(node, typst=(visit, depart))`` reaches the translator."""
    app = nodes_build
    assert "stamped" not in app.warning.getvalue()
    assert "TAMPON valide" in element_text(pdftotext(Path(app.outdir) / "essai.pdf"))


def test_every_construct_reaches_the_pdf(nodes_build):
    app = nodes_build
    pdf = Path(app.outdir) / "essai.pdf"
    text = element_text(pdftotext(pdf))
    # markup characters come out as written
    assert "code_littéral #[x]" in text
    assert "# $ @ < > [ ] ~ = - + / // * _ `" in text
    for expected in ("Essai : le titre du document", "Autrice Témoin", "1er janvier 2025",
                     "premier élément de liste", "1. un", "Sa définition.",
                     "Tableau 1 : Tableau témoin", "Fig. 1 : Barres témoins",
                     "Tableau 2 : Données témoins", "Le texte de la note de bas de page.",
                     "Note de vérification", "Le texte de la note de relecture.",
                     "des chiffres récents", "Chapitre inclus", "Dernière phrase du chapitre.",
                     "Cité dans", "Une source témoin"):
        assert expected in text, expected
    # French spaces are no-break spaces in the source Typst sets (pdftotext prints them plain)
    source = (Path(app.outdir) / "essai.typ").read_text(encoding="utf-8")
    assert "Essai\u00a0\\: le titre" in source
    assert "spéciaux\u00a0\\: " in source
    info = pdfinfo(pdf)
    assert re.search(r"^Subject:\s+Un sujet$", info, re.MULTILINE)
    assert re.search(r"^Keywords:\s+alpha, bêta$", info, re.MULTILINE)
    with pikepdf.open(pdf) as document:
        elements = struct_elements(document)
        kinds = [str(e.S) for e in elements]
        assert kinds.count("/Table") == 2 and kinds.count("/Figure") == 1
        assert [str(e.Alt) for e in elements if str(e.S) == "/Figure"] == [
            "Deux barres : alpha 3, bêta 5."
        ]
        assert "/Note" in kinds  # the footnote
        assert heading_texts(elements, "/H2") == ["Chapitre inclus", "Une section"]


def test_two_builds_give_the_same_bytes(rootdir, tmp_path):
    """Two fresh ``sphinx-build -b typst`` runs (as a user runs them) give one PDF."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-typst-nodes", srcdir)
    outputs = []
    for run in range(2):
        outdir = tmp_path / f"out{run}"
        subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "typst", str(srcdir),
                        str(outdir)], check=True, capture_output=True)
        outputs.append((outdir / "essai.pdf").read_bytes())
    assert outputs[0] == outputs[1]


# -- pure parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("css", "typst"),
    [("400px", "300pt"), ("400", "300pt"), ("80%", "80%"), ("12cm", "12cm"), ("wide", None)],
)
def test_lengths(css, typst):
    assert typst_length(css) == typst


def test_markup_escapes_every_special_character():
    assert markup.text("a#b") == "a\\#b"
    assert markup.text("https://x") == "https\\:\\/\\/x"
    assert markup.text("line\nbreak") == "line break"
    assert markup.string('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert markup.label_name("docs/page", "cite ref/1") == "docs.page:cite_ref_1"


def test_a_failed_compile_is_a_located_error_and_a_failed_build(build_root):
    app = build_root("typst-broken", "typst")
    warnings = app.warning.getvalue()
    # the page and line of the raw Typst, not the generated file
    assert re.search(r"index\.rst:6: ERROR: Typst could not compile the PDF, so there is no PDF: "
                     r".*no-such-function", warnings), warnings
    assert "broken.typ" not in warnings
    assert app.statuscode == 1  # sphinx-build exits non-zero, without -W too
    assert not (Path(app.outdir) / "broken.pdf").exists()
    assert not list(Path(app.outdir).glob("*.pdf")) and not list(Path(app.outdir).glob(".*pdf"))


def test_a_second_build_that_fails_leaves_no_stale_pdf(build_root):
    """Row 10 of « Hostile and broken input »: the PDF of an earlier build is never
    left in place of the one that failed, and the error names the page and line."""
    first = build_root("typst-second-build", "typst")
    pdf = Path(first.outdir) / "secondbuild.pdf"
    assert first.statuscode == 0 and pdf.is_file(), first.warning.getvalue()
    chapter = Path(first.srcdir) / "chapter.rst"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "#text[raw Typst that compiles]", "#text[raw Typst that does not] #undefined-call()"),
        encoding="utf-8")
    second = build_root("typst-second-build", "typst", srcdir=first.srcdir)
    assert Path(second.outdir) == Path(first.outdir)
    warnings = second.warning.getvalue()
    assert re.search(r"chapter\.rst:9: ERROR: Typst could not compile the PDF, so there is no PDF: "
                     r"unknown variable: undefined-call", warnings), warnings
    assert ".typ:" not in warnings  # no position in the generated file
    assert second.statuscode == 1
    assert not pdf.exists()
    assert not [p for p in Path(second.outdir).iterdir() if p.suffix == ".pdf" or "partial" in p.name]


def test_an_error_in_an_included_file_is_reported_there(build_root):
    def break_included(srcdir: Path) -> None:
        part = srcdir / "part.inc"
        part.write_text(part.read_text(encoding="utf-8").replace(
            "#text[included raw Typst]", "#not-defined-here()"), encoding="utf-8")

    app = build_root("typst-second-build", "typst", edit=break_included)
    warnings = app.warning.getvalue()
    assert re.search(r"part\.inc:3: ERROR: .*not-defined-here", warnings), warnings
    assert app.statuscode == 1


def test_two_images_of_the_same_file_name_keep_their_own_files(build_root):
    """Images are named by Sphinx (``builder.images``): ``a/logo.svg`` and
    ``b/logo.svg`` no longer overwrite each other in ``_images``."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="{}"/></svg>'

    def add_images(srcdir: Path) -> None:
        for folder, height in (("a", 4), ("b", 8)):
            (srcdir / folder).mkdir()
            (srcdir / folder / "logo.svg").write_text(svg.format(height), encoding="utf-8")
        index = srcdir / "index.rst"
        index.write_text(index.read_text(encoding="utf-8") + "\n.. image:: a/logo.svg\n   :alt: first\n"
                         "\n.. image:: b/logo.svg\n   :alt: second\n", encoding="utf-8")

    app = build_root("typst-second-build", "typst", edit=add_images)
    assert app.statuscode == 0, app.warning.getvalue()
    source = (Path(app.outdir) / "secondbuild.typ").read_text(encoding="utf-8")
    paths = re.findall(r'#image\("([^"]+)", alt: "(first|second)"', source)
    assert [alt for _path, alt in paths] == ["first", "second"]
    assert paths[0][0] != paths[1][0]
    heights = [(Path(app.outdir) / path).read_text(encoding="utf-8") for path, _alt in paths]
    assert 'height="4"' in heights[0] and 'height="8"' in heights[1]


def test_source_positions_map_generated_lines_to_the_nearest_mark():
    text = "head\n/* @source a.md:3 */para\n\n#x /* @source docs/b c.md:10 */y\nz\n"
    assert positions.source_position(text, 1) is None
    assert positions.source_position(text, 2, 5) == positions.SourcePosition("a.md", 3)
    assert positions.source_position(text, 4, 1) == positions.SourcePosition("a.md", 3)
    assert positions.source_position(text, 4, 30) == positions.SourcePosition("docs/b c.md", 10)
    assert positions.source_position(text, 5) == positions.SourcePosition("docs/b c.md", 10)
    assert positions.mark("x*/y.md", 3) == "" and positions.mark("a.md", None) == ""


def test_builds_with_no_tex_on_the_path(rootdir, tmp_path):
    """`make pdf` needs the Python packages only: no program from PATH at all."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-typst-nodes", srcdir)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "typst", str(srcdir), str(tmp_path / "out")],
        capture_output=True, text=True, env={"PATH": str(tmp_path / "empty"), "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "essai.pdf").stat().st_size > 10_000
