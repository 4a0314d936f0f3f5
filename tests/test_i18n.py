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


KEYWORDS = {"_": None, "ngettext": (1, 2), "plural_msgids": (1, 2), "plural": (2, 3)}


def _source_messages(package_dir):
    """Every string the package's code marks for translation (Babel's extractor)."""
    from babel.messages.extract import extract_from_dir

    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(package_dir), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize(
    "po_path",
    [po for po in PO_FILES if po.parts[-3] == "fr"],
    ids=lambda p: p.stem,
)
def test_every_marked_string_has_a_french_translation(po_path):
    from babel.messages.pofile import read_po

    package_dir = po_path.parents[3]
    with po_path.open("rb") as source:
        catalog = read_po(source)
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalog
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    marked = _source_messages(package_dir)
    assert marked, f"no string of {package_dir.name} is marked for translation"
    missing = sorted(marked - translated)
    assert not missing, f"untranslated in {po_path.name}: {missing}"
