"""A read-only data folder: the window says so, offers to open it read-only, and saves nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from inspector_app.paths import DataDir
from inspector_app.services import demo, inspections
from inspector_app.services.installation import open_workspace
from inspector_app.ui.app import offer_read_only
from inspector_app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def read_only_dir(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    with open_workspace(data_dir, actor="Awa Diop") as ws:
        demo.seed(ws)
    monkeypatch.setattr(DataDir, "read_only", property(lambda self: self.root == data_dir))
    return data_dir


def _answer_dialog(qtbot: QtBot, text: str) -> list[str]:
    """Click the button ``text`` of the message box about to open; returns the texts it showed."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        next(b for b in box.findChildren(QPushButton) if b.text() == text).click()

    QTimer.singleShot(0, click)
    return seen


@pytest.mark.parametrize(("button", "opens"), [("Open read-only", True), ("Quit", False)])
def test_the_window_offers_to_open_a_read_only_folder_read_only(
    qtbot: QtBot, read_only_dir: Path, button: str, opens: bool
) -> None:
    seen = _answer_dialog(qtbot, button)
    assert offer_read_only(DataDir.resolve(read_only_dir)) is opens
    assert seen and f"The data folder {read_only_dir} is read-only" in seen[0]
    assert "already open" not in seen[0]


def test_read_only_window_browses_and_saves_nothing(
    qtbot: QtBot, read_only_dir: Path, open_window: Callable[..., MainWindow], message_boxes: object
) -> None:
    window = open_window(read_only_dir)
    assert window.workspace.read_only
    assert window.windowTitle().endswith("read-only")
    assert window.saved_label.text() == "Read-only: nothing can be saved"
    ui = window.ui
    assert not ui.actionNewInspection.isEnabled() and not ui.actionImportBundles.isEnabled()
    assert not window.home.ui.newButton.isEnabled()
    assert ui.actionReport.isEnabled()  # reports are made outside the data folder
    state = next(s for s in inspections.list_states(window.workspace) if s.inspection.status == "in_progress")
    window.open_inspection(state.inspection.id)
    assert window.controller is not None and not window.controller.editable
    message_boxes.allow()  # type: ignore[attr-defined]
    key = next(iter(state.answers))
    assert not window.controller.set_remark(key, "typed on a read-only folder")
    assert inspections.load(window.workspace, state.inspection.id).answers[key].remark != "typed on a read-only folder"
