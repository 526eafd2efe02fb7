"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector_app import __version__
from inspector_app.errors import InspectorError
from inspector_app.services import demo, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui.main_window import MainWindow


def run(data_dir: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Inspector")
    app.setApplicationVersion(__version__)
    try:
        workspace = Workspace.open(data_dir)
    except InspectorError as exc:
        QMessageBox.critical(None, "Inspector", str(exc))
        return 1
    window = MainWindow(workspace)
    window.show()
    QTimer.singleShot(0, lambda: first_load(window))
    code = app.exec()
    workspace.close()
    return code


def first_load(window: MainWindow) -> None:
    """Show first, load after; an empty installation gets the demo mission on its first run."""
    with window.workspace.db.session() as session:
        empty = not units.list_units(session)
    if empty:
        demo.seed(window.workspace)
    window.load()
