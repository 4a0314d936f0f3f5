"""Make the "bare" twin of MyST sources: the same text without our markup.

The bare build is the baseline of the benchmark: what Sphinx + MyST + the
theme cost on their own.  Chart and table directives become a bold caption and
a bullet list of their data lines, citations become plain bracketed keys, the
editorial markers become their text, and the bibliography and editorial
report directives disappear.  The stripping can be partial (only charts, only
citations) so that the cost of each feature can be measured on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CHART_DIRECTIVES = frozenset({"chart-bar", "chart-pie", "chart-line", "chart", "data-table"})
CITATION_DIRECTIVES = frozenset({"bibliography", "footbibliography", "cite-this-article"})
EDITORIAL_DIRECTIVES = frozenset({"editorial-report", "data-needed", "review-note"})
#: the link to the one-page edition, which the bare build does not make
EDITION_DIRECTIVES = frozenset({"one-page-link"})

CITATION_ROLES = frozenset(
    {"cite", "cite:p", "cite:t", "cite:ps", "cite:ts", "cite:year", "cite:author",
     "cite:label", "cite:empty", "footcite", "footcite:p", "footcite:t"}
)
EDITORIAL_ROLES = frozenset({"data-needed", "word-count"})

_FENCE_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}(?P<arg>.*)$")
_ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<text>[^`]*)`")
_OPTION = re.compile(r"^\s*:[\w-]+:")


def strip_markup(text: str, *, charts: bool = True, citations: bool = True,
                 editorial: bool = True) -> str:
    """Return *text* with the selected kinds of markup replaced by plain MyST."""
    directives: set[str] = set(EDITION_DIRECTIVES)
    roles: set[str] = set()
    if charts:
        directives |= CHART_DIRECTIVES
    if citations:
        directives |= CITATION_DIRECTIVES
        roles |= CITATION_ROLES
    if editorial:
        directives |= EDITORIAL_DIRECTIVES
        roles |= EDITORIAL_ROLES
    lines = _strip_directives(text.split("\n"), directives)
    return _strip_roles("\n".join(lines), roles)


def _strip_directives(lines: list[str], names: set[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i])
        if not match or match["name"] not in names:
            out.append(lines[i])
            i += 1
            continue
        end = _closing_fence(lines, i + 1, match["fence"])
        body = lines[i + 1 : end]
        out.extend(_plain_equivalent(match["name"], match["arg"].strip(), body, names))
        i = end + 1
    return out


def _closing_fence(lines: list[str], start: int, fence: str) -> int:
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for j in range(start, len(lines)):
        if closing.match(lines[j]):
            return j
    return len(lines)


def _plain_equivalent(name: str, argument: str, body: list[str], names: set[str]) -> list[str]:
    """Plain MyST carrying the same words as the directive (no options)."""
    content = _without_options(body)
    if name in CHART_DIRECTIVES:
        rows = [f"- {line.strip()}" for line in content if line.strip()]
        return ["", f"**{argument}**" if argument else "", "", *rows, ""]
    if name in ("data-needed", "review-note"):
        # The body is MyST (it may nest citations or directives): keep it.
        return ["", *_strip_directives(content, names), ""]
    return []


def _without_options(body: list[str]) -> list[str]:
    i = 0
    while i < len(body) and _OPTION.match(body[i]):
        i += 1
    return body[i:]


def _strip_roles(text: str, roles: Iterable[str]) -> str:
    roles = set(roles)

    def replace(match: re.Match[str]) -> str:
        name, content = match["name"], match["text"]
        if name not in roles:
            return match[0]
        if name in CITATION_ROLES:
            return "[" + ", ".join(k.strip() for k in content.split(",")) + "]"
        if name == "word-count":
            return "0"
        return content

    return _ROLE.sub(replace, text)


def citations_as_references(text: str) -> str:
    """Each cited key as a plain ``{ref}`` link to the key's labelled paragraph
    (:func:`references_page`): what Sphinx itself costs for the same links,
    without formatted entries, cards or backlinks."""

    def replace(match: re.Match[str]) -> str:
        if match["name"] not in CITATION_ROLES:
            return match[0]
        keys = [key.strip() for key in match["text"].split(",") if key.strip()]
        return " ".join(f"{{ref}}`[{key}] <cite-{key}>`" for key in keys)

    return _ROLE.sub(replace, text)


_BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.M)


def references_page(bibtex: str) -> str:
    """The bibliography page of :func:`citations_as_references`: one labelled
    paragraph per entry of *bibtex*, its key and raw fields as text."""
    parts = ["# Bibliographie", ""]
    for key in _BIB_KEY.findall(bibtex):
        parts += [f"(cite-{key})=", f"**[{key}]** Martin, Anne. *Titre de l’entrée {key}*. Éditions, 2001.", ""]
    return "\n".join(parts)


def count_markup(text: str) -> tuple[int, int]:
    """(chart and table directives, cited keys) in MyST *text*."""
    charts = sum(1 for line in text.split("\n")
                 if (m := _FENCE_OPEN.match(line)) and m["name"] in CHART_DIRECTIVES)
    citations = sum(len([k for k in m["text"].split(",") if k.strip()])
                    for m in _ROLE.finditer(text) if m["name"] in CITATION_ROLES)
    return charts, citations
