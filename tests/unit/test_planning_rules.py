"""Planned inspections' pure rules: team lists, whose laptop a plan is for, overdue, the package merge rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from inspector_app.domain import planning
from inspector_app.errors import ValidationError
from inspector_app.sync import merge
from inspector_app.sync.merge import Action, Decision, Reason


def test_names_compare_without_case_accents_or_spacing() -> None:
    assert planning.name_key("  Aïcha   N'DIAYE ") == "aicha n'diaye"
    assert planning.is_member(["Jean Dupont", "Aïcha N'Diaye"], "aicha  n'diaye")
    assert planning.is_member(["Élodie Brûlé"], "ELODIE BRULE")
    assert not planning.is_member(["Aïcha N'Diaye"], "Aïcha Diaye")
    assert not planning.is_member(["Aïcha N'Diaye"], "")  # nobody set on the laptop is on no team


def test_team_is_split_on_semicolons_trimmed_and_each_member_once() -> None:
    assert planning.parse_team(" DIOP, Awa ;Jean  Dupont;\n Élodie Brûlé ; ; jean dupont") == [
        "DIOP, Awa", "Jean Dupont", "Élodie Brûlé"]
    with pytest.raises(ValidationError, match="needs its team"):
        planning.parse_team(" ; \n ")
    with pytest.raises(ValidationError, match="at most"):
        planning.clean_team([f"Member {n}" for n in range(planning.MAX_MEMBERS + 1)])


def test_team_json_rule() -> None:
    assert planning.team_problem('["Awa Diop", "Jean Dupont"]') == ""
    assert planning.team_problem("Awa Diop") == "not JSON"
    assert planning.team_problem('{"a": 1}') == "not a JSON list of names"
    assert planning.team_problem('["Awa", 3]') == "not a JSON list of names"
    assert planning.team_problem('["Awa", "  "]') == "not a JSON list of names"
    assert planning.team_of(planning.as_json(["Aïcha"])) == ["Aïcha"]


def test_overdue_only_while_still_planned_and_the_date_passed() -> None:
    today = date(2026, 5, 10)
    assert planning.overdue("planned", date(2026, 5, 9), today)
    assert not planning.overdue("planned", today, today)  # due today is not overdue
    assert not planning.overdue("started", date(2026, 1, 1), today)
    assert not planning.overdue("cancelled", date(2026, 1, 1), today)


def _plan(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": "p1", "unit_id": "u1", "type": "periodic", "template_id": "coe-major-equipment",
        "planned_date": date(2026, 6, 1), "team_json": '["Awa Diop"]', "status": "planned", "inspection_id": None,
        "updated_at": datetime(2026, 5, 1, tzinfo=UTC), "device_id": "hq",
        "created_at": datetime(2026, 5, 1, tzinfo=UTC),
    }
    return {**row, **changes}


def test_package_plan_rule_later_edit_wins_and_a_started_plan_keeps_its_link() -> None:
    hq_later = _plan(planned_date=date(2026, 6, 8), updated_at=datetime(2026, 5, 3, tzinfo=UTC))
    assert merge.plan(None, hq_later) == Decision(Action.INSERT, Reason.NEW)
    assert merge.plan(_plan(), _plan()).outcome == "unchanged"
    assert merge.plan(_plan(), hq_later) == Decision(Action.UPDATE, Reason.LATER)
    moved_here = _plan(planned_date=date(2026, 6, 2), updated_at=datetime(2026, 5, 4, tzinfo=UTC), device_id="lap")
    assert merge.plan(moved_here, hq_later) == Decision(Action.IGNORE, Reason.LOCAL)
    started_here = _plan(status="started", inspection_id="i1", updated_at=datetime(2026, 5, 2, tzinfo=UTC))
    cancelled_later = _plan(status="cancelled", updated_at=datetime(2026, 5, 9, tzinfo=UTC))
    assert merge.plan(started_here, cancelled_later) == Decision(Action.IGNORE, Reason.LOCAL)


def test_a_start_outweighs_a_move_or_cancel_made_meanwhile_whatever_the_clocks() -> None:
    started_there = _plan(status="started", inspection_id="i1", updated_at=datetime(2026, 5, 2, tzinfo=UTC),
                          device_id="lap")
    moved_here_later = _plan(planned_date=date(2026, 6, 20), updated_at=datetime(2026, 5, 5, tzinfo=UTC))
    cancelled_here_later = _plan(status="cancelled", updated_at=datetime(2026, 5, 5, tzinfo=UTC))
    assert merge.plan(moved_here_later, started_there) == Decision(Action.UPDATE, Reason.LATER)
    assert merge.plan(cancelled_here_later, started_there) == Decision(Action.UPDATE, Reason.LATER)
    # ... and the other way round, the started copy here stays (both sides end with the start)
    assert merge.plan(started_there, moved_here_later) == Decision(Action.IGNORE, Reason.LOCAL)
    # a start whose inspection is not held (its link dropped) is an edit like any other
    unlinked = {**started_there, "inspection_id": None}
    assert merge.plan(moved_here_later, unlinked) == Decision(Action.IGNORE, Reason.LOCAL)


def test_sections_json_rule() -> None:
    assert planning.sections_problem('["ss.catering"]') == planning.sections_problem("[]") == ""
    assert planning.sections_problem('"ss.catering"') == "not a JSON list of section codes"
    assert planning.sections_of(planning.as_json(["ss.medical", "ss.catering"])) == ["ss.medical", "ss.catering"]
    assert planning.sections_of("") == []
