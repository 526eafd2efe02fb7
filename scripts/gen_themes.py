"""Render qt-material's light and dark themes once, to resources/themes/ (run after upgrading qt-material).

The app then styles itself from these files (``ui.theme``) instead of rendering qt-material's Jinja template
and writing its icons to the user's home folder at every start. Each ``<theme>.qss`` holds
``FONT_SIZE_MARK`` where the font size in pixels goes, and the Linux-only block between ``LINUX_BEGIN`` and
``LINUX_END``; ``icons/<theme>/`` holds the icons that stylesheet names (``icon:/primary/…``).
"""

from __future__ import annotations

import os
import platform
import re
import sys
import tempfile
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
THEMES = ROOT / "resources" / "themes"
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402  (qt-material must be imported after PySide6)

from inspector_app.ui.theme import FONT_SIZE_MARK, LINUX_BEGIN, LINUX_END, MATERIAL  # noqa: E402


def rendered(name: str, px: int | str, system: str, icons: Path) -> str:
    """qt-material's stylesheet for our theme ``name`` at ``px`` pixels as on ``system``; its icons into ``icons``."""
    import qt_material  # noqa: PLC0415  (needs a QApplication)

    QApplication.instance() or QApplication([])
    xml, invert = MATERIAL[name]
    with mock.patch.object(platform, "system", return_value=system):
        return qt_material.build_stylesheet(xml, invert_secondary=invert, parent=str(icons), export=True,
                                            extra={"font_size": f"{px}px", "density_scale": "0"})


def outputs() -> dict[Path, bytes]:
    """Every file this script writes, by path: the two stylesheets and the icons they name."""
    files: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in MATERIAL:
            icons = Path(tmp) / name
            linux = rendered(name, FONT_SIZE_MARK, "Linux", icons)
            other = rendered(name, FONT_SIZE_MARK, "Windows", icons)
            start = len(os.path.commonprefix([linux, other]))
            end = len(os.path.commonprefix([linux[start:][::-1], other[start:][::-1]]))
            assert linux[:start] + linux[len(linux) - end:] == other, "the Linux block is not one piece"
            qss = linux[:start] + LINUX_BEGIN + linux[start:len(linux) - end] + LINUX_END + linux[len(linux) - end:]
            files[THEMES / f"{name}.qss"] = qss.encode("utf-8")
            for named in sorted(set(re.findall(r"icon:/([\w/.-]+\.svg)", qss))):
                if (icons / named).is_file():
                    files[THEMES / "icons" / name / named] = (icons / named).read_bytes()
    return files


def main() -> int:
    files = outputs()
    for stale in (THEMES / "icons").rglob("*.svg"):
        if stale not in files:
            stale.unlink()
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"{len(files)} files under {THEMES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
