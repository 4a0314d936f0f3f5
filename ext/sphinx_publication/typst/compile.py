"""Typst source -> tagged PDF through the ``typst`` Python package (the
compiler is inside the wheel; nothing is downloaded)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Where Typst's diagnostic points: "┌─ article.typ:18:1".
_SPAN = re.compile(r"─ ([^\s:]+\.typ):(\d+):\d+")


@dataclass
class CompileResult:
    pdf: Path | None
    warnings: list[str]
    error: str | None = None
    error_at: tuple[str, int] | None = None  # (file name, line) in the Typst source


def _describe(diagnostic) -> str:
    message = getattr(diagnostic, "message", None) or str(diagnostic)
    hints = getattr(diagnostic, "hints", None) or []
    trace = getattr(diagnostic, "trace", None) or []
    extra = "".join(f"; hint: {hint}" for hint in hints) + "".join(f"; {t}" for t in trace[:3])
    return message + extra


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
        span = _SPAN.search(getattr(error, "diagnostic", "") or "")
        where = (span[1], int(span[2])) if span else None
        return CompileResult(None, [], _describe(error), where)
    return CompileResult(output, [_describe(w) for w in warnings])
