"""The AMS candidate registry: the latest settled assessment of each candidate, cleared or not, valid until the
assessment's date plus the template's clearance months (services.candidates, inspector candidates list)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from inspector_app.cli.main import main
from inspector_app.domain.checklist import PersonRef
from inspector_app.services import candidates, demo, inspections, report, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from tests import shipped
from tests.ams_answers import answer_candidate
from tests.conftest import mark_ready_for_review
from tests.integration.test_reports import pages_text

PERSONS = [PersonRef("IPO-1", "Aïcha Traoré", "Police Inspector", "female"),
           PersonRef("IPO-2", "Bakary Keita", "Police Sergeant", "male"),
           PersonRef("IPO-3", "Chantal Mbaye", "Police Inspector", "female")]


def _assess(ws: Workspace, day: date, shooting: dict[str, int], ready: bool = True) -> str:
    """An AMS of the candidates on ``day``: every test passed, hits at 15 m as given (6 of 10 pass)."""
    ref = inspections.start(ws, "AMS candidates", "ams", "ams", start_date=day).id
    for person in PERSONS:
        if person.id_number in shooting:
            answer_candidate(ws, ref, person.id_number, hits_15m=str(shooting[person.id_number]))
    if ready:
        mark_ready_for_review(ws, ref)
    return ref


@pytest.fixture
def assessed(ws: Workspace) -> Workspace:
    """Two AMS: in 2024 IPO-1 passes and IPO-2 fails; in 2025 IPO-2 passes on a retry. A third, in progress,
    would fail IPO-1 and must not count."""
    mission = units.create_mission(ws, "AMS Mission", "AMS")
    units.create_unit(ws, mission.id, name="AMS candidates", contributing_country="Mali", kind="ipo", persons=PERSONS)
    _assess(ws, date(2024, 3, 10), {"IPO-1": 8, "IPO-2": 4})
    _assess(ws, date(2025, 6, 2), {"IPO-2": 9})
    _assess(ws, date(2025, 9, 1), {"IPO-1": 1}, ready=False)
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
    _assess(ws, date(2026, 1, 5), {"IPO-3": 2})
    [three] = candidates.registry(ws)
    assert (three.id_number, three.cleared, three.valid_until) == ("IPO-3", False, None)
    assert (three.failed_test, three.failed_label.en) == ("ams.weapons.hits_15m", "Hits at 15 m (of 10)")


def test_eligibility_follows_the_templates_clearance_and_retake_rules(ws: Workspace) -> None:
    """Cleared in 2024 (expired after 24 months); not cleared in January 2026 (may retake 6 months later)."""
    mission = units.create_mission(ws, "AMS Mission", "AMS")
    units.create_unit(ws, mission.id, name="AMS candidates", contributing_country="Mali", kind="ipo", persons=PERSONS)
    ref = inspections.start(ws, "AMS candidates", "ams", "ams", start_date=date(2024, 3, 10)).id
    answer_candidate(ws, ref, "IPO-1")
    answer_candidate(ws, ref, "IPO-2", handling="retry_pass", assembly="90")  # a pass on the retry, at the limit
    mark_ready_for_review(ws, ref)
    ref = inspections.start(ws, "AMS candidates", "ams", "ams", start_date=date(2026, 1, 5)).id
    answer_candidate(ws, ref, "IPO-3", assembly="91")  # one second over the limit
    mark_ready_for_review(ws, ref)
    found = {c.id_number: c for c in candidates.registry(ws)}
    assert [found[n].cleared for n in ("IPO-1", "IPO-2", "IPO-3")] == [True, True, False]
    assert found["IPO-3"].failed_test == "ams.weapons.assembly"

    def status(n: str, day: date) -> tuple[str, date | None, bool]:
        e = found[n].eligibility(day)
        assert e is not None
        return e.status.value, e.since, e.eligible

    assert status("IPO-1", date(2026, 3, 10)) == ("cleared", None, True)
    assert status("IPO-1", date(2026, 3, 11)) == ("expired", date(2026, 3, 11), True)
    assert status("IPO-3", date(2026, 7, 4)) == ("waiting", date(2026, 7, 5), False)
    assert status("IPO-3", date(2026, 7, 5)) == ("retake", date(2026, 7, 5), True)
    assert found["IPO-3"].eligibility(date(2026, 7, 4)).text() == "not cleared: may retake from 2026-07-05"  # type: ignore[union-attr]
    expiring = candidates.search(list(found.values()), expiring_before=date(2026, 3, 11))
    assert [c.id_number for c in expiring] == ["IPO-1", "IPO-2"]  # both run out on 2026-03-10; IPO-3 has no pass
    assert candidates.search(list(found.values()), expiring_before=date(2026, 3, 10)) == []


def test_hq_lists_candidates_of_every_mission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_url(tmp_path / "hq.sqlite")
    with open_workspace(tmp_path / "data", actor="HQ registry", db_url=url) as hq:
        for code, country, person in (("MINUSCA", "Mali", PERSONS[0]), ("MONUSCO", "Senegal", PERSONS[2])):
            mission = units.create_mission(hq, code, code)
            units.create_unit(hq, mission.id, name=f"AMS {code}", contributing_country=country, kind="ipo",
                              persons=[person])
            ref = inspections.start(hq, f"AMS {code}", "ams", "ams", start_date=date(2025, 5, 1)).id
            answer_candidate(hq, ref, person.id_number, speaking="fail" if code == "MONUSCO" else "pass")
            mark_ready_for_review(hq, ref)
    base = ["--data-dir", str(tmp_path / "data"), "candidates", "list", "--db", url]
    assert main([*base, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["candidates"]
    assert [(r["name"], r["mission"], r["country"], r["cleared"], r["failed_test"], r["eligibility"],
             r["eligible_from"]) for r in rows] == [
        ("Aïcha Traoré", "MINUSCA", "Mali", True, None, "cleared" if date.today() <= date(2027, 5, 1) else "expired",
         None if date.today() <= date(2027, 5, 1) else "2027-05-02"),
        ("Chantal Mbaye", "MONUSCO", "Senegal", False, "ams.language.speaking",
         "retake" if date.today() >= date(2025, 11, 1) else "waiting", "2025-11-01")]
    assert main([*base, "--expiring-before", "2027-06-01"]) == 0
    out = capsys.readouterr().out
    assert "Aïcha Traoré" in out and "2027-05-01" in out and "Mbaye" not in out


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
    assert "no candidate found" in capsys.readouterr().out


def test_a_version_2_assessment_still_computes_and_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Started on version 2 (reading, writing, oral, driving, handling, shooting score), read on version 3."""
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "ams.yaml").write_text(shipped.v2("ams.yaml"), encoding="utf-8", newline="")
    with monkeypatch.context() as patch:
        patch.setattr("inspector_app.services.templates.shipped_templates", lambda: [tmp_path / "v2" / "ams.yaml"])
        with open_workspace(tmp_path / "data", actor="tester") as ws:
            mission = units.create_mission(ws, "AMS Mission", "AMS")
            units.create_unit(ws, mission.id, name="AMS candidates", contributing_country="Mali", kind="ipo",
                              persons=PERSONS[:2])
            ref = inspections.start(ws, "AMS candidates", "ams", "ams", start_date=date(2025, 2, 1)).id
            for person, score in (("IPO-1", "80"), ("IPO-2", "50")):
                for item in ("reading", "writing", "oral"):
                    inspections.answer(ws, ref, f"ams.language.{item}/{person}", "pass")
                inspections.answer(ws, ref, f"ams.driving.test/{person}", "pass")
                inspections.answer(ws, ref, f"ams.weapons.handling/{person}", "pass")
                inspections.answer(ws, ref, f"ams.weapons.shooting/{person}", score)
            mark_ready_for_review(ws, ref)
    with open_workspace(tmp_path / "data", actor="tester") as ws:  # the shipped version 3 joins version 2
        assert inspections.load(ws, ref).template.version == 2
        assert inspections.load(ws, inspections.start(ws, "AMS candidates", "ams", "ams").id).template.version == 3
        found = {c.id_number: c for c in candidates.registry(ws)}
        assert (found["IPO-1"].cleared, found["IPO-1"].valid_until) == (True, date(2027, 2, 1))
        assert (found["IPO-2"].cleared, found["IPO-2"].failed_test) == (False, "ams.weapons.shooting")
        assert found["IPO-2"].eligibility(date(2030, 1, 1)).status.value == "not_eligible"  # type: ignore[union-attr]
        (tmp_path / "v2.pdf").write_bytes(report.render(ws, ref, "en").pdf)
    text = "\n".join(pages_text(tmp_path / "v2.pdf"))
    assert "Shooting" in text and "ams v2" in text
    assert re.search(r"Bakary Keita.*not cleared", text) and re.search(r"IPO-2\s+Bakary Keita\s+Shooting", text)


def test_the_demo_has_cleared_not_cleared_and_expired_candidates(ws: Workspace) -> None:
    demo.seed(ws)
    today = date.today()
    found = {c.name: (c.cleared, c.failed_test, c.eligibility(today).status.value)  # type: ignore[union-attr]
             for c in candidates.registry(ws)}
    assert found == {
        "Awa Ndiaye": (True, None, "expired"),
        "Ousmane Diallo": (False, "ams.weapons.assembly", "retake"),
        "Fatou Sow": (True, None, "cleared"),
        "Ibrahima Sarr": (True, None, "cleared"),  # on the driving retry
        "Cheikh Fall": (False, "ams.weapons.hits_15m", "waiting"),
        "Mariama Ba": (False, "ams.language.speaking", "waiting"),  # eliminated: the tests after it failed
    }
    assert all(inspections.load(ws, c.inspection_id).template.version == 3 for c in candidates.registry(ws))
