"""Window preferences of an installation (size, last view, language, theme, font size), kept in its data folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from inspector_app.paths import DataDir
from inspector_app.ui.theme import DEFAULT_FONT_SIZE


class Preferences:
    def __init__(self, data: DataDir) -> None:
        self._qs = QSettings(str(data.root / "window.ini"), QSettings.Format.IniFormat)

    def _get(self, key: str, default: str) -> str:
        return str(self._qs.value(key, default))

    def _set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)
        self._qs.sync()

    @property
    def language(self) -> str:
        return self._get("language", "en")

    @language.setter
    def language(self, value: str) -> None:
        self._set("language", value)

    @property
    def theme(self) -> str:
        return self._get("theme", "light")

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("theme", value)

    @property
    def font_size(self) -> int:
        try:
            return int(self._get("font_size", str(DEFAULT_FONT_SIZE)))
        except ValueError:
            return DEFAULT_FONT_SIZE

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._set("font_size", value)

    @property
    def last_inspection(self) -> str:
        """The inspection open when the app last stopped ("" for the home view)."""
        return self._get("last_inspection", "")

    @last_inspection.setter
    def last_inspection(self, value: str) -> None:
        self._set("last_inspection", value)

    @property
    def last_key(self) -> str:
        return self._get("last_key", "")

    @last_key.setter
    def last_key(self, value: str) -> None:
        self._set("last_key", value)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("geometry", value)
