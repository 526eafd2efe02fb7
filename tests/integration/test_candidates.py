"""The AMS candidate registry: the latest settled assessment of each candidate, cleared or not, valid until the
assessment's date plus the template's clearance months (services.candidates, inspector candidates list)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from inspector_app.cli.main import main
from inspector_app.domain.checklist import PersonRef
from inspector_app.services import candidates, inspections, units
from inspector_app.services.workspace import Workspace
from tests.conftest import mark_ready_for_review

TESTS = ("ams.language.reading", "ams.language.writing", "ams.language.oral", "ams.driving.test",
         "ams.weapons.handling")
PERSONS = [PersonRef("IPO-1", "Aïcha Traoré", "Police Inspector", "female"),
           PersonRef("IPO-2", "Bakary Keita", "Police Sergeant", "male"),
           PersonRef("IPO-3", "Chantal Mbaye", "Police Inspector", "female")]


def _assess(ws: Workspace, day: date, shooting: dict[str, int], ready: bool = True) -> str:
    """An AMS of the candidates on ``day``: every test passed, shooting scored as given (70 hits pass)."""
    ref = inspections.start(ws, "AMS candidates", "ams", "ams", start_date=day).id
    for person in PERSONS:
        if person.id_number not in shooting:
            continue
        for item in TESTS:
            inspections.answer(ws, ref, f"{item}/{person.id_number}", "pass")
        inspections.answer(ws, ref, f"ams.weapons.shooting/{person.id_number}", str(shooting[person.id_number]))
    if ready:
        mark_ready_for_review(ws, ref)
    return ref


@pytest.fixture
def assessed(ws: Workspace) -> Workspace:
    """Two AMS: in 2024 IPO-1 passes and IPO-2 fails; in 2025 IPO-2 passes on a retry. A third, in progress,
    would fail IPO-1 and must not count."""
    mission = units.create_mission(ws, "AMS Mission", "AMS")
    units.create_unit(ws, mission.id, name="AMS candidates", contributing_country="Mali", kind="ipo", persons=PERSONS)
    _assess(ws, date(2024, 3, 10), {"IPO-1": 85, "IPO-2": 40})
    _assess(ws, date(2025, 6, 2), {"IPO-2": 90})
    _assess(ws, date(2025, 9, 1), {"IPO-1": 10}, ready=False)
    return ws


def test_the_latest_settled_assessment_decides_and_the_clearance_runs_24_months(assessed: Workspace) -> None:
    found = {c.id_number: c for c in candidates.registry(assessed)}
    assert set(found) == {"IPO-1", "IPO-2"}  # IPO-3 was never assessed
    one, two = found["IPO-1"], found["IPO-2"]
    assert (one.cleared, one.assessed_on, one.valid_until) == (True, date(2024, 3, 10), date(2026, 3, 10))
    assert (two.cleared, two.assessed_on, two.valid_until) == (True, date(2025, 6, 2), date(2027, 6, 2))
    assert (one.rank, one.gender, one.country, one.unit) == ("Police Inspector", "female", "Mali", "AMS candidates")
    assert one.valid_on(date(2026, 3, 10)) and not one.valid_on(date(2026, 3, 11))
    assert [c.id_number for c in candidates.search(list(found.values()), valid_on=date(2026, 12, 1))] == ["IPO-2"]
    assert [c.id_number for c in candidates.search(list(found.values()), "traoré")] == ["IPO-1"]


def test_a_failed_candidate_is_not_cleared_and_has_no_validity(ws: Workspace) -> None:
    mission = units.create_mission(ws, "AMS Mission", "AMS")
    units.create_unit(ws, mission.id, name="AMS candidates", contributing_country="Mali", kind="ipo", persons=PERSONS)
    _assess(ws, date(2026, 1, 5), {"IPO-3": 20})
    [three] = candidates.registry(ws)
    assert (three.id_number, three.cleared, three.valid_until) == ("IPO-3", False, None)


def test_the_cli_lists_and_searches(assessed: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(assessed.data.root), "candidates", "list"]
    assert main([*base, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["candidates"]
    assert [(r["id_number"], r["cleared"], r["valid_until"]) for r in rows] == [
        ("IPO-1", True, "2026-03-10"), ("IPO-2", True, "2027-06-02")]
    assert rows[1]["valid_now"] == (date.today() <= date(2027, 6, 2))
    assert main([*base, "--search", "keita"]) == 0
    out = capsys.readouterr().out
    assert "Bakary Keita" in out and "Traoré" not in out and "2027-06-02" in out
    with pytest.raises(SystemExit):
        main([*base, "--valid-on", "soon"])
    assert "'soon' is not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_no_candidate_yet(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(ws.data.root), "candidates", "list"]) == 0
    assert "no candidate assessed yet" in capsys.readouterr().out
