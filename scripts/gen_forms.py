"""Compile the Qt Designer forms in ui/ to src/inspector_app/ui/forms/ (run after editing a form).

pyside6-uic imports some thirty Qt classes in every form whether it uses them or not, and PySide6 builds each
class (and the ``Qt`` namespace's hundred enums) when a module first names it; so each form imports only the
names its code uses, which keeps them off the main window's start-up.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "src" / "inspector_app" / "ui" / "forms"


def compiled(form: Path) -> str:
    uic = Path(sys.executable).with_name("pyside6-uic")
    out = subprocess.run([str(uic), str(form)], check=True, capture_output=True, text=True).stdout
    # uic stamps its own version in a comment; keep only the code so the output is stable.
    return used_imports_only("".join(line for line in out.splitlines(keepends=True)
                                     if not line.startswith("## Created by")))


def used_imports_only(source: str) -> str:
    """``source`` with each top-level ``from … import (…)`` cut to the names the rest of the module uses."""
    tree = ast.parse(source)
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = source.splitlines(keepends=True)
    for node in reversed(imports):
        names = [alias.name for alias in node.names if alias.name in used]
        assert node.end_lineno is not None
        lines[node.lineno - 1:node.end_lineno] = [f"from {node.module} import {', '.join(names)}\n"] if names else []
    return "".join(lines)


def targets() -> dict[Path, Path]:
    return {form: FORMS / f"{form.stem}_ui.py" for form in sorted((ROOT / "ui").glob("*.ui"))}


def main() -> int:
    for form, target in targets().items():
        target.write_text(compiled(form), encoding="utf-8")
        print(f"{form.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
