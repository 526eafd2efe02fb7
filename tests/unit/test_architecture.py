"""The layers hold (docs/architecture.md): what each package may import, and who opens a unit of work.

``imports_of`` walks a module's imports (module-level, in functions and under TYPE_CHECKING; ``import x`` and
``from x import y``; relative imports resolved), so any rule about who may import what is one list comprehension.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "inspector_app"
STORAGE_LIBRARIES = ("sqlalchemy", "sqlmodel", "alembic", "inspector_app.storage")


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str  # absolute and dotted: for ``from x import y``, both ``x`` and ``x.y`` (y may be a module)

    def __str__(self) -> str:
        return f"{self.path.relative_to(SRC)}:{self.line}: imports {self.module}"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_under(*packages: str) -> list[Path]:
    """Every module of ``inspector_app.<package>`` for each package given (all of them when none is)."""
    roots = [PACKAGE / p.replace(".", "/") for p in packages] or [PACKAGE]
    return sorted(path for root in roots for path in root.rglob("*.py"))


def imports_of(path: Path, source: str | None = None) -> Iterator[Import]:
    """Every import in the module at ``path`` (or in ``source``, as if it were there), wherever it stands."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join([*package[: len(package) - node.level + 1], node.module or ""] if node.level
                            else [node.module or ""]).strip(".")
            yield Import(path, node.lineno, base)
            for alias in node.names:
                yield Import(path, node.lineno, f"{base}.{alias.name}")


def within(module: str, prefixes: Iterable[str]) -> bool:
    """``module`` is one of ``prefixes`` or inside one of them."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def import_graph(paths: Iterable[Path]) -> dict[str, set[str]]:
    """Which of the given modules each of them imports (a package's own ``__init__`` imports are left out)."""
    modules = {module_name(path): path for path in paths}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for found in imports_of(path):
            target = found.module
            while target and target not in modules:  # ``x.y.Name`` is module ``x.y``
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a circle (strongly connected)."""
    found: list[list[str]] = []
    for start in sorted(graph):
        reach = _reachable(graph, start)
        group = sorted(m for m in reach if start in _reachable(graph, m))
        if start in group and group not in found:
            found.append(group)
    return found


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    return seen


def test_ui_and_cli_import_no_storage() -> None:
    """ui/ and cli/ reach the database only through services: no SQLAlchemy, SQLModel, Alembic or storage."""
    found = {(i.path, i.line): str(i) for path in modules_under("ui", "cli") for i in imports_of(path)
             if within(i.module, STORAGE_LIBRARIES)}  # one line per import statement
    assert not found, "\n".join(found.values())


def test_ui_and_cli_open_no_unit_of_work() -> None:
    """Services own their transactions: ui/ and cli/ never call ``<...>.db.session()`` or ``<...>.db.read()``."""
    found = []
    for path in modules_under("ui", "cli"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("session", "read")
                    and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "db"):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: opens a unit of work (.db.{node.func.attr}())")
    assert found == [], "\n".join(found)


def _session_taking(path: Path) -> set[str]:
    """The module's functions that work within the caller's session (they take a ``session`` argument)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            and "session" in [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]}


def test_ui_and_cli_call_no_session_taking_service() -> None:
    """A service function that takes the caller's session is for other services to compose, never for ui/cli."""
    internal = {module_name(path): _session_taking(path) for path in modules_under("services")}
    found = []
    for path in modules_under("ui", "cli"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        modules: dict[str, str] = {}  # local name -> services module
        functions: dict[str, str] = {}  # local name -> services module whose function it is
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("inspector_app.services"):
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    if target in internal:
                        modules[alias.asname or alias.name] = target
                    elif alias.name in internal.get(node.module, ()):
                        functions[alias.asname or alias.name] = node.module
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
                module, name = modules[func.value.id], func.attr
            elif isinstance(func, ast.Name) and func.id in functions:
                module, name = functions[func.id], func.id
            else:
                continue
            if name in internal[module]:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: calls {module}.{name}, which takes a session")
    assert found == [], "\n".join(found)


def test_services_import_no_circle() -> None:
    """Opening an installation composes workspace, profile and templates one way (installation.open_workspace);
    a circle counts imports anywhere in a module, TYPE_CHECKING ones included."""
    assert circles(import_graph(modules_under("services"))) == []


def test_circles_are_found() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_imports_of_resolves_relative_and_nested_imports() -> None:
    source = ("from . import theme\nfrom ..storage.models import Unit\n"
              "def f():\n    import sqlalchemy.orm as orm\n    from .. import storage\n")
    walked = [(i.line, i.module) for i in imports_of(PACKAGE / "ui" / "example.py", source)]
    assert walked == [
        (1, "inspector_app.ui"), (1, "inspector_app.ui.theme"),
        (2, "inspector_app.storage.models"), (2, "inspector_app.storage.models.Unit"),
        (4, "sqlalchemy.orm"), (5, "inspector_app"), (5, "inspector_app.storage"),
    ]
    assert within("sqlalchemy.orm", STORAGE_LIBRARIES) and not within("sqlalchemy_utils", ["sqlalchemy"])
