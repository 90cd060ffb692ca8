"""The package's import graph: no cycle (counting imports inside functions, which only hide one) and no import of
another module's private names."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "monitor"


def _imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    """Every import of the module, at any depth, but those only type checkers run."""
    found: list[ast.ImportFrom | ast.Import] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _monitor_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in _imports(path):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("monitor."))
        elif node.module == "monitor":
            names.update(f"monitor.{alias.name}" for alias in node.names)
        elif node.module and node.module.startswith("monitor."):
            names.add(node.module)
    return names


def test_the_package_has_no_import_cycle() -> None:
    graph = {f"monitor.{path.stem}": _monitor_imports(path) - {f"monitor.{path.stem}"}
             for path in PACKAGE.glob("*.py")}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the cycle


def test_no_module_imports_another_s_private_names() -> None:
    private = [f"{path.stem} imports {node.module}.{alias.name}"
               for path in PACKAGE.glob("*.py") for node in _imports(path)
               if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("monitor")
               for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert private == []
