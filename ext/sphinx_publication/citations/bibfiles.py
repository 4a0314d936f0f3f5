"""Load the configured .bib files for sphinxcontrib-bibtex, with located warnings.

Runs at ``builder-inited`` before sphinxcontrib-bibtex's own handler and
hands it the data read entry by entry (:mod:`.bibcheck`), stamped with the
files' modification times, so that sphinxcontrib-bibtex finds its cache up
to date and does not re-parse — and crash on — a malformed file. The checks
run on every build, so a broken file warns on incremental builds as well
as clean ones.

A translated edition then reads the entries' language-bound fields (``note``,
``howpublished``…) in its language
(:mod:`sphinx_publication.translation.bibliography`). The data is then
completed in the biblatex data model (:mod:`.biblatex`: ``xdata``/``crossref``
inheritance, ``@set`` members, years from ``date``),
and each entry that lacks a field its type prints gets one warning at its
line in the .bib file (the entry itself is printed with what it has).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pybtex.database import BibliographyData
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from ..diagnostics import setting_location, warn
from ..i18n import translator
from ..translation.bibliography import translate_entries
from .bibcheck import BibReading, read_bibtex
from .biblatex import add_years, resolve_inheritance
from .style import Style

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = translator("sphinx_publication.citations")
WARNING_SUBTYPE = "citations"


def configured_bibfiles(app: Sphinx) -> list[Path]:
    """The bib files, resolved exactly as sphinxcontrib-bibtex resolves them."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def warn_at(location: str | None, message: str) -> None:
    """Warn at ``"path:line"`` (Sphinx reads a location without a line as a docname)."""
    warn(message, location=location, subtype=WARNING_SUBTYPE)


def read_text(app: Sphinx, path: Path, encoding: str) -> str | None:
    """The text of *path*, or None after a located warning saying how to fix it."""
    if not path.is_file():
        warn_at(
            setting_location(app.confdir, app.config.overrides, "bibtex_bibfiles"),
            _("bibliography file not found: {path}; check bibtex_bibfiles in conf.py").format(path=path),
        )
        return None
    try:
        return path.read_bytes().decode(encoding)
    except OSError as error:
        warn_at(
            f"{path}:1",
            _("cannot read this bibliography file ({error}); check that it is readable").format(
                error=error.strerror or error
            ),
        )
    except LookupError:
        warn_at(
            setting_location(app.confdir, app.config.overrides, "bibtex_encoding"),
            _("unknown bibtex_encoding '{encoding}'; use an encoding name such as 'utf-8'").format(
                encoding=encoding
            ),
        )
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        warn_at(
            f"{path}:{line}",
            _(
                "this file is not valid {encoding} (byte 0x{byte:02x} on this line); "
                "save it as UTF-8, or set bibtex_encoding in conf.py to its encoding"
            ).format(encoding=encoding, byte=error.object[error.start]),
        )
    return None


def load_bibliographies(app: Sphinx) -> None:
    encoding = app.config.bibtex_encoding
    data = BibliographyData()
    origins: dict[str, tuple[Path, int]] = {}
    bibfiles: dict[Path, BibFile] = {}
    readings: list[tuple[Path, BibReading]] = []
    for path in configured_bibfiles(app):
        keys: dict[str, None] = {}
        text = read_text(app, path, encoding)
        if text is not None:
            reading = read_bibtex(text)
            readings.append((path, reading))
            report_problems(path, reading)
            for key, entry in reading.data.entries.items():
                line = reading.lines.get(key, 1)
                if key in data.entries:
                    first_path, first_line = origins[key]
                    warn_at(
                        f"{path}:{line}",
                        _(
                            "duplicate key '{key}' (first defined in {file}, line {first}); "
                            "this entry is ignored: rename or remove one"
                        ).format(key=key, file=first_path.name, first=first_line),
                    )
                    continue
                data.add_entry(key, entry)
                origins[key] = (path, line)
                keys[key] = None
        bibfiles[path] = BibFile(mtime=get_mtime(path), keys=keys)
    # the language-bound fields in the edition's language, before any entry inherits or is formatted
    translate_entries(app, readings, data.entries)
    for problem in resolve_inheritance(data.entries):
        warn_at(_location(origins, problem.key), str(_(problem.template)).format(**problem.params))
    add_years(data.entries)
    report_missing_fields(app, data, origins)
    domain = app.env.get_domain("cite")
    domain.data["bibdata"] = BibData(encoding=encoding, bibfiles=bibfiles, data=data)


def _location(origins: dict[str, tuple[Path, int]], key: str) -> str | None:
    path, line = origins.get(key, (None, 0))
    return f"{path}:{line}" if path is not None else None


#: the biblatex name of a field, said along with the BibTeX one in warnings
_BIBLATEX_NAMES = {"journal": "journaltitle", "address": "location", "school": "institution", "year": "date"}


def publication_style(app: Sphinx) -> Style | None:
    """The configured formatting style when it is this package's (only it prints partial entries)."""
    import pybtex.plugin

    try:
        style_class = pybtex.plugin.find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)
    except Exception:  # an unknown style: sphinxcontrib-bibtex reports it
        return None
    if not (isinstance(style_class, type) and issubclass(style_class, Style)):
        return None
    return style_class(language=style_class.language or app.config.language)


def report_missing_fields(app: Sphinx, data: BibliographyData, origins: dict[str, tuple[Path, int]]) -> None:
    """One warning per entry that lacks fields its type prints, at the entry's line."""
    style = publication_style(app)
    if style is None:
        return
    for key, entry in data.entries.items():
        missing = style.missing_fields(entry)
        if not missing:
            continue
        names = ", ".join(
            f"{_BIBLATEX_NAMES[name]} ({name})" if name in _BIBLATEX_NAMES else name for name in missing
        )
        warn_at(
            _location(origins, key),
            _("entry '{key}' has no {fields}; it is printed without: add the field to complete it").format(
                key=key, fields=names
            ),
        )


def report_problems(path: Path, reading: BibReading) -> None:
    for problem in reading.problems:
        warn_at(f"{path}:{problem.line}", problem.localized(_))
