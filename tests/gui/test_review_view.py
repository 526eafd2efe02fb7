"""The review page: results, unanswered items, submission, findings, follow-up; and the shortcut list."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inspector_app.domain.checklist import SsTerms
from inspector_app.domain.workflow import Status
from inspector_app.services import followups, inspections, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.finding_dialog import FindingDialog
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.review_view import ReviewView
from inspector_app.ui.shortcuts_dialog import ShortcutsDialog

pytestmark = pytest.mark.gui

GENERAL = ("me.general.records", "me.general.self_reports", "me.general.spares")


def _start(ws: Workspace, unit_name: str, type_: str = "arrival") -> str:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", type_)
    inspections.answer(ws, inspection.id, "me.count/1", value={"found": 9, "serviceable": 8})
    inspections.answer(ws, inspection.id, "me.general.records", value="yes")
    return inspection.id


def _view(qtbot: QtBot, ws: Workspace, inspection_id: str) -> ReviewView:
    view = ReviewView(InspectionController(ws, inspection_id))
    qtbot.addWidget(view)
    view.show()
    return view


def _column(table, col: int) -> list[str]:  # noqa: ANN001
    return [table.item(r, col).text() for r in range(table.rowCount()) if not table.isRowHidden(r)]


def test_unanswered_items_are_listed_and_enter_jumps_to_one(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    view = _view(qtbot, ws, _start(ws, unit_name))
    table = view.ui.missing
    assert _column(table, 2) == ["me.count/2", "me.count/3", "me.general.self_reports", "me.general.spares"]
    assert _column(table, 0)[2] == "Monthly serviceability reports submitted"
    view.set_language("fr")
    assert _column(table, 0)[2] == "Rapports mensuels de disponibilité opérationnelle transmis"
    table.setFocus()
    table.setCurrentCell(1, 0)
    with qtbot.waitSignal(view.jumpTo) as jumped:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert jumped.args == ["me.count/3"]


def test_serviceability_marks_categories_below_the_standard(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    # APC line 1: MOU 10, found 9, serviceable 8 -> availability 9/10 = 90 %, serviceability 8/9 = 88.9 % < 90 %,
    # unserviceable 1, shortfall 1, reimbursable 8; line 2 (APC) and line 3 (support vehicles) not counted
    view = _view(qtbot, ws, _start(ws, unit_name))
    table = view.ui.categories
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Category", "MOU", "Deployed", "Serviceable", "Unserviceable", "Shortfall", "Surplus",
                       "Availability", "Serviceability", "Reimbursable"]
    names = _column(table, 0)
    assert names == ["Armoured personnel carriers (1 line not counted yet)",
                     "Support vehicles (1 line not counted yet)"]  # no pooled "Overall" row
    assert [table.item(0, c).text() for c in range(1, 10)] == ["10", "9", "8", "1", "1", "0", "90.0%", "88.9%", "8"]
    assert [table.item(1, c).text() for c in (7, 8)] == ["—", "—"]  # nothing counted: no ratio
    assert table.item(0, 0).foreground().color() == theme.colour("shortfall")
    assert "Indicator, all categories pooled (not a COE result): availability 90.0%, serviceability 88.9%" in (
        view.ui.standard.text())
    lines = view.ui.lines
    assert [lines.horizontalHeaderItem(c).text() for c in range(lines.columnCount())][5:] == [
        "Deployed", "Serviceable", "Unserviceable", "Shortfall", "Surplus", "Availability", "Serviceability",
        "Reimbursable"]
    assert [lines.item(0, c).text() for c in range(4, 13)] == ["10", "9", "8", "1", "1", "", "90.0%", "88.9%", "8"]
    assert [lines.item(1, c).text() for c in (5, 10, 11, 12)] == ["—"] * 4  # line 2 not counted
    assert view.ui.completion.value() == 33  # 2 of 6 required answers



def test_withdrawn_answers_and_self_sustainment_results_show(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    view = _view(qtbot, ws, _start(ws, unit_name))
    view.controller.set_value("me.general.self_reports", "no")
    view.controller.undo_stack.undo()  # the answer is withdrawn; its row stays
    assert "me.general.self_reports" in _column(view.ui.missing, 2)
    other = inspections.start(ws, unit_name, "coe-self-sustainment", "arrival")
    page = _view(qtbot, ws, other.id)
    tabs = page.ui.tabs
    assert tabs.isTabVisible(tabs.indexOf(page.ui.complianceTab))
    assert not tabs.isTabVisible(tabs.indexOf(page.ui.serviceabilityTab))
    assert set(_column(page.ui.compliance, 3)) == {"unanswered"}
    assert _column(page.ui.compliance, 0) == ["Catering", "Medical"] and set(_column(page.ui.compliance, 1)) == {
        "contingent"}


def test_self_sustainment_tab_shows_provider_standard_verdict_and_reimbursement(
        qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    units.set_ss_terms(ws, unit_name, SsTerms("medical", "un", "Mission level 1 hospital"))
    units.set_ss_terms(ws, unit_name, SsTerms("catering", "contingent", "Three meals a day"))
    inspection = inspections.start(ws, unit_name, "coe-self-sustainment", "periodic")
    for key, value in (("ss.catering.kitchen", "met"), ("ss.catering.food_storage", "not_met")):
        inspections.answer(ws, inspection.id, key, value=value)
    page = _view(qtbot, ws, inspection.id)
    table = page.ui.compliance
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert rows == [["Catering", "contingent", "Three meals a day", "partially met", "yes", "50.0%"],
                    ["Medical", "UN", "Mission level 1 hospital", "not verified (not the contingent's)", "no", "—"]]


def test_assessment_outcomes_and_the_roster(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "aoc-fpu", "aoc_in_mission")
    for key in ("aoc.c2.planning", "aoc.c2.decision_making", "aoc.c2.reporting", "aoc.c2.coordination"):
        inspections.answer(ws, inspection.id, key, value=80)
    inspections.answer(ws, inspection.id, "aoc.pom.formations", value=40)
    inspections.answer(ws, inspection.id, "aoc.firearms.pistol/T-0001", value=90)
    view = _view(qtbot, ws, inspection.id)
    ui = view.ui
    assert ui.tabs.isTabVisible(ui.tabs.indexOf(ui.outcomesTab))
    outcomes = dict(zip(_column(ui.outcomes, 0), _column(ui.outcomes, 1), strict=True))
    assert outcomes["Overall"] == "FAIL"
    assert "PASS" in outcomes.values() and "open" in outcomes.values()
    assert ui.verdict.text() == "Overall outcome: FAIL"
    assert "assessed: 1" in ui.persons.text() and "2 women (66.7%)" in ui.persons.text()


def test_the_page_retranslates_and_refills_on_a_language_change(
    qtbot: QtBot, ws: Workspace, unit_name: str
) -> None:
    view = _view(qtbot, ws, _start(ws, unit_name))
    missing_tab = view.ui.tabs.indexOf(view.ui.missingTab)
    view.ui.tabs.setTabText(missing_tab, "stale")
    try:
        switch_language("fr")  # a QEvent.LanguageChange is posted to every widget
        qtbot.waitUntil(lambda: view.ui.tabs.tabText(missing_tab) != "stale")
    finally:
        switch_language("en")
    view.ui.tabs.setTabText(missing_tab, "stale")
    qtbot.waitUntil(lambda: view.ui.tabs.tabText(missing_tab) == "Unanswered (4)")
    assert view.ui.submit.text() == "Su&bmit for review"


def test_refused_submission_lists_the_reasons_and_keeps_the_status(
    qtbot: QtBot, ws: Workspace, unit_name: str
) -> None:
    inspection_id = _start(ws, unit_name)
    view = _view(qtbot, ws, inspection_id)
    assert not view.ui.messageBox.isVisible()
    with qtbot.waitSignal(view.failed) as failed:
        qtbot.mouseClick(view.ui.submit, Qt.MouseButton.LeftButton)
    assert "4 required items are still unanswered" in failed.args[0]
    assert view.ui.messageBox.isVisible()
    assert view.ui.messageText.text() == "4 required items are still unanswered:"
    reasons = [view.ui.messages.item(r).text() for r in range(view.ui.messages.count())]
    assert reasons[0] == "Quantity found and serviceable, line 2: APC recovery (me.count/2)"
    assert len(reasons) == 4
    assert inspections.load(ws, inspection_id).status is Status.IN_PROGRESS
    assert view.controller.state.status is Status.IN_PROGRESS and view.ui.submit.isEnabled()
    # Answering an item through the controller updates the list; the page remembers why it was refused.
    view.controller.set_value("me.count/2", {"found": 1, "serviceable": 1})
    assert view.ui.messages.count() == 3


def test_submission_succeeds_once_everything_is_answered(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    inspection_id = _start(ws, unit_name)
    view = _view(qtbot, ws, inspection_id)
    controller = view.controller
    controller.set_value("me.count/2", {"found": 1, "serviceable": 1})
    controller.set_value("me.count/3", {"found": 8, "serviceable": 8})
    for key in GENERAL[1:]:
        controller.set_value(key, "yes")
    assert view.ui.missing.rowCount() == 0 and view.ui.completion.value() == 100
    assert not view.ui.reopen.isVisible()
    with qtbot.waitActive(view):
        view.activateWindow()
    view.ui.missing.setFocus()
    with qtbot.waitSignal(controller.reloaded):  # Ctrl+Return: the page's "Submit for review" action
        qtbot.keyClick(view.ui.missing, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert inspections.load(ws, inspection_id).status is Status.READY_FOR_REVIEW
    assert "ready for review" in view.ui.overview.text()
    assert not view.ui.submit.isEnabled() and view.ui.reopen.isVisible()
    qtbot.mouseClick(view.ui.reopen, Qt.MouseButton.LeftButton)
    assert inspections.load(ws, inspection_id).status is Status.IN_PROGRESS
    assert view.ui.submit.isEnabled()


def test_a_finding_is_added_with_the_keyboard(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    view = _view(qtbot, ws, _start(ws, unit_name))
    dialog = view.add_finding(key="me.count/1")
    assert isinstance(dialog, FindingDialog) and dialog.isVisible()
    ui = dialog.ui
    qtbot.keyClicks(ui.text, "Two APCs lack UN markings")
    qtbot.keyClicks(ui.recommendation, "Repaint before the next inspection")
    assert ui.key.currentData() == "me.count/1"
    qtbot.keyClicks(ui.description, "Mark both APCs in UN colours")
    qtbot.keyClicks(ui.owner, "Contingent commander")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(ui.owner, Qt.Key.Key_Return)
    table = view.ui.findings
    assert table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    assert row[:5] == ["Two APCs lack UN markings", "Repaint before the next inspection", "me.count/1",
                       "Mark both APCs in UN colours", "Contingent commander"]
    assert row[6] == "open"
    assert view.ui.tabs.tabText(view.ui.tabs.indexOf(view.ui.findingsTab)) == "Findings (1)"


def test_a_refused_finding_keeps_the_dialog_open(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    view = _view(qtbot, ws, _start(ws, unit_name))
    dialog = view.add_finding()
    qtbot.keyClicks(dialog.ui.text, "Logbooks incomplete")
    qtbot.keyClicks(dialog.ui.description, "Bring the logbooks up to date")  # but no owner
    qtbot.keyClick(dialog.ui.description, Qt.Key.Key_Return)
    assert dialog.isVisible() and "owner" in dialog.ui.error.text()
    assert view.ui.findings.rowCount() == 0


def test_earlier_open_actions_are_followed_up(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    first = _start(ws, unit_name)
    plan = followups.ActionPlan("Mark the APCs in UN colours", "Contingent commander", date(2027, 1, 15))
    followups.add_finding(ws, first, "APCs lack UN markings", action=plan)
    view = _view(qtbot, ws, _start(ws, unit_name, "periodic"))
    ui = view.ui
    assert ui.tabs.isTabVisible(ui.tabs.indexOf(ui.followUpTab))
    assert _column(ui.followUps, 0) == ["Mark the APCs in UN colours"]
    assert _column(ui.followUps, 3) == ["pending"]
    ui.followUpStatus.setCurrentIndex(ui.followUpStatus.findData("not_done"))
    qtbot.keyClicks(ui.followUpRemark, "paint not yet delivered")
    qtbot.mouseClick(ui.recordFollowUp, Qt.MouseButton.LeftButton)
    assert _column(ui.followUps, 3) == ["not done"]
    assert _column(ui.followUps, 4) == ["paint not yet delivered"]
    [follow_up] = followups.follow_ups(ws, view.controller.inspection_id)
    assert (follow_up.status, follow_up.remark, follow_up.action.status) == (
        "not_done", "paint not yet delivered", "open")


def test_shortcut_list_filters_and_enter_runs_the_command(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    actions = []
    for text, keys in (("&Save", "Ctrl+S"), ("Add &finding", "Ctrl+Shift+N"), ("Submit for review", "Ctrl+Return")):
        action = QAction(text, window)
        action.setShortcut(keys)
        actions.append(action)
    actions.append(QAction("No shortcut", window))
    dialog = ShortcutsDialog(actions, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _column(dialog.ui.table, 0) == ["Add finding", "Save", "Submit for review"]
    qtbot.keyClicks(dialog.ui.filter, "sub")
    assert _column(dialog.ui.table, 0) == ["Submit for review"]
    with qtbot.waitSignal(actions[2].triggered):
        qtbot.keyClick(dialog.ui.filter, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_shortcut_list_moves_with_the_arrow_keys_and_matches_shortcuts(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    first, second = QAction("Undo", window), QAction("Redo", window)
    first.setShortcut("Ctrl+Z")
    second.setShortcut("Ctrl+Shift+Z")
    dialog = ShortcutsDialog([first, second], window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.filter, "ctrl+")
    assert _column(dialog.ui.table, 0) == ["Redo", "Undo"]
    qtbot.keyClick(dialog.ui.filter, Qt.Key.Key_Down)
    with qtbot.waitSignal(first.triggered):
        qtbot.keyClick(dialog.ui.table, Qt.Key.Key_Return)


def test_the_page_reads_while_another_connection_holds_the_write_lock(
    qtbot: QtBot, ws: Workspace, unit_name: str
) -> None:
    inspection_id = _start(ws, unit_name)
    followups.add_finding(ws, inspection_id, "APCs lack UN markings", "Repaint")
    view = _view(qtbot, ws, inspection_id)
    writer = sqlite3.connect(ws.data.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another copy of Inspector in the middle of a save
        started = time.monotonic()
        with qtbot.assertNotEmitted(view.failed):
            view.refresh()
        assert time.monotonic() - started < 2  # a read never waits for the writer (its busy timeout is 10 s)
    finally:
        writer.rollback()
        writer.close()
    assert _column(view.ui.findings, 0) == ["APCs lack UN markings"]
