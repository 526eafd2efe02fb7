"""A performance assessment in the window: the new-inspection dialog asks for the quarter (and only for that type),
and the workspace's sustainment and training pages show the quarter's COE and AOC results as evidence."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from inspector_app.domain import performance
from inspector_app.services import demo, inspections, units
from inspector_app.services import performance as evidence_service
from inspector_app.services.workspace import Workspace
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.new_inspection_dialog import NewInspectionDialog, recent_quarters
from inspector_app.ui.workers import TaskRunner
from inspector_app.ui.workspace_view import WorkspaceView

pytestmark = pytest.mark.gui
TEMPLATE = "fpu-performance-quarterly"


def test_recent_quarters_run_back_across_a_year() -> None:
    assert recent_quarters(date(2027, 2, 10), 4) == ["2027Q1", "2026Q4", "2026Q3", "2026Q2"]


def test_the_dialog_asks_the_quarter_of_an_assessment_and_starts_it(qtbot: QtBot, demo_ws: Workspace) -> None:
    dialog = NewInspectionDialog(demo_ws)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData("periodic"))
    assert dialog.ui.period.isHidden() and dialog.chosen_period() is None
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData("performance_assessment"))
    assert dialog.ui.period.isVisible()
    assert [dialog.ui.template.itemData(i) for i in range(dialog.ui.template.count())] == [TEMPLATE]
    dialog.ui.startDate.setDate(QDate(2026, 11, 20))
    assert [dialog.ui.period.itemText(i) for i in range(3)] == ["Q4 2026", "Q3 2026", "Q2 2026"]
    dialog.ui.period.setCurrentIndex(1)
    dialog.ui.startDate.setDate(QDate(2026, 11, 21))  # the quarters are listed again: the choice stays
    assert dialog.chosen_period() == "2026Q3"
    dialog.ui.unit.setCurrentIndex(dialog.ui.unit.findData(_unit_id(demo_ws, demo.SENEGAL.name)))
    dialog.accept()
    assert dialog.inspection_id, dialog.ui.error.text()
    assert inspections.load(demo_ws, dialog.inspection_id).checklist.scope.period == "2026Q3"

    switch_language("fr")
    qtbot.waitUntil(lambda: dialog.ui.periodLabel.text() == "T&rimestre évalué")
    assert dialog.ui.period.itemText(0) == "T4 2026"


def test_the_workspace_shows_the_quarter_s_results_as_evidence(qtbot: QtBot, demo_ws: Workspace) -> None:
    today = date.today()
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    started = inspections.start(demo_ws, demo.SENEGAL.name, TEMPLATE, "performance_assessment", period=quarter)
    view = WorkspaceView(InspectionController(demo_ws, started.id), TaskRunner(inline=True))
    qtbot.addWidget(view)
    view.show()
    found = evidence_service.evidence(demo_ws, _unit_id(demo_ws, demo.SENEGAL.name), quarter,
                                      {"coe_major_equipment", "coe_self_sustainment", "aoc"})
    view.show_key("perf.sustainment.equipment")
    assert view.ui.itemTerms.isVisible()
    assert view.ui.itemTerms.text().splitlines() == performance.evidence_lines(
        ["coe_major_equipment", "coe_self_sustainment"], found)
    view.show_key("perf.training.skills")
    assert view.ui.itemTerms.text() == performance.evidence_lines(["aoc"], found)[0]
    view.show_key("perf.command.leadership")  # a group without evidence
    assert view.ui.itemTerms.isHidden()


def _unit_id(ws: Workspace, name: str) -> str:
    return next(r.unit.id for r in units.list_units(ws) if r.unit.name == name)
