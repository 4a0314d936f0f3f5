"""The package reaches the builder through public Sphinx API only.

``env._app`` and ``env._builder_cls`` are private (Sphinx 9 renamed them so);
``SphinxTransform.app`` is deprecated (RemovedInSphinx11Warning). Work that
needs the builder runs in ``doctree-resolved`` handlers, which receive ``app``.
"""

from __future__ import annotations

import re
from pathlib import Path

import sphinx_publication

PACKAGE = Path(sphinx_publication.__file__).parent
PRIVATE = re.compile(r"\benv\._app\b|\._builder_cls\b|\bself\.app\.builder\b")


def test_no_private_sphinx_access_to_the_builder():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PRIVATE.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_check_finds_a_private_access():
    assert PRIVATE.search("builder = self.env._app.builder")
    assert PRIVATE.search("name = self.env._builder_cls.name")
