"""The layers hold (docs/architecture.md): what each package may import, and who opens a unit of work.

The rules of what may import what are read from the two tables of docs/architecture.md itself, so the page and
the check cannot drift apart. ``imports_of`` walks a module's imports (module-level, in functions and under
TYPE_CHECKING; ``import x`` and ``from x import y``; relative imports resolved), so any rule about who may import
what is one list comprehension.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
PACKAGE = SRC / "inspector_app"
DOC = ROOT / "docs" / "architecture.md"
BASE = "base"
STORAGE_LIBRARIES = ("sqlalchemy", "sqlmodel", "alembic", "inspector_app.storage")


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str  # absolute and dotted: for ``from x import y``, both ``x`` and ``x.y`` (y may be a module)
    in_function: bool = False  # runs only when a function is called (a lazy import)

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

    def walk(node: ast.AST, lazy: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(path, child.lineno, alias.name, lazy)
            elif isinstance(child, ast.ImportFrom):
                base = ".".join([*package[: len(package) - child.level + 1], child.module or ""] if child.level
                                else [child.module or ""]).strip(".")
                yield Import(path, child.lineno, base, lazy)
                for alias in child.names:
                    yield Import(path, child.lineno, f"{base}.{alias.name}", lazy)
            yield from walk(child, lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    yield from walk(ast.parse(text, str(path)), False)


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


def test_no_import_circle() -> None:
    """No two modules of the package import each other, directly or round a circle; imports anywhere in a module
    count, in functions and under TYPE_CHECKING too (opening an installation, for one, goes one way:
    ``installation.open_workspace``; ``cli.main`` hands the self-test its command-line parser)."""
    assert circles(import_graph(modules_under())) == []


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
    assert [i.in_function for i in imports_of(PACKAGE / "ui" / "example.py", source)] == [False] * 4 + [True] * 3


@dataclass(frozen=True)
class Rule:
    """What a layer may import: always, or only inside a function (loaded when that function runs)."""

    always: frozenset[str]
    lazily: frozenset[str]

    def allows(self, found: Import, layer: str) -> bool:
        return layer in self.always or (found.in_function and layer in self.lazily)


def layer_of(module: str) -> str:
    """``inspector_app.services.report`` -> ``services``; a top-level module such as ``inspector_app.i18n`` -> base."""
    parts = module.split(".")
    if len(parts) > 1 and ((PACKAGE / parts[1]).is_dir() or parts[1] in ("self_test", "__main__")):
        return parts[1]
    return BASE


def table(marker: str) -> list[tuple[str, str]]:
    """The rows of the table between ``<!-- marker -->`` and ``<!-- /marker -->`` in docs/architecture.md."""
    body = DOC.read_text(encoding="utf-8").split(f"<!-- {marker} -->", 1)[1].split(f"<!-- /{marker} -->", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in body.strip().splitlines()[2:]]
    return [(left.strip(), right.strip()) for left, right in rows]


def names(cell: str) -> set[str]:
    """The names in a cell: each in backquotes, and the word base."""
    found = set(re.findall(r"`([^`]+)`", cell))
    return found | ({BASE} if re.search(rf"\b{BASE}\b", re.sub(r"`[^`]+`", "", cell)) else set())


def layer_rules() -> dict[str, Rule]:
    rules = {}
    for left, right in table("layers"):
        always, _, lazily = right.partition(";")
        (layer,) = names(left)
        rules[layer] = Rule(frozenset(names(always) | {layer}), frozenset(names(lazily)))
    return rules


def library_rules() -> dict[str, frozenset[str]]:
    return {library: frozenset(names(right)) for left, right in table("libraries") for library in names(left)}


def test_the_document_names_every_layer() -> None:
    layers = {layer_of(module_name(path)) for path in modules_under()}
    assert layers - set(layer_rules()) == set(), "layers missing from the table of docs/architecture.md"


def test_every_import_is_one_the_layers_allow() -> None:
    rules = layer_rules()
    found = {
        (i.path, i.line): f"{i} ({layer} may not import {target})"
        for path in modules_under() for i in imports_of(path)
        if i.module.split(".")[0] == "inspector_app"
        and not rules[layer := layer_of(module_name(path))].allows(i, target := layer_of(i.module))
    }
    assert not found, "imports against the layers of docs/architecture.md:\n" + "\n".join(found.values())


def test_heavy_libraries_stay_in_their_packages() -> None:
    libraries = library_rules()
    found = {
        (i.path, i.line): f"{i} ({library} belongs in {', '.join(sorted(libraries[library]))} only)"
        for path in modules_under() for i in imports_of(path)
        if (library := i.module.split(".")[0]) in libraries and layer_of(module_name(path)) not in libraries[library]
    }
    assert not found, "libraries outside their packages:\n" + "\n".join(found.values())


def test_the_rules_are_read_from_the_document() -> None:
    rules = layer_rules()
    assert rules["reports"].always == {"reports", "domain", BASE}
    assert "ui" in rules["cli"].lazily and "ui" not in rules["cli"].always
    assert library_rules()["reportlab"] == {"reports"}
    assert names("`services`, `domain`, base; `ui` inside") == {"services", "domain", BASE, "ui"}
    assert names("`database`") == {"database"}


def test_the_command_line_entry_point_loads_no_heavy_library() -> None:
    """``import inspector_app.cli.main`` loads none of the libraries of the second table (a command loads what it
    needs when it runs), as ``python -X importtime -c "import inspector_app.cli.main"`` shows."""
    code = "import sys, inspector_app.cli.main; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(run.stdout.split())
    assert loaded & set(library_rules()) == set()


def test_the_version_is_answered_before_any_command_module_loads() -> None:
    """``inspector --version`` loads no command module, hence none of the heavy libraries."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "inspector_app", "--version"],
                         capture_output=True, text=True, check=True)
    loaded = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in run.stderr.splitlines() if "|" in line}
    assert run.stdout.startswith("inspector ") and loaded & set(library_rules()) == set()
    assert "inspector_app.cli.inspections_cmd" not in run.stderr
