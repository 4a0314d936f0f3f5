"""Model -> MyST pages: names, directives, roles, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_publication.figures.parse import split_headers
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
    assert (":headers: Type : Ressources nécessaires\n\nOpen Source : Volontaire/Moyen\n"
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
        # The same header names, whichever separator the page uses.
        text = re.sub(r"^:headers: (.*)$", lambda m: ":headers: " + " | ".join(split_headers(m[1])),
                      text, flags=re.M)
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


# -- what the figures directives read back ------------------------------------------------


def _draft(marker: str) -> str:
    return f"Titre\n\nAuteur\n\nUn chapeau.\n\n# Partie\n\n{marker}\n"


def test_table_headers_holding_commas_read_back_as_written():
    """Headers were joined with ', ' and the figures parser split them again on
    every comma: "Ressources (GPU, TPU)" became two columns and the build failed."""
    result = import_draft(_draft(
        "[TABLEAU : Coûts | Type : Ressources (GPU, TPU) | Open Source : Volontaire ; Propriétaire : Interne]"))
    assert result.errors == []
    page = result.pages["partie.md"]
    assert ":headers: Type : Ressources (GPU, TPU)\n" in page
    headers = page.split(":headers: ")[1].split("\n")[0]
    assert split_headers(headers) == ["Type", "Ressources (GPU, TPU)"]


def test_chart_series_names_holding_commas_read_back_as_written():
    result = import_draft(_draft("[CHART_BAR: Modèles | Année : Ouverts (OSI, libres) : Fermés | 2023 : 3 : 5]"))
    assert result.errors == []
    assert ":headers: Année : Ouverts (OSI, libres) : Fermés\n" in result.pages["partie.md"]


@pytest.mark.parametrize(("marker", "words"), [
    # The importer's grammar accepts these, the chart directive does not: the
    # import must fail, located, instead of the build.
    ("[CHART_PIE: Parts | Type : Part | A : -5, B : 10]", "negative pie slice 'A'"),
    ("[CHART_PIE: Parts | Type : Part | A : 0, B : 0]", "all the pie slices are zero"),
])
def test_figures_the_build_would_reject_are_import_errors(marker, words, monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(name, "C")
    result = import_draft(_draft(marker))
    assert result.pages == {}
    errors = [e for e in result.errors if "would not build" in e.message]
    assert len(errors) == 1, result.diagnostics
    assert words in errors[0].message
    assert errors[0].location.line == 9 and errors[0].expected


def test_table_rows_are_split_by_the_figures_grammar(monkeypatch):
    """``x :  : z`` is two cells for the data-table directive: the marker says so too."""
    monkeypatch.setenv("LANGUAGE", "C")
    result = import_draft(_draft("[TABLEAU : T | A : B : C | x :  : z]"))
    assert [e.message for e in result.errors] == [
        "the row 'x :  : z' has 2 cells, the table has 3 columns"
    ]


def test_figure_errors_are_localized_with_the_figures_catalog(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "fr")
    result = import_draft(_draft("[CHART_PIE: Parts | Type : Part | A : -5, B : 10]"))
    assert [e.message for e in result.errors] == [
        "ce graphique ne se construirait pas : part négative 'A' : "
        "un graphique circulaire montre les parts d’un tout"
    ]


def test_stated_word_count_notice_counts_like_the_built_word_count(monkeypatch):
    """One counting rule for the import notice and the built {word-count}:
    "1.7T" and "Volontaire/Moyen" are one word each (a regex made them two)."""
    from sphinx_publication.editorial.wordcount import count_words

    monkeypatch.setenv("LANGUAGE", "C")
    prose = ["Un chapeau.", "Partie", "GPT-4 compte 1.7T paramètres, Volontaire/Moyen : « fin » ?"]
    text = f"Titre\n\nAuteur\n\n{prose[0]}\n\n# {prose[1]}\n\n{prose[2]}\n\nNombre de mots : 3\n"
    notice = next(d for d in import_draft(text).diagnostics if "word count" in d.message)
    expected = sum(count_words(t) for t in prose)
    assert expected == 9
    assert f"about {expected} words" in notice.message
