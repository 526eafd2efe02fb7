"""Themes, named colours and font size: the one place that knows how the app looks."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from inspector_app.i18n import N_
from inspector_app.resources_access import resource

THEMES = {"light": N_("Light"), "dark": N_("Dark"), "high_contrast": N_("High contrast (sunlight)")}
_MATERIAL = {"light": "light_blue.xml", "dark": "dark_teal.xml"}
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
    from qt_material import apply_stylesheet  # noqa: PLC0415  (must be imported after PySide6)

    apply_stylesheet(app, theme=_MATERIAL[name], invert_secondary=(name == "light"),
                     extra={"font_size": f"{round(font_size * 4 / 3)}px", "density_scale": "0"})
    app.setStyleSheet(app.styleSheet() + _MATERIAL_TABLES)
