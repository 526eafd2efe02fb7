"""A performance assessment in the window: the new-inspection dialog asks for the quarter (and only for that type),
the home list names the quarter of each, and the workspace's sustainment and training pages show the quarter's COE
and AOC results as evidence."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QModelIndex
from pytestqt.qtbot import QtBot

from inspector_app.domain import performance
from inspector_app.services import demo, inspections, units
from inspector_app.services import performance as evidence_service
from inspector_app.services.workspace import Workspace
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.home_view import INSPECTION_ID, HomeView
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


def test_the_home_list_names_the_quarter_of_each_assessment(qtbot: QtBot, demo_ws: Workspace) -> None:
    home = HomeView(demo_ws)
    qtbot.addWidget(home)
    home.show()
    home.load()
    periods = {s.inspection.id: s.checklist.scope.period for s in inspections.list_states(demo_ws)}
    assessed = sorted({p for p in periods.values() if p})
    assert len(assessed) == 4 and sum(p is not None for p in periods.values()) == 12  # 3 units, 4 quarters
    shown = _inspection_titles(home)
    assert shown.keys() == periods.keys()
    title = "Performance assessment and evaluation report of a formed police unit (quarterly)"
    for inspection_id, period in periods.items():
        if period is None:
            assert " — Q" not in shown[inspection_id]
        else:
            assert shown[inspection_id] == f"{title} — Q{period[-1]} {period[:4]}"

    quarter = assessed[-1]  # a person types the quarter in the filter
    qtbot.keyClicks(home.ui.filter, f"Q{quarter[-1]} {quarter[:4]}")
    assert sorted(_inspection_titles(home)) == sorted(i for i, p in periods.items() if p == quarter)
    assert len(_inspection_titles(home)) == 3

    home.ui.filter.clear()
    switch_language("fr")
    fr = "Rapport d'évaluation de la performance d'une unité de police constituée (trimestriel)"
    qtbot.waitUntil(lambda: any(fr in t for t in _inspection_titles(home).values()))  # Qt posts the change
    assert {t for i, t in _inspection_titles(home).items() if periods[i]} == {
        f"{fr} — T{p[-1]} {p[:4]}" for p in assessed}


def _inspection_titles(home: HomeView, parent: QModelIndex | None = None) -> dict[str, str]:
    """The inspections the home list shows (through its filter): id → title."""
    parent = parent or QModelIndex()
    out: dict[str, str] = {}
    for row in range(home.proxy.rowCount(parent)):
        index = home.proxy.index(row, 0, parent)
        if index.data(INSPECTION_ID):
            out[index.data(INSPECTION_ID)] = index.data()
        out |= _inspection_titles(home, index)
    return out


def _unit_id(ws: Workspace, name: str) -> str:
    return next(r.unit.id for r in units.list_units(ws) if r.unit.name == name)
