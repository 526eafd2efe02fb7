"""Start the desktop application: the main window at once, then the database and the data, off its thread.

The main window shows on its home page, styled from prebuilt stylesheets, before the database, the services
and everything they import are loaded; those load on the window's background thread while its menus already
answer, and the home page fills in when they are ready (bench/bench_startup.py times both). ``inspector --hq
[URL]`` starts in HQ mode: HQ's database (``URL``, or the data folder's ``hq.sqlite`` without one) is opened
once the window shows, and the first-run questions, which are about a field laptop, are not asked.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector_app import __version__
from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.paths import DataDir

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace
    from inspector_app.ui.home_data import HomeData
    from inspector_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def run(data_dir: str | None = None, hq: str | None = None) -> int:
    """The desktop app on ``data_dir``; in HQ mode when ``hq`` is given ("" for the data folder's hq.sqlite)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Inspector")
    app.setApplicationVersion(__version__)
    data = DataDir.resolve(data_dir)
    lock = QLockFile(str(data.root / "inspector.lock"))
    if data.read_only and not offer_read_only(data):
        return 1
    try:
        data.root.mkdir(parents=True, exist_ok=True)
        if not data.read_only and not lock.tryLock(200):
            raise InspectorError(_("Inspector is already open with the data folder {folder}. "
                                   "Only one copy can write to it at a time.").format(folder=data.root))
    except (InspectorError, OSError) as exc:
        QMessageBox.critical(None, _("Inspector"), str(exc))
        return 1
    window = show_main_window(data)
    previous_hook, sys.excepthook = sys.excepthook, _excepthook(window)

    def not_opened(message: str) -> None:
        QMessageBox.critical(window, _("Inspector"), message)
        app.exit(1)

    open_data(window, lambda home: start(window, hq, home), not_opened)
    code = app.exec()
    window.close()  # still open when the data did not open: its shortcuts must not outlive the run
    window.runner.wait()
    if window.ready:
        window.workspace.close()
    lock.unlock()
    sys.excepthook = previous_hook
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


def show_main_window(data: DataDir) -> MainWindow:
    """The main window on screen in the user's language and theme, on its home page, before the database is open."""
    from inspector_app.ui import theme  # noqa: PLC0415  (after the QApplication)
    from inspector_app.ui.i18n_qt import switch_language  # noqa: PLC0415
    from inspector_app.ui.main_window import MainWindow  # noqa: PLC0415
    from inspector_app.ui.preferences import Preferences  # noqa: PLC0415

    preferences = Preferences(data)
    switch_language(preferences.language)
    theme.apply(QApplication.instance(), preferences.theme, preferences.font_size)
    window = MainWindow(None, preferences)
    window.show()
    return window


def open_data(window: MainWindow, then: Callable[[HomeData], None], failed: Callable[[str], None]) -> None:
    """Open the window's database and read its home page off the window's thread; then attach it and call
    ``then`` with the home page's data, or ``failed`` with the reason it did not open."""
    window.statusBar().showMessage(_("Opening the data folder…"))

    def opened(result: tuple[Workspace, HomeData]) -> None:
        window.statusBar().clearMessage()
        window.attach(result[0])
        then(result[1])

    def refused(message: str) -> None:
        window.statusBar().clearMessage()
        failed(message)

    data = window.preferences.data
    # From the event loop's first turn: the window paints before the loading thread competes for the interpreter.
    QTimer.singleShot(0, lambda: window.runner.submit("open", lambda _p: _open(data), on_success=opened,
                                                      on_failure=refused))


def _open(data: DataDir) -> tuple[Workspace, HomeData]:
    """The database (migrated if needed) and the home page's data; imports the services the window uses next."""
    import inspector_app.services.conflicts  # noqa: F401, PLC0415  (the window counts them at once)
    from inspector_app.services.installation import open_workspace  # noqa: PLC0415
    from inspector_app.ui import home_data  # noqa: PLC0415

    workspace = open_workspace(data.root)
    return workspace, home_data.read(workspace)


def start(window: MainWindow, hq: str | None = None, home: HomeData | None = None) -> None:
    """Once the database is open: HQ's database when ``hq`` is given; else first-run questions on an empty folder,
    then where the user left off. ``home``: the home page's data, if just read."""
    from inspector_app.services import demo, units  # noqa: PLC0415
    from inspector_app.ui.first_run_dialog import FirstRunDialog  # noqa: PLC0415

    if hq is not None:
        window.show_home(home)
        window.open_hq_database(hq)
        return
    if not units.list_units(window.workspace) and not window.workspace.read_only:
        home = None  # read again after the questions: the name given is on the page
        dialog = FirstRunDialog(window.workspace, window)
        if dialog.exec() and dialog.wants_demo:  # a few seconds of writing: off the window's thread
            window.statusBar().showMessage(_("Adding the demo mission…"))
            window.runner.submit("demo", lambda _p: demo.seed(window.workspace),
                                 on_success=lambda _added: window.show_home(), on_failure=window.show_error)
    last, key = window.preferences.last_inspection, window.preferences.last_key
    window.show_home(home)
    if last:
        window.open_inspection(last, key)


def _excepthook(window: MainWindow):  # type: ignore[no-untyped-def]
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        window.show_error(_("Something went wrong: {error}. Your saved work is safe.").format(error=exc))

    return hook
