"""The package's folders are its layers, and imports run one way between them.

    core < sources < config < dates, duplicates, offtopic, spelling < kinds < engine
         < reporters, run < app < the top (``newslint``, ``cli``, ``__main__``, ``dask``)

A module imports its own package or a package of a lower layer; packages that share a layer
(the domains; the reporters and the run) do not import each other.  Imports are read with
``ast`` (those inside functions and ``TYPE_CHECKING`` blocks count too), so a backward import
cannot hide in a function body.  A new package must be given a layer here; a new module only
needs to sit in the right folder.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from newslint.core.kind import Kind

PACKAGE = Path(__file__).resolve().parent.parent / "newslint"
TOP = ""  # the package's own modules: the command line and the public facades
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),  # the article model, findings, options, patterns, caches
    ("sources",),  # files, record archives, wire XML, partitions, excerpts
    ("config",),  # settings files and the YAML reader
    ("dates", "duplicates", "offtopic", "spelling"),  # the domains the kinds draw on
    ("kinds",),  # the check kinds, one class a module
    ("engine",),  # rules loaded and applied to one document
    ("reporters", "run"),  # output formats; many files in-process, in a pool or on Dask
    ("app",),  # what the commands do with a run, the Python API
    (TOP,),
)
RANK = {package: rank for rank, packages in enumerate(LAYERS) for package in packages}
MAX_TOP_MODULES = 16
DOMAIN_PREFIXES = ("spelling_", "dask_", "lead_index", "date_")


def _module(path: Path) -> str:
    """``core.document`` for newslint/core/document.py, ``newslint`` for the package itself."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or "newslint"


def package_of(module: str) -> str:
    """The folder a module lives in (``TOP`` for newslint/*.py)."""
    head = module.split(".")[0]
    return head if (PACKAGE / head).is_dir() else TOP


def _is_module(dotted: str) -> bool:
    path = PACKAGE.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(path: Path) -> set[str]:
    """The newslint modules ``path`` imports, relative to the package (``core.document``, ``kinds``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module != "newslint" and not node.module.startswith("newslint."):
                continue
            base = node.module.removeprefix("newslint").removeprefix(".")
            for alias in node.names:
                sub = f"{base}.{alias.name}" if base else alias.name
                found.add(sub if _is_module(sub) else base or "newslint")
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("newslint.") for a in node.names if a.name.startswith("newslint.")}
    found.discard("newslint")  # ``from newslint import __version__``: the version string, not the API
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))
GRAPH = {_module(p): imports_of(p) for p in MODULES}


def test_every_package_has_a_layer() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    missing = sorted(folders - set(RANK))
    assert not missing, f"give these packages a layer in tests/test_layers.py: {missing}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path: Path) -> None:
    module = _module(path)
    own = package_of(module)
    wrong = [
        f"{module} ({own or 'top'}) imports {target} ({package_of(target) or 'top'})"
        for target in sorted(GRAPH[module])
        if package_of(target) != own and RANK[package_of(target)] >= RANK[own]
    ]
    assert not wrong, wrong


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    cycles = _cycles(GRAPH)
    assert not cycles, [sorted(c) for c in cycles]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_the_top_of_the_package_is_small() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    domain = [name for name in top if name.startswith(DOMAIN_PREFIXES)]
    assert not domain, f"these belong in their domain's package: {domain}"


@pytest.mark.parametrize(
    "name", sorted(p.stem for p in (PACKAGE / "kinds").glob("*.py") if p.stem != "__init__")
)
def test_kinds_holds_only_kinds(name: str) -> None:
    module = importlib.import_module(f"newslint.kinds.{name}")
    kinds = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Kind)
        and value.__module__ == module.__name__
        and value.name
    ]
    assert kinds, f"newslint/kinds/{name}.py defines no kind: move it to the package it serves"


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "def f():\n    from newslint.run.runner import run\n    import newslint.cli\n"
        "    from newslint.core import calendar\n"
    )
    assert imports_of(source) == {"run.runner", "cli", "core.calendar"}
