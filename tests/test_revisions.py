"""``publication diff BASE``: the tracked-changes edition (sphinx_publication.revisions).

``roots/test-revisions`` is committed into a fresh git repository (the base);
the working tree is then edited, one change of each kind per page (:func:`edit_all`),
and compared. The asserts read ``changes.json`` and the marked HTML; the last
tests check bad input and that git's state is never touched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_publication.importer import cli
from sphinx_publication.revisions.blocks import Block, Snapshot, Token
from sphinx_publication.revisions.compare import compare, table_changes

ROOT = Path(__file__).resolve().parent / "roots" / "test-revisions"
EDITION = "docs/modifications.html"
GIT_USER = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *GIT_USER, *args], check=True, capture_output=True,
                          text=True).stdout


def make_repo(tmp: Path, commit: bool = True) -> Path:
    repo = tmp / "repo"
    shutil.copytree(ROOT, repo)
    git(repo, "init", "-q", "-b", "main")
    if commit:
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", "base")
    return repo


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_all(repo: Path) -> None:
    """One change of each kind, each on its own page (uncommitted: the working tree)."""
    docs = repo / "docs"
    texte = docs / "texte.md"
    replace(texte, "progressent vite", "progressent très vite")  # a word added
    replace(texte, "Ce paragraphe sera retiré de la version suivante, car il ne sert à rien.\n\n", "")
    replace(texte, "reste la même. La seconde", "reste la même.\n\nLa seconde")  # split
    replace(texte, "## Une première partie", "## Une partie remaniée")
    replace(texte, "dont un mot change", "dont un terme change")
    replace(texte, "| Bêta | 13 milliards |", "| Bêta | 14 milliards |")
    replace(texte, "rapports publiés en 2023", "rapports publiés en 2024")  # a footnote
    replace(texte, 'taille=7', 'taille=8')  # a code block, highlighted as a whole
    deplace = docs / "deplace.md"
    moved = "Ce paragraphe ira tout à la fin de la page sans changer d’un mot.\n\n"
    replace(deplace, moved, "")
    deplace.write_text(deplace.read_text(encoding="utf-8") + "\n" + moved, encoding="utf-8")
    citations = docs / "citations.md"
    replace(citations, "sourcée plus tard.", "sourcée plus tard {cite:p}`martin2023`.")
    replace(citations, "retirée {cite:p}`durand2021`.", "retirée.")
    # French typography only: quotes, apostrophe and non-breaking spaces are no change.
    replace(citations, 'répondu "oui" : l\'article est accepté !',
            "répondu «\u00a0oui\u00a0»\u202f: l’article est accepté\u202f!")
    bib = repo / "refs.bib"
    replace(bib, "  year = {2023},\n", "  year = {2024},\n  doi = {10.1000/livre},\n")
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{durand2021")
    bib.write_text(text[:start] + "@misc{nouveau2024,\n  author = {Neuf, Anne},\n  title = {Un ajout},\n"
                   "  year = {2024},\n}\n", encoding="utf-8")
    figures = docs / "figures.md"
    replace(figures, ":headers: Modèle, 2023\n\nClaude : 175\nLlama : 65",
            ":headers: Modèle, 2023, 2024\n\nClaude : 180 ; 200\nLlama : 65 ; 70")
    (docs / "publies.json").write_text(  # Plotly: a value changed, a trace added, an axis renamed
        '{"data": [{"type": "bar", "name": "Ouverts", "x": ["2022", "2023"], "y": [3, 6]},'
        ' {"type": "bar", "name": "Fermés", "x": ["2022", "2023"], "y": [4, 4]}],'
        ' "layout": {"xaxis": {"title": {"text": "Année de publication"}},'
        ' "yaxis": {"title": {"text": "Modèles"}}}}', encoding="utf-8")
    replace(figures, "Modèles publiés chaque année", "Modèles publiés au fil des années")  # a caption
    notes = docs / "notes.md"
    replace(notes, ":status: wrong", ":status: confirmed")
    replace(notes, "{data-needed}`le nombre de contributeurs`", "1 200 contributeurs")
    notes.write_text(notes.read_text(encoding="utf-8") + "\nUne date reste à trouver : "
                     "{data-needed}`la date de sortie`.\n\n```{review-note}\n:status: to-verify\n\n"
                     "Une nouvelle note de vérification.\n```\n", encoding="utf-8")
    (docs / "ancienne.md").rename(docs / "nouvelle.md")
    (docs / "ajout.md").write_text("# Une page ajoutée\n\nUn paragraphe entièrement nouveau ici.\n",
                                   encoding="utf-8")
    replace(docs / "index.md", "ancienne\n", "nouvelle\najout\n")


def git_state(repo: Path) -> dict[str, str]:
    return {
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "head": git(repo, "rev-parse", "HEAD"),
        "branches": git(repo, "branch", "-a", "-v"),
        "index": git(repo, "ls-files", "-s"),
        "worktrees": git(repo, "worktree", "list", "--porcelain"),
        "stash": git(repo, "stash", "list"),
    }


def diff(repo: Path, base: str, out: Path, *extra: str) -> int:
    return cli.main(["diff", base, "--out", str(out), "--project", str(repo), *extra])


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("revisions")
    repo = make_repo(tmp)
    edit_all(repo)
    before = git_state(repo)
    out = tmp / "diff"
    status = diff(repo, "main", out)
    return {"status": status, "out": out, "repo": repo, "before": before,
            "changes": json.loads((out / "changes.json").read_text(encoding="utf-8")),
            "html": BeautifulSoup((out / "html" / EDITION).read_text(encoding="utf-8"), "html.parser")}


def changes_of(compared, kind, op=None, page=None):
    return [c for c in compared["changes"]["changes"]
            if c["kind"] == kind and (op is None or c["op"] == op) and (page is None or c["page"] == page)]


# -- the command's output -----------------------------------------------------------------


def test_outputs_and_untouched_git_state(compared):
    assert compared["status"] == 0
    out = compared["out"]
    assert (out / "html" / "index.html").is_file()
    assert (out / "revisions-test-modifications.pdf").read_bytes()[:5] == b"%PDF-"
    assert git_state(compared["repo"]) == compared["before"]
    assert not list(out.glob("*.typ"))


def test_pdf_is_tagged_and_marked(compared):
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(compared["out"] / "revisions-test-modifications.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert "pdfuaid" in pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert str(pdf.Root.Lang).startswith("fr")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # poppler-utils: what the PDF says
        text = subprocess.run([pdftotext, str(compared["out"] / "revisions-test-modifications.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Résumé des modifications" in text and "très" in text and "remaniée" in text
        assert "Voir l’entrée" not in text and "modification suivante" not in text  # web only


def test_changes_json_schema(compared):
    document = compared["changes"]
    assert document["base"].startswith("main (") and document["head"] == "working tree"
    for change in document["changes"]:
        assert set(change) == {"page", "kind", "op", "before", "after", "anchor"}
        assert change["kind"] in {"text", "heading", "citation", "bibliography", "figure", "table",
                                  "editorial", "page"}
        assert change["op"] in {"insert", "delete", "replace", "move"}
        assert compared["html"].find(id=change["anchor"]) is not None, change
    for value in document["changes"]:
        for text in (value["before"], value["after"]):
            assert text is None or ("{cite" not in text and "<" not in text)


def test_marks_never_break_the_markup(compared):
    html = compared["html"]
    blocks = ["p", "div", "table", "section", "ul", "ol", "li", "figure", "pre", "h1", "h2", "h3"]
    for mark in html.find_all(["ins", "del"]):
        assert not mark.find(blocks), mark  # inline marks hold inline content only
        assert mark.find_parent(["ins", "del"]) is None or mark.find_parent("td"), mark
    text = compared["out"].joinpath("html", EDITION).read_text(encoding="utf-8")
    assert text.count("<ins") == text.count("</ins>") and text.count("<del") == text.count("</del>")


def test_sentence_edited(compared):
    assert {"page": "docs/texte", "kind": "text", "op": "insert", "before": None, "after": "très"} in [
        {k: c[k] for k in ("page", "kind", "op", "before", "after")} for c in changes_of(compared, "text")]
    ins = [i for i in compared["html"].find_all("ins") if "très" in i.get_text()]
    assert ins and "début d’insertion" in ins[0].get_text()


def test_paragraph_deleted(compared):
    deleted = changes_of(compared, "text", "delete", "docs/texte")
    assert any(c["before"].startswith("Ce paragraphe sera retiré") for c in deleted)
    dels = [d for d in compared["html"].find_all("del") if "sera retiré" in d.get_text()]
    assert dels and "fin de suppression" in dels[0].get_text()


def test_french_typography_in_the_source_is_no_change(compared):
    for change in compared["changes"]["changes"]:
        for text in (change["before"] or "", change["after"] or ""):
            assert "oui" not in text and "accepté" not in text, change


def test_paragraph_split_shows_no_word_change(compared):
    for change in compared["changes"]["changes"]:
        for text in (change["before"] or "", change["after"] or ""):
            assert "seconde phrase" not in text and "première phrase" not in text


def test_heading_renamed(compared):
    headings = changes_of(compared, "heading", page="docs/texte")
    assert {c["before"] for c in headings} >= {"première"} and {c["after"] for c in headings} >= {"remaniée"}


def test_footnote_text(compared):
    change = next(c for c in changes_of(compared, "text", "replace", "docs/texte") if c["before"] == "2023")
    assert change["after"] == "2024"
    mark = compared["html"].find(id=change["anchor"])
    assert mark.find_parent(class_="footnote") is not None or mark.find_parent("aside") is not None


def test_list_item_and_table_cell(compared):
    assert any(c["before"] == "mot" and c["after"] == "terme" for c in changes_of(compared, "text", "replace"))
    assert any(c["before"] == "13" and c["after"] == "14" for c in changes_of(compared, "table", "replace"))


def test_code_block_change_is_marked_beside_it(compared):
    change = next(c for c in changes_of(compared, "text", "replace") if c["before"] == "7")
    assert change["after"] == "8"
    mark = compared["html"].find(id=change["anchor"])
    assert mark.find("del").get_text().count("7") and mark.find("ins").get_text().count("8")
    assert mark.find_previous_sibling("div", class_="highlight-text") is not None
    assert compared["changes"]["summary"]["tables_changed"] == 1


def test_paragraph_moved_is_one_move_linked_both_ways(compared):
    moves = changes_of(compared, "text", "move", "docs/deplace")
    assert len(moves) == 1 and moves[0]["before"].startswith("Ce paragraphe ira tout à la fin")
    assert not [c for c in changes_of(compared, "text", page="docs/deplace") if c["op"] != "move"]
    html = compared["html"]
    to = html.find(id=moves[0]["anchor"])
    origin = html.find(attrs={"data-partner": moves[0]["anchor"]})
    assert origin is not None and to.get("data-partner") == origin["id"]
    assert to.find("a")["href"] == "#" + origin["id"]


def test_citation_added_and_removed_as_citations(compared):
    added = changes_of(compared, "citation", "insert", "docs/citations")
    removed = changes_of(compared, "citation", "delete", "docs/citations")
    assert [c["after"].split()[0] for c in added] == ["martin2023"]
    assert [c["before"].split()[0] for c in removed] == ["durand2021"]
    mark = compared["html"].find(id=added[0]["anchor"])
    links = [a for a in compared["html"].find_all("ins") if a.find("a", href="#cite-martin2023")]
    assert links == [mark]
    # the added citation is one insertion, brackets and number with it, not one per text node
    assert mark.name == "ins" and mark.find_parent("ins") is None
    drawn = "".join(s.get_text() for s in mark.children if "sp-rev-sr" not in (getattr(s, "get", None)
                                                                                and s.get("class") or []))
    assert drawn.strip().startswith("[") and drawn.strip().endswith("]"), mark
    assert len(mark.find_parent("p").find_all("ins")) == 1, mark.find_parent("p")
    assert "{cite" not in compared["html"].get_text()


def test_bibliography_entries(compared):
    bib = changes_of(compared, "bibliography")
    assert any(c["op"] == "insert" and c["after"].startswith("nouveau2024") for c in bib)
    assert any(c["op"] == "delete" and c["before"].startswith("durand2021") for c in bib)
    changed = [c for c in bib if c["op"] == "replace"]
    assert len(changed) == 1 and "year: 2023" in changed[0]["before"] and "year: 2024" in changed[0]["after"]
    assert "doi: 10.1000/livre" in changed[0]["after"]
    note = compared["html"].find(id=changed[0]["anchor"]).get_text(" ")
    assert "année" in note and "2023" in note and "2024" in note and "DOI" in note


def test_chart_value_changed_and_series_added(compared):
    figures = changes_of(compared, "figure", page="docs/figures")
    assert {"op": "replace", "before": "Claude / 2023 : 175", "after": "Claude / 2023 : 180"} in [
        {k: c[k] for k in ("op", "before", "after")} for c in figures]
    assert any(c["op"] == "insert" and c["after"].endswith("2024") for c in figures)
    value = next(c for c in figures if c["before"] == "Claude / 2023 : 175")
    block = compared["html"].find(id=value["anchor"])
    assert "données modifiées (" in block.get_text()
    assert block.find("del").get_text().count("175") and block.find("ins")
    figure = compared["html"].find(id="fig-parametres")
    data = figure.find("details", class_="sp-chart-data")
    assert data.has_attr("open")
    claude = next(tr for tr in data.find_all("tr") if tr.th and tr.th.get_text() == "Claude")
    cell = claude.find_all("td")[0]
    assert "175" in cell.find("del").get_text() and "180" in cell.find("ins").get_text()
    assert "2024" in data.find("thead").find("ins").get_text()


def test_plotly_chart_compared_trace_by_trace(compared):
    figures = [{k: c[k] for k in ("op", "before", "after")} for c in changes_of(compared, "figure")]
    assert {"op": "replace", "before": "2023 / Ouverts : 5", "after": "2023 / Ouverts : 6"} in figures
    assert {"op": "insert", "before": None, "after": "Fermés"} in figures
    assert {"op": "replace", "before": "x_label: Année", "after": "x_label: Année de publication"} in figures
    summary = compared["changes"]["summary"]
    assert summary["figures_changed"] == 2
    caption = [c for c in changes_of(compared, "figure", "replace") if c["before"] == "chaque année"]
    assert caption and caption[0]["after"] == "au fil des années"


def test_editorial_changes(compared):
    editorial = changes_of(compared, "editorial", page="docs/notes")
    assert any(c["op"] == "replace" and c["before"] == "erroné" and c["after"] == "confirmé" for c in editorial)
    assert any(c["op"] == "delete" and "contributeurs" in c["before"] for c in editorial)
    assert any(c["op"] == "insert" and "la date de sortie" in c["after"] for c in editorial)  # marker added
    assert any(c["op"] == "insert" and "nouvelle note" in c["after"] for c in editorial)  # note added
    summary = compared["changes"]["summary"]
    assert summary["editorial_status_changed"] == 1 and summary["editorial_resolved"] >= 1
    assert summary["editorial_added"] >= 2
    assert summary["words_before"] != summary["words_after"]


def test_pages_added_and_renamed(compared):
    pages = changes_of(compared, "page")
    assert {"op": "move", "before": "docs/ancienne", "after": "docs/nouvelle"} in [
        {k: c[k] for k in ("op", "before", "after")} for c in pages]
    assert any(c["op"] == "insert" and c["after"] == "docs/ajout" for c in pages)
    assert not [c for c in pages if c["op"] == "delete"]


def test_summary_lists_every_change_in_reading_order(compared):
    html = compared["html"]
    box = html.find(id="resume-des-modifications")
    assert box.find("h2").get_text() == "Résumé des modifications"  # reached by heading navigation
    links = [a["href"][1:] for a in box.find("ol").find_all("a")]
    anchors = [c["anchor"] for c in compared["changes"]["changes"]]
    assert links == anchors
    order = [tag["id"] for tag in html.find_all(id=True) if tag["id"].startswith("rev-")]
    assert sorted(set(anchors), key=order.index) == list(dict.fromkeys(anchors))
    nav = box.find("nav")
    assert nav.find("output").get_text() == f"0 / {len(order)}"


def test_links_of_the_theme_reach_the_edition(compared):
    html = compared["out"] / "html"
    forward = (html / "docs" / "texte.html").read_text(encoding="utf-8")
    assert 'url=modifications.html#le-texte"' in forward
    assert "modifications.html#" in (html / "docs" / "index.html").read_text(encoding="utf-8")
    assert 'url=docs/modifications.html"' in (html / "index.html").read_text(encoding="utf-8")


def test_assets_from_the_package_only(compared):
    html = compared["html"]
    for tag in html.find_all(["script", "link"]):
        address = tag.get("src") or tag.get("href") or ""
        assert "://" not in address or tag.name == "link" and tag.get("rel") == ["canonical"], address
    assert (compared["out"] / "html" / "_static" / "revisions.js").is_file()


# -- the model alone --------------------------------------------------------------------


def _block(text: str, page: str = "docs/p") -> Block:
    tokens = [Token(word, word, index > 0) for index, word in enumerate(text.split())]
    return Block(page, "text", " ".join(text.split()), tokens)


def test_french_typography_is_not_a_change():
    from sphinx_publication.revisions.blocks import _TOKEN, normalise

    def key(text):
        return [m.group() for m in _TOKEN.finditer(normalise(text))]

    assert key("« Oui » : c’est\u202fvrai ?") == key("\"Oui\" : c'est vrai ?")


def test_identical_snapshots_have_no_change():
    blocks = [_block("Un paragraphe assez long pour compter"), _block("Un autre")]
    result = compare(Snapshot(blocks, {}, 10), Snapshot(blocks, {}, 10))
    assert result.changes == [] and result.summary["changes"] == 0


def test_moved_and_edited_paragraph_is_a_move_with_its_words_marked():
    long = "Ce long paragraphe change de place et un seul de ses mots change en chemin vers la fin"
    base = [_block(long), _block("Un premier paragraphe fixe ici"), _block("Un second paragraphe fixe là")]
    head = [base[1], base[2], _block(long.replace("seul", "unique"))]
    result = compare(Snapshot(base, {}, 0), Snapshot(head, {}, 0))
    ops = [(c.op, c.before, c.after) for c in result.changes]
    assert ops[0][0] == "move" and ("replace", "seul", "unique") in ops
    assert not [op for op in ops if op[0] in {"insert", "delete"}]


def test_page_removed():
    base = Snapshot([_block("Une page qui reste", "docs/a"), _block("Une page qui part", "docs/b")],
                    {"docs/a": "une page qui reste", "docs/b": "une page qui part"}, 0)
    head = Snapshot([_block("Une page qui reste", "docs/a")], {"docs/a": "une page qui reste"}, 0)
    pages = [(c.kind, c.op, c.before) for c in compare(base, head).changes if c.kind == "page"]
    assert pages == [("page", "delete", "docs/b")]


def test_table_changes_rows_and_series():
    before = [{"headers": ["Modèle", "2023"], "rows": [["Claude", "175"], ["Llama", "65"]]}]
    after = [{"headers": ["Modèle", "2023", "2024"], "rows": [["Claude", "180", "200"], ["Mistral", "7", "8"]]}]
    found = {(c["what"], c["row"], c["column"], c["before"], c["after"]) for c in table_changes(before, after)}
    assert ("value", "Claude", "2023", "175", "180") in found
    assert ("series", None, "2024", None, "2024") in found
    assert ("row", "Mistral", None, None, "7 ; 8") in found
    assert ("row", "Llama", None, "65", None) in found


# -- identical versions, bad input --------------------------------------------------------


def test_identical_versions(tmp_path):
    repo = make_repo(tmp_path)
    out = tmp_path / "diff"
    (out / "notes.txt").parent.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # beside the outputs: kept
    assert diff(repo, "HEAD", out, "--no-pdf") == 0
    assert diff(repo, "HEAD", out, "--no-pdf") == 0  # the edition of a comparison is replaced
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    document = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    assert document["changes"] == [] and document["summary"]["changes"] == 0
    page = (out / "html" / EDITION).read_text(encoding="utf-8")
    assert "Les deux versions sont identiques" in page


@pytest.mark.parametrize("base", ["pas-une-revision", "HEAD~5", "HEAD^{tree}"])
def test_base_that_is_not_a_revision(tmp_path, capsys, base):
    repo = make_repo(tmp_path)
    before = git_state(repo)
    out = tmp_path / "diff"
    assert diff(repo, base, out) == 2
    assert "not a" in capsys.readouterr().err
    assert not out.exists()
    assert git_state(repo) == before


def test_folder_without_a_publication(tmp_path, capsys):
    repo = make_repo(tmp_path)
    assert diff(repo / "docs", "HEAD", tmp_path / "diff") == 2
    assert "no conf.py" in capsys.readouterr().err
    assert not (tmp_path / "diff").exists()


def test_an_html_folder_of_another_tool_is_never_replaced(tmp_path, capsys):
    repo = make_repo(tmp_path)
    site = tmp_path / "build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the site", encoding="utf-8")
    assert diff(repo, "HEAD", tmp_path / "build") == 2
    assert "not written by publication diff" in capsys.readouterr().err
    assert (site / "index.html").read_text(encoding="utf-8") == "the site"


def test_repository_without_history(tmp_path, capsys):
    repo = make_repo(tmp_path, commit=False)
    out = tmp_path / "diff"
    assert diff(repo, "HEAD", out) == 2
    assert "no git history" in capsys.readouterr().err
    assert not out.exists()


def test_base_that_does_not_build(tmp_path, capsys):
    repo = make_repo(tmp_path)
    replace(repo / "conf.py", 'html_theme = "furo"', 'html_theme = "furo"\nraise RuntimeError("conf cassée")')
    git(repo, "commit", "-q", "-am", "broken")
    broken = git(repo, "rev-parse", "HEAD").strip()
    replace(repo / "conf.py", '\nraise RuntimeError("conf cassée")', "")
    before = git_state(repo)
    out = tmp_path / "diff"
    assert diff(repo, broken, out, "--no-pdf") == 1
    err = capsys.readouterr().err
    assert f"the publication at {broken} does not build" in err and "conf cassée" in err
    assert not out.exists()
    assert git_state(repo) == before
    assert not [p for p in Path(tmp_path).iterdir() if p.name.startswith("publication-diff-")]


# -- Read the Docs: a pull request's build ----------------------------------------------


def test_readthedocs_pull_request_build(tmp_path, monkeypatch):
    from sphinx_publication.revisions import readthedocs

    repo = make_repo(tmp_path)
    git(repo, "checkout", "-q", "-b", "pr")
    replace(repo / "docs" / "texte.md", "progressent vite", "progressent très vite")
    git(repo, "commit", "-q", "-am", "a pull request")
    output = tmp_path / "_readthedocs"
    site = output / "html"
    (site / "docs").mkdir(parents=True)  # the site Read the Docs just built (two of its pages)
    (site / "index.html").write_text("<html><body><p>accueil</p></body></html>", encoding="utf-8")
    (site / "docs" / "texte.html").write_text('<html><body class="x"><p>texte</p></body></html>',
                                              encoding="utf-8")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("READTHEDOCS_OUTPUT", str(output))
    monkeypatch.setenv("READTHEDOCS_VERSION", "42")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "fr")
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "branch")
    assert readthedocs.main(["--base", "main"]) == 0
    assert not (site / "_modifications").exists()

    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "external")
    assert readthedocs.main(["--base", "main"]) == 0
    edition = site / "_modifications"
    changes = json.loads((edition / "changes.json").read_text(encoding="utf-8"))
    assert [c["after"] for c in changes["changes"]] == ["très"]
    assert (edition / EDITION).is_file() and (edition / "revisions-test-modifications.pdf").is_file()
    page = BeautifulSoup((site / "docs" / "texte.html").read_text(encoding="utf-8"), "html.parser")
    banner = page.body.find(class_="sp-rev-banner")
    assert "demande de fusion 42" in banner.get_text() and "par rapport à main" in banner.get_text()
    assert banner.find("a")["href"] == "../_modifications/index.html"
    top = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert top.find(class_="sp-rev-banner").find("a")["href"] == "_modifications/index.html"
    assert git(repo, "status", "--porcelain") == ""


def test_a_pdf_that_does_not_compile_is_named(tmp_path, capsys):
    repo = make_repo(tmp_path)
    replace(repo / "docs" / "texte.md", "progressent vite", "progressent vite \U0001F4AC")  # no glyph for it
    before = git_state(repo)
    out = tmp_path / "diff"
    assert diff(repo, "HEAD", out) == 1
    err = capsys.readouterr().err
    assert "the PDF of the tracked-changes edition" in err and "--no-pdf" in err
    assert not out.exists() and git_state(repo) == before
    assert diff(repo, "HEAD", out, "--no-pdf") == 0
