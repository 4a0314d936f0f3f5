"""The English edition through Sphinx's translation workflow (issue 25), on a small root:
chart words, a cited paragraph and a review note translated from the catalog, numbers in
English, twin pages linked both ways, the catalog's state located in the sources."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from sphinx_publication.translation import status

ROOT = "translation"


@pytest.fixture(scope="module")
def english(build_once):
    return build_once(ROOT, "html", confoverrides={"language": "en"})


@pytest.fixture(scope="module")
def french(build_once):
    return build_once(ROOT, "html")


def page(app, name="index.html") -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def test_english_page_language_and_text(english):
    html = page(english)
    assert re.search(r'<html[^>]* lang="en"', html)
    assert "Open models change research" in html
    assert "Les modèles ouverts changent" not in html
    assert "warning" not in english._warning.getvalue().lower()


def test_translated_paragraph_keeps_its_citation_and_card(english, french):
    for html in (page(english), page(french)):
        trigger = re.search(r'class="publication-card-trigger reference internal" href="#([^"]+)"'
                            r' title="David Gray Widder', html)
        assert trigger, "the citation keeps its key's entry and card"
        assert f'id="{trigger.group(1)}"' in html  # the entry it links to is listed
    assert "Cited in" in page(english)  # English bibliography terms (publication-en)


def test_chart_words_translated_values_shared(english, french):
    en, fr = page(english), page(french)
    for word in ("Adoption by sector", "Healthcare", "Education", "Sector"):
        assert word in en
    assert "Santé" not in en and "Santé" in fr
    assert "1,700" in en and "1\u202f700" in fr  # one value, each language's number format


def test_review_note_translated(english):
    html = page(english)
    assert "Adoption in healthcare" in html and "The reviewer's note." in html.replace("&#8217;", "'").replace("’", "'")


def test_switcher_and_hreflang_both_ways(english, french):
    en, fr = page(english), page(french)
    assert '<link rel="alternate" hreflang="fr" href="../html/index.html" />' in en
    assert '<link rel="alternate" hreflang="en" href="../html-en/index.html" />' in fr
    assert '<link rel="alternate" hreflang="x-default" href="../html/index.html" />' in en
    assert 'hreflang="x-default" href="../html/index.html"' in fr
    assert re.search(r'<a class="sidebar-language-link" href="../html/index.html" hreflang="fr" lang="fr">Français</a>', en)
    assert re.search(r'<a class="sidebar-language-link" href="../html-en/index.html" hreflang="en" lang="en">English</a>', fr)


def test_gettext_offers_chart_words_and_claim(build_root):
    app = build_root(ROOT, "gettext")
    pot = (Path(app.outdir) / "index.pot").read_text(encoding="utf-8")
    for message in ("Secteur", "Santé", "Adoption dans la santé", "La note du relecteur."):
        assert f'msgid "{message}"' in pot
    assert 'msgid "1700"' not in pot


def test_french_edit_makes_its_message_fuzzy_and_located(build_root, tmp_path):
    from babel.messages.pofile import read_po, write_po

    def edit(path: Path) -> None:
        text = (path / "index.md").read_text(encoding="utf-8")
        (path / "index.md").write_text(text.replace("changent la recherche", "changent vite la recherche"),
                                       encoding="utf-8")

    app = build_root(ROOT, "gettext", edit=edit)
    status.relocate(Path(app.outdir), Path(app.srcdir))
    po_path = Path(app.srcdir) / "locale" / "en" / "LC_MESSAGES" / "index.po"
    with (Path(app.outdir) / "index.pot").open("rb") as source:
        template = read_po(source)
    with po_path.open("rb") as source:
        catalog = read_po(source, locale="en")
    catalog.update(template)  # what sphinx-intl update does
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    locale = tmp_path / "locale" / "en" / "LC_MESSAGES" / "docs"
    locale.mkdir(parents=True)
    (locale / "index.po").write_bytes(buffer.getvalue())
    report = status.format_status(status.catalog_status(tmp_path / "locale", "en"))
    assert re.search(r'^index\.md:3: fuzzy: "Les modèles ouverts changent vite la recherche', report, re.M), report


def test_release_fails_located_on_untranslated(build_root):
    def edit(path: Path) -> None:
        po = path / "locale" / "en" / "LC_MESSAGES" / "index.po"
        po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Healthcare"', 'msgstr ""'), encoding="utf-8")

    app = build_root(ROOT, "html", edit=edit, confoverrides={"language": "en", "editorial_mode": "release"})
    warnings = app._warning.getvalue()
    assert "report.md" not in warnings  # its front matter is metadata, not a message
    assert re.search(r"index\.md:5: ERROR: untranslated message in the English edition.*\"Santé\"", warnings), warnings


def test_editorial_report_lists_figures_by_their_translated_titles(english, french):
    # the report reads a figure's title from its caption, which the Locale transform translated
    en, fr = page(english, "report.html"), page(french, "report.html")
    assert "Adoption by sector" in en and "Adoption par secteur" not in en
    assert "Adoption par secteur" in fr


def test_front_matter_is_not_a_message(english):
    # report.md's front matter (orphan: true) is page metadata, not text: the gettext
    # builder never offers it, so the English edition must not count it untranslated
    # (a release failed on it: test_release_fails_located_on_untranslated)
    assert "report" not in english.env.get_domain("publication-translation").missing
