"""The laptop's home page and HQ's unit table show each unit's next ORI and flag the overdue in words."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inspector_app.locale_format import format_date
from inspector_app.services import inspections, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui.home_view import HomeView
from inspector_app.ui.hq_tasks import read
from inspector_app.ui.hq_view import HqView
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.workers import TaskRunner
from tests.conftest import add_test_unit, mark_ready_for_review

pytestmark = pytest.mark.gui
LATE_ARRIVAL, LATE_DUE = date(2025, 1, 10), date(2025, 7, 10)  # six months on


@pytest.fixture
def two_units(ws: Workspace) -> Iterator[tuple[Workspace, date]]:
    """TST FPU arrived this month (due in six months), LATE FPU in January 2025 (overdue)."""
    add_test_unit(ws)
    mission = units.list_units(ws)[0].mission
    units.create_unit(ws, mission.id, name="LATE FPU", contributing_country="Testland")
    today = date.today()
    recent = date(today.year, today.month, 1)
    month = recent.month + 6
    recent_due = date(recent.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    for name, on in (("TST FPU", recent), ("LATE FPU", LATE_ARRIVAL)):
        mark_ready_for_review(ws, inspections.start(ws, name, "coe-major-equipment", "arrival", start_date=on).id)
    yield ws, recent_due
    switch_language("en")


def _unit_rows(view: HomeView) -> dict[str, str]:
    """Unit label → its next-ORI cell (column 3), across every mission."""
    out = {}
    for m in range(view.model.rowCount()):
        mission = view.model.item(m, 0)
        for u in range(mission.rowCount()):
            out[mission.child(u, 0).text()] = mission.child(u, 3).text()
    return out


def test_home_page_lists_next_ori_and_flags_the_overdue(
    qtbot: QtBot, two_units: tuple[Workspace, date], tmp_path: Path
) -> None:
    ws, recent_due = two_units
    view = HomeView(ws)
    qtbot.addWidget(view)
    view.resize(1100, 400)
    view.load()
    rows = _unit_rows(view)
    assert rows["TST FPU (Testland)"] == f"Next ORI by {format_date(recent_due)}"
    assert rows["LATE FPU (Testland)"] == f"ORI OVERDUE since {format_date(LATE_DUE)}"
    view.grab().save(str(tmp_path / "home.png"))
    if path := os.environ.get("ORI_HOME_PNG"):
        view.grab().save(path)
    switch_language("fr")
    qtbot.waitUntil(lambda: _unit_rows(view)["LATE FPU (Testland)"].startswith("IDO EN RETARD depuis le "))
    assert _unit_rows(view)["LATE FPU (Testland)"] == f"IDO EN RETARD depuis le {format_date(LATE_DUE)}"


def test_hq_unit_table_shows_next_ori_and_flags_the_overdue(qtbot: QtBot, two_units: tuple[Workspace, date]) -> None:
    ws, recent_due = two_units
    view = HqView(ws, "sqlite:///test", TaskRunner(inline=True))
    qtbot.addWidget(view)
    view.show_snapshot(read(ws))
    table = view.ui.table
    last = table.columnCount() - 1
    assert table.horizontalHeaderItem(last).text() == "Next ORI"
    cells = {table.item(r, 0).text(): table.item(r, last).text() for r in range(table.rowCount())}
    assert cells["TST FPU"] == format_date(recent_due)
    assert cells["LATE FPU"] == f"{format_date(LATE_DUE)} — OVERDUE"


def test_ori_interval_is_set_in_the_settings_dialog(qtbot: QtBot, two_units: tuple[Workspace, date]) -> None:
    """Shortening the interval to 3 months makes the recent unit due three months after its arrival."""
    from inspector_app.services import settings
    from inspector_app.ui.preferences import Preferences
    from inspector_app.ui.settings_dialog import SettingsDialog

    ws, recent_due = two_units
    dialog = SettingsDialog(ws, Preferences(ws.data))
    qtbot.addWidget(dialog)
    assert dialog.ui.oriInterval.value() == 6 and dialog.ui.oriIntervalLabel.buddy() is dialog.ui.oriInterval
    dialog.ui.oriInterval.setValue(3)
    dialog.accept()
    assert settings.get(ws, settings.ORI_INTERVAL_MONTHS) == "3"
    arrival = date(recent_due.year - (recent_due.month <= 6), (recent_due.month - 7) % 12 + 1, 1)
    month = arrival.month + 3
    expected = date(arrival.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    view = HomeView(ws)
    qtbot.addWidget(view)
    view.load()
    assert _unit_rows(view)["TST FPU (Testland)"] == f"Next ORI by {format_date(expected)}"


def test_settings_dialog_shows_the_default_for_a_broken_stored_interval(qtbot: QtBot, ws: Workspace) -> None:
    from inspector_app.services import settings
    from inspector_app.ui.preferences import Preferences
    from inspector_app.ui.settings_dialog import SettingsDialog

    settings.put(ws, settings.ORI_INTERVAL_MONTHS, "0")
    dialog = SettingsDialog(ws, Preferences(ws.data))
    qtbot.addWidget(dialog)
    assert dialog.ui.oriInterval.value() == 6
    dialog.accept()
    assert settings.get(ws, settings.ORI_INTERVAL_MONTHS) == "6"
