"""No import cycle between the package's modules.

Every intra-package import counts, those inside functions too: a lazy import
only defers a cycle to the first call, and the two modules still cannot be
understood, tested or moved one without the other. Imports under
``TYPE_CHECKING`` count as well: the annotation still ties one to the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import sphinx_publication

PACKAGE = Path(sphinx_publication.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(text: str, name: str, is_package: bool, modules: set[str]) -> set[str]:
    """The package's modules that module ``name`` imports, at any depth of its code."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            # `from package import module` imports the module; any other name is
            # an attribute of `origin`.
            targets = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in modules else origin
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            # The deepest module of ours on the dotted path; foreign ones drop out.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def package_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {
        module_name(path): imported_modules(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py", modules
        )
        for path in paths
    }


def components(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each component of mutually importing modules."""
    return [one_cycle(graph, set(component)) for component in components(graph)]


def one_cycle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest path from the component's first module back to itself."""
    start = min(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & component):
                if target == start:
                    return paths[node] + [start]
                if target not in paths:
                    paths[target] = paths[node] + [target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle through {start}")


def test_no_import_cycle_between_the_package_modules():
    graph = package_graph()
    found = [
        f"{' -> '.join(one_cycle(graph, set(component)))} (modules importing each other: {', '.join(component)})"
        for component in components(graph)
    ]
    assert not found, "import cycles:\n" + "\n".join(found)


def test_the_walk_sees_imports_inside_functions_and_relative_ones():
    text = (
        "import os\n"
        "from . import sibling\n"
        "from .sibling import helper\n"
        "def late():\n"
        "    from ..sub.deep import thing\n"
        "    import p.other.inner\n"
    )
    modules = {"p.q.module", "p.q.sibling", "p.sub.deep", "p.other"}
    found = imported_modules(text, "p.q.module", False, modules)
    assert found == {"p.q.sibling", "p.sub.deep", "p.other"}


def test_the_check_finds_a_cycle_and_names_it():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert components(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
