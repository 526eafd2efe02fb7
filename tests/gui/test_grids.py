"""The MOU and roster grids, driven from the keyboard: typed answers are saved, coloured and undoable."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from inspector_app import i18n
from inspector_app.domain.checklist import Checklist
from inspector_app.domain.workflow import Status
from inspector_app.services import inspections
from inspector_app.services.workspace import Workspace
from inspector_app.ui import mou_grid, roster_grid, theme
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.mou_grid import (
    FIRST_CHECK,
    FOUND,
    ITEM,
    LINE,
    MOU,
    PERCENT,
    REMARK,
    SERVICEABLE,
    SHORTFALL,
    SURPLUS,
    MouGrid,
)
from inspector_app.ui.roster_grid import RosterGrid

pytestmark = pytest.mark.gui

Role = Qt.ItemDataRole
HANDLING, PISTOL = 4, 5  # columns of aoc.firearms after ID number, name, rank, gender


@pytest.fixture
def coe(ws: Workspace, unit_name: str) -> InspectionController:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    return InspectionController(ws, inspection.id)


@pytest.fixture
def aoc(ws: Workspace, unit_name: str) -> InspectionController:
    inspection = inspections.start(ws, unit_name, "aoc-fpu", "aoc_pre_deployment")
    return InspectionController(ws, inspection.id)


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def start_at(view: QTableView, row: int, column: int) -> None:
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))


def type_text(qtbot: QtBot, view: QTableView, text: str) -> None:
    """Type into the current cell: the first key opens its editor, the rest go to the editor."""
    if view.state() != QAbstractItemView.State.EditingState:
        qtbot.keyClicks(view, text[0])
        text = text[1:]
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None, "typing did not open an editor"
    if text:
        qtbot.keyClicks(editor, text)


def press(qtbot: QtBot, view: QTableView, key: Qt.Key) -> None:
    """Press ``key`` where the user's focus would be (the open editor, else the table) and let it finish."""
    qtbot.keyClick(view.indexWidget(view.currentIndex()) or view, key)
    qtbot.waitUntil(lambda: not (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                                 and view.state() == QAbstractItemView.State.EditingState))


def enter(qtbot: QtBot, view: QTableView, text: str) -> None:
    type_text(qtbot, view, text)
    press(qtbot, view, Qt.Key.Key_Return)


def stored(controller: InspectionController) -> dict[str, Any]:
    return inspections.load(controller.workspace, controller.inspection_id).values()


def colour(index: QModelIndex, role: Qt.ItemDataRole) -> str | None:
    brush = index.data(role)
    return brush.color().name() if brush is not None else None


def named(name: str) -> str:
    return theme.colour(name).name()


# -- MOU grid ---------------------------------------------------------------------------------
def test_mou_grid_shows_a_row_per_mou_line(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    model = grid.model
    assert model.rowCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, FOUND, REMARK)] == ["Line", "Found", "Remark"]
    assert [model.index(0, c).data() for c in (LINE, model.category_column, ITEM, model.lease_column, MOU)] == [
        "1", "Armoured personnel carriers", "APC wheeled", "wet", "10"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(REMARK, model.columnCount())]
    assert headers == ["Remark", "UN colours and markings", "Safe to operate (roadworthy for vehicles)",
                       "Properly used for its intended purpose", "Maintenance capability and spare parts held",
                       "Category", "Lease"]
    assert "Wet lease only" in model.headerData(model.check_column("me.maintenance"), Qt.Orientation.Horizontal,
                                                Role.ToolTipRole)
    assert model.index(0, FOUND).data() == ""
    assert "3 lines not counted" in grid.footer.text()


def test_typed_counts_move_down_and_save_each_line_once_complete(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    start_at(view, 0, FOUND)
    enter(qtbot, view, "9")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, FOUND)
    assert model.index(0, FOUND).data() == "9"
    assert colour(model.index(0, FOUND), Role.ForegroundRole) == named("muted")  # pending until serviceable
    assert stored(coe) == {}
    enter(qtbot, view, "1")
    enter(qtbot, view, "9")
    start_at(view, 0, SERVICEABLE)
    for text in ("8", "1", "9"):
        enter(qtbot, view, text)

    assert stored(coe) == {"me.count/1": {"found": 9, "serviceable": 8},
                           "me.count/2": {"found": 1, "serviceable": 1},
                           "me.count/3": {"found": 9, "serviceable": 9}}
    assert colour(model.index(0, FOUND), Role.ForegroundRole) is None
    assert (model.index(0, SHORTFALL).data(), model.index(2, SURPLUS).data()) == ("1", "1")
    assert colour(model.index(0, SHORTFALL), Role.ForegroundRole) == named("shortfall")
    assert colour(model.index(0, FOUND), Role.BackgroundRole) == named("shortfall_bg")
    assert colour(model.index(2, SURPLUS), Role.ForegroundRole) == named("surplus")
    assert colour(model.index(2, FOUND), Role.BackgroundRole) == named("surplus_bg")
    assert colour(model.index(1, FOUND), Role.BackgroundRole) == named("ok_bg")  # meets the standard
    assert model.index(0, PERCENT).data() == "88.9%"  # 8 serviceable of the 9 deployed
    assert colour(model.index(0, PERCENT), Role.ForegroundRole) == named("shortfall")  # below 90 %
    assert colour(model.index(2, PERCENT), Role.ForegroundRole) is None
    # MOU 10 + 1 + 8 = 19; deployed up to the MOU 9 + 1 + 8 = 18 -> availability 18/19;
    # serviceable capped at the MOU 8 + 1 + 8 = 17 -> serviceability 17/18
    assert grid.footer.text() == ("Total: MOU 19 · found 19 · serviceable 17 · shortfall 1 · surplus 1 · "
                                  "indicator, all lines pooled: availability 94.7%, serviceability 94.4%")


def test_tab_goes_found_serviceable_remark_checks_then_next_line(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    start_at(view, 0, FOUND)
    type_text(qtbot, view, "10")
    press(qtbot, view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == SERVICEABLE
    assert view.state() == QAbstractItemView.State.EditingState
    type_text(qtbot, view, "10")
    press(qtbot, view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == REMARK
    type_text(qtbot, view, "All present")
    press(qtbot, view, Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, FIRST_CHECK)
    assert model.check_column("me.markings") == FIRST_CHECK
    assert view.state() == QAbstractItemView.State.EditingState  # the answers' combo box
    type_text(qtbot, view, "y")
    for code in ("me.safe", "me.use", "me.maintenance"):  # line 1 is wet-leased: maintenance applies
        press(qtbot, view, Qt.Key.Key_Tab)
        assert view.currentIndex().column() == model.check_column(code)
    press(qtbot, view, Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, FOUND)
    state = inspections.load(coe.workspace, coe.inspection_id)
    assert state.values() == {"me.count/1": {"found": 10, "serviceable": 10}, "me.markings/1": "yes"}
    assert state.answers["me.count/1"].remark == "All present"


def test_enter_after_tabbing_through_the_checks_goes_to_the_next_found(
    qtbot: QtBot, coe: InspectionController
) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    start_at(view, 0, REMARK)
    press(qtbot, view, Qt.Key.Key_Tab)
    press(qtbot, view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == model.check_column("me.safe")
    qtbot.keyClicks(view, "y")
    press(qtbot, view, Qt.Key.Key_Return)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, REMARK)
    assert stored(coe) == {"me.safe/1": "yes"}


def test_more_serviceable_than_found_is_refused_and_the_cell_reverts(
    qtbot: QtBot, coe: InspectionController
) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    start_at(view, 0, FOUND)
    enter(qtbot, view, "5")
    start_at(view, 0, SERVICEABLE)
    with qtbot.waitSignal(coe.failed) as failed:
        enter(qtbot, view, "7")
    assert "cannot exceed found" in failed.args[0]
    assert model.index(0, SERVICEABLE).data() == ""
    assert model.index(0, FOUND).data() == "5"  # the found count still waits for a valid serviceable
    assert stored(coe) == {}

    start_at(view, 0, SERVICEABLE)
    enter(qtbot, view, "4")
    start_at(view, 0, FOUND)
    with qtbot.waitSignal(coe.failed):
        enter(qtbot, view, "3")
    assert model.index(0, FOUND).data() == "5"
    assert stored(coe) == {"me.count/1": {"found": 5, "serviceable": 4}}


def test_undo_and_redo_update_the_grid(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    start_at(view, 1, FOUND)
    type_text(qtbot, view, "3")
    press(qtbot, view, Qt.Key.Key_Tab)
    enter(qtbot, view, "2")
    assert model.index(1, SURPLUS).data() == "2"
    coe.undo_stack.undo()
    assert (model.index(1, FOUND).data(), model.index(1, SURPLUS).data()) == ("", "")
    assert colour(model.index(1, FOUND), Role.BackgroundRole) is None
    assert "3 lines not counted" in grid.footer.text()
    assert stored(coe) == {}
    coe.undo_stack.redo()
    assert colour(model.index(1, SURPLUS), Role.ForegroundRole) == named("surplus")
    assert "surplus 2" in grid.footer.text()


def test_delete_withdraws_a_count(qtbot: QtBot, coe: InspectionController) -> None:
    coe.set_value("me.count/3", {"found": 8, "serviceable": 8})
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    start_at(grid.view, 2, SERVICEABLE)
    press(qtbot, grid.view, Qt.Key.Key_Delete)
    assert grid.model.index(2, FOUND).data() == ""
    assert stored(coe) == {}


def test_opening_an_empty_cell_and_pressing_enter_saves_nothing(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    start_at(grid.view, 0, FOUND)
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)
    assert grid.view.state() == QAbstractItemView.State.EditingState
    press(qtbot, grid.view, Qt.Key.Key_Return)
    assert grid.model.index(0, FOUND).data() == ""
    assert not grid.model.is_pending(0, "found")


def test_focus_key_selects_the_line(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    assert grid.focus_key("me.count/3")
    assert (grid.view.currentIndex().row(), grid.view.currentIndex().column()) == (2, FOUND)
    assert grid.focus_key("me.safe/3")
    assert (grid.view.currentIndex().row(), grid.view.currentIndex().column()) == (
        2, grid.model.check_column("me.safe"))
    assert not grid.focus_key("me.general.records")


def test_nothing_is_editable_once_the_inspection_is_not(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    coe.state.inspection.status = Status.READY_FOR_REVIEW.value  # as after submit and reload
    start_at(grid.view, 0, FOUND)
    qtbot.keyClicks(grid.view, "5")
    assert grid.view.state() != QAbstractItemView.State.EditingState
    assert not grid.model.setData(grid.model.index(0, FOUND), 5)
    assert grid.model.index(0, FOUND).data() == ""


def test_typing_n_in_a_check_answers_no_at_once(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    markings = model.check_column("me.markings")
    assert markings is not None
    cell = model.index(0, markings)
    assert cell.data() == ""
    start_at(view, 0, markings)
    qtbot.keyClicks(view, "n")
    assert view.state() != QAbstractItemView.State.EditingState  # answered without an editor
    assert stored(coe) == {"me.markings/1": "no"}
    assert cell.data() == "no"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, markings)
    qtbot.keyClicks(view, "a")  # markings allow n/a
    assert (stored(coe), cell.data()) == ({"me.markings/1": "n/a"}, "n/a")
    press(qtbot, view, Qt.Key.Key_Delete)
    assert (stored(coe), cell.data()) == ({}, "")
    coe.undo_stack.undo()
    assert cell.data() == "n/a"


def test_a_check_that_does_not_apply_to_the_line_cannot_be_answered(
    qtbot: QtBot, coe: InspectionController
) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    maintenance = model.check_column("me.maintenance")
    assert maintenance is not None
    dry = model.index(2, maintenance)  # line 3 is dry-leased; maintenance is asked on wet lines only
    assert not dry.flags() & Qt.ItemFlag.ItemIsEditable
    assert dry.data() == "—"
    assert colour(dry, Role.ForegroundRole) == named("muted")
    assert model.index(0, maintenance).flags() & Qt.ItemFlag.ItemIsEditable
    start_at(view, 2, maintenance)
    qtbot.keyClicks(view, "y")
    assert view.state() != QAbstractItemView.State.EditingState
    assert not model.setData(dry, "yes")
    assert stored(coe) == {}
    start_at(view, 2, model.check_column("me.use"))
    assert not view.moveCursor(QAbstractItemView.CursorAction.MoveNext, Qt.KeyboardModifier.NoModifier).isValid()
    start_at(view, 1, model.check_column("me.use"))
    press(qtbot, view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == maintenance


def test_the_combo_box_answers_a_check(qtbot: QtBot, coe: InspectionController) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    view, model = grid.view, grid.model
    safe = model.check_column("me.safe")
    assert safe is not None
    start_at(view, 1, safe)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState
    press(qtbot, view, Qt.Key.Key_Return)  # nothing chosen: nothing saved
    assert stored(coe) == {}
    start_at(view, 1, safe)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_text(qtbot, view, "n")
    press(qtbot, view, Qt.Key.Key_Return)
    assert stored(coe) == {"me.safe/2": "no"}
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, safe)
    qtbot.keyClicks(view, "a")  # n/a is not an answer to this check: the combo box opens instead
    assert view.state() == QAbstractItemView.State.EditingState
    press(qtbot, view, Qt.Key.Key_Escape)
    assert stored(coe) == {"me.safe/2": "no"}


def test_a_check_answered_against_its_expected_value_shows_as_shortfall(
    qtbot: QtBot, coe: InspectionController
) -> None:
    checklist = coe.state.checklist
    sections = [section.model_copy(update={"items": [
        item.model_copy(update={"expected": "yes"}) if item.code == "me.safe" else item for item in section.items]})
        for section in checklist.template.sections]
    template = checklist.template.model_copy(update={"sections": sections})
    coe.state.checklist = Checklist(template, checklist.scope)
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    safe = grid.model.check_column("me.safe")
    assert safe is not None
    start_at(grid.view, 0, safe)
    qtbot.keyClicks(grid.view, "n")
    assert colour(grid.model.index(0, safe), Role.ForegroundRole) == named("shortfall")
    start_at(grid.view, 1, safe)
    qtbot.keyClicks(grid.view, "y")
    assert colour(grid.model.index(1, safe), Role.ForegroundRole) is None
    assert stored(coe) == {"me.safe/1": "no", "me.safe/2": "yes"}


def test_checks_follow_the_language(qtbot: QtBot, coe: InspectionController) -> None:
    coe.set_value("me.markings/1", "yes")
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    markings = grid.model.check_column("me.markings")
    i18n.set_language("fr")
    try:
        QApplication.sendEvent(grid, QEvent(QEvent.Type.LanguageChange))
        assert grid.model.headerData(markings, Qt.Orientation.Horizontal) == "Couleurs et marquages de l'ONU"
        assert grid.model.index(0, markings).data() == "oui"
        start_at(grid.view, 1, markings)
        qtbot.keyClicks(grid.view, "o")  # oui
        assert stored(coe)["me.markings/2"] == "yes"
    finally:
        i18n.set_language("en")


def test_language_change_relabels_the_grid(
    qtbot: QtBot, coe: InspectionController, monkeypatch: pytest.MonkeyPatch
) -> None:
    grid = shown(qtbot, MouGrid(coe, "me.count"))
    monkeypatch.setattr(mou_grid, "_", lambda text: f"[{text}]")
    QApplication.sendEvent(grid, QEvent(QEvent.Type.LanguageChange))
    assert grid.model.headerData(FOUND, Qt.Orientation.Horizontal) == "[Found]"
    assert grid.footer.text().startswith("[Total")


# -- roster grid ------------------------------------------------------------------------------
def test_roster_shows_persons_and_the_sections_per_person_items(qtbot: QtBot, aoc: InspectionController) -> None:
    grid = shown(qtbot, RosterGrid(aoc, "aoc.firearms"))
    model = grid.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["ID number", "Name", "Rank", "Gender", "Weapons handling and safety", "Pistol shooting",
                       "Rifle shooting"]
    assert [model.index(0, c).data() for c in range(4)] == ["T-0001", "Awa Diop", "Police Captain", "female"]
    assert grid.summary.text().startswith("Weapons handling and safety: 0 of 3 assessed, 0 passing")


def test_scores_are_saved_and_coloured_against_the_pass_mark(qtbot: QtBot, aoc: InspectionController) -> None:
    grid = shown(qtbot, RosterGrid(aoc, "aoc.firearms"))
    view = grid.view
    start_at(view, 0, PISTOL)
    enter(qtbot, view, "65")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, PISTOL)
    enter(qtbot, view, "80")
    assert stored(aoc) == {"aoc.firearms.pistol/T-0001": 65, "aoc.firearms.pistol/T-0002": 80}
    assert grid.model.index(0, PISTOL).data() == "65"
    assert colour(grid.model.index(0, PISTOL), Role.ForegroundRole) == named("shortfall")
    assert colour(grid.model.index(1, PISTOL), Role.ForegroundRole) == named("ok")
    assert "Pistol shooting: 2 of 3 assessed, 1 passing" in grid.summary.text()
    aoc.undo_stack.undo()
    assert grid.model.index(1, PISTOL).data() == ""
    assert "Pistol shooting: 1 of 3 assessed, 0 passing" in grid.summary.text()


def test_na_where_allowed(qtbot: QtBot, aoc: InspectionController) -> None:
    grid = shown(qtbot, RosterGrid(aoc, "aoc.firearms"))
    start_at(grid.view, 2, PISTOL)
    enter(qtbot, grid.view, "n/a")
    assert stored(aoc) == {"aoc.firearms.pistol/T-0003": "n/a"}
    assert grid.model.index(2, PISTOL).data() == "n/a"
    assert colour(grid.model.index(2, PISTOL), Role.ForegroundRole) is None
    assert "Pistol shooting: 0 of 3 assessed" in grid.summary.text()
    start_at(grid.view, 0, PISTOL + 1)
    enter(qtbot, grid.view, "n")  # n is enough
    assert stored(aoc)["aoc.firearms.rifle/T-0001"] == "n/a"


def test_choices_are_picked_by_typing_and_follow_the_language(qtbot: QtBot, aoc: InspectionController) -> None:
    grid = shown(qtbot, RosterGrid(aoc, "aoc.firearms"))
    start_at(grid.view, 0, HANDLING)
    enter(qtbot, grid.view, "f")
    enter(qtbot, grid.view, "p")
    assert stored(aoc) == {"aoc.firearms.handling/T-0001": "fail", "aoc.firearms.handling/T-0002": "pass"}
    cell = grid.model.index(0, HANDLING)
    assert cell.data() == "Fail"
    assert colour(cell, Role.ForegroundRole) == named("shortfall")
    assert colour(grid.model.index(1, HANDLING), Role.ForegroundRole) == named("ok")
    grid.set_language("fr")
    assert cell.data() == "Échec"
    assert grid.model.headerData(PISTOL, Qt.Orientation.Horizontal) == "Tir au pistolet"


def test_filter_by_name_or_id_and_edit_the_person_shown(qtbot: QtBot, aoc: InspectionController) -> None:
    grid = shown(qtbot, RosterGrid(aoc, "aoc.firearms"))
    qtbot.keyClicks(grid.filter, "fall")
    assert grid.proxy.rowCount() == 1
    start_at(grid.view, 0, PISTOL)
    enter(qtbot, grid.view, "90")
    assert stored(aoc) == {"aoc.firearms.pistol/T-0002": 90}
    grid.filter.setText("0003")
    assert [grid.proxy.index(r, 1).data() for r in range(grid.proxy.rowCount())] == ["Khady Sow"]
    assert grid.focus_key("aoc.firearms.rifle/T-0001")  # clears a filter that hides the person
    assert grid.filter.text() == ""
    current = grid.view.currentIndex()
    assert (current.row(), current.column(), current.data()) == (0, PISTOL + 1, "")


def test_roster_retranslates_on_language_change(
    qtbot: QtBot, aoc: InspectionController, monkeypatch: pytest.MonkeyPatch
) -> None:
    grid = shown(qtbot, RosterGrid(aoc, "aoc.firearms"))
    monkeypatch.setattr(roster_grid, "_", lambda text: f"[{text}]")
    QApplication.sendEvent(grid, QEvent(QEvent.Type.LanguageChange))
    assert grid.model.headerData(0, Qt.Orientation.Horizontal) == "[ID number]"
    assert grid.filter.placeholderText() == "[Filter by name or ID number]"
    assert grid.summary.text().startswith("[Weapons handling and safety: 0 of 3 assessed, 0 passing]")
