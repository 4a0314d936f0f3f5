"""SVG -> vector PDF for the LaTeX builder (cairosvg: text stays text, fonts embedded)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_CREATION_DATE = re.compile(rb"/CreationDate \(D:(\d{14})([^)]*)\)")


def _fixed_date(match: re.Match[bytes]) -> bytes:
    # Same length as the original so that the cross-reference offsets stay valid.
    zone = re.sub(rb"\d", b"0", match[2]).replace(b"-", b"+")
    return b"/CreationDate (D:20000101000000" + zone + b")"


def svg_to_pdf(svg: str) -> bytes:
    """Convert *svg* to PDF bytes that depend on the SVG only (no build date)."""
    import cairosvg  # imported here: only LaTeX builds pay its start-up cost

    pdf = cairosvg.svg2pdf(bytestring=svg.encode("utf-8"))
    return _CREATION_DATE.sub(_fixed_date, pdf)


def _is_complete(path: Path) -> bool:
    """Whether *path* holds a whole PDF (a killed build may have left a stub)."""
    try:
        with path.open("rb") as pdf:
            pdf.seek(max(path.stat().st_size - 32, 0))
            return b"%%EOF" in pdf.read()
    except OSError:
        return False


def write_chart_pdf(svg: str, outdir: str | Path) -> str:
    """Write the PDF of *svg* into *outdir*, named by content; return the file name.

    A complete file of that name is reused (same content); the file is
    written under a temporary name and renamed, so it is whole or absent.
    """
    name = "sp-chart-" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16] + ".pdf"
    target = Path(outdir) / name
    if _is_complete(target):
        return name
    data = svg_to_pdf(svg)
    descriptor, temporary = tempfile.mkstemp(prefix=".sp-chart-", suffix=".tmp", dir=outdir)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from other readers
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


_INCLUDED = re.compile(r"sp-chart-[0-9a-f]{16}\.pdf")


def remove_unused_chart_pdfs(outdir: str | Path) -> list[str]:
    """Delete the chart PDFs of *outdir* that no ``.tex`` file includes any more
    (charts edited or removed since an earlier build); return their names."""
    outdir = Path(outdir)
    used = set()
    for tex in outdir.glob("*.tex"):
        used.update(_INCLUDED.findall(tex.read_text(encoding="utf-8", errors="replace")))
    removed = []
    for pdf in sorted(outdir.glob("sp-chart-*.pdf")):
        if pdf.name not in used:
            pdf.unlink(missing_ok=True)
            removed.append(pdf.name)
    return removed


def remove_unused_chart_pdfs_after_latex_build(app, exception: BaseException | None) -> None:
    """``build-finished``: only after a complete LaTeX build does every .tex name the PDFs it needs."""
    if exception is None and app.builder.format == "latex":
        remove_unused_chart_pdfs(app.builder.outdir)
