"""The whole day in one window, driven with the keyboard only (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from inspector_app import i18n
from inspector_app.domain.workflow import Status
from inspector_app.services import inspections
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.preferences import Preferences
from inspector_app.ui.workers import TaskRunner
from tests.gui.conftest import MessageBoxes
from tests.integration.field import DEMO_INSPECTIONS

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, ws: Workspace, unit_name: str) -> Iterator[MainWindow]:
    switch_language("en")
    win = MainWindow(ws, Preferences(ws.data), TaskRunner(inline=True))
    qtbot.addWidget(win)
    win.show()
    win.show_home()
    yield win
    switch_language("en")
    theme.apply(QApplication.instance(), "light")


def key(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key on whatever has the keyboard focus, as a person would."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, k, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Type character by character into whatever has the focus (the first may open an editor)."""
    for char in text:
        target = QApplication.focusWidget()
        assert target is not None
        qtbot.keyClicks(target, char)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_keyboard_only_from_new_inspection_to_ready_for_review(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    # Ctrl+N opens the new-inspection dialog; the unit and a COE type are preselected.
    key(qtbot, Qt.Key.Key_N, CTRL)
    dialog = window.findChild(NewInspectionDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is dialog)
    assert focused() is dialog.ui.unit
    key(qtbot, Qt.Key.Key_Tab)  # type
    key(qtbot, Qt.Key.Key_Tab)  # checklist
    key(qtbot, Qt.Key.Key_Tab)  # team
    assert focused() is dialog.ui.team
    type_text(qtbot, "J. Martin, A. Osei")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller is not None)
    controller = window.controller
    assert controller is not None
    assert controller.state.inspection.team == "J. Martin, A. Osei"

    # The first page is the MOU grid: counts typed straight in, Enter moves down.
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is window)
    table = window.workspace_view.ui.pages.currentWidget().view
    for found, serviceable in (("10", "9"), ("1", "1"), ("8", "8")):
        type_text(qtbot, found)
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, serviceable)
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.state() != table.State.EditingState and focused() is table)
    values = inspections.load(ws, controller.inspection_id).values()
    assert values["me.count/1"] == {"found": 10, "serviceable": 9}
    assert values["me.count/3"] == {"found": 8, "serviceable": 8}

    # The general items: Ctrl+Down moves on; Enter on a yes/no answers it and goes to the next item.
    key(qtbot, Qt.Key.Key_Down, CTRL)
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Return)
    values = inspections.load(ws, controller.inspection_id).values()
    assert [values.get(k) for k in ("me.general.records", "me.general.self_reports", "me.general.spares")] == [
        "yes", "yes", "yes"]

    # Review (Ctrl+3), then submit (Ctrl+Return).
    key(qtbot, Qt.Key.Key_3, CTRL)
    assert window.tabs.currentWidget() is window.review_view
    window.review_view.setFocus()
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: inspections.load(ws, controller.inspection_id).status is Status.READY_FOR_REVIEW)


def test_language_and_theme_switch_mid_inspection(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                   unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    window.home.load()
    window.open_inspection(inspection.id, "me.general.records")
    view = window.workspace_view
    assert view is not None
    view.ui.remark.setFocus()
    type_text(qtbot, "logbooks kept in the armoury")
    key(qtbot, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)  # French, remark not yet saved
    assert i18n.current_language() == "fr"
    qtbot.waitUntil(lambda: window.ui.menuFile.title() == "&Fichier")  # Qt retranslates on its next event
    assert window.tabs.tabText(0) == "&Liste de contrôle"
    assert inspections.load(ws, inspection.id).answers["me.general.records"].remark == "logbooks kept in the armoury"
    assert view.ui.remark.toPlainText() == "logbooks kept in the armoury"
    key(qtbot, Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier)  # high contrast
    assert theme.current() == "high_contrast" and "#ffff66" in QApplication.instance().styleSheet()
    remembered = Preferences(ws.data)  # as read at the next start
    assert (remembered.theme, remembered.language) == ("high_contrast", "fr")
    key(qtbot, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.ui.menuFile.title() == "&File")


def test_reopens_where_the_user_was(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    preferences = Preferences(ws.data)
    first = MainWindow(ws, preferences, TaskRunner(inline=True))
    qtbot.addWidget(first)
    first.open_inspection(inspection.id, "me.general.spares")
    first.close()
    assert (preferences.last_inspection, preferences.last_key) == (inspection.id, "me.general.spares")
    from inspector_app.ui.app import start

    second = MainWindow(ws, Preferences(ws.data), TaskRunner(inline=True))
    qtbot.addWidget(second)
    start(second)
    assert second.controller is not None and second.controller.inspection_id == inspection.id
    assert second.workspace_view is not None and second.workspace_view.current_key == "me.general.spares"


def test_forms_are_compiled_from_the_current_ui_files() -> None:
    from scripts.gen_forms import compiled, targets

    for form, target in targets().items():
        assert target.read_text(encoding="utf-8") == compiled(form), f"run scripts/gen_forms.py for {form.name}"


def test_a_refused_save_is_shown_and_nothing_changes(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                      unit_name: str, message_boxes: MessageBoxes) -> None:
    message_boxes.allow()
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    window.open_inspection(inspection.id, "me.general.records")
    def read_only(conn: object, _record: object) -> None:
        conn.execute("PRAGMA query_only = 1")  # type: ignore[attr-defined]  # as a read-only medium answers

    ws.db.engine.dispose()
    event.listen(ws.db.engine, "connect", read_only)
    try:
        key(qtbot, Qt.Key.Key_Return)  # answers "yes"
    finally:
        event.remove(ws.db.engine, "connect", read_only)
        ws.db.engine.dispose()
    assert any("read-only" in text for text in message_boxes.shown)
    assert window.saved_label.text() == "Not saved"
    assert "me.general.records" not in inspections.load(open_workspace(ws.data.root), inspection.id).values()


def test_only_one_copy_writes_to_a_data_folder(qtbot: QtBot, ws: Workspace, message_boxes: MessageBoxes) -> None:
    from PySide6.QtCore import QLockFile

    from inspector_app.ui.app import run

    message_boxes.allow()
    held = QLockFile(str(ws.data.root / "inspector.lock"))
    assert held.tryLock(100)
    try:
        assert run(str(ws.data.root)) == 1
    finally:
        held.unlock()
    assert any("already open" in text for text in message_boxes.shown)


def test_signing_key_created_in_settings(qtbot: QtBot, ws: Workspace) -> None:
    from inspector_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ws, Preferences(ws.data))
    qtbot.addWidget(dialog)
    assert dialog.ui.createKey.isEnabled() and "None yet" in dialog.ui.keyStatus.text()
    assert not dialog.create_key("short")  # refused with the reason shown, nothing created
    assert "8" in dialog.ui.keyStatus.text() and dialog.ui.createKey.isEnabled()
    assert dialog.create_key("a long enough passphrase")
    assert "self-signed, not yet trusted by HQ" in dialog.ui.keyStatus.text()
    assert not dialog.ui.createKey.isEnabled() and (ws.data.root / "identity.p12").exists()


def test_first_run_offers_the_demo_and_adds_it_off_the_window_thread(
        qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from inspector_app.ui import app as app_module
    from inspector_app.ui.first_run_dialog import FirstRunDialog

    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: (self.ui.name.setText("J. Martin"), self.accept(), 1)[2])
    empty = open_workspace(data_dir)
    window = MainWindow(empty, Preferences(empty.data), TaskRunner())  # a real background thread
    qtbot.addWidget(window)
    app_module.start(window)
    qtbot.waitUntil(lambda: window.home.model.rowCount() == 1, timeout=30_000)
    window.runner.wait()
    assert empty.actor == "J. Martin"
    assert len(inspections.list_states(empty)) == DEMO_INSPECTIONS
    empty.close()
