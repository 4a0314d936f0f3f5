"""How far the translated catalogs are: ``python -m sphinx_publication.translation.status``.

``status [--locale-dir locale] [--language en] [--check]`` prints, per page,
the messages translated, fuzzy and untranslated, then one line per fuzzy or
untranslated message, located in the source page::

    docs/avenir.md:5: fuzzy: "Alors que les grands modèles continuent…"

(``--check``: exit 1 when any message is fuzzy or untranslated.)

``relocate DIR [--srcdir .]`` rewrites the locations of the ``.pot`` files
under *DIR* from the gettext output folder (``../../docs/avenir.md:5``) to the
source directory (``docs/avenir.md:5``), so that the catalogs name the pages
as the repository does, wherever the build folder is (``make gettext`` runs it).

Only the publication's catalogs are read: the pages'
(``LOCALE/LANG/LC_MESSAGES/docs/``) and the bibliography's fields
(``LOCALE/LANG/LC_MESSAGES/refs.po``, located in ``refs.bib``), not the
interface strings (``sphinx.po``). Babel reads them; no Sphinx here.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

_LOCATION_LINE = re.compile(r"^#: .*$", re.M)
_UP = re.compile(r"(?<![^\s])(?:\.\./)+")


@dataclass
class PageStatus:
    catalog: str  # docs/avenir
    translated: int = 0
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (location, message)
    untranslated: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.translated + len(self.fuzzy) + len(self.untranslated)


def first_words(text: str, count: int = 8) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _location(message, catalog_name: str) -> str:
    if message.locations:
        path, line = message.locations[0]
        path = _UP.sub("", path)
        return f"{path}:{line}" if line else path
    return f"{catalog_name}.md"


def read_status(po_path: Path, catalog_name: str) -> PageStatus:
    from babel.messages.pofile import read_po

    with po_path.open("rb") as source:
        catalog = read_po(source)
    status = PageStatus(catalog_name)
    for message in catalog:
        if not message.id:
            continue
        text = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string if isinstance(message.string, str) else "".join(message.string or ())
        if message.fuzzy:
            status.fuzzy.append((_location(message, catalog_name), text))
        elif not (string or "").strip():
            status.untranslated.append((_location(message, catalog_name), text))
        else:
            status.translated += 1
    return status


def _is_bibliography(po_path: Path) -> bool:
    """A catalog of a .bib file's fields (translation.bibliography): its messages are located there."""
    from babel.messages.pofile import read_po

    with po_path.open("rb") as source:
        catalog = read_po(source)
    return any(path.endswith(".bib") for message in catalog for path, _line in message.locations)


def catalog_status(locale_dir: Path, language: str, subdir: str = "docs") -> list[PageStatus]:
    """The pages' catalogs (under *subdir*), then the bibliography's (beside it)."""
    root = locale_dir / language / "LC_MESSAGES"
    pages = sorted((root / subdir).rglob("*.po"))
    bibliographies = [path for path in sorted(root.glob("*.po"))
                      if path not in pages and _is_bibliography(path)]
    return [read_status(path, path.relative_to(root).with_suffix("").as_posix())
            for path in pages + bibliographies]


def format_status(pages: list[PageStatus]) -> str:
    width = max([len(page.catalog) for page in pages] + [len("page")])
    lines = [f"{'page':<{width}}  translated  fuzzy  untranslated"]
    for page in pages:
        lines.append(f"{page.catalog:<{width}}  {page.translated:>10}  {len(page.fuzzy):>5}  "
                     f"{len(page.untranslated):>12}")
    total = (sum(p.translated for p in pages), sum(len(p.fuzzy) for p in pages),
             sum(len(p.untranslated) for p in pages))
    lines.append(f"{'total':<{width}}  {total[0]:>10}  {total[1]:>5}  {total[2]:>12}")
    for page in pages:
        for state, items in (("fuzzy", page.fuzzy), ("untranslated", page.untranslated)):
            for location, text in items:
                lines.append(f'{location}: {state}: "{first_words(text)}"')
    return "\n".join(lines)


def _relocated(location: str, directory: Path, srcdir: Path) -> str:
    """``../../docs/a.md:5`` (from the build folder) -> ``docs/a.md:5`` (from *srcdir*)."""
    path, colon, line = location.rpartition(":")
    if not colon or not line.isdigit():
        path, line = location, ""
    try:
        relative = (directory / path).resolve().relative_to(srcdir).as_posix()
    except ValueError:
        return location
    return f"{relative}:{line}" if line else relative


def relocate(directory: Path, srcdir: Path = Path(".")) -> int:
    """Locations in the .pot files relative to the source directory; the number of files changed.

    Sphinx writes them relative to the gettext output folder (*directory*)."""
    directory, srcdir = directory.resolve(), srcdir.resolve()
    changed = 0

    def fix(match: re.Match) -> str:
        return "#: " + " ".join(_relocated(item, directory, srcdir) for item in match.group(0)[3:].split())

    for path in sorted(directory.rglob("*.pot")):
        text = path.read_text(encoding="utf-8")
        new = _LOCATION_LINE.sub(fix, text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sphinx_publication.translation.status")
    commands = parser.add_subparsers(dest="command")
    status = commands.add_parser("status", help="messages translated, fuzzy and untranslated per catalog")
    status.add_argument("--locale-dir", default="locale", type=Path)
    status.add_argument("--language", "-l", default="en")
    status.add_argument("--check", action="store_true", help="exit 1 if anything is fuzzy or untranslated")
    move = commands.add_parser("relocate", help="name the source pages in the .pot files' locations")
    move.add_argument("directory", type=Path)
    move.add_argument("--srcdir", default=".", type=Path, help="the Sphinx source directory")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "relocate":
        relocate(args.directory, args.srcdir)
        return 0
    if args.command != "status":
        parser.print_help()
        return 2
    pages = catalog_status(args.locale_dir, args.language)
    if not pages:
        print(f"no catalogs in {args.locale_dir}/{args.language}/LC_MESSAGES/docs", file=sys.stderr)
        return 1
    print(format_status(pages))
    incomplete = any(page.fuzzy or page.untranslated for page in pages)
    return 1 if args.check and incomplete else 0


if __name__ == "__main__":
    raise SystemExit(main())
