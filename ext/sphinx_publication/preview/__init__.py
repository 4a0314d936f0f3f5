"""Live preview: ``python -m sphinx_publication.preview`` (``make serve``).

One Sphinx application stays in memory in a build process and rebuilds
incrementally on every change (:mod:`.session`, :mod:`.worker`); a web
server on loopback serves the output, pushes a reload to open pages and
shows the last build's problems in a banner (:mod:`.server`, ``client.js``).
Changes to ``conf.py``, to Python code or to the paths given with
``--restart-on`` start a new build process.
"""
