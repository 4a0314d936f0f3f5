"""Citation cards and the reviewer's path in built pages (no browser).

The browser behaviour is in test_browser_cards.py; here, what each builder
writes: the page's <template> of cards, the marked links, nothing in EPUB,
LaTeX or text, the report's reading order and the links to its rows.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.element import NavigableString, TemplateString

from helpers import warnings_of
from sphinx_publication.citations import cards
from sphinx_publication.citations.backlinks import letter

STATIC = Path(cards.__file__).parent / "static"


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def template_cards(page: BeautifulSoup) -> dict:
    templates = page.select("template.publication-cards")
    assert len(templates) == 1
    return {card["data-card"]: card for card in templates[0].select("[data-card]")}


def text(node) -> str:
    # BeautifulSoup leaves a <template>'s strings out of get_text() unless asked
    return " ".join(node.get_text(types=(NavigableString, TemplateString)).split())


# -- html ------------------------------------------------------------------------------------


def test_each_page_holds_the_cards_of_what_it_cites(build_root):
    app = build_root("cards")
    premier = soup(app, "premier.html")
    found = template_cards(premier)
    assert sorted(found) == [
        "cite-brown2020language", "cite-kaiser2017tensor2tensor", "cite-widder2024open",
        "fig-modeles", "tab-couts",
    ]
    second = template_cards(soup(app, "second.html"))
    assert sorted(second) == ["cite-brown2020language", "cite-widder2024open", "fig-modeles"]
    triggers = premier.select("a.publication-card-trigger")
    assert {a["href"].rsplit("#", 1)[1] for a in triggers} == set(found)
    assert all(a.find_parent("template") is None for a in triggers)
    # the other internal links get no card
    assert not premier.select("template a.publication-card-trigger")


def test_a_card_shows_the_entry_as_the_bibliography_prints_it(build_root):
    app = build_root("cards")
    card = template_cards(soup(app, "premier.html"))["cite-widder2024open"]
    entry = soup(app, "bibliographie.html").find(id="cite-widder2024open")
    assert text(entry.find("p")) in text(card)
    assert card["data-label"] == "Référence [2]"
    hrefs = [a["href"] for a in card.find_all("a")]
    assert "https://doi.org/10.1038/s41586-024-08141-1" in hrefs
    assert "bibliographie.html#cite-widder2024open" in hrefs  # « Voir l’entrée… »
    places = card.select_one("p.citation-backlinks")
    # rendered once for every page of the folder: the page's own citation is "premier.html#…"
    assert [a["href"] for a in places.find_all("a")] == ["premier.html#cite-ref-premier-2",
                                                         "second.html#cite-ref-second-1"]
    bibliography_places = entry.select_one("p.citation-backlinks")
    assert text(places) == text(bibliography_places)  # the same words as the bibliography
    assert "Voir l’entrée dans la bibliographie" in text(card)


def test_a_card_lists_the_first_places_and_counts_the_others(build_root):
    app = build_root("cards", confoverrides={"citation_card_places": 1})
    card = template_cards(soup(app, "premier.html"))["cite-widder2024open"]
    places = card.select_one("p.citation-backlinks")
    assert [a["href"] for a in places.find_all("a")] == ["premier.html#cite-ref-premier-2"]
    assert text(places).endswith("; et 1 autre page"), text(places)
    # the bibliography still lists every place
    entry = soup(app, "bibliographie.html").find(id="cite-widder2024open")
    assert len(entry.select("p.citation-backlinks a")) == 2


@pytest.mark.parametrize("value", ["0", "-3", "'cinq'"])
def test_a_bad_number_of_card_places_warns_at_its_line(build_root, value):
    def edit(srcdir):
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"citation_card_places = {value}\n")

    app = build_root("cards", edit=edit)
    line = (app.srcdir / "conf.py").read_text(encoding="utf-8").count("\n")
    warnings = [w for w in warnings_of(app).splitlines() if "citation_card_places" in w]
    assert len(warnings) == 1, warnings
    assert f"conf.py:{line}: WARNING: citation_card_places doit être un nombre entier" in warnings[0]
    card = template_cards(soup(app, "premier.html"))["cite-widder2024open"]
    assert len(card.select("p.citation-backlinks a")) == 2  # the default, 5 pages


def test_numref_cards_hold_number_and_caption(build_root):
    app = build_root("cards")
    found = template_cards(soup(app, "premier.html"))
    assert text(found["fig-modeles"]).startswith("Fig. 1 – Paramètres des modèles")
    assert found["fig-modeles"].find("a")["href"] == "second.html#fig-modeles"
    assert text(found["tab-couts"]).startswith("Tableau 1 – Coûts d’entraînement")
    assert "Voir le tableau" in text(found["tab-couts"])


def test_script_and_style_are_served_and_within_budget(build_root):
    app = build_root("cards")
    page = soup(app, "premier.html")
    assert page.find("script", src=lambda s: s and "sphinx-publication-cards.js" in s)
    assert page.find("link", href=lambda s: s and "sphinx-publication-cards.css" in s)
    for name in (cards.SCRIPT, cards.STYLESHEET):
        assert (Path(app.outdir) / "_static" / name).is_file()
    weight = len(gzip.compress(b"".join((STATIC / n).read_bytes() for n in (cards.SCRIPT, cards.STYLESHEET)), 9))
    assert weight <= 3 * 1024, f"cards weigh {weight} bytes gzipped"


def test_one_page_edition_has_one_set_of_cards_linking_within_the_page(build_root):
    app = build_root("cards", "singlehtml")
    page = soup(app, "index.html")
    found = template_cards(page)
    assert set(found) == {
        "cite-brown2020language", "cite-kaiser2017tensor2tensor", "cite-widder2024open",
        "fig-modeles", "tab-couts",
    }
    for card in found.values():
        for a in card.select("a.reference.internal"):
            assert a["href"].count("#") == 1 and a["href"].startswith("#"), a["href"]
            assert page.find(id=a["href"][1:]) is not None, a["href"]


def test_dirhtml_pages_hold_cards(build_root):
    app = build_root("cards", "dirhtml")
    found = template_cards(soup(app, "premier/index.html"))
    assert found["fig-modeles"].find("a")["href"] == "../second/#fig-modeles"


def test_epub_gets_plain_links_and_no_script(build_root):
    app = build_root("cards", "epub")
    page = (Path(app.outdir) / "premier.xhtml").read_text(encoding="utf-8")
    assert "<template" not in page and "sphinx-publication-cards.js" not in page
    assert "publication-card-trigger" not in page
    assert "sphinx-publication-cards.css" in page  # hides the backlinks' screen-reader words
    assert 'href="bibliographie.xhtml#cite-kaiser2017tensor2tensor"' in page


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_formats_show_no_card(build_root, builder):
    app = build_root("cards", builder)
    written = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.t*x*"))
    assert "Voir l’entrée" not in written and "Voir la figure" not in written
    assert "retour à la citation" not in written  # screen-reader words are HTML-only
    assert "↩" in written  # the backlinks themselves are there


# -- backlinks ---------------------------------------------------------------------------------


def test_backlink_letters():
    assert [letter(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["a", "b", "z", "aa", "ab", "az", "ba"]


# -- the reviewer's path -------------------------------------------------------------------------


def test_report_lists_items_in_reading_order_each_with_a_next_link(build_root):
    app = build_root("cards")
    report = soup(app, "etat.html")
    rows = report.select("ol.editorial-report-reading-order > li")
    assert [row["id"] for row in rows] == [
        "editorial-report-data-needed-premier-1",
        "editorial-report-review-note-premier-1",
    ]
    first, last = rows
    links = first.find_all("a")
    assert links[0]["href"] == "premier.html#data-needed-premier-1"
    assert (links[1].get_text(), links[1]["href"]) == ("suivant", "#editorial-report-review-note-premier-1")
    assert [a.get_text() for a in last.find_all("a")] == [
        "Note de vérification (erroné)\xa0: Claude compte 175 milliards de paramètres"]


def test_markers_and_notes_link_to_their_report_row(build_root):
    app = build_root("cards")
    premier = soup(app, "premier.html")
    marker = premier.find(id="data-needed-premier-1").select_one(".editorial-label a")
    assert marker["href"] == "etat.html#editorial-report-data-needed-premier-1"
    assert "(voir dans l’état éditorial)" in marker.get_text()
    note = premier.find(id="review-note-premier-1").select_one("a.editorial-report-link")
    assert note["href"] == "etat.html#editorial-report-review-note-premier-1"
    assert note.get_text() == "Voir dans l’état éditorial"


def test_report_rows_are_reached_within_the_one_page_edition(build_root):
    app = build_root("cards", "singlehtml")
    page = soup(app, "index.html")
    link = page.find(id="review-note-premier-1").select_one("a.editorial-report-link")
    assert link["href"] == "#editorial-report-review-note-premier-1"
    assert page.find(id="editorial-report-review-note-premier-1").name == "li"


def test_the_search_index_ignores_what_only_the_cards_hold(build_root):
    """A page is not found for words that only its hidden cards hold."""
    import json

    app = build_root("cards")
    raw = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    pages = index["docnames"]
    found_in = {pages[i] for i in _as_list(index["terms"]["tensor2tensor"])}
    # "Tensor2Tensor" is in an entry's title: the bibliography prints it, premier's card repeats it
    assert found_in == {"bibliographie"}


def _as_list(value) -> list[int]:
    return value if isinstance(value, list) else [value]
