"""HQ's window lists the chosen mission's planned inspections, those laptops sent back among them (offscreen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from inspector_app.locale_format import format_date
from inspector_app.services import bundle_export, demo, planning
from inspector_app.services.installation import open_workspace
from inspector_app.ui import theme
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from tests.gui.conftest import key
from tests.integration.field import PASS, make_field

pytestmark = pytest.mark.gui
BUNDLE = "field-report.inspector-bundle"


@pytest.fixture
def hq(tmp_path: Path) -> Path:
    """HQ's data folder, and beside it a field report of the demo laptop, which planned BGD FPU 2's next ORI."""
    field = make_field(tmp_path, sign=False)
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        bundle_export.export_bundle(ws, tmp_path / BUNDLE, PASS)
    return field.hq


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    switch_language("en")


def test_hq_window_lists_the_mission_s_plans_with_overdue_in_words(
        qtbot: QtBot, hq: Path, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(hq, "HQ registry")
    window.open_hq_database()
    view = window.hq_view
    assert view is not None and view.plans.texts() == [] and view.plans.isVisible()

    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(hq.parent / BUNDLE)], "")))
    view.import_bundles()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Import finished"))
    ori = date.today() + timedelta(days=demo.PLANNED_IN_DAYS)
    (sent,) = view.plans.texts()  # the laptop's plan came with its field report
    assert sent[:3] == [demo.BANGLADESH.name, format_date(ori), "operational readiness"]
    assert sent[4:] == ["planned", ""]

    late = planning.plan(view.workspace, demo.SENEGAL.name, demo.ME, "periodic", date(2025, 1, 6),
                         ["Awa Diop", "Jean Dupont"])
    view.ui.table.setFocus()
    key(qtbot, Qt.Key.Key_F5)  # refresh
    qtbot.waitUntil(lambda: len(view.plans.texts()) == 2)
    assert view.plans.texts()[0] == [demo.SENEGAL.name, format_date(date(2025, 1, 6)), "periodic",
                                     "Awa Diop; Jean Dupont", "planned", "OVERDUE"]
    assert view.plans.table.item(0, 5).foreground().color() == theme.colour("shortfall")
    planning.cancel(view.workspace, late.id)
    view.refresh()
    qtbot.waitUntil(lambda: view.plans.texts()[0][4:] == ["cancelled", ""])  # cancelled: no longer overdue

    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # the label's mnemonic: to the table
    assert QApplication.focusWidget() is view.plans.table
    window.set_language("fr")
    qtbot.waitUntil(lambda: view.plans.label.text() == "Inspections pla&nifiées")
    assert view.plans.table.horizontalHeaderItem(5).text() == "Retard"
    assert view.plans.texts()[0][4] == "annulée"
