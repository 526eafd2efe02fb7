"""Compile the Qt Designer forms in ui/ to src/inspector_app/ui/forms/ (run after editing a form)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "src" / "inspector_app" / "ui" / "forms"


def compiled(form: Path) -> str:
    uic = Path(sys.executable).with_name("pyside6-uic")
    out = subprocess.run([str(uic), str(form)], check=True, capture_output=True, text=True).stdout
    # uic stamps its own version in a comment; keep only the code so the output is stable.
    return "".join(line for line in out.splitlines(keepends=True) if not line.startswith("## Created by"))


def targets() -> dict[Path, Path]:
    return {form: FORMS / f"{form.stem}_ui.py" for form in sorted((ROOT / "ui").glob("*.ui"))}


def main() -> int:
    for form, target in targets().items():
        target.write_text(compiled(form), encoding="utf-8")
        print(f"{form.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
