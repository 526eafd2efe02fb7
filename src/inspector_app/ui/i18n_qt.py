"""Qt reads the same gettext catalogues as the rest of the app, so forms and code share one translation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from inspector_app import i18n


class GettextTranslator(QTranslator):
    """Answers Qt's ``tr()``/``retranslateUi`` lookups from the active gettext catalogue."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # noqa: ARG002
        return i18n._(source)

    def isEmpty(self) -> bool:  # noqa: N802  (Qt's name)
        return False


_installed: list[QTranslator] = []


def switch_language(lang: str) -> None:
    """Make ``lang`` the language of every window; widgets retranslate on QEvent.LanguageChange."""
    app = QCoreApplication.instance()
    i18n.set_language(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    stock = QTranslator(app)  # Qt's own strings: stock buttons and dialogs
    if stock.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(stock)
    _installed.append(GettextTranslator(app))
    for translator in _installed:
        app.installTranslator(translator)
