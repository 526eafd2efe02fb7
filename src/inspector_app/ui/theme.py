"""Themes, named colours and font size: the one place that knows how the app looks."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from inspector_app.i18n import N_
from inspector_app.resources_access import resource

THEMES = {"light": N_("Light"), "dark": N_("Dark"), "high_contrast": N_("High contrast (sunlight)")}
# qt-material's theme file and whether its secondary colours are inverted, per theme; prebuilt by
# scripts/gen_themes.py into resources/themes/<theme>.qss, with these marks (tests/gui/test_theme_files.py):
MATERIAL = {"light": ("light_blue.xml", True), "dark": ("dark_teal.xml", False)}
FONT_SIZE_MARK = "987654"  # where the font size in pixels goes
LINUX_BEGIN, LINUX_END = "/* linux only { */", "/* } linux only */"
# qt-material's palette text colour: its theme's primary colour, at alpha 92.
_MATERIAL_TEXT = {"light": QColor(0x29, 0x79, 0xFF, 92), "dark": QColor(0x1D, 0xE9, 0xB6, 92)}
ROBOTO_FACES = ("Roboto-Regular.ttf", "Roboto-Bold.ttf")
FONT_SIZES = (10, 11, 12, 14, 16, 18)
DEFAULT_FONT_SIZE = 11

# Named colours per theme: widgets ask for a meaning, never for a hex value.
_COLOURS = {
    "light": {"shortfall": "#c62828", "surplus": "#1565c0", "attention": "#ef6c00", "ok": "#2e7d32",
              "muted": "#757575", "shortfall_bg": "#ffebee", "surplus_bg": "#e3f2fd", "ok_bg": "#e8f5e9"},
    "dark": {"shortfall": "#ef9a9a", "surplus": "#90caf9", "attention": "#ffb74d", "ok": "#a5d6a7",
             "muted": "#9e9e9e", "shortfall_bg": "#4e2323", "surplus_bg": "#1c3447", "ok_bg": "#1f3a24"},
    "high_contrast": {"shortfall": "#b00000", "surplus": "#0000b0", "attention": "#000000", "ok": "#006000",
                      "muted": "#000000", "shortfall_bg": "#ffd0d0", "surplus_bg": "#d0d8ff", "ok_bg": "#d0f0d0"},
}

# Table headers as written (not capitalised) with modest padding, so columns fit their titles in French too.
_MATERIAL_TABLES = "\nQHeaderView::section { text-transform: none; padding: 0 8px; }\n"

# Colours that belong to a document, not to the screen: the same under every theme.
_DOCUMENT_COLOURS = {"ink": "#0b1f4d", "paper": "#ffffff", "guide": "#9e9e9e", "annotation": "#d50000"}

_current = "light"


def current() -> str:
    return _current


def colour(name: str) -> QColor:
    return QColor(_COLOURS[_current][name])


def document_colour(name: str) -> QColor:
    """Signature ink, paper, annotation marks: saved into images, so independent of the theme."""
    return QColor(_DOCUMENT_COLOURS[name])


def apply(app: QApplication, name: str, font_size: int = DEFAULT_FONT_SIZE) -> None:
    """Restyle the whole application; safe to call again at any time."""
    global _current
    if name not in THEMES:
        name = "light"
    _current = name
    font = QFont(app.font())
    font.setPointSize(font_size)
    app.setFont(font)
    if name == "high_contrast":
        app.setStyleSheet(resource("themes", "high_contrast.qss").read_text(encoding="utf-8")
                          + f"\n* {{ font-size: {font_size + 2}pt; }}")
        return
    # What qt-material's apply_stylesheet does, from the files it rendered at build time.
    app.setStyle("Fusion")
    _add_material_fonts()
    QDir.setSearchPaths("icon", [str(resource("themes", "icons", name))])
    palette = QGuiApplication.palette()
    palette.setColor(QPalette.ColorRole.Text, _MATERIAL_TEXT[name])
    QGuiApplication.setPalette(palette)
    app.setStyleSheet(material_stylesheet(name, round(font_size * 4 / 3), sys.platform.startswith("linux"))
                      + _MATERIAL_TABLES)


def material_stylesheet(name: str, px: int, linux: bool) -> str:
    """qt-material's stylesheet of theme ``name`` at ``px`` pixels, as rendered on Linux or elsewhere."""
    qss = resource("themes", f"{name}.qss").read_text(encoding="utf-8").replace(FONT_SIZE_MARK, str(px))
    before, rest = qss.split(LINUX_BEGIN)
    block, after = rest.split(LINUX_END)
    return before + (block if linux else "") + after


@functools.cache
def _add_material_fonts() -> None:
    """qt-material's Roboto, once: the two faces the app writes in (its stylesheet names the family; text is
    regular or bold). qt-material adds all eighteen of its files, a third of the theme's start-up."""
    spec = importlib.util.find_spec("qt_material")  # its folder, without importing it (Jinja, XML parsing)
    assert spec is not None and spec.origin is not None
    for face in ROBOTO_FACES:
        QFontDatabase.addApplicationFont(str(Path(spec.origin).parent / "fonts" / "roboto" / face))
