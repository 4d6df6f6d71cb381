"""No import cycles in factbase/ or api/.

A cycle makes import order matter and hides a layering mistake (the API's ETag helpers
once sat in views, which the claim fast path imported inside a function while views
imported it). Every import counts, also those inside functions or under TYPE_CHECKING:
a lazy import is how a cycle hides.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("factbase", "api")


def module_files(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under the packages."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The known modules that module `name` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                base = ".".join([*here[: len(here) - node.level + 1], node.module or ""])
                base = base.rstrip(".")
            else:
                base = node.module or ""
            names.add(base)
            # `from api.v1 import views` imports the module api.v1.views.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {n for n in names if n in known and n != name}


def import_graph(root: Path, packages: Iterable[str]) -> dict[str, set[str]]:
    files = module_files(root, packages)
    known = set(files)
    return {name: imports_of(name, path, known) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
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
    return found


def test_factbase_and_api_have_no_import_cycles() -> None:
    graph = import_graph(ROOT, PACKAGES)
    assert len(graph) > 30  # the walk found the code, not an empty tree
    assert "api.v1.representations" in graph["api.v1.views"]
    assert cycles(graph) == []


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # A lazy import inside a function, as fastpath.py once imported views.
        (
            {
                "pkg/__init__.py": "",
                "pkg/views.py": "from pkg import fast\n",
                "pkg/fast.py": "def f():\n    from pkg.views import helper\n",
            },
            [["pkg.fast", "pkg.views"]],
        ),
        # Relative imports, three modules round.
        (
            {
                "pkg/__init__.py": "",
                "pkg/sub/__init__.py": "",
                "pkg/a.py": "from .sub import b\n",
                "pkg/sub/b.py": "from ..c import thing\n",
                "pkg/c.py": "import pkg.a\n",
            },
            [["pkg.a", "pkg.c", "pkg.sub.b"]],
        ),
        # No cycle: a chain.
        (
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "from pkg import b\n",
                "pkg/b.py": "import os\n",
            },
            [],
        ),
    ],
)
def test_the_cycle_finder_finds_a_deliberate_cycle(
    tmp_path: Path, files: dict[str, str], expected: list[list[str]]
) -> None:
    _write(tmp_path, files)
    assert cycles(import_graph(tmp_path, ["pkg"])) == expected
