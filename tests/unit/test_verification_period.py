"""The verification report's period and the inspections it takes (domain.verification)."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.domain import verification as v
from inspector_app.domain.template_model import Rules
from inspector_app.errors import ValidationError

ME, SS = "coe_major_equipment", "coe_self_sustainment"


def test_month_and_quarter_forms() -> None:
    month = v.parse_period("2026-11")
    assert (month.code, month.kind, month.start, month.end) == ("2026-11", v.MONTH, date(2026, 11, 1),
                                                              date(2026, 11, 30))
    feb = v.parse_period("2028-02")  # a leap year
    assert feb.end == date(2028, 2, 29)
    for text in ("2026Q4", "2026-Q4", " 2026q4 "):
        q = v.parse_period(text)
        assert (q.code, q.kind, q.start, q.end) == ("2026Q4", v.QUARTER, date(2026, 10, 1), date(2026, 12, 31))
    assert v.parse_period("2026Q1").end == date(2026, 3, 31)
    assert v.period_of(date(2026, 8, 31)).code == "2026Q3"
    assert v.period_of(date(2026, 8, 31), v.MONTH).code == "2026-08"


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026Q5", "26Q1", "2026", "Q4 2026", ""])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="not a period"):
        v.parse_period(text)


def test_days_at_both_ends_are_in_the_period() -> None:
    q = v.parse_period("2026Q4")
    assert date(2026, 10, 1) in q and date(2026, 12, 31) in q
    assert date(2026, 9, 30) not in q and date(2027, 1, 1) not in q
    assert None not in q


def test_the_latest_counted_inspection_of_each_kind_gives_the_figures() -> None:
    q = v.parse_period("2026Q4")
    rows = [
        v.Candidate("me-old", ME, "arrival", "signed", date(2026, 10, 5)),
        v.Candidate("me-new", ME, "operational_readiness", "ready_for_review", date(2026, 12, 1)),
        v.Candidate("me-draft", ME, "spot_check", "in_progress", date(2026, 12, 20)),  # not counted
        v.Candidate("me-before", ME, "periodic", "signed", date(2026, 9, 30)),  # before the period
        v.Candidate("ss", SS, "periodic", "exported", None, date(2026, 11, 3)),  # dated by its end
        v.Candidate("aoc", "aoc", "aoc_in_mission", "signed", date(2026, 11, 1)),  # not COE
    ]
    chosen = v.select(rows, q)
    assert [c.id for c in chosen.inspections] == ["me-old", "ss", "me-new"]
    assert chosen.major_equipment is not None and chosen.major_equipment.id == "me-new"
    assert chosen.self_sustainment is not None and chosen.self_sustainment.id == "ss"
    assert chosen.used == ("me-new", "ss")


def test_same_day_keeps_the_order_given_and_an_empty_period_chooses_nothing() -> None:
    day = date(2026, 11, 2)
    chosen = v.select([v.Candidate("a", ME, "periodic", "signed", day),
                       v.Candidate("b", ME, "operational_readiness", "signed", day)], v.parse_period("2026-11"))
    assert chosen.major_equipment is not None and chosen.major_equipment.id == "b"
    empty = v.select([v.Candidate("a", ME, "periodic", "signed", day)], v.parse_period("2026-12"))
    assert empty.inspections == () and empty.major_equipment is None and empty.self_sustainment is None


def test_roles_come_from_the_template_else_the_default() -> None:
    assert v.roles(Rules().verification_roles) == ("coe_inspector", "contingent_commander", "chief_coe_officer")
    custom = Rules(verification_roles=["coe_inspector", "chief_coe_officer", "force_commander"])
    assert v.roles(custom.verification_roles) == ("coe_inspector", "chief_coe_officer", "force_commander")
    assert v.countersigning_role(v.roles(None)) == "chief_coe_officer"
    assert v.provisional(v.DEFAULT_ROLES, ["coe_inspector", "contingent_commander"])
    assert not v.provisional(v.DEFAULT_ROLES, ["coe_inspector", "chief_coe_officer"])
    with pytest.raises(ValueError):
        Rules(verification_roles=[])


def test_a_later_spot_check_is_listed_but_a_whole_inspection_gives_the_figures() -> None:
    """A spot check may cover part of the template: the period's figures come from its latest whole inspection,
    and from a spot check only when nothing else of its kind falls in the period."""
    period = v.parse_period("2026Q3")
    ori = v.Candidate("ori", SS, "operational_readiness", "signed", date(2026, 7, 12))
    spot = v.Candidate("spot", SS, "spot_check", "ready_for_review", date(2026, 9, 10))
    chosen = v.select([ori, spot], period)
    assert [c.id for c in chosen.inspections] == ["ori", "spot"] and chosen.used == ("ori",)
    assert chosen.self_sustainment is ori
    alone = v.select([spot], period)
    assert alone.self_sustainment is spot
