"""cli/ and ui/ reach keys, certificates and signatures through services only, never ``inspector_app.crypto``;
the self-test and the command line do not import each other in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "inspector_app"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (``from X import y`` counts as ``X`` and ``X.y``)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_the_walk_sees_nested_and_from_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from inspector_app import crypto\n    import inspector_app.crypto.keys\n")
    assert {"inspector_app.crypto", "inspector_app.crypto.keys"} <= imported_modules(sample)


@pytest.mark.parametrize("package", ["cli", "ui"])
def test_cli_and_ui_import_nothing_from_crypto(package: str) -> None:
    offenders = sorted(
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in (PACKAGE / package).rglob("*.py")
        for module in imported_modules(path)
        if module == "inspector_app.crypto" or module.startswith("inspector_app.crypto.")
    )
    assert not offenders, "\n".join(offenders)


def test_self_test_and_cli_main_import_one_way() -> None:
    assert "inspector_app.self_test" in imported_modules(PACKAGE / "cli" / "main.py")
    assert not {m for m in imported_modules(PACKAGE / "self_test.py") if m.startswith("inspector_app.cli.main")}
