"""The ``publication`` command: ``publication import DRAFT.txt --out docs/``.

Exit codes: 0 done (or, with ``--check``, the draft is valid); 1 the draft or
the mapping file has errors, nothing written; 2 usage error, unreadable input
or pages that already exist (use ``--force``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .citations import MappingError, load_mapping
from .messages import _
from .metadata_source import citation_cff, iso_date, metadata_path, refused, write_metadata
from .model import Diagnostic
from .pipeline import import_draft

EXIT_OK, EXIT_DRAFT_ERRORS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="publication",
        description=_("Tools of the publication."),
        epilog=_("Exit codes: 0 success; 1 errors in the draft or the mapping file "
                 "(nothing is written); 2 usage error, unreadable file, or existing pages "
                 "without --force."),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = commands.add_parser(
        "import",
        help=_("turn a draft in the marker format into MyST pages"),
        description=_("Turn a draft written in the marker format into the publication's MyST "
                      "pages: a landing page, one page per part, a bibliography page. "
                      "The format is described on the page 'Format des brouillons'."),
        epilog=_("Exit codes: 0 success; 1 errors in the draft or the mapping file "
                 "(nothing is written); 2 usage error, unreadable file, or existing pages "
                 "without --force."),
    )
    command.add_argument("draft", type=Path, metavar="DRAFT.txt", help=_("the draft (UTF-8 text)"))
    command.add_argument("--out", type=Path, metavar="DIR",
                         help=_("folder that receives the pages (required unless --check)"))
    command.add_argument("--citations", type=Path, metavar="MAP",
                         help=_("TOML or JSON file mapping numeric citations to bibliography keys"))
    command.add_argument("--check", action="store_true",
                         help=_("only validate the draft; write nothing"))
    command.add_argument("--force", action="store_true",
                         help=_("overwrite pages that already exist in --out"))
    command.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                         help=_("the article's publication date for CITATION.cff (default: today)"))
    command.add_argument("--metadata", type=Path, metavar="FILE",
                         help=_("where to write the article's CITATION.cff "
                                "(default: beside the conf.py at or above --out, else beside --out)"))
    command.add_argument("-q", "--quiet", action="store_true", help=_("do not print notices"))
    add_diff_command(commands)
    return parser


def add_diff_command(commands) -> None:
    """``publication diff BASE [--out DIR]``: see :mod:`sphinx_publication.revisions.command`."""
    command = commands.add_parser(
        "diff",
        help="the tracked-changes edition: the working tree compared with a git revision",
        description="Compare the publication at a git revision (BASE) with the working tree "
                    "(uncommitted edits included) and write the new version with every change marked: "
                    "html/, changes.json and the PDF.",
        epilog="Exit codes: 0 success; 1 a side does not build; 2 not a git repository, "
               "no history, or BASE is not a revision.",
    )
    command.add_argument("base", metavar="BASE", help="git revision to compare with (commit, branch, tag)")
    command.add_argument("--out", type=Path, default=Path("_build/diff"), metavar="DIR",
                         help="output folder (default: _build/diff)")
    command.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                         help="the folder of the publication's conf.py (default: the current folder)")
    command.add_argument("--no-pdf", action="store_true", help="skip the PDF")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "diff":
        from sphinx_publication.revisions.command import run

        return run(args.base, args.out, args.project, pdf=not args.no_pdf)
    if not args.check and args.out is None:
        parser.error(_("--out is required unless --check is given"))
    return run_import(args)


def run_import(args: argparse.Namespace) -> int:
    try:
        text = args.draft.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        _print_err(_("cannot read the draft: {error}").format(error=error))
        return EXIT_USAGE
    mapping = None
    if args.citations is not None:
        try:
            mapping = load_mapping(args.citations)
        except MappingError as error:
            _print_err(_("error in the mapping file: {error}").format(error=error))
            return EXIT_DRAFT_ERRORS
    result = import_draft(text, mapping)
    for diagnostic in result.diagnostics:
        if diagnostic.is_error or not args.quiet:
            _print_err(format_diagnostic(str(args.draft), diagnostic))
    if result.errors:
        _print_err(_("{count} error(s): nothing written").format(count=len(result.errors)))
        return EXIT_DRAFT_ERRORS
    if args.check:
        print(_("{draft}: valid, {count} page(s) would be written").format(
            draft=args.draft, count=len(result.pages)))
        return EXIT_OK
    # The article's metadata source (CITATION.cff), checked before any page is written.
    metadata = planned_metadata(args, result.document)
    if not args.force and refused(*metadata):
        _print_err(refused(*metadata))
        return EXIT_USAGE
    status = write_pages(result.pages, args.out, args.force)
    return write_article_metadata(*metadata) if status == EXIT_OK else status


def planned_metadata(args: argparse.Namespace, document) -> tuple[Path, str]:
    import datetime as dt

    path = args.metadata or metadata_path(args.out)
    return path, citation_cff(document, args.date or dt.date.today())


def write_article_metadata(path: Path, text: str) -> int:
    error = write_metadata(path, text, force=True)
    if error:
        _print_err(error)
        return EXIT_USAGE
    print(_("wrote the article's metadata to {path}").format(path=path))
    return EXIT_OK


def write_pages(pages: dict[str, str], out: Path, force: bool) -> int:
    conflicts = [name for name, text in pages.items()
                 if (out / name).exists() and (out / name).read_text(encoding="utf-8") != text]
    if conflicts and not force:
        _print_err(_("these pages already exist in {out} (use --force to overwrite): {names}").format(
            out=out, names=", ".join(conflicts)))
        return EXIT_USAGE
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in pages.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as error:
        _print_err(_("cannot write the pages: {error}").format(error=error))
        return EXIT_USAGE
    print(_("wrote {count} page(s) to {out}: {names}").format(
        count=len(pages), out=out, names=", ".join(pages)))
    return EXIT_OK


def format_diagnostic(path: str, diagnostic: Diagnostic) -> str:
    """``draft.txt:12:45: error: message`` then the marker and what is expected."""
    where = f"{path}:{diagnostic.location.line}:{diagnostic.location.column}"
    label = _("error") if diagnostic.is_error else _("notice")
    lines = [f"{where}: {label}: {diagnostic.message}"]
    if diagnostic.marker:
        lines.append("    " + _("found:    {text}").format(text=diagnostic.marker))
    if diagnostic.expected:
        lines.append("    " + _("expected: {text}").format(text=diagnostic.expected))
    return "\n".join(lines)


def _print_err(text: str) -> None:
    print(text, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
