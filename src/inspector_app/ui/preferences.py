"""Window preferences of an installation (size, last view, language, theme, font size), kept in its data folder."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from inspector_app.paths import DataDir
from inspector_app.ui.theme import DEFAULT_FONT_SIZE

T = TypeVar("T")


class _Setting(Generic[T]):
    """One preference: read with its type and default, written (and synced) at once."""

    def __init__(self, default: T) -> None:
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    def __get__(self, prefs: Preferences, owner: type | None = None) -> T:
        value: Any = prefs.store.value(self.key, self.default)
        try:
            return type(self.default)(value)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return self.default

    def __set__(self, prefs: Preferences, value: T) -> None:
        prefs.store.setValue(self.key, value)
        prefs.store.sync()


class Preferences:
    language = _Setting("en")
    theme = _Setting("light")
    font_size = _Setting(DEFAULT_FONT_SIZE)
    last_inspection = _Setting("")  # the inspection open when the app last stopped ("" for home)
    last_key = _Setting("")  # and the item shown in it
    geometry = _Setting(QByteArray())

    def __init__(self, data: DataDir) -> None:
        self.data = data
        self.store = QSettings(str(data.root / "window.ini"), QSettings.Format.IniFormat)
