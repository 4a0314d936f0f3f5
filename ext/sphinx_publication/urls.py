"""The one check for addresses that come from data (``.bib``, ``CITATION.cff``,
Plotly JSON): only ``http`` and ``https`` become links.

Browsers ignore ASCII whitespace and control characters around and inside a
scheme (`` JaVa\tScRiPt:``), so the check normalises the way the URL
standard does before it reads the scheme. ``doi:`` and ``arXiv:`` identifiers
are rewritten to their ``https`` resolvers. Everything else is refused: the
caller prints the text unlinked and warns, in its own message catalog, where
the address was written.
"""

from __future__ import annotations

import re
from urllib.parse import quote

#: schemes a reader's browser may follow from the publication
SAFE_SCHEMES = frozenset({"http", "https"})
#: identifier prefixes rewritten to an https address
RESOLVERS = {
    "doi": "https://doi.org/",
    "arxiv": "https://arxiv.org/abs/",
}

# What the WHATWG URL parser strips before it reads a scheme: leading and
# trailing C0 controls and spaces, and tab/newline anywhere.
_EDGE_RE = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_NEWLINE_RE = re.compile(r"[\t\n\r]")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def normalise(url: str) -> str:
    """*url* as a browser reads it: edges trimmed, tabs and newlines removed."""
    return _TAB_NEWLINE_RE.sub("", _EDGE_RE.sub("", url))


def scheme_of(url: str) -> str:
    """The lower-case scheme of *url* as a browser reads it, or ``""`` for a relative one."""
    match = _SCHEME_RE.match(normalise(url))
    return match.group(1).lower() if match else ""


def safe_url(url: str | None) -> str | None:
    """*url* if a browser may follow it from the publication, else ``None``.

    ``http(s)`` addresses are returned normalised; ``doi:10.1/x`` and
    ``arXiv:1706.03762`` become their ``https`` resolvers; any other scheme
    (``javascript:``, ``data:``, ``file:``, ``vbscript:``…) and addresses without
    a scheme or without a host are refused.
    """
    if not url:
        return None
    cleaned = normalise(url)
    scheme = scheme_of(cleaned)
    if scheme in RESOLVERS:
        identifier = cleaned[len(scheme) + 1:].strip()
        return RESOLVERS[scheme] + quote(identifier, safe="/:;.()-_~") if identifier else None
    if scheme not in SAFE_SCHEMES:
        return None
    rest = cleaned[len(scheme) + 1:]
    if not rest.startswith("//") or len(rest) <= 2 or any(ord(c) < 0x20 for c in rest):
        return None
    return cleaned

