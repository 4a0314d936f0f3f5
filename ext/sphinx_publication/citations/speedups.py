"""pybtex speed-ups for the whole process, installed together.

* :mod:`.plugin_cache`: pybtex's and sphinxcontrib-bibtex's entry-point
  look-ups, read once (they scanned every installed distribution per citation);
* :mod:`.latex_fastpath`: field values without LaTeX skip LaTeX decoding.

Both replace a library attribute, results unchanged, and installing again is
a no-op. Installed before sphinxcontrib-bibtex is imported: it looks plugins
up as it loads.
"""

from __future__ import annotations


def install() -> None:
    from . import latex_fastpath, plugin_cache

    plugin_cache.install()
    latex_fastpath.install()
