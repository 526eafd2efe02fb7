"""Improvement actions in the window: the home page's overdue actions, the review page's close and extend, the HQ
window's overdue count."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from inspector_app.locale_format import format_date
from inspector_app.services import followups, hq_views, inspections
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.home_view import HomeView
from inspector_app.ui.hq_view import _unit_cells
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.review_view import ReviewView
from tests.conftest import add_test_unit

pytestmark = pytest.mark.gui
COE = "coe-major-equipment"
LATE = date.today() - timedelta(days=10)


def _action(ws: Workspace, inspection_id: str, text: str, owner: str, due: date) -> str:
    row = followups.add_finding(ws, inspection_id, text, action=followups.ActionPlan(text, owner, due))
    assert row.action is not None
    return row.action.id


def _rows(tree) -> list[list[str]]:  # noqa: ANN001
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())] for r in range(tree.topLevelItemCount())]


def test_home_page_lists_the_overdue_actions(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, COE, "arrival").id
    view = HomeView(ws)
    qtbot.addWidget(view)
    view.show()
    view.load()
    assert not view.ui.overdueActions.isVisible() and not view.ui.overdueHeading.isVisible()

    late = _action(ws, inspection, "Repaint the APCs", "Contingent commander", LATE)
    _action(ws, inspection, "Train the drivers", "Transport officer", date.today() + timedelta(days=30))
    older = _action(ws, inspection, "Keep the generator log", "Logistics officer", LATE - timedelta(days=5))
    view.load()
    assert view.ui.overdueActions.isVisible() and view.ui.overdueHeading.isVisible()
    assert _rows(view.ui.overdueActions) == [
        ["TST FPU", "Keep the generator log", "Logistics officer", format_date(LATE - timedelta(days=5))],
        ["TST FPU", "Repaint the APCs", "Contingent commander", format_date(LATE)]]

    followups.close(ws, older, "the log is kept")
    followups.extend(ws, late, date.today() + timedelta(days=20), "paint arrives next week")
    view.load()
    assert not view.ui.overdueActions.isVisible()


def _mnemonic(text: str) -> str:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match[1].lower() if match else ""


def test_home_page_section_in_french_with_unique_mnemonics(
        qtbot: QtBot, data_dir: Path, open_window: Callable[..., MainWindow]) -> None:
    with open_workspace(data_dir, actor="setup") as ws:
        inspection = inspections.start(ws, add_test_unit(ws), COE, "arrival").id
        _action(ws, inspection, "Repaint the APCs", "Contingent commander", LATE)
    window = open_window(data_dir)
    window.show_home()
    home = window.home
    try:
        for lang, heading, header in (("fr", "Mesures &correctives en retard", "Responsable"),
                                      ("en", "Overdue improvement a&ctions", "Owner")):
            window.set_language(lang)
            qtbot.waitUntil(lambda h=heading: home.ui.overdueHeading.text() == h)
            assert home.ui.overdueActions.headerItem().text(2) == header
            letters = [_mnemonic(a.text()) for a in window.ui.menubar.actions()]
            letters += [_mnemonic(w.text()) for w in [*home.findChildren(QAbstractButton), *home.findChildren(QLabel)]
                        if w.isVisible() and _mnemonic(w.text())]
            assert len(letters) == len(set(letters)), (lang, sorted(letters))
    finally:
        window.set_language("en")


def _follow_up_view(qtbot: QtBot, ws: Workspace, unit_name: str) -> tuple[ReviewView, str]:
    first = inspections.start(ws, unit_name, COE, "arrival").id
    action = _action(ws, first, "Mark the APCs in UN colours", "Contingent commander", date(2027, 1, 15))
    view = ReviewView(InspectionController(ws, inspections.start(ws, unit_name, COE, "periodic").id))
    qtbot.addWidget(view)
    view.show()
    return view, action


def _column(table, col: int) -> list[str]:  # noqa: ANN001
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_review_page_extends_an_action_to_a_later_date(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    view, action = _follow_up_view(qtbot, ws, unit_name)
    ui = view.ui
    assert not ui.followUpDue.isEnabled()  # pending: no new date to give
    ui.followUpStatus.setFocus()
    ui.followUpStatus.setCurrentIndex(ui.followUpStatus.findData("extended"))
    assert ui.followUpDue.isEnabled() and ui.followUpDue.date() == QDate(2027, 1, 15)

    ui.followUpDue.setDate(QDate(2027, 1, 10))  # earlier: refused, said, nothing changed
    qtbot.keyClicks(ui.followUpRemark, "paint not yet delivered")
    with qtbot.waitSignal(view.failed) as failed:
        qtbot.mouseClick(ui.recordFollowUp, Qt.MouseButton.LeftButton)
    assert "later than the current one (2027-01-15)" in failed.args[0]
    assert [(f.status, f.action.due_date) for f in followups.follow_ups(ws, view.controller.inspection_id)] == [
        ("pending", date(2027, 1, 15))]

    ui.followUpDue.setDate(QDate(2027, 3, 31))
    qtbot.mouseClick(ui.recordFollowUp, Qt.MouseButton.LeftButton)
    assert _column(ui.followUps, 2) == [format_date(date(2027, 3, 31))]
    assert _column(ui.followUps, 3) == ["extended"]
    assert _column(ui.followUps, 4) == ["paint not yet delivered"]
    [follow_up] = followups.follow_ups(ws, view.controller.inspection_id)
    assert (follow_up.status, follow_up.action.id, follow_up.action.status, follow_up.action.due_date) == (
        "extended", action, "open", date(2027, 3, 31))

    ui.followUpRemark.clear()  # the remark corrected, the same extension: no "later date" refusal
    qtbot.keyClicks(ui.followUpRemark, "paint ordered, delivery in March")
    qtbot.mouseClick(ui.recordFollowUp, Qt.MouseButton.LeftButton)
    assert _column(ui.followUps, 4) == ["paint ordered, delivery in March"]
    assert _column(ui.followUps, 2) == [format_date(date(2027, 3, 31))]


def test_review_page_closes_an_action(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    view, action = _follow_up_view(qtbot, ws, unit_name)
    ui = view.ui
    ui.followUpStatus.setCurrentIndex(ui.followUpStatus.findData("done"))
    assert not ui.followUpDue.isEnabled()
    qtbot.keyClicks(ui.followUpRemark, "all four APCs repainted")
    qtbot.mouseClick(ui.recordFollowUp, Qt.MouseButton.LeftButton)
    assert _column(ui.followUps, 3) == ["done"]
    [follow_up] = followups.follow_ups(ws, view.controller.inspection_id)
    assert (follow_up.remark, follow_up.action.status, follow_up.action.due_date) == (
        "all four APCs repainted", "done", date(2027, 1, 15))


def test_hq_window_unit_row_says_how_many_actions_are_overdue() -> None:
    unit = hq_views.UnitSummary(unit_id="u", name="TST FPU", country="Testland", kind="fpu", last_inspection=None,
                                trend=(), latest_coe=None, shortfalls=(), aoc=None, open_actions=3,
                                oldest_action_due=LATE, overdue_actions=2, strength=0, women=0)
    actions_column = 6
    assert _unit_cells(unit, 0.9)[actions_column] == (
        f"3 (due {format_date(LATE)}), 2 overdue", "2 overdue", "shortfall")
    on_time = dataclasses.replace(unit, overdue_actions=0, oldest_action_due=date(2999, 1, 1))
    assert _unit_cells(on_time, 0.9)[actions_column] == (f"3 (due {format_date(date(2999, 1, 1))})", "", None)
