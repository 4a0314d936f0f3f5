"""The bibliography's language-bound fields in the English edition (issue 25).

``howpublished``, ``note``, ``type`` and ``addendum`` of ``refs.bib`` are messages
of ``refs.po``: the English edition prints their translation everywhere an entry
is printed (bibliography, cards, ``citation_reference``, EPUB, LaTeX), titles and
names as written; a missing translation is located at its ``refs.bib`` line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_publication.translation import status

ROOT = "translation-bib"
FRENCH = ("Prépublication arXiv", "Article payant", "Enquête", "Jeu de données mis à jour en continu")
ENGLISH = ("arXiv preprint", "Paywalled article", "Survey")


@pytest.fixture(scope="module")
def english(build_once):
    return build_once(ROOT, "html", confoverrides={"language": "en"})


@pytest.fixture(scope="module")
def french(build_once):
    return build_once(ROOT, "html")


def page(app, name="index.html") -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def bibliography(html: str) -> str:
    """The text of the page's bibliography list."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return " ".join(node.get_text(" ") for node in soup.select("div.citation, div[role=list] > div, dl.citation"))


def citation_references(html: str) -> list[str]:
    return re.findall(r'<meta name="citation_reference" content="([^"]*)"', html)


def remove_translation(path: Path, msgid: str, fuzzy: bool = False) -> None:
    po = path / "locale" / "en" / "LC_MESSAGES" / "refs.po"
    text = po.read_text(encoding="utf-8")
    block = re.search(rf'msgid "{re.escape(msgid)}"\nmsgstr "[^"]*"', text).group(0)
    replaced = f"#, fuzzy\n{block}" if fuzzy else block.rpartition("\n")[0] + '\nmsgstr ""'
    po.write_text(text.replace(block, replaced), encoding="utf-8")


def test_english_prints_the_translated_fields_everywhere(english):
    html = page(english)
    assert english._warning.getvalue().strip() == ""
    for words in FRENCH:
        assert words not in html
    # the bibliography, each card (in the page's <template>), the Highwire tags
    entries = bibliography(html)
    assert "arXiv preprint, 2024. Paywalled article." in entries, entries
    assert "The state of models. Survey, Example Institute" in entries, entries
    cards = html[html.index('<template class="publication-cards"'):]
    assert "Une étude des modèles. arXiv preprint, 2024. Paywalled article." in cards
    assert "citation_publisher=arXiv preprint" in citation_references(html)[0]


def test_titles_names_and_type_keys_stay_as_written(english):
    html = page(english)
    assert "Ada Lovelace. Une étude des modèles." in html  # a cited work's title is its own
    assert "PhD thesis" in bibliography(html)  # type = {phdthesis}: the style's words, not a message


def test_french_unchanged(french):
    html = page(french)
    entries = bibliography(html)
    assert "Prépublication arXiv, 2024. Article payant." in entries, entries
    assert "Enquête, Example Institute" in entries
    assert "citation_publisher=Prépublication arXiv" in citation_references(html)[0]
    for words in ENGLISH:
        assert words not in html


def test_epub_and_latex_print_the_translation(build_root):
    epub = build_root(ROOT, "epub", confoverrides={"language": "en"})
    text = "".join(path.read_text(encoding="utf-8") for path in Path(epub.outdir).rglob("*.xhtml"))
    assert "Paywalled article" in text and "Survey" in text
    assert not any(words in text for words in FRENCH)
    latex = build_root(ROOT, "latex", confoverrides={"language": "en"})
    tex = "".join(path.read_text(encoding="utf-8") for path in Path(latex.outdir).glob("*.tex"))
    assert "Paywalled article" in tex
    assert not any(words in tex for words in FRENCH)


def test_missing_translation_warns_at_its_bib_line(build_root):
    app = build_root(ROOT, "html", edit=lambda path: remove_translation(path, "Enquête"),
                     confoverrides={"language": "en"})
    warnings = app._warning.getvalue()
    assert re.search(r"refs\.bib:13: WARNING: 1 bibliography field\(s\) of the English edition are not "
                     r"translated", warnings), warnings
    assert "Enquête, Example Institute" in bibliography(page(app))  # shown as written


def test_release_fails_located_on_each_missing_field(build_root):
    def edit(path: Path) -> None:
        remove_translation(path, "Enquête")
        remove_translation(path, "Article payant", fuzzy=True)

    app = build_root(ROOT, "html", edit=edit, confoverrides={"language": "en", "editorial_mode": "release"})
    warnings = app._warning.getvalue()
    assert re.search(r'refs\.bib:13: ERROR: untranslated message in the English edition.*"Enquête"', warnings), warnings
    assert re.search(r'refs\.bib:5: ERROR: fuzzy message in the English edition.*"Article payant"', warnings), warnings
    assert app.statuscode == 1


def test_gettext_writes_the_fields_located_in_the_bib(build_root):
    app = build_root(ROOT, "gettext")
    status.relocate(Path(app.outdir), Path(app.srcdir))
    pot = (Path(app.outdir) / "refs.pot").read_text(encoding="utf-8")
    assert '#. preprint2024: howpublished\n#: refs.bib:4\nmsgid "Prépublication arXiv"' in pot, pot
    assert '#: refs.bib:13\nmsgid "Enquête"' in pot
    assert '#: refs.bib:15\nmsgid "Jeu de données mis à jour en continu"' in pot
    # data is no message: titles, a biblatex type key, a number
    for data in ("Une étude des modèles", "phdthesis", '"2020"'):
        assert data not in pot
    assert "refs.bib" not in (Path(app.outdir) / "index.pot").read_text(encoding="utf-8")


def test_status_counts_and_locates_the_bibliography_catalog(tmp_path, rootdir):
    import shutil

    locale = tmp_path / "locale"
    shutil.copytree(Path(rootdir) / f"test-{ROOT}" / "locale", locale)
    remove_translation(tmp_path, "Enquête")
    pages = status.catalog_status(locale, "en")
    assert [(p.catalog, p.translated, len(p.untranslated)) for p in pages if p.catalog == "refs"] == [("refs", 3, 1)]
    report = status.format_status(pages)
    assert re.search(r'^refs\.bib:13: untranslated: "Enquête"$', report, re.M), report


def test_edited_field_becomes_fuzzy_and_located(build_root, tmp_path):
    """`make locale-update` after a .bib edit: the old translation is kept, fuzzy, at the field's line."""
    import io

    from babel.messages.pofile import read_po, write_po

    def edit(path: Path) -> None:
        bib = path / "refs.bib"
        bib.write_text(bib.read_text(encoding="utf-8").replace("{Article payant}", "{Article payant en ligne}"),
                       encoding="utf-8")

    app = build_root(ROOT, "gettext", edit=edit)
    status.relocate(Path(app.outdir), Path(app.srcdir))
    with (Path(app.outdir) / "refs.pot").open("rb") as source:
        template = read_po(source)
    with (Path(app.srcdir) / "locale" / "en" / "LC_MESSAGES" / "refs.po").open("rb") as source:
        catalog = read_po(source, locale="en")
    catalog.update(template)  # what sphinx-intl update does
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    locale = tmp_path / "locale" / "en" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "refs.po").write_bytes(buffer.getvalue())
    report = status.format_status(status.catalog_status(tmp_path / "locale", "en"))
    assert re.search(r'^refs\.bib:5: fuzzy: "Article payant en ligne"$', report, re.M), report
