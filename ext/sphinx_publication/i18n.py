"""Message catalogs of the extension's own strings.

Each sub-extension owns a gettext domain (``sphinx_publication.figures``…)
whose catalogs live in ``<subpackage>/locale/<lang>/LC_MESSAGES/<domain>.po``;
the compiled ``.mo`` is committed beside it and ``tests/test_i18n.py`` checks
that it is up to date (``make locale`` rebuilds it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation, get_translator, is_translator_registered

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def translator(domain: str):
    """Return the lazy ``_`` of *domain* (resolved at use, in the build's language)."""
    return get_translation(domain)


def plural(domain: str, singular: str, plural_form: str, count: int) -> str:
    """Plural-aware lookup in *domain*; untranslated English before its catalog is loaded."""
    if is_translator_registered(domain):
        return get_translator(domain).ngettext(singular, plural_form, count)
    return singular if count == 1 else plural_form


def register_catalog(app: Sphinx, domain: str, package_file: str) -> None:
    """Register the ``locale`` folder next to *package_file* for *domain*."""
    app.add_message_catalog(domain, str(Path(package_file).resolve().parent / "locale"))


def po_files(root: Path | None = None) -> list[Path]:
    """Every message catalog source of the package, sorted."""
    root = root or Path(__file__).resolve().parent
    return sorted(root.glob("**/locale/*/LC_MESSAGES/*.po"))


def compile_po(po_path: Path) -> bytes:
    """Compile *po_path* to ``.mo`` bytes with Babel (deterministic output)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as source:
        catalog = read_po(source)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def messages_of_mo(data: bytes) -> dict[tuple, object]:
    """The translations held in compiled catalog *data*, by context and message,
    without its header (Babel stamps the header with the compilation date)."""
    from io import BytesIO

    from babel.messages.mofile import read_mo

    # a plural message's id is the list of its forms
    return {
        (message.context, tuple(message.id) if isinstance(message.id, list) else message.id): message.string
        for message in read_mo(BytesIO(data))
        if message.id  # not the header
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m sphinx_publication.i18n compile``: refresh every ``.mo``."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args != ["compile"]:
        print("usage: python -m sphinx_publication.i18n compile", file=sys.stderr)
        return 2
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        data = compile_po(po_path)
        if not mo_path.exists() or messages_of_mo(mo_path.read_bytes()) != messages_of_mo(data):
            mo_path.write_bytes(data)
            print(f"compiled {mo_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
