"""The committed message catalogs are compiled and up to date."""

from __future__ import annotations

import pytest

from sphinx_publication import i18n

PO_FILES = i18n.po_files()


def test_every_subextension_ships_french_catalogs():
    domains = {po.stem for po in PO_FILES if po.parts[-3] == "fr"}
    assert {
        "sphinx_publication.figures",
        "sphinx_publication.citations",
        "sphinx_publication.editorial",
    } <= domains


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: "/".join(p.parts[-5:]))
def test_mo_matches_po(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.name} missing: run `make locale`"
    assert i18n.messages_of_mo(mo_path.read_bytes()) == i18n.messages_of_mo(
        i18n.compile_po(po_path)
    ), "stale .mo: run `make locale`"
