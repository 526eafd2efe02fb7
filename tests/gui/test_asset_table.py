"""The asset table under the MOU grid: a registered line's assets, added and removed by keyboard; counts follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inspector_app.domain.checklist import MouLineRef
from inspector_app.services import assets, inspections, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.mou_grid import FOUND, MouGrid
from inspector_app.ui.review_view import ReviewView
from tests.conftest import PERSONS

LINES = [MouLineRef(1, "APC", "APC wheeled", 4, "wet"),
         MouLineRef(2, "Support vehicles", "Jeep 4x4", 3, "dry", registered=True)]


def _shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_registered_line_shows_its_assets_and_the_counts_follow(qtbot: QtBot, ws: Workspace) -> None:
    mission = units.create_mission(ws, "Test Mission", "TEST")
    units.create_unit(ws, mission.id, name="REG FPU", contributing_country="Testland", mou=LINES,
                      ss_categories=[], persons=PERSONS)
    inspection = inspections.start(ws, "REG FPU", "coe-major-equipment", "arrival")
    controller = InspectionController(ws, inspection.id)
    grid = _shown(qtbot, MouGrid(controller, "me.count"))
    assert isinstance(grid, MouGrid)
    grid.view.setCurrentIndex(grid.model.index(0, FOUND))  # line 1: not of registered items
    assert not grid.assets.isVisible()
    grid.view.setCurrentIndex(grid.model.index(1, FOUND))
    assert grid.assets.isVisible() and grid.assets.line_no == 2
    table = grid.assets
    table.serial.setFocus()
    qtbot.keyClicks(table.serial, " jp 01 ")
    qtbot.keyClick(table.serial, Qt.Key.Key_Return)
    qtbot.keyClicks(table.serial, "JP-02")
    table.condition.setCurrentIndex(table.condition.findData("unserviceable"))
    qtbot.keyClicks(table.remark, "flat tyre")
    qtbot.keyClick(table.remark, Qt.Key.Key_Return)
    assert table.table.rowCount() == 2 and table.table.item(0, 0).text() == "JP 01"
    assert table.error.text() == ""
    # found 2 (both present), serviceable 1: in the grid's cells
    assert (grid.model.shown(1, "found"), grid.model.shown(1, "serviceable")) == (2, 1)
    table.table.selectRow(1)
    table.remove.click()
    assert table.table.rowCount() == 1
    assert (grid.model.shown(1, "found"), grid.model.shown(1, "serviceable")) == (1, 1)
    table.serial.clear()
    qtbot.keyClicks(table.serial, "   ")
    qtbot.keyClick(table.serial, Qt.Key.Key_Return)
    assert "empty" in table.error.text()


def test_the_review_page_names_the_reconciliation(qtbot: QtBot, ws: Workspace) -> None:
    mission = units.create_mission(ws, "Test Mission", "TEST")
    units.create_unit(ws, mission.id, name="REG FPU", contributing_country="Testland", mou=LINES,
                      ss_categories=[], persons=PERSONS)
    arrival = inspections.start(ws, "REG FPU", "coe-major-equipment", "arrival")
    assets.add(ws, arrival.id, 2, "JP-1")
    assets.add(ws, arrival.id, 2, "JP-2")
    inspections.answer(ws, arrival.id, "me.count/1", "found=4 serviceable=4")
    for key in ("me.general.records", "me.general.self_reports", "me.general.spares"):
        inspections.answer(ws, arrival.id, key, "yes")
    inspections.submit(ws, arrival.id)
    repatriation = inspections.start(ws, "REG FPU", "coe-major-equipment", "repatriation")
    assets.add(ws, repatriation.id, 2, "JP-1")
    view = _shown(qtbot, ReviewView(InspectionController(ws, repatriation.id)))
    assert isinstance(view, ReviewView)
    text = view.assetsNote.text()
    assert "1 present, 0 damaged, 1 missing, 0 written off" in text and "Missing: JP-2." in text
