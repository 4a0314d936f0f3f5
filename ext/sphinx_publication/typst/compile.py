"""Typst source -> tagged PDF through the ``typst`` Python package (the
compiler is inside the wheel; nothing is downloaded)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# Where Typst's diagnostic points: "┌─ article.typ:18:1" (the file as Typst
# names it: relative to the working folder, or to the project root).
_SPAN = re.compile(r"─ ([^\n]+?\.typ):(\d+):(\d+)")


@dataclass
class Diagnostic:
    message: str  # with Typst's hints and the first lines of its trace
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (file, line, column), main first


@dataclass
class CompileResult:
    pdf: Path | None
    warnings: list[Diagnostic]
    error: Diagnostic | None = None


def _describe(diagnostic) -> Diagnostic:
    message = getattr(diagnostic, "message", None) or str(diagnostic)
    hints = getattr(diagnostic, "hints", None) or []
    trace = getattr(diagnostic, "trace", None) or []
    extra = "".join(f"; hint: {hint}" for hint in hints) + "".join(f"; {t}" for t in trace[:3])
    spans = [(m[1], int(m[2]), int(m[3]))
             for m in _SPAN.finditer(getattr(diagnostic, "diagnostic", "") or "")]
    return Diagnostic(message + extra, spans)


def compile_pdf(
    source: Path,
    output: Path,
    *,
    standards: list[str],
    timestamp: int,
    font_paths: list[str],
) -> CompileResult:
    """Compile *source* (its folder is the project root) into *output*."""
    import typst  # imported here: only the Typst edition pays its start-up cost

    try:
        _, warnings = typst.compile_with_warnings(
            str(source),
            output=str(output),
            root=str(source.parent),
            font_paths=list(font_paths),
            pdf_standards=list(standards),
            timestamp=timestamp,
        )
    except typst.TypstError as error:
        return CompileResult(None, [], _describe(error))
    return CompileResult(output, [_describe(w) for w in warnings])
