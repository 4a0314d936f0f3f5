"""Draft structure: title, author, lede, headings and their levels, lists, footer."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_publication.importer.model import BulletList, Chart, Paragraph, Table, Text, WordCount
from sphinx_publication.importer.parse import parse_draft

SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "seed-article.txt"

HEAD = "Titre de l’article\nAnne Auteur\nUn chapeau qui présente l’article.\n"


def outline(text):
    result = parse_draft(text)
    assert result.errors == [], result.errors
    return [(part.title, [s.title for s in part.sections]) for part in result.document.parts]


def test_seed_structure_matches_the_hand_made_publication():
    result = parse_draft(SEED.read_text(encoding="utf-8"))
    document = result.document
    assert result.errors == []
    assert document.title.startswith("Les grands modèles contre l’open source")
    assert document.author == "Maria Rodriguez"
    assert document.lede.inlines[0].text.startswith("L’annonce des grands modèles")
    parts = [(p.title, len(p.sections)) for p in document.parts]
    assert parts == [
        ("La montée des grands modèles linguistiques", 0),
        ("Comprendre l’IA open source", 0),
        ("Mistral AI et leurs grands modèles", 0),
        ("Conséquences pour l’écosystème open source", 3),
        ("L’argument en faveur de l’open source dans l’IA", 3),
        ("Contrearguments : La valeur des grands modèles", 3),
        ("Naviguer dans un terrain intermédiaire", 3),
        ("L’avenir de l’IA : grands modèles contre open source ?", 3),
        ("Conclusion", 0),
    ]


def test_rule_heading_followed_by_heading_opens_a_part_with_subsections():
    text = HEAD + "Partie\nSous-partie A\nTexte A.\nSous-partie B\nTexte B.\n"
    assert outline(text) == [("Partie", ["Sous-partie A", "Sous-partie B"])]


def test_rule_heading_followed_by_text_is_a_part_outside_subsections():
    text = HEAD + "Première\nTexte.\nDeuxième\nTexte.\n"
    assert outline(text) == [("Première", []), ("Deuxième", [])]


def test_rule_new_part_after_subsections_needs_a_heading_right_after_it():
    text = HEAD + "P1\nS1\nTexte.\nS2\nTexte.\nP2\nS3\nTexte.\n"
    assert outline(text) == [("P1", ["S1", "S2"]), ("P2", ["S3"])]


@pytest.mark.parametrize("keyword", ["Conclusion", "Introduction", "Épilogue", "Annexe A"])
def test_rule_part_keywords_close_the_subsections(keyword):
    text = HEAD + f"P1\nS1\nTexte.\n{keyword}\nTexte final.\n"
    assert outline(text) == [("P1", ["S1"]), (keyword, [])]


def test_explicit_markup_overrides_the_rules():
    text = HEAD + "# P1\nTexte d’introduction.\n## S1\nTexte.\nS2\nTexte.\n# Une partie, enfin.\nTexte.\n"
    assert outline(text) == [("P1", ["S1", "S2"]), ("Une partie, enfin.", [])]


def test_deeper_explicit_levels_are_errors():
    result = parse_draft(HEAD + "# P\n### trop profond\n")
    assert [(e.location.line, "(##)" in e.message) for e in result.errors] == [(5, True)]


def test_subsection_before_any_part_is_an_error():
    result = parse_draft(HEAD + "## S\nTexte.\n")
    assert [e.location.line for e in result.errors] == [4]


@pytest.mark.parametrize("line", [
    "Une phrase courte.", "Pour naviguer, on pourrait envisager :", "Liste ;", "Ah !",
    "Un titre qui finit par une citation [1]", "\\Une ligne forcée en paragraphe",
    "Un titre " + "très " * 15 + "long",
])
def test_lines_that_are_not_headings(line):
    result = parse_draft(HEAD + "P\nTexte.\n" + line + "\n")
    part = result.document.parts[-1]
    assert part.title == "P"
    assert isinstance(part.blocks[-1], Paragraph)


def test_question_mark_ends_a_heading():
    assert outline(HEAD + "Et après ?\nTexte.\n") == [("Et après ?", [])]


def test_bullet_lists_group_consecutive_items():
    result = parse_draft(HEAD + "P\nIntro :\n- un : a.\n- deux : b.\n• trois.\nFin.\n")
    blocks = result.document.parts[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "BulletList", "Paragraph"]
    assert [item[0].text for item in blocks[1].items] == ["un : a.", "deux : b.", "trois."]


def test_inline_table_marker_moves_after_its_paragraph():
    result = parse_draft(HEAD + "P\nInfrastructure dédiée [TABLEAU : T | A, B | x : y]. Suite.\n")
    paragraph, table = result.document.parts[0].blocks
    assert isinstance(table, Table)
    assert paragraph.inlines == [Text("Infrastructure dédiée. Suite.")]


def test_chart_marker_line_is_a_block():
    result = parse_draft(HEAD + "P\nTexte.\n[CHART_BAR: T | X : Y | a : 1]\n")
    assert [type(b) for b in result.document.parts[0].blocks] == [Paragraph, Chart]


def test_word_count_line_is_kept_in_place_without_its_number():
    result = parse_draft(HEAD + "Conclusion\nFin.\nNombre de mots : 5000 (hors références)\n")
    block = result.document.parts[0].blocks[-1]
    assert isinstance(block, WordCount)
    assert (block.stated, block.suffix) == (5000, "(hors références)")


def test_web_footer_is_dropped_with_a_notice():
    text = HEAD + "P\nTexte.\n💬 Comments\nComments are coming soon! We're setting up.\nBye.\n"
    result = parse_draft(text)
    assert [len(p.blocks) for p in result.document.parts] == [1]
    notices = [d for d in result.diagnostics if not d.is_error]
    assert any("footer" in n.message and n.location.line == 6 for n in notices)


def test_blank_lines_and_crlf_are_ignored():
    text = HEAD.replace("\n", "\r\n") + "\r\nP\r\n\r\nTexte.\r\n"
    assert outline(text) == [("P", [])]


def test_missing_author_is_an_error():
    result = parse_draft("Seulement un titre\n")
    assert result.document is None and result.errors[0].location.line == 1


def test_malformed_marker_error_carries_line_and_column():
    result = parse_draft(HEAD + "P\n  Texte [CHART_PIE: T | X : Y]\n")
    (error,) = result.errors
    assert (error.location.line, error.location.column) == (5, 9)


def test_comments_line_followed_by_content_is_not_a_footer():
    text = HEAD + "P\nTexte.\nComments\n" + "Une phrase.\n" * 6
    result = parse_draft(text)
    assert not any("footer" in d.message for d in result.diagnostics)
    assert [p.title for p in result.document.parts] == ["P", "Comments"]


def test_prose_starting_like_the_word_count_line_stays_prose():
    result = parse_draft(HEAD + "P\nNombre de mots anglais sont entrés dans la langue.\n")
    assert isinstance(result.document.parts[0].blocks[0], Paragraph)
