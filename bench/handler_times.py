"""What each extension's set-up and each event handler costs in a fresh build.

``python bench/handler_times.py [--runs N]`` copies the publication and its
bare twin (as ``make bench`` does), builds each N times in a new process
(alternately), and prints, for the full build, the median wall time of every
extension's ``setup()`` (its imports included, nested set-ups excluded) and of
every event handler, next to the bare build's. The fresh-build row of
``make bench`` says how much the publication costs; this says where.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import prepare_publication

# Run in each build's process: times setup() and every handler of every event.
PROBE = r"""
import collections, io, json, sys, time
from pathlib import Path
from sphinx import events, registry
from sphinx.application import Sphinx

srcdir, outdir, report = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
cost, nested = collections.Counter(), []
load_extension = registry.SphinxComponentRegistry.load_extension

def timed_load(self, app, name):
    start = time.perf_counter()
    nested.append(0.0)
    try:
        return load_extension(self, app, name)
    finally:
        spent, inner = time.perf_counter() - start, nested.pop()
        cost["setup " + name] += spent - inner
        if nested:
            nested[-1] += spent

def timed_emit(self, name, *args, allowed_exceptions=(), **kwargs):
    results = []
    for listener in sorted(self.listeners[name], key=lambda listener: listener.priority):
        start = time.perf_counter()
        result = listener.handler(self.app, *args)
        handler = listener.handler
        cost[f"{name}: {handler.__module__}.{handler.__qualname__}"] += time.perf_counter() - start
        if result is not None:
            results.append(result)
    return results

registry.SphinxComponentRegistry.load_extension = timed_load
events.EventManager.emit = timed_emit
start = time.perf_counter()
app = Sphinx(srcdir, srcdir, outdir, outdir / ".doctrees", "html", status=None,
             warning=io.StringIO(), freshenv=True)
cost["(the application's set-up, all of it)"] = time.perf_counter() - start
start = time.perf_counter()
app.build()
cost["(the build, all of it)"] = time.perf_counter() - start
Path(report).write_text(json.dumps(cost))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="handlers-"))
    try:
        sources = prepare_publication(work)
        probe = work / "probe.py"
        probe.write_text(PROBE, encoding="utf-8")
        samples: dict[str, list[dict[str, float]]] = {"bare": [], "full": []}
        for run in range(args.runs):
            for variant in samples:
                outdir, report = work / f"out-{variant}", work / f"{variant}-{run}.json"
                shutil.rmtree(outdir, ignore_errors=True)
                subprocess.run([sys.executable, str(probe), str(sources[variant]), str(outdir), str(report)],
                               check=True, capture_output=True)
                samples[variant].append(json.loads(report.read_text(encoding="utf-8")))
        print(table(samples, args.top, args.runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(samples: dict[str, list[dict[str, float]]], top: int, runs: int) -> str:
    medians = {variant: _medians(runs_) for variant, runs_ in samples.items()}
    bare, full = medians["bare"], medians["full"]
    rows = sorted(full, key=lambda key: bare.get(key, 0.0) - full[key])[:top]
    lines = [f"Medians of {runs} fresh builds each, wall time (ms)", "",
             "| full | bare | full − bare | set-up or handler |", "|---:|---:|---:|---|"]
    lines += [f"| {full[k] * 1000:.1f} | {bare.get(k, 0.0) * 1000:.1f} | "
              f"{(full[k] - bare.get(k, 0.0)) * 1000:+.1f} | `{k}` |" for k in rows]
    return "\n".join(lines)


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    keys = set().union(*runs)
    return {key: statistics.median(run.get(key, 0.0) for run in runs) for key in keys}


if __name__ == "__main__":
    main()
