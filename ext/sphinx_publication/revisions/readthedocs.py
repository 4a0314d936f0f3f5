"""Read the Docs: a pull request's build publishes its changes beside the site.

``python -m sphinx_publication.revisions.readthedocs`` (a ``post_build`` job of
``.readthedocs.yaml``) does nothing unless ``READTHEDOCS_VERSION_TYPE`` is
``external`` (a pull-request build). Then it compares the checked-out
revision with the default branch (``--base``, else ``origin/HEAD``, else
``origin/main``; fetched when the shallow clone lacks it), writes the
tracked-changes edition into ``$READTHEDOCS_OUTPUT/html/_modifications/``
(``index.html``, ``changes.json``, the PDF) and puts a banner at the top of
every page of the site linking to it.
"""

from __future__ import annotations

import argparse
import gettext
import os
import posixpath
import re
import shutil
import sys
import tempfile
from html import escape
from pathlib import Path

from . import command

FOLDER = "_modifications"
BANNER_CLASS = "sp-rev-banner"
LOCALE = Path(__file__).resolve().parent / "locale"
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


def translate(language: str):
    catalog = gettext.translation("sphinx_publication.revisions", str(LOCALE), languages=[language],
                                  fallback=True)
    return catalog.gettext


def default_base(project: Path) -> str:
    for candidate in ("origin/HEAD", "origin/main", "origin/master"):
        if command.git(project, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}",
                       check=False).returncode == 0:
            return candidate
    # A shallow clone of one branch: fetch the default branch (Read the Docs has the network).
    command.git(project, "fetch", "--quiet", "origin", "+HEAD:refs/remotes/origin/HEAD", check=False)
    return "origin/HEAD"


def banner(page: Path, html_root: Path, text: str, link: str) -> str:
    depth = page.relative_to(html_root).parent
    target = posixpath.relpath(f"{FOLDER}/index.html", depth.as_posix() if str(depth) != "." else ".")
    return (f'<div class="{BANNER_CLASS}" role="note" style="padding:.5em 1em;background:#fff3c4;color:#3d2c00;'
            f'border-bottom:2px solid #8a6500;font-size:.95em">{escape(text)} '
            f'<a href="{escape(target)}" style="color:#3d2c00;text-decoration:underline">{escape(link)}</a></div>')


def add_banners(html_root: Path, text: str, link: str) -> int:
    """The banner right after ``<body>`` on every page of the site (not the edition's own); pages done."""
    count = 0
    for page in sorted(html_root.rglob("*.html")):
        if FOLDER in page.relative_to(html_root).parts:
            continue
        markup = page.read_text(encoding="utf-8")
        if BANNER_CLASS in markup:
            continue
        match = _BODY.search(markup)
        if match is None:
            continue
        markup = markup[:match.end()] + banner(page, html_root, text, link) + markup[match.end():]
        page.write_text(markup, encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sphinx_publication.revisions.readthedocs")
    parser.add_argument("--base", help="revision to compare with (default: the default branch, origin/HEAD)")
    parser.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    if os.environ.get("READTHEDOCS_VERSION_TYPE") != "external":
        print("not a pull-request build (READTHEDOCS_VERSION_TYPE is not 'external'): no changes edition")
        return 0
    output = os.environ.get("READTHEDOCS_OUTPUT")
    if not output:
        print("READTHEDOCS_OUTPUT is not set", file=sys.stderr)
        return command.EXIT_USAGE
    html_root = Path(output) / "html"
    base = args.base or default_base(args.project)
    language = os.environ.get("READTHEDOCS_LANGUAGE") or "fr"
    _ = translate(language)
    with tempfile.TemporaryDirectory(prefix="publication-rtd-") as scratch:
        out = Path(scratch) / "diff"
        status = command.run(base, out, args.project)
        if status:
            return status
        target = html_root / FOLDER
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(out / "html", target, ignore=shutil.ignore_patterns(command.MARKER))
        for extra in out.iterdir():
            if extra.is_file():
                shutil.copy2(extra, target / extra.name)
    number = os.environ.get("READTHEDOCS_VERSION", "")
    text = _("This version is pull request {number}.").format(number=number)
    named = command.git(args.project, "rev-parse", "--abbrev-ref", base, check=False).stdout.strip() or base
    link = _("See its changes from {base}").format(base=named.removeprefix("origin/"))
    pages = add_banners(html_root, text, link)
    print(f"changes edition: {target}; banner on {pages} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
