"""Load the configured .bib files for sphinxcontrib-bibtex, with located warnings.

Runs at ``builder-inited`` before sphinxcontrib-bibtex's own handler and
hands it the data read entry by entry (:mod:`.bibcheck`), stamped with the
files' modification times, so that sphinxcontrib-bibtex finds its cache up
to date and does not re-parse — and crash on — a malformed file. The checks
run on every build, so a broken file warns on incremental builds as well
as clean ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pybtex.database import BibliographyData
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from .bibcheck import read_bibtex

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
WARNING_TYPE = "sphinx_publication"
WARNING_SUBTYPE = "citations"


def configured_bibfiles(app: Sphinx) -> list[Path]:
    """The bib files, resolved exactly as sphinxcontrib-bibtex resolves them."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def warn_at(path: Path, line: int, message: str) -> None:
    logger.warning(
        message, location=f"{path}:{line}", type=WARNING_TYPE, subtype=WARNING_SUBTYPE
    )


def load_bibliographies(app: Sphinx) -> None:
    encoding = app.config.bibtex_encoding
    data = BibliographyData()
    origins: dict[str, tuple[Path, int]] = {}
    bibfiles: dict[Path, BibFile] = {}
    for path in configured_bibfiles(app):
        keys: dict[str, None] = {}
        if not path.is_file():
            logger.warning(
                f"bibliography file not found: {path}; check bibtex_bibfiles in conf.py",
                type=WARNING_TYPE,
                subtype=WARNING_SUBTYPE,
            )
        else:
            reading = read_bibtex(path.read_text(encoding=encoding))
            for problem in reading.problems:
                warn_at(path, problem.line, problem.message)
            for key, entry in reading.data.entries.items():
                line = reading.lines.get(key, 1)
                if key in data.entries:
                    first_path, first_line = origins[key]
                    warn_at(
                        path,
                        line,
                        f"duplicate key '{key}' (first defined in {first_path.name}, "
                        f"line {first_line}); this entry is ignored: rename or remove one",
                    )
                    continue
                data.add_entry(key, entry)
                origins[key] = (path, line)
                keys[key] = None
        bibfiles[path] = BibFile(mtime=get_mtime(path), keys=keys)
    domain = app.env.get_domain("cite")
    domain.data["bibdata"] = BibData(encoding=encoding, bibfiles=bibfiles, data=data)
