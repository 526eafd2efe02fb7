"""The light and dark themes come from stylesheets rendered at build time (scripts/gen_themes.py): they must be
what qt-material renders now, at every font size, on Linux and elsewhere, and applying them must set what
qt-material's own ``apply_stylesheet`` sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QFile
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from inspector_app.ui import theme
from scripts.gen_themes import THEMES, outputs, rendered


def test_the_prebuilt_files_are_current() -> None:
    expected = outputs()
    for path, content in expected.items():
        assert path.is_file() and path.read_bytes() == content, f"run scripts/gen_themes.py ({path.name})"
    assert set((THEMES / "icons").rglob("*.svg")) == {p for p in expected if p.suffix == ".svg"}


@pytest.mark.parametrize("name", theme.MATERIAL)
@pytest.mark.parametrize("system", ["Linux", "Windows"])
def test_each_font_size_gives_what_qt_material_renders(name: str, system: str, tmp_path: Path) -> None:
    for size in sorted({*theme.FONT_SIZES, 22}):  # the range the window allows
        px = round(size * 4 / 3)
        assert theme.material_stylesheet(name, px, system == "Linux") == rendered(name, px, system, tmp_path)


@pytest.mark.parametrize("name", theme.MATERIAL)
def test_applying_a_theme_sets_what_qt_material_sets(name: str, tmp_path: Path, qapp: QApplication) -> None:
    app = qapp
    rendered(name, 15, "Linux", tmp_path)  # qt-material sets the palette's text colour as it renders
    expected = QGuiApplication.palette().color(QPalette.ColorRole.Text)
    QGuiApplication.setPalette(QPalette())
    try:
        theme.apply(app, name, 11)
        assert QGuiApplication.palette().color(QPalette.ColorRole.Text) == expected
        assert "Roboto" in QFontDatabase.families()
        assert "font-size: 15.0px" in app.styleSheet() and theme.FONT_SIZE_MARK not in app.styleSheet()
        for icon in ("icon:/primary/checkbox_checked.svg", "icon:/disabled/branch-open.svg"):
            assert QFile.exists(icon) and icon in app.styleSheet()
    finally:
        theme.apply(app, "light")
