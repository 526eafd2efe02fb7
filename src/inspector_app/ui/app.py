"""Start the desktop application: a window at once, then the database, then the data.

The heavy modules (database, services, the main window) are imported only after the first window
is on screen, so the user sees Inspector open at once even on a slow laptop. ``inspector --hq [URL]`` starts
in HQ mode: HQ's database (``URL``, or the data folder's ``hq.sqlite`` without one) is opened once the window
shows, and the first-run questions, which are about a field laptop, are not asked.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from inspector_app import __version__
from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.paths import DataDir

if TYPE_CHECKING:
    from inspector_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def run(data_dir: str | None = None, hq: str | None = None) -> int:
    """The desktop app on ``data_dir``; in HQ mode when ``hq`` is given ("" for the data folder's hq.sqlite)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Inspector")
    app.setApplicationVersion(__version__)
    splash = show_splash()
    data = DataDir.resolve(data_dir)
    lock = QLockFile(str(data.root / "inspector.lock"))
    if data.read_only and not offer_read_only(data):
        splash.close()
        return 1
    try:
        data.root.mkdir(parents=True, exist_ok=True)
        if not data.read_only and not lock.tryLock(200):
            raise InspectorError(_("Inspector is already open with the data folder {folder}. "
                                   "Only one copy can write to it at a time.").format(folder=data.root))
        window = open_main_window(data)
    except (InspectorError, OSError) as exc:
        splash.close()
        QMessageBox.critical(None, _("Inspector"), str(exc))
        return 1
    splash.close()
    sys.excepthook = _excepthook(window)
    QTimer.singleShot(0, lambda: start(window, hq))
    code = app.exec()
    window.workspace.close()
    lock.unlock()
    return code


def offer_read_only(data: DataDir) -> bool:
    """Say that the data folder is read-only, and ask whether to open it read-only (True) or quit."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Inspector"), _(
        "The data folder {folder} is read-only: Inspector cannot save anything there (a write-protected USB key, "
        "a read-only share or disc, or a folder you may not write to)."
    ).format(folder=data.root))
    box.setInformativeText(_("Open it read-only to browse, show and report (no edits), or quit and copy the "
                             "folder to a place you can write to."))
    open_read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_read_only)
    box.exec()
    return box.clickedButton() is open_read_only


def show_splash() -> QLabel:
    """A first window within a fraction of a second, while the rest loads."""
    pixmap = QPixmap(420, 160)
    pixmap.fill(QColor("#0d47a1"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(QFont(painter.font().family(), 22, QFont.Weight.Bold))
    painter.drawText(pixmap.rect().adjusted(0, -20, 0, 0), Qt.AlignmentFlag.AlignCenter, "Inspector")
    painter.setFont(QFont(painter.font().family(), 10))
    painter.drawText(pixmap.rect().adjusted(0, 60, 0, 0), Qt.AlignmentFlag.AlignCenter, __version__)
    painter.end()
    splash = QLabel()  # not QSplashScreen: it blocks up to a second waiting for the window to be exposed
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setPixmap(pixmap)
    splash.show()
    QApplication.processEvents()
    return splash


def open_main_window(data: DataDir) -> MainWindow:
    """Open the database (migrating it if needed) and show the main window, still empty."""
    from inspector_app.services.installation import open_workspace  # noqa: PLC0415  (after the splash)
    from inspector_app.ui import theme  # noqa: PLC0415
    from inspector_app.ui.i18n_qt import switch_language  # noqa: PLC0415
    from inspector_app.ui.main_window import MainWindow  # noqa: PLC0415
    from inspector_app.ui.preferences import Preferences  # noqa: PLC0415

    preferences = Preferences(data)
    switch_language(preferences.language)
    theme.apply(QApplication.instance(), preferences.theme, preferences.font_size)
    window = MainWindow(open_workspace(data.root), preferences)
    window.show()
    return window


def start(window: MainWindow, hq: str | None = None) -> None:
    """After the window shows: HQ's database when ``hq`` is given; else first-run questions on an empty folder,
    then where the user left off."""
    from inspector_app.services import demo, units  # noqa: PLC0415
    from inspector_app.ui.first_run_dialog import FirstRunDialog  # noqa: PLC0415

    if hq is not None:
        window.show_home()
        window.open_hq_database(hq)
        return
    if not units.list_units(window.workspace) and not window.workspace.read_only:
        dialog = FirstRunDialog(window.workspace, window)
        if dialog.exec() and dialog.wants_demo:  # a few seconds of writing: off the window's thread
            window.statusBar().showMessage(_("Adding the demo mission…"))
            window.runner.submit("demo", lambda _p: demo.seed(window.workspace),
                                 on_success=lambda _added: window.show_home(), on_failure=window.show_error)
    last, key = window.preferences.last_inspection, window.preferences.last_key
    window.show_home()
    if last:
        window.open_inspection(last, key)


def _excepthook(window: MainWindow):  # type: ignore[no-untyped-def]
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        window.show_error(_("Something went wrong: {error}. Your saved work is safe.").format(error=exc))

    return hook
