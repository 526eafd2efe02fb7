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


def test_inspections_show_says_how_late_an_ori_was_held(
    ws: Workspace, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Arrival on 10 Jan 2025: the first ORI is due by 10 Jul 2025; held on 20 Sep 2025 it is 72 days late
    (21 + 31 + 20); the next, due by 20 Mar 2026, is held on 1 Mar 2026: on time."""
    unit = add_test_unit(ws)
    ids = {}
    for name, type_, on in (("arrival", "arrival", date(2025, 1, 10)), ("late", "operational_readiness",
                            date(2025, 9, 20)), ("on_time", "operational_readiness", date(2026, 3, 1))):
        ids[name] = inspections.start(ws, unit, "coe-major-equipment", type_, start_date=on).id
        mark_ready_for_review(ws, ids[name])
    shown = {}
    for name in ("arrival", "late", "on_time"):
        assert main(["--data-dir", str(data_dir), "inspections", "show", ids[name], "--json"]) == 0
        shown[name] = json.loads(capsys.readouterr().out)["ori_due"]
    assert shown["arrival"] is None
    assert shown["late"] == {"due": "2025-07-10", "held": "2025-09-20", "days_late": 21 + 31 + 20}
    assert shown["on_time"] == {"due": "2026-03-20", "held": "2026-03-01", "days_late": 0}
    assert main(["--data-dir", str(data_dir), "inspections", "show", ids["late"]]) == 0
    assert "Held 72 days after the ORI was due (2025-07-10)" in capsys.readouterr().out
