"""Numbers as drafts write them: ``12``, ``1.7T``, ``1,5``, ``65 %``, ``175B``, ``1 000``.

The comma is a decimal comma (French usage); thousands may be grouped with
spaces. Values are rewritten in the canonical form of the chart directives:
decimal point, no grouping, magnitude suffix among k, M, B, T, and ``%``
written without a space.
"""

from __future__ import annotations

import re

from .messages import _

_NUMBER_RE = re.compile(
    r"""^(?P<sign>[-+\u2212]?)\s*
        (?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)
        (?:[.,](?P<frac>\d+))?
        \s*(?:(?P<suffix>Mds|Md|Mrd|[kKMBGT])|(?P<percent>%))?$""",
    re.VERBOSE,
)

# Suffixes authors use for the same magnitude, mapped to the directive's own.
_SUFFIXES = {"k": "k", "K": "k", "M": "M", "B": "B", "G": "B", "Md": "B", "Mds": "B",
             "Mrd": "B", "T": "T"}



def expected_number() -> str:
    return _("a number such as 12, 1.7T, 1,5, 65 %, 175B or 1 000")


def canonical_number(text: str) -> str | None:
    """Return *text* in canonical form, or ``None`` if it is not a number."""
    match = _NUMBER_RE.match(text.strip())
    if match is None:
        return None
    sign = "-" if match["sign"] in ("-", "\u2212") else ""
    digits = re.sub(r"[ \u00a0\u202f]", "", match["int"])
    frac = f".{match['frac']}" if match["frac"] else ""
    unit = _SUFFIXES[match["suffix"]] if match["suffix"] else ("%" if match["percent"] else "")
    return f"{sign}{digits}{frac}{unit}"
