"""bench/plotly_compare.py: our Plotly charts measured against plotly.js.

The quick half (our side only) runs over every shared figure; the browser
half compares the bench's own figures (histogram, box, waterfall, funnel,
heatmap, pies, ranges…) with the plotly.js of the ``plotly`` wheel in the
system Chromium: none may be drawn with another meaning."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from helpers import require_tool

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench():
    spec = importlib.util.spec_from_file_location("plotly_compare", BENCH / "plotly_compare.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["plotly_compare"] = module
    spec.loader.exec_module(module)
    return module


def test_every_shared_figure_is_drawn_or_refused_with_its_location(capsys):
    bench = _bench()
    inputs = [path for path in bench.DEFAULT_INPUTS if path.exists()] + [BENCH / "plotly_figures"]
    assert bench.main(["--quick", *map(str, inputs)]) == 0
    out = capsys.readouterr().out
    assert "NOT located" not in out


def test_the_bench_figures_mean_what_plotly_js_draws(capsys):
    require_tool("chromium", "the comparison runs plotly.js in the system Chromium")
    pytest.importorskip("plotly", reason="plotly (test extra) ships the plotly.js the bench runs")
    bench = _bench()
    status = bench.main([str(BENCH / "plotly_figures")])
    out = capsys.readouterr().out
    assert "different meaning" not in out, out
    assert status == 0, out
