"""Generate a synthetic publication: N pages of French text with inline-data
charts and tables and ``{cite:p}`` citations to the keys of a generated
``refs.bib``.

The generator is deterministic (seeded): the same arguments give the same
files, so two benchmark runs measure the same work.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

CHART_KINDS = ("chart-bar", "chart-pie", "chart-line", "data-table")
BIB_TYPES = ("article", "book", "inproceedings", "misc", "techreport")
WORDS = (
    "modèle données calcul ouverture recherche licence entreprise innovation "
    "transparence paramètres communauté évaluation confidentialité régulation "
    "infrastructure collaboration langage apprentissage performance accès"
).split()
SURNAMES = ("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau "
            "Simon Laurent Lefebvre Michel Garcia David Bertrand Roux").split()
GIVEN = "Anne Bruno Claire Denis Élise François Hélène Julien Léa Marc".split()


@dataclass(frozen=True)
class CorpusSize:
    pages: int
    charts: int
    citations: int
    bib_entries: int = 200

    def doubled(self) -> CorpusSize:
        return CorpusSize(self.pages * 2, self.charts * 2, self.citations * 2, self.bib_entries)


def write_corpus(srcdir: Path, size: CorpusSize, extensions: list[str], seed: int = 7) -> None:
    """Write a buildable Sphinx project of *size* into *srcdir*."""
    rng = random.Random(seed)
    srcdir.mkdir(parents=True, exist_ok=True)
    keys = [f"ref{i:04d}" for i in range(size.bib_entries)]
    (srcdir / "conf.py").write_text(corpus_conf(extensions), encoding="utf-8")
    (srcdir / "refs.bib").write_text(bib_text(keys, rng), encoding="utf-8")
    names = [f"page{i:04d}" for i in range(size.pages)]
    charts = _spread(size.charts, size.pages)
    citations = _spread(size.citations, size.pages)
    for i, name in enumerate(names):
        text = page_text(i, charts[i], citations[i], keys, rng)
        (srcdir / f"{name}.md").write_text(text, encoding="utf-8")
    (srcdir / "bibliographie.md").write_text("# Bibliographie\n\n```{bibliography}\n```\n",
                                              encoding="utf-8")
    toctree = "\n".join([*names, "bibliographie"])
    (srcdir / "index.md").write_text(
        f"# Corpus de mesure\n\n```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n", encoding="utf-8"
    )


def corpus_conf(extensions: list[str]) -> str:
    return (
        '"""Generated benchmark corpus."""\n'
        'project = "Corpus"\n'
        'author = "Banc d’essai"\n'
        'language = "fr"\n'
        f"extensions = {extensions!r}\n"
        'source_suffix = {".md": "markdown"}\n'
        'exclude_patterns = ["_build"]\n'
        "numfig = True\n"
        'html_theme = "furo"\n'
        "html_last_updated_fmt = None\n"
        'bibtex_bibfiles = ["refs.bib"]\n'
        # the publication's own styles (what the citations layer formats and caches)
        'bibtex_default_style = "publication"\n'
        'bibtex_reference_style = "publication"\n'
        'bibtex_cite_id = "cite-{key}"\n'
        # every layer on: the one-page edition too (an unknown setting where it is not loaded)
        'one_page_edition = "lire-en-une-page"\n'
    )


def bib_text(keys: list[str], rng: random.Random) -> str:
    entries = []
    for i, key in enumerate(keys):
        kind = BIB_TYPES[i % len(BIB_TYPES)]
        authors = " and ".join(
            f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 3))
        )
        fields = {
            "author": authors,
            "title": _sentence(rng, 6).rstrip("."),
            "year": str(rng.randint(1995, 2024)),
        }
        if kind == "article":
            fields |= {"journal": "Revue des " + rng.choice(WORDS), "volume": str(rng.randint(1, 40)),
                       "pages": f"{rng.randint(1, 99)}--{rng.randint(100, 200)}"}
        elif kind == "book":
            fields |= {"publisher": "Éditions " + rng.choice(SURNAMES)}
        elif kind == "inproceedings":
            fields |= {"booktitle": "Actes du colloque " + rng.choice(WORDS)}
        elif kind == "techreport":
            fields |= {"institution": "Institut " + rng.choice(SURNAMES)}
        else:
            fields |= {"howpublished": "En ligne", "url": f"https://example.org/{key}"}
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        entries.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


def page_text(index: int, n_charts: int, n_citations: int, keys: list[str],
              rng: random.Random) -> str:
    parts = [f"# Page {index} : {_sentence(rng, 4).rstrip('.')}\n"]
    paragraphs = max(n_charts, 1) + 1
    cites = _spread(n_citations, paragraphs)
    for p in range(paragraphs):
        roles = " ".join(f"{{cite:p}}`{rng.choice(keys)}`" for _ in range(cites[p]))
        parts.append(f"{_sentence(rng, 40)} {roles}".rstrip() + "\n")
        if p < n_charts:
            parts.append(chart_block(CHART_KINDS[(index + p) % len(CHART_KINDS)],
                                     f"fig-{index}-{p}", rng))
    return "\n".join(parts)


def chart_block(kind: str, name: str, rng: random.Random) -> str:
    rows = rng.randint(3, 8)
    labels = rng.sample(WORDS, rows)
    if kind == "data-table":
        options = ":headers: Catégorie, Valeur\n"
        data = [f"{label.capitalize()} : {rng.choice(WORDS)}" for label in labels]
    elif kind == "chart-pie":
        options = ""
        shares = _spread(100, rows)
        data = [f"{label.capitalize()} : {share}%" for label, share in zip(labels, shares)]
    elif kind == "chart-line":
        options = ":x-label: Année\n:y-label: Valeur\n"
        data = [f"{2000 + 3 * i} : {rng.randint(1, 500)}" for i in range(rows)]
    else:
        options = ":x-label: Catégorie\n:y-label: Valeur\n"
        data = [f"{label.capitalize()} : {rng.randint(1, 900)}" for label in labels]
    if kind != "data-table":  # a table is its own text alternative
        options += f":description: Données de mesure {name}.\n"
    title = _sentence(rng, 5).rstrip(".")
    return (f"```{{{kind}}} {title}\n:name: {name}\n{options}\n" + "\n".join(data)
            + "\n```\n")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _spread(total: int, buckets: int) -> list[int]:
    """Split *total* into *buckets* near-equal integers."""
    base, extra = divmod(total, buckets)
    return [base + (1 if i < extra else 0) for i in range(buckets)]
