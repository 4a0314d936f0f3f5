"""The package reaches the builder through public Sphinx API only.

``env._app`` and ``env._builder_cls`` are private (Sphinx 9 renamed them so);
``SphinxTransform.app`` is deprecated (RemovedInSphinx11Warning). Work that
needs the builder runs in ``doctree-resolved`` handlers, which receive ``app``.
"""

from __future__ import annotations

import ast
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


# -- private API of other packages: named, and only where no public way exists ----------------

#: (module, use, why it stays). A use is what the scan prints: ``base._name`` as
#: written, ``getattr(base, '_name')``, or ``from module import name`` of a private
#: module or name; undocumented registry attributes are named in UNDOCUMENTED.
ALLOWED = [
    ("preview/session.py", "self.app._warncount",
     "Sphinx counts warnings per application; a preview session's next build starts at 0; no public reset"),
    ("preview/session.py", "getattr(env, '_pickled_doctree_cache', None)",
     "a second build in one application reads stale pickled doctrees; Sphinx's own test app clears it too"),
    ("builders.py", "app.registry.translation_handlers",
     "whether a visitor exists for a node, by Sphinx's own lookup; no public query"),
    ("citations/style.py", "from pybtex.style.template import _format_list",
     "pybtex's list formatting for our template nodes, as its own templates use it"),
    ("citations/style.py", "text._create_similar",
     "a pybtex rich text of the same kind (Tag, HRef, Protected) with new parts"),
    ("metadata/reference.py", "text._create_similar",
     "a pybtex rich text of the same kind (Tag, HRef, Protected) with new parts"),
    ("citations/format_cache.py", "style._format_key",
     "our own memo on a pybtex style object; goes with the one citation cache (issue 22, item 1)"),
    ("citations/resolution.py", "from sphinxcontrib.bibtex.domain import _FilterVisitor",
     "sphinxcontrib-bibtex's :filter: evaluation, reused as is by our linear get_filtered_entries"),
    ("figures/directives.py", "super()._caption_nodes", "our own base directive, _DataDirective"),
    ("metadata/config.py", "getattr(config, '_raw_config', {})",
     "whether conf.py set a value; Config keeps no public record of it"),
    ("translation/editions.py", "getattr(config, '_raw_config', {})",
     "the language conf.py wrote, before -D language=… overrides it"),
]
#: Not underscored, but not documented API either.
UNDOCUMENTED = re.compile(r"\bregistry\.translation_handlers\b")
#: ``sphinx.locale._`` and ``__`` are Sphinx's documented message markers.
ALLOWED_NAMES = {"_", "__"}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name not in ALLOWED_NAMES


def private_uses(text: str) -> list[tuple[int, str]]:
    """Private attributes of objects not ours, and private modules or names of other
    packages, used in *text*: (line, use). ``self``/``cls`` and names bound to our
    own modules are ours."""
    tree = ast.parse(text)
    ours = {"self", "cls"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("sphinx_publication")):
            ours.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            ours.update(alias.asname or alias.name for alias in node.names if alias.name.startswith("sphinx_publication"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in ours):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1:
            name = node.args[1]
            if isinstance(name, ast.Constant) and isinstance(name.value, str) and _private(name.value) and not (
                    isinstance(node.args[0], ast.Name) and node.args[0].id in ours):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.ImportFrom) and not node.level and not (node.module or "").startswith("sphinx_publication"):
            module = node.module or ""
            if any(_private(part) for part in module.split(".")):
                found.append((node.lineno, f"from {module} import {', '.join(a.name for a in node.names)}"))
            else:
                found.extend((node.lineno, f"from {module} import {a.name}") for a in node.names if _private(a.name))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, f"import {a.name}") for a in node.names
                         if any(_private(part) for part in a.name.split(".")))
    for number, line in enumerate(text.splitlines(), start=1):
        for match in UNDOCUMENTED.finditer(line):
            found.append((number, line[:match.end()].split()[-1].split("=")[-1]))
    return sorted(found)


def package_private_uses() -> list[tuple[str, int, str]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), number, use)
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, use in private_uses(path.read_text(encoding="utf-8"))
    ]


def test_every_private_use_is_in_the_allowed_list():
    allowed = {(module, use) for module, use, _why in ALLOWED}
    unexpected = [f"{module}:{number}: {use}" for module, number, use in package_private_uses()
                  if (module, use) not in allowed]
    assert not unexpected, "private API of other packages (use a public way, or add it to ALLOWED with why):\n" + \
        "\n".join(unexpected)


def test_the_allowed_list_holds_only_uses_still_there():
    used = {(module, use) for module, _number, use in package_private_uses()}
    stale = [f"{module}: {use}" for module, use, _why in ALLOWED if (module, use) not in used]
    assert not stale, "\n".join(stale)


def test_the_scan_catches_a_new_private_use():
    text = (
        "from sphinx.builders._epub_base import EpubBuilder\n"
        "from gettext import GNUTranslations, _expand_lang\n"
        "from . import onepage\n"
        "def handler(app, visitor, env):\n"
        "    app._warncount = 0\n"
        "    self._cache = {}\n"
        "    onepage._first_section_id(None)\n"
        "    getattr(visitor, '_has_maths_elements', False)\n"
        "    handlers = app.registry.translation_handlers\n"
    )
    assert private_uses(text) == [
        (1, "from sphinx.builders._epub_base import EpubBuilder"),
        (2, "from gettext import _expand_lang"),
        (5, "app._warncount"),
        (8, "getattr(visitor, '_has_maths_elements', False)"),
        (9, "app.registry.translation_handlers"),
    ]
