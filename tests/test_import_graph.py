"""The modules of ``edition`` import each other without a circle, and each imports on its own.

An import circle (``a`` imports ``b`` and ``b`` imports ``a``, even inside a function or only
for type checking) means neither module can be read, tested or moved without the other. The
graph is read from the source with :mod:`ast`: every ``import`` statement counts, wherever it
stands, so a circle hidden in a function's body is found too. ``docs/ARCHITECTURE.md`` draws the
layers this keeps apart.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules(package_dir: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name → (file, is a package) for every module under ``package_dir``."""
    out = {}
    for path in package_dir.rglob("*.py"):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports (``from pkg import name`` counts as
    importing ``pkg.name`` when that is a module, else ``pkg``)."""
    mods = modules(package_dir)

    def known(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, (path, is_package) in mods.items():
        here = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    pkg = here
                    for _ in range(node.level - 1):
                        pkg = pkg.rpartition(".")[0]
                    base = f"{pkg}.{node.module}" if node.module else pkg
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for t in targets:
                found = known(t)
                if found and found != name:
                    graph[name].add(found)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_package_has_no_import_circle():
    graph = import_graph(ROOT / "edition")
    assert len(graph) > 50 and graph["edition.detection.runner"], "the graph was not read"
    assert circles(graph) == []


#: The modules every stage shares: they import none of the stages.
#: (Atomic writes live in the store, their main user, and serve every stage; the cache folder
#: holds detection's tables and the store's parses; reading a source includes reading an OCR
#: engine's files; witnesses are read and collated for detection and publishing alike.)
SHARED = {"edition.model", "edition.errors", "edition.source", "edition.apply",
          "edition.store.atomic", "edition.cache"}


def _stage(module: str) -> str:
    """The part of the flow a module belongs to (docs/ARCHITECTURE.md, "Who imports whom")."""
    parts = module.split(".")
    if module in SHARED or module == "edition" or parts[1] in ("formats", "witnesses"):
        return "shared"
    if module == "edition.__main__":
        return "cli"
    if parts[1] in ("detection", "publish", "evaluation", "corpus", "cli"):
        return parts[1]
    if parts[1] == "store":
        return "store"
    return "review"  # review.py, workflow.py, server/, __main__


#: What each stage may import besides itself.
MAY_IMPORT = {
    "shared": {"shared"},
    "detection": {"shared"},
    "store": {"shared"},
    "review": {"shared", "detection", "store"},
    "publish": {"shared", "store", "review"},
    "evaluation": {"shared"},
    "corpus": {"shared", "detection", "store", "review", "publish"},
    "cli": {"shared", "detection", "store", "review", "publish", "evaluation", "corpus"},
}


def test_each_stage_imports_only_the_stages_before_it():
    graph = import_graph(ROOT / "edition")
    wrong = sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                   if _stage(b) != _stage(a) and _stage(b) not in MAY_IMPORT[_stage(a)])
    assert wrong == []
    assert [a for a, targets in graph.items() if "edition.cli" in targets] == ["edition.__main__"]


def test_a_circle_is_found_even_inside_a_function_or_for_type_checking(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                      "    from ..c import C\n")
    (pkg / "c.py").write_text("def f():\n    from pkg import a\n")
    (pkg / "d.py").write_text("import pkg.a\n")
    assert circles(import_graph(pkg)) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_every_module_imports_first():
    """Each module imports in an interpreter where no other module of the package was imported
    before it (one process; the package's modules are dropped from ``sys.modules`` in between):
    no module works only because another one happened to be imported first."""
    names = sorted(n for n in modules(ROOT / "edition") if not n.endswith("__main__"))
    code = ("import importlib, sys\n"
            "for name in sys.argv[1:]:\n"
            "    for m in [m for m in sys.modules if m == 'edition' or m.startswith('edition.')]:\n"
            "        del sys.modules[m]\n"
            "    importlib.import_module(name)\n")
    done = subprocess.run([sys.executable, "-c", code, *names], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
