"""``units list`` gives each unit its next operational readiness inspection and flags the overdue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from inspector_app.cli.main import main
from inspector_app.services import hq_views, inspections, settings, units
from inspector_app.services.workspace import Workspace
from tests.conftest import add_test_unit, mark_ready_for_review


def _units(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, dict[str, object]]:
    assert main(["--data-dir", str(data_dir), "units", "list", "--json"]) == 0
    return {row["name"]: row for row in json.loads(capsys.readouterr().out)}


def test_units_list_gives_next_ori_due_and_overdue(
    capsys: pytest.CaptureFixture[str], ws: Workspace, data_dir: Path
) -> None:
    add_test_unit(ws)
    mission = units.list_units(ws)[0].mission
    units.create_unit(ws, mission.id, name="LATE FPU", contributing_country="Testland")
    units.create_unit(ws, mission.id, name="NEW FPU", contributing_country="Testland")
    today = date.today()
    recent = date(today.year, today.month, 1)  # arrival this month: due six months on, the 1st
    month = recent.month + 6
    recent_due = date(recent.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    for name, on in (("TST FPU", recent), ("LATE FPU", date(2025, 1, 10))):
        inspection = inspections.start(ws, name, "coe-major-equipment", "arrival", start_date=on)
        mark_ready_for_review(ws, inspection.id)
    inspections.start(ws, "NEW FPU", "coe-major-equipment", "arrival", start_date=date(2025, 1, 10))  # draft

    rows = _units(capsys, data_dir)
    assert rows["TST FPU"]["next_ori_due"] == recent_due.isoformat()
    assert rows["TST FPU"]["ori_overdue"] is False
    assert rows["LATE FPU"]["next_ori_due"] == "2025-07-10"
    assert rows["LATE FPU"]["ori_overdue"] is True
    assert rows["NEW FPU"]["next_ori_due"] is None  # its arrival is still a draft
    assert rows["NEW FPU"]["ori_overdue"] is False

    hq_units = {u.name: u for m in hq_views.mission_summary(ws) for u in m.units}  # HQ's summary, same rule
    assert (hq_units["LATE FPU"].next_ori_due, hq_units["LATE FPU"].ori_overdue) == (date(2025, 7, 10), True)
    assert (hq_units["TST FPU"].next_ori_due, hq_units["TST FPU"].ori_overdue) == (recent_due, False)
    assert hq_units["TST FPU"].to_dict()["next_ori_due"] == recent_due.isoformat()

    settings.put(ws, settings.ORI_INTERVAL_MONTHS, "3")
    assert _units(capsys, data_dir)["LATE FPU"]["next_ori_due"] == "2025-04-10"

    assert main(["--data-dir", str(data_dir), "units", "list"]) == 0
    text = capsys.readouterr().out
    assert "NEXT ORI" in text and "2025-04-10 OVERDUE" in text
