"""The new-inspection dialog: a spot check ticks the sections it covers; other types take the whole checklist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector_app.services import inspections
from inspector_app.services.workspace import Workspace
from inspector_app.ui.new_inspection_dialog import NewInspectionDialog
from tests.conftest import add_test_unit

pytestmark = pytest.mark.gui


def _tick(dialog: NewInspectionDialog, *codes: str) -> None:
    for i in range(dialog.ui.sections.count()):
        item = dialog.ui.sections.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in codes:
            item.setCheckState(Qt.CheckState.Checked)


def test_a_spot_check_starts_with_the_ticked_sections_only(qtbot: QtBot, ws: Workspace) -> None:
    add_test_unit(ws)
    dialog = NewInspectionDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData("periodic"))
    assert not dialog.ui.sections.isVisible() and dialog.chosen_sections() == []
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData("spot_check"))
    dialog.ui.template.setCurrentIndex(dialog.ui.template.findData("coe-self-sustainment"))
    assert dialog.ui.sections.isVisible() and dialog.ui.sectionsLabel.buddy() is dialog.ui.sections
    listed = [dialog.ui.sections.item(i).text() for i in range(dialog.ui.sections.count())]
    assert "Catering" in listed and "Fire detection and alarm" in listed
    _tick(dialog, "ss.medical", "ss.catering")
    dialog.accept()
    assert dialog.inspection_id
    state = inspections.load(ws, dialog.inspection_id)
    assert state.inspection.type == "spot_check"
    assert state.checklist.scope.sections == ("ss.catering", "ss.medical")
    assert {s.section.code for s in state.checklist.slots} == {"ss.catering", "ss.medical"}


def test_ticks_are_ignored_once_the_type_is_not_a_spot_check(qtbot: QtBot, ws: Workspace) -> None:
    add_test_unit(ws)
    dialog = NewInspectionDialog(ws)
    qtbot.addWidget(dialog)
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData("spot_check"))
    dialog.ui.template.setCurrentIndex(dialog.ui.template.findData("coe-self-sustainment"))
    _tick(dialog, "ss.catering")
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData("periodic"))
    dialog.ui.template.setCurrentIndex(dialog.ui.template.findData("coe-self-sustainment"))
    dialog.accept()
    assert inspections.load(ws, dialog.inspection_id).checklist.scope.sections == ()
