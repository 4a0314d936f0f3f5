"""Which addresses written in a .bib file become links (no Sphinx here).

Every link built from .bib data goes through :func:`sphinx_publication.urls.safe_url`:
only ``http`` and ``https`` addresses become links (``doi:`` and ``arXiv:``
are rewritten to their resolvers); anything else (``javascript:``,
``data:``…) is printed as text. This module applies that rule to the
fields that hold addresses or identifiers:

* ``url``: linked when :func:`safe_url` accepts it;
* ``doi``: a bare DOI (``10.1000/x``) is appended, percent-encoded, to
  ``https://doi.org/``; a DOI written as an address (``https://doi.org/…``,
  ``doi:…``) goes through :func:`safe_url`, so ``javascript:…`` is refused;
* ``eprint`` and ``pubmed``: percent-encoded after their archive's https
  address, so quotes or markup in them stay inside the path;
* ``\\url{…}`` and ``\\href{…}{…}`` written in any field: linked only when
  :func:`safe_url` accepts the address (:func:`macro_addresses` finds them
  for the checks; the style resolves them, :mod:`.style`).

:func:`unsafe_addresses` lists what an entry writes that will not be a link,
for the located warnings of :mod:`.bibcheck`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from urllib.parse import quote

from ..urls import safe_url, scheme_of

DOI_RESOLVER = "https://doi.org/"
PUBMED_RESOLVER = "https://pubmed.ncbi.nlm.nih.gov/"
#: characters kept as they are in an identifier appended to a resolver's address
#: (the rest, quotes, spaces and angle brackets included, is percent-encoded)
IDENTIFIER_SAFE = "/:;.()-_~+=,@!$*"

#: ``\url{address}`` and ``\href{address}{text}`` (the address's group, without braces)
LINK_MACRO = re.compile(r"\\(?P<macro>url|href)\s*\{(?P<address>[^{}]*)\}")


def url_link(url: str | None) -> str | None:
    """The link of a ``url`` field, or None when it must be printed as text."""
    return safe_url(url.strip()) if url else None


def identifier_link(resolver: str, identifier: str | None) -> str | None:
    """*identifier* appended, percent-encoded, to the https address *resolver*."""
    identifier = (identifier or "").strip()
    return resolver + quote(identifier, safe=IDENTIFIER_SAFE) if identifier else None


def doi_link(doi: str | None) -> str | None:
    """The https address of a ``doi`` field, or None when it must be printed as text.

    A DOI starts with ``10.``; one written as an address (``https://doi.org/…``
    or ``doi:…``) is read as one, so a scheme other than http(s) is refused.
    """
    doi = (doi or "").strip()
    if not doi:
        return None
    if scheme_of(doi):
        return safe_url(doi)
    return identifier_link(DOI_RESOLVER, doi)


def macro_addresses(value: str) -> Iterator[tuple[str, str]]:
    """``(macro, address)`` for each ``\\url{…}`` and ``\\href{…}{…}`` of a field."""
    for match in LINK_MACRO.finditer(value):
        yield match.group("macro"), match.group("address")


#: fields whose whole value is an address
ADDRESS_FIELDS = ("url",)


def unsafe_addresses(fields: Mapping[str, str]) -> list[tuple[str, str]]:
    """``(field, address)`` for every address of an entry that will be printed without a link."""
    found = []
    for name, value in fields.items():
        lowered = name.lower()
        if lowered in ADDRESS_FIELDS and value.strip() and url_link(value) is None:
            found.append((lowered, value.strip()))
        elif lowered == "doi" and value.strip() and doi_link(value) is None:
            found.append((lowered, value.strip()))
        for _macro, address in macro_addresses(value):
            if lowered not in ADDRESS_FIELDS and safe_url(address.strip()) is None:
                found.append((lowered, address.strip()))
    return found
