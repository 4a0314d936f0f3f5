"""SVG -> vector PDF for the LaTeX builder (cairosvg: text stays text, fonts embedded)."""

from __future__ import annotations

import hashlib
import re
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


def write_chart_pdf(svg: str, outdir: str | Path) -> str:
    """Write the PDF of *svg* into *outdir*, named by content; return the file name."""
    name = "sp-chart-" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16] + ".pdf"
    target = Path(outdir) / name
    if not target.exists():
        target.write_bytes(svg_to_pdf(svg))
    return name
