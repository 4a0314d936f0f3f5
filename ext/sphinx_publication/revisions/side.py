"""One side of a comparison, in its own process:

``python -m sphinx_publication.revisions.side snapshot SRC BUILD --snapshot FILE``
``python -m sphinx_publication.revisions.side edition SRC BUILD --snapshot FILE --out DIR …``

The project's own ``conf.py`` and extensions, plus this subpackage; this
package's code on both sides (imported before ``conf.py`` may put another
checkout's ``ext/`` first on the path), so that only the publication differs.
Warnings go to ``BUILD/warnings.txt``; exit 0 when the side built, 1 when it
did not (an exception, or an error in the log).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import sphinx_publication  # noqa: F401 - this checkout's package, whatever conf.py puts on sys.path
import sphinx_publication.revisions  # noqa: F401
from sphinx_publication.revisions.command import conf_values

FURO_SIDEBARS = {"**": ["sidebar/brand.html", "sidebar/scroll-start.html", "sidebar/scroll-end.html"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sphinx_publication.revisions.side")
    parser.add_argument("mode", choices=["snapshot", "edition"])
    parser.add_argument("srcdir", type=Path)
    parser.add_argument("builddir", type=Path)
    parser.add_argument("--snapshot", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--pdf", default="")
    parser.add_argument("--base-label", default="")
    parser.add_argument("--head-label", default="")
    parser.add_argument("--exclude", default=None,
                        help="JSON list: one_page_exclude for this side (the head's, so both sides hold the same pages)")
    args = parser.parse_args(argv)

    from sphinx.application import Sphinx

    srcdir = args.srcdir.resolve()
    values = conf_values(srcdir)
    extensions = [*values.get("extensions", []), "sphinx_publication.revisions"]
    overrides: dict = {
        "extensions": extensions,
        "revisions_snapshot": str(args.snapshot.resolve()),
        "one_page_edition_on_request": True,
        "one_page_edition": "",  # the revisions builders assemble their own edition
    }
    if args.exclude is not None:
        overrides["one_page_exclude"] = json.loads(args.exclude)
    if args.mode == "edition":
        overrides.update(revisions_output=str(args.out.resolve()), revisions_pdf=args.pdf,
                         revisions_base_label=args.base_label, revisions_head_label=args.head_label)
        if values.get("html_theme") == "furo":
            overrides["html_sidebars"] = FURO_SIDEBARS
    args.builddir.mkdir(parents=True, exist_ok=True)
    outdir = args.out / "html" if args.mode == "edition" else args.builddir / "html"
    warnings_path = args.builddir / "warnings.txt"
    failed = False
    with warnings_path.open("w", encoding="utf-8") as warnings:
        try:
            app = Sphinx(str(srcdir), str(srcdir), str(outdir), str(args.builddir / "doctrees"),
                         "revisions-snapshot" if args.mode == "snapshot" else "revisions",
                         confoverrides=overrides, status=None, warning=warnings, freshenv=True,
                         keep_going=True)
            app.build()
        except SystemExit as stop:  # the other side failed: nothing to compare with
            return int(stop.code or 3)
        except Exception as error:  # noqa: BLE001 - reported to the command, which names the side
            print(f"{type(error).__name__}: {error}", file=warnings)
            failed = True
    text = warnings_path.read_text(encoding="utf-8")
    if failed or "ERROR:" in text or "CRITICAL:" in text or (app.statuscode if not failed else 1):
        if args.mode == "snapshot":
            args.snapshot.with_suffix(".failed").write_text("failed\n", encoding="utf-8")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
