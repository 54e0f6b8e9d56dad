"""The shape of the package (docs/architecture.md): stages use each other's public surface only, and the
modules import each other without cycles. Read from the source, so a new violation fails here first."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _package_of(module: str) -> str:
    """The stage a module belongs to: eventwire.<stage> (a top-level module is its own)."""
    return ".".join(module.split(".")[:2])


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _imports(module: str, *, top_level_only: bool) -> Iterator[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) of every eventwire import in the module."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))

    def walk(nodes: list[ast.stmt]) -> Iterator[ast.stmt]:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue  # for type checkers only: never run
            if top_level_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if isinstance(node, ast.ClassDef):
                    yield from walk([n for n in node.body if not isinstance(n, ast.FunctionDef
                                                                           | ast.AsyncFunctionDef)])
                continue
            yield node
            for field in ("body", "orelse", "finalbody", "handlers"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    yield from walk([c for c in children if isinstance(c, ast.stmt | ast.ExceptHandler)])

    for node in walk(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("eventwire"):
                    yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, node)
            if target.startswith("eventwire"):
                for alias in node.names:
                    yield target, alias.name, node.lineno


def test_no_module_imports_another_stages_private_names() -> None:
    offences = []
    for module in MODULES:
        for target, name, line in _imports(module, top_level_only=False):
            if _package_of(target) == _package_of(module):
                continue  # a stage's own modules may share its private helpers
            private_module = any(part.startswith("_") and part != "__init__" for part in target.split("."))
            private_name = (name is not None and name.startswith("_") and not name.endswith("__")
                            and f"{target}.{name}" not in MODULES)
            if private_module or private_name:
                offences.append(f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: "
                                f"{target}{'.' + name if name else ''}")
    assert not offences, "private names imported across stages:\n" + "\n".join(offences)


def test_the_modules_import_each_other_without_a_cycle() -> None:
    # Imports inside functions count too: a lazy import only hides a cycle until the function runs.
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        edges = set()
        for target, name, _ in _imports(module, top_level_only=False):
            candidate = f"{target}.{name}" if name else target
            edges.add(candidate if candidate in MODULES else target)
        # A submodule's import runs its package's __init__ first.
        graph[module] = {edge for edge in edges if edge in MODULES and edge != module}
    state: dict[str, int] = {}
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                cycles.append([*path[path.index(imported):], imported])
            elif imported not in state:
                visit(imported)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


# The store's read surface is eventwire.store (its Reader and records); how the answers are read is its
# private business, so another package that reached into these would tie itself to the SQL behind them.
STORE_INTERNALS = ("eventwire.store.queries", "eventwire.store.overview")


def _every_import(module: str) -> Iterator[tuple[str, int]]:
    """Each eventwire module or module.name a module imports, type-checking imports included."""
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, node)
            yield from ((f"{target}.{alias.name}", node.lineno) for alias in node.names)


def test_only_the_store_imports_its_query_modules() -> None:
    offences = [f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {name}"
                for module in MODULES if _package_of(module) != "eventwire.store"
                for name, line in _every_import(module)
                if any(name == internal or name.startswith(internal + ".") for internal in STORE_INTERNALS)]
    assert not offences, "use eventwire.store's Reader and records instead:\n" + "\n".join(offences)


def test_the_walker_sees_imports_and_cycles() -> None:
    # The two tests above pass trivially if the walker finds nothing: check it on known imports.
    found = {(target, name) for target, name, _ in _imports("eventwire.pipeline", top_level_only=True)}
    assert ("eventwire.store", "Store") in found
    assert ("eventwire.events", "EventCoder") not in found  # under TYPE_CHECKING
    assert len(MODULES) > 80
    assert ("eventwire.cli._common", "open_store") in {
        (target, name) for target, name, _ in _imports("eventwire.cli.export", top_level_only=True)}
    found_everywhere = {name for name, _ in _every_import("eventwire.store.reader")}
    assert "eventwire.store.queries.EventQuery" in found_everywhere  # the walker of the store rule
