"""Planning in the window: the "Plan inspection…" dialog, the home page's plans for this laptop, Start."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from inspector_app.i18n import set_language
from inspector_app.locale_format import format_date
from inspector_app.services import inspections, planning, profile
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.plan_dialog import PlanDialog
from tests.conftest import add_test_unit

pytestmark = pytest.mark.gui
COE = "coe-major-equipment"


@pytest.fixture
def laptop(data_dir: Path) -> Path:
    with open_workspace(data_dir, actor="setup") as ws:
        add_test_unit(ws)
        profile.save(ws, "Aïcha N'Diaye", "inspector")
    return data_dir


def _plans(window: MainWindow) -> list[list[str]]:
    tree = window.home.ui.plans
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())] for r in range(tree.topLevelItemCount())]


def test_plan_dialog_home_list_and_start(qtbot: QtBot, laptop: Path, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(laptop)
    assert not window.home.ui.plans.isVisible()
    assert window.home.ui.plansNone.text() == "No inspection is planned for Aïcha N'Diaye."

    window.ui.actionPlanInspection.trigger()
    dialog = window.findChild(PlanDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.team.text() == "Aïcha N'Diaye"  # the inspector's own name to start with
    dialog.type.setCurrentIndex(dialog.type.findData("operational_readiness"))
    dialog.template.setCurrentIndex(dialog.template.findData(COE))
    planned = date.today() + timedelta(days=9)
    dialog.date.setDate(QDate(planned.year, planned.month, planned.day))
    dialog.team.setText(" ; ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "needs its team" in dialog.error.text()  # refused, said in the dialog
    dialog.team.setText("aicha n'diaye; Jean Dupont")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert _plans(window) == [[format_date(planned), "TST FPU (TEST)", "operational readiness",
                               "aicha n'diaye; Jean Dupont", ""]]
    with open_workspace(laptop, actor="HQ") as ws:  # another team's plan, and one of ours overdue
        planning.plan(ws, "TST FPU", COE, "periodic", date.today() + timedelta(days=1), ["Jean Dupont"])
        late = planning.plan(ws, "TST FPU", COE, "spot_check", date(2025, 3, 4), ["AÏCHA N'DIAYE"])
    window.home.load()
    rows = _plans(window)
    assert [r[0] for r in rows] == [format_date(date(2025, 3, 4)), format_date(planned)]
    assert rows[0][4] == f"OVERDUE: planned for {format_date(date(2025, 3, 4))}"
    assert window.home.ui.plans.topLevelItem(0).font(4).bold()

    assert window.home.ui.plans.currentItem() is window.home.ui.plans.topLevelItem(0)
    window.home.ui.startButton.click()
    qtbot.waitUntil(lambda: window.controller is not None)
    assert window.controller is not None
    with open_workspace(laptop, actor="check") as ws:
        by_id = {r.plan.id: r.plan for r in planning.list_plans(ws)}
    assert (by_id[late.id].status, by_id[late.id].inspection_id) == ("started", window.controller.inspection_id)
    window.show_home()
    assert [r[0] for r in _plans(window)] == [format_date(planned)]  # started: no longer to start


def test_home_and_file_menu_mnemonics_are_unique_in_english_and_french(
        qtbot: QtBot, laptop: Path, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(laptop)
    with open_workspace(laptop, actor="HQ") as ws:
        planning.plan(ws, "TST FPU", COE, "periodic", date.today(), ["Aïcha N'Diaye"])
    window.show_home()
    home = window.home
    try:
        for lang, plan in (("fr", "Plan&ifier une inspection…"), ("en", "&Plan inspection…")):
            window.set_language(lang)
            qtbot.waitUntil(lambda p=plan: home.ui.planButton.text() == p)
            assert home.ui.startButton.isVisible()
            letters = [_mnemonic(a.text()) for a in window.ui.menubar.actions()]
            for widget in [*home.findChildren(QAbstractButton), *home.findChildren(QLabel)]:
                if widget.isVisible() and _mnemonic(widget.text()):
                    letters.append(_mnemonic(widget.text()))
            assert len(letters) == len(set(letters)), (lang, sorted(letters))
            file_menu = [_mnemonic(a.text()) for a in window.ui.menuFile.actions() if not a.isSeparator()]
            assert len(file_menu) == len(set(file_menu)), (lang, file_menu)
            assert window.ui.actionPlanInspection.text() == plan
    finally:
        window.set_language("en")


def _mnemonic(text: str) -> str:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match[1].lower() if match else ""


def _dialog(qtbot: QtBot, ws: Workspace, type_: str) -> PlanDialog:
    dialog = PlanDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.type.setCurrentIndex(dialog.type.findData(type_))
    return dialog


def _tick(dialog: PlanDialog, *codes: str) -> None:
    for i in range(dialog.sections.count()):
        item = dialog.sections.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in codes:
            item.setCheckState(Qt.CheckState.Checked)


def test_plan_dialog_ticks_a_spot_check_s_sections_and_the_plan_starts_with_them(qtbot: QtBot, laptop: Path) -> None:
    with open_workspace(laptop, actor="Aïcha N'Diaye") as ws:
        dialog = _dialog(qtbot, ws, "periodic")
        assert not dialog.sections.isVisible() and dialog.chosen_sections() == []
        dialog.type.setCurrentIndex(dialog.type.findData("spot_check"))
        dialog.template.setCurrentIndex(dialog.template.findData("coe-self-sustainment"))
        assert dialog.sections.isVisible() and dialog.labels[5].buddy() is dialog.sections
        listed = [dialog.sections.item(i).text() for i in range(dialog.sections.count())]
        assert "Catering" in listed and "Medical" in " ".join(listed)
        _tick(dialog, "ss.medical", "ss.catering")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not dialog.isVisible())
        (row,) = planning.list_plans(ws)
        assert (row.plan.id, planning.sections_of(row.plan.sections_json)) == (
            dialog.plan_id, ["ss.catering", "ss.medical"])
        started = inspections.load(ws, planning.start(ws, row.plan.id).id)
        assert started.checklist.scope.sections == ("ss.catering", "ss.medical")


def test_plan_dialog_mnemonics_are_unique_in_english_and_french(qtbot: QtBot, laptop: Path) -> None:
    with open_workspace(laptop, actor="Aïcha N'Diaye") as ws:
        dialog = _dialog(qtbot, ws, "spot_check")
        try:
            for lang in ("fr", "en"):
                set_language(lang)
                dialog.changeEvent(QEvent(QEvent.Type.LanguageChange))
                letters = [_mnemonic(w.text()) for w in [*dialog.labels, *dialog.buttons.buttons()]]
                letters = [m for m in letters if m]
                assert len(letters) == len(set(letters)) == 6, (lang, letters)
        finally:
            set_language("en")
