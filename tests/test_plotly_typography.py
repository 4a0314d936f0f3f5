"""Every number on an axis or a label follows the document language, zero
included (« 0 % » in French, "0%" in English), in the HTML drawing and in the
PDF the LaTeX build includes."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from defusedxml import ElementTree

from helpers import require_tool
from sphinx_publication.figures.parse import build_chart, parse_lines
from sphinx_publication.figures.pdf import svg_to_pdf
from sphinx_publication.figures.plotly import parse_plotly
from sphinx_publication.figures.render import number_format, wording
from sphinx_publication.figures.svg import render_svg

# the chart « Tendances d'adoption de l'IA » of the publication
ADOPTION = ["Santé : 85%", "Éducation : 70%", "Gouvernement : 65%"]


def adoption(language: str, theme: bool) -> str:
    headers, rows = None, parse_lines(ADOPTION)
    chart = build_chart("bar", "Tendances", headers, rows, x_label="Secteur", y_label="Adoption en 2030")
    return render_svg(chart, number_format(chart, language), for_screen=theme, wording=wording()).text


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("theme", [True, False])
def test_percent_ticks_and_labels_are_french_including_zero(theme):
    shown = texts(adoption("fr", theme))
    percents = [text for text in shown if "%" in text]
    assert "0\u00a0%" in percents and "85\u00a0%" in percents
    assert all(re.fullmatch(r"\d+\u00a0%", text) for text in percents), percents


def test_percent_ticks_are_english_in_english():
    shown = texts(adoption("en", True))
    assert "0%" in shown and "85%" in shown


def test_plotly_axis_numbers_follow_the_language():
    figure = {"data": [{"x": [0, 0.5, 1.5], "y": [0, 0.25, 0.5]}], "layout": {"yaxis": {"tickformat": ".0%"}}}
    chart = parse_plotly(json.dumps(figure), "T")
    french = texts(render_svg(chart, number_format(chart, "fr")).text)
    assert "0\u00a0%" in french and "0,5" in french
    english = texts(render_svg(chart, number_format(chart, "en")).text)
    assert "0%" in english and "0.5" in english


@pytest.mark.latex
def test_pdf_draws_the_space_of_zero_percent():
    """« 0 % » in the PDF: the no-break space is there, as wide as in « 40 % ».

    (pdftotext prints "0%": it cannot tell a space after a one-character word
    from letter spacing, so the gap is measured instead.)"""
    require_tool("pdftotext", "poppler-utils reads the chart's PDF back")
    pdf = svg_to_pdf(adoption("fr", theme=False))
    boxes = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    words = [(m[4], float(m[1]), float(m[2]), float(m[3])) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', boxes)]
    forty = next(w for w in words if w[0] == "40")
    percent = min((w for w in words if w[0] == "%" and w[3] == forty[3] and w[1] > forty[2]), key=lambda w: w[1])
    zero = next(w for w in words if w[0] == "0%")
    digit = (forty[2] - forty[1]) / 2
    gap = percent[1] - forty[2]  # the space of « 40 % »
    assert gap > 2
    assert zero[2] - zero[1] == pytest.approx(digit + gap + (percent[2] - percent[1]), abs=0.3)
