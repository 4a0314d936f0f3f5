"""Model -> MyST pages: names, directives, roles, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_publication.importer.citations import load_mapping
from sphinx_publication.importer.emit import escape_text
from sphinx_publication.importer.pipeline import import_draft
from sphinx_publication.importer.slugs import SlugRegistry, slugify

DATA = Path(__file__).resolve().parent / "data"
DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def seed_pages():
    text = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    result = import_draft(text, load_mapping(DATA / "seed-citations.toml"))
    assert result.errors == []
    return result.pages


@pytest.mark.parametrize(("title", "slug"), [
    ("Comprendre l’IA open source", "comprendre-l-ia-open-source"),
    ("L’avenir de l’IA : grands modèles contre open source ?",
     "l-avenir-de-l-ia-grands-modeles-contre-open-source"),
    ("Équilibrer l’innovation", "equilibrer-l-innovation"),
    ("???", "partie"),
])
def test_slugs_are_ascii_and_hyphenated(title, slug):
    assert slugify(title) == slug


def test_slug_registry_keeps_names_unique_and_avoids_reserved_ones():
    registry = SlugRegistry(frozenset({"index"}))
    assert [registry.unique(t) for t in ["Index", "A", "A"]] == ["index-2", "a", "a-2"]


def test_seed_gives_a_landing_page_one_page_per_part_and_a_bibliography(seed_pages):
    names = list(seed_pages)
    assert names[0] == "index.md" and names[-1] == "bibliographie.md"
    assert len(names) == 11
    landing = seed_pages["index.md"]
    toctree = landing.split("```{toctree}")[1]
    assert [line for line in toctree.splitlines()[4:-1]] == [n[:-3] for n in names[1:]]
    assert "```{rst-class} lede\n```\n\nL’annonce" in landing
    assert 'author: "Maria Rodriguez"' in landing


def test_seed_chart_and_table_directives(seed_pages):
    page = seed_pages["la-montee-des-grands-modeles-linguistiques.md"]
    assert ("```{chart-bar} Comparaison des modèles GML\n:name: fig-comparaison-des-modeles-gml\n"
            ":x-label: Modèle\n:y-label: Paramètres\n\nGPT-4 : 1.7T\nClaude : 175B\nMixtral : 12B\n```"
            ) in page
    page = seed_pages["consequences-pour-l-ecosysteme-open-source.md"]
    assert (":headers: Type, Ressources nécessaires\n\nOpen Source : Volontaire/Moyen\n"
            "Proprietary : Élevé/Dédié\n```") in page
    assert "infrastructure dédiée.\n\n```{data-table}" in page


def test_seed_roles_and_word_count(seed_pages):
    everything = "".join(seed_pages.values())
    assert everything.count("{data-needed}`") == 8
    assert "GPT-4 {cite:p}`jiang2024mixtral,mistral2023mixtral`." in everything
    assert seed_pages["conclusion.md"].endswith(
        "```{rst-class} word-count\n```\n\nNombre de mots : {word-count}`article` (hors références)\n")
    assert "5000" not in everything
    assert "Comments" not in everything


def test_seed_pages_have_the_same_text_as_the_hand_made_ones(seed_pages):
    """Every hand-made page of a part has the same headings and prose, roles aside."""
    import re

    def prose(text):
        text = re.sub(r"\{[\w:-]+\}`[^`]*`", "", text)
        text = re.sub(r"```\{(?!chart|data-table).*?```\n", "", text, flags=re.S)
        text = re.sub(r"^:(name|source|description|scale):.*\n", "", text, flags=re.M)
        return re.sub(r"\s+", " ", text).strip()

    imported = [prose(t) for n, t in seed_pages.items() if n not in ("index.md", "bibliographie.md")]
    hand_made = sorted(prose(p.read_text(encoding="utf-8")) for p in DOCS.glob("*.md")
                       if p.stem not in ("index", "bibliographie", "etat-editorial"))
    normalised = [re.sub(r":name: \S+ ", "", t) for t in imported]
    assert sorted(normalised) == sorted(re.sub(r":name: \S+ ", "", t) for t in hand_made)


@pytest.mark.parametrize(("text", "escaped"), [
    ("a*b_c", r"a\*b\_c"),
    ("`code`", r"\`code\`"),
    ("<b>", r"\<b>"),
    ("# pas un titre", r"\# pas un titre"),
    ("- pas une liste", r"\- pas une liste"),
    ("1. pas une liste", r"1\. pas une liste".replace("1\\.", "\\1.")),
    ("% pas un commentaire", r"\% pas un commentaire"),
    ("&amp;", r"\&amp;"),
    ("L’IA « libre » : oui ?", "L’IA « libre » : oui ?"),
])
def test_plain_prose_is_escaped_for_myst(text, escaped):
    assert escape_text(text) == escaped


def test_backticks_in_data_needed_description_keep_the_role_intact():
    draft = "T\nA\nChapeau.\nP\nIl faut [DONNÉES NÉCESSAIRES : la valeur `x`].\n"
    page = import_draft(draft).pages["p.md"]
    assert "{data-needed}`` la valeur `x` ``" in page
