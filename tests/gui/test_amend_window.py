"""A signed inspection opens read-only with a banner saying who signed it; "Amend" starts a correction."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector_app.domain.workflow import Status
from inspector_app.paths import DataDir
from inspector_app.services import inspections
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.mou_grid import FOUND
from tests.gui.conftest import key
from tests.integration.field import Field, make_field
from tests.integration.field import inspections as all_inspections

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_field(tmp_path_factory.mktemp("amend-window")).root


@pytest.fixture
def field(seeded: Path, tmp_path: Path) -> Field:
    return Field(Path(shutil.copytree(seeded, tmp_path / "field")))


def _open_signed(open_window: Callable[..., MainWindow], root: Path) -> tuple[MainWindow, str]:
    window = open_window(root)
    signed = next(i for i in all_inspections(window.workspace) if i.status == Status.SIGNED.value)
    window.open_inspection(signed.id)
    return window, signed.id


def _grid_cell_editable(window: MainWindow) -> bool:
    view = window.workspace_view
    assert view is not None
    grid = view.ui.pages.currentWidget().view
    return bool(grid.model().index(0, FOUND).flags() & Qt.ItemFlag.ItemIsEditable)


def _counts(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k.startswith("me.count/")}


def test_signed_inspection_shows_who_signed_and_amend_opens_an_editable_copy(
    qtbot: QtBot, open_window: Callable[..., MainWindow], field: Field
) -> None:
    window, signed_id = _open_signed(open_window, field.laptop)
    view = window.workspace_view
    assert view is not None
    qtbot.waitUntil(view.ui.signedBanner.isVisible)
    assert view.ui.signedText.text().startswith("Signed by Awa Diop on ")
    assert "read-only" in view.ui.signedText.text() and not _grid_cell_editable(window)
    before = inspections.load(window.workspace, signed_id).values()
    assert before["me.count/1"]["found"] != 9  # the count typed below

    qtbot.mouseClick(view.ui.amendButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller is not None and window.controller.inspection_id != signed_id)
    controller, amended = window.controller, window.workspace_view
    assert controller is not None and amended is not None
    assert controller.state.inspection.amends_id == signed_id
    assert _counts(controller.state.values()) == _counts(before)  # photo answers name the amendment's copies
    assert not amended.ui.signedBanner.isVisible() and _grid_cell_editable(window)

    # Counts typed in the amendment's grid are saved there; the signed inspection keeps its own.
    grid = amended.ui.pages.currentWidget().view
    grid.setCurrentIndex(grid.model().index(0, FOUND))
    grid.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    qtbot.keyClicks(grid, "9")  # one key: it opens the editor with the digit
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: inspections.load(window.workspace, controller.inspection_id)
                    .values()["me.count/1"]["found"] == 9)
    assert inspections.load(window.workspace, signed_id).values() == before


def test_amend_is_disabled_on_a_read_only_folder(
    qtbot: QtBot, open_window: Callable[..., MainWindow], field: Field, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DataDir, "read_only", property(lambda self: self.root == field.laptop))
    window, _signed_id = _open_signed(open_window, field.laptop)
    view = window.workspace_view
    assert view is not None
    qtbot.waitUntil(view.ui.signedBanner.isVisible)
    assert not view.ui.amendButton.isEnabled()
