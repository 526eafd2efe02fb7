"""Start the desktop application: one instance per data folder, window first, data after."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector_app import __version__
from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.paths import DataDir
from inspector_app.services import demo, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.first_run_dialog import FirstRunDialog
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.preferences import Preferences

log = logging.getLogger(__name__)


def run(data_dir: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Inspector")
    app.setApplicationVersion(__version__)
    data = DataDir.resolve(data_dir)
    try:
        data.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.critical(None, "Inspector", f"cannot create the data folder {data.root}: {exc.strerror}")
        return 1
    preferences = Preferences(data)
    switch_language(preferences.language)
    theme.apply(app, preferences.theme, preferences.font_size)
    lock = QLockFile(str(data.root / "inspector.lock"))
    if not lock.tryLock(200):
        QMessageBox.critical(None, _("Inspector"), _(
            "Inspector is already open with the data folder {folder}. Only one copy can write to it at a time."
        ).format(folder=data.root))
        return 1
    try:
        workspace = Workspace.open(data.root)
    except InspectorError as exc:
        QMessageBox.critical(None, _("Inspector"), str(exc))
        return 1
    window = MainWindow(workspace, preferences)
    sys.excepthook = _excepthook(window)
    window.show()
    QTimer.singleShot(0, lambda: start(window))
    code = app.exec()
    workspace.close()
    lock.unlock()
    return code


def start(window: MainWindow) -> None:
    """After the window shows: first-run questions on an empty folder, then where the user left off."""
    with window.workspace.db.session() as session:
        empty = not units.list_units(session)
    if empty:
        dialog = FirstRunDialog(window.workspace, window)
        if dialog.exec() and dialog.wants_demo:
            demo.seed(window.workspace)
    last, key = window.preferences.last_inspection, window.preferences.last_key
    window.show_home()
    if last:
        window.open_inspection(last, key)


def _excepthook(window: MainWindow):  # type: ignore[no-untyped-def]
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        window.show_error(_("Something went wrong: {error}. Your saved work is safe.").format(error=exc))

    return hook
