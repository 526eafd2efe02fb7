"""Start-up: the main window shows on its home page before the database and the heavy libraries load; its menus
answer meanwhile; then the data fills it, in the language and theme chosen while it loaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inspector_app.paths import DataDir
from inspector_app.services import inspections, units
from inspector_app.services.installation import open_workspace
from inspector_app.ui import theme
from inspector_app.ui.app import open_data, run, show_main_window, start
from inspector_app.ui.main_window import MainWindow
from tests.gui.conftest import MessageBoxes

SHOWN = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from inspector_app.paths import DataDir
from inspector_app.ui.app import show_main_window
window = show_main_window(DataDir.resolve(sys.argv[1]))
app.processEvents()
assert window.isVisible() and "inspector_app.ui.main_window" in sys.modules
heavy = ("reportlab", "pyhanko", "openpyxl", "PIL", "alembic", "sqlalchemy", "sqlmodel", "cryptography",
         "qt_material", "jinja2", "inspector_app.services", "inspector_app.storage")
print(" ".join(sorted(m for m in sys.modules if m.startswith(heavy))))
"""


def test_the_window_shows_before_anything_heavy_is_imported(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    shown = subprocess.run([sys.executable, "-c", SHOWN, str(tmp_path / "data")], env=env, capture_output=True,
                           text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == []


@pytest.fixture
def data(seeded: Path, tmp_path: Path) -> DataDir:
    """A copy of the demo laptop's data folder."""
    return DataDir.resolve(str(shutil.copytree(seeded, tmp_path / "data")))


def closed(window: MainWindow) -> None:
    window.close()
    window.runner.wait()
    if window.ready:
        window.workspace.close()


def test_the_menus_answer_before_the_data_then_the_home_page_fills_in(qtbot: QtBot, data: DataDir) -> None:
    window = show_main_window(data)
    qtbot.addWidget(window)
    assert window.isVisible() and window.ui.stack.currentWidget() is window.home and not window.ready
    assert window.home.model.rowCount() == 0 and not window.home.ui.startButton.isVisible()
    ui = window.ui
    assert not any(a.isEnabled() for a in (ui.actionNewInspection, ui.actionSettings, ui.actionSync, ui.actionReport))
    ui.actionThemeDark.trigger()  # the View menu answers while the database is not open yet
    ui.actionFrench.trigger()
    qtbot.waitUntil(lambda: ui.menuFile.title() == "&Fichier")
    assert theme.current() == "dark"
    homes = []
    try:
        open_data(window, lambda home: (homes.append(home), start(window, None, home)), pytest.fail)
        assert window.statusBar().currentMessage() == "Ouverture du dossier de données…"
        qtbot.waitUntil(lambda: window.home.model.rowCount() == 1, timeout=30_000)
        assert len(homes) == 1 and window.ready and window.statusBar().currentMessage() == ""
        assert ui.actionNewInspection.isEnabled() and ui.actionSettings.isEnabled()
        mission = window.home.model.item(0)
        assert mission.rowCount() == len(units.list_units(window.workspace)) > 1
        shown = [mission.child(u).child(i, 2).text() for u in range(mission.rowCount())
                 for i in range(mission.child(u).rowCount())]
        assert len(shown) == len(inspections.list_states(window.workspace))
        assert "prête pour revue" in shown  # worded in French, read off the window's thread
    finally:
        ui.actionEnglish.trigger()
        ui.actionThemeLight.trigger()
        closed(window)


def test_the_last_inspection_opens_again_once_the_data_is_in(qtbot: QtBot, data: DataDir) -> None:
    with open_workspace(data.root) as ws:
        last = inspections.list_states(ws)[-1].inspection.id
    window = show_main_window(data)
    qtbot.addWidget(window)
    window.preferences.last_inspection, window.preferences.last_key = last, ""
    try:
        open_data(window, lambda home: start(window, None, home), pytest.fail)
        qtbot.waitUntil(lambda: window.controller is not None, timeout=30_000)
        assert window.controller is not None and window.controller.inspection_id == last
        assert window.ui.stack.currentWidget() is window.tabs and window.home.model.rowCount() == 1
    finally:
        closed(window)


def test_a_database_that_does_not_open_is_said_and_the_app_ends(
        qtbot: QtBot, tmp_path: Path, message_boxes: MessageBoxes) -> None:
    message_boxes.allow()
    root = tmp_path / "data"
    root.mkdir()
    (root / "inspector.sqlite").write_bytes(b"not a database " * 10)
    assert run(str(root)) == 1
    [said] = message_boxes.shown
    assert "cannot open the database" in said and "restore a copy" in said
    assert (root / "inspector.sqlite").read_bytes() == b"not a database " * 10
