"""The quarterly performance of units as plain values: trends, gender flags and the tallies per mission."""

from __future__ import annotations

from datetime import date

from inspector_app.domain.gender import RosterCounts
from inspector_app.domain.performance_status import (
    AocResult,
    MissionPerformance,
    PerformanceStatus,
    Rating,
    Trend,
    UnitPerformance,
)
from inspector_app.domain.quarter_status import InspectionRef

BELOW = Rating("below", {"en": "Below standard", "fr": "En deçà de la norme"}, 0, False)
MEETS = Rating("meets", {"en": "Meets standard"}, 1, True)
EXCEEDS = Rating("exceeds", {"en": "Exceeds standard"}, 2, True)
EMPTY = RosterCounts()


def unit(name: str, rating: Rating | None, previous: Rating | None = None, *, open_actions: int = 0,
         overdue: int = 0, aoc: bool | None = None, roster: RosterCounts = EMPTY,
         target: float | None = 0.15) -> UnitPerformance:
    ref = InspectionRef(f"aoc-{name}", "aoc_in_mission", "signed", date(2026, 8, 1), "aoc")
    return UnitPerformance(f"id-{name}", name, "X", "fpu", None, rating, previous, open_actions, overdue,
                           None if aoc is None and name.startswith("no") else AocResult(ref, aoc, 0.9),
                           roster, target)


def test_the_trend_compares_the_ranks_of_this_quarter_and_the_one_before() -> None:
    assert unit("a", EXCEEDS, MEETS).trend is Trend.UP
    assert unit("a", BELOW, MEETS).trend is Trend.DOWN
    assert unit("a", MEETS, MEETS).trend is Trend.SAME
    assert unit("a", MEETS).trend is None and unit("a", None, MEETS).trend is None


def test_a_label_falls_back_to_english_then_to_the_code() -> None:
    assert BELOW.label("fr") == "En deçà de la norme"
    assert MEETS.label("fr") == "Meets standard"
    assert Rating("x", {}, 0, True).label("fr") == "x"


def test_a_unit_under_its_parity_target_is_flagged_and_one_without_a_target_is_not() -> None:
    roster = RosterCounts(persons=140, women=14, in_command=10, women_in_command=1)
    assert unit("a", None, roster=roster, target=0.15).under_target  # 10 % < 15 %
    assert not unit("a", None, roster=roster, target=0.10).under_target  # exactly the target
    assert not unit("a", None, roster=roster, target=None).under_target
    assert not unit("a", None, roster=RosterCounts(), target=0.15).under_target  # no roster: no share
    assert unit("a", None, roster=roster).women_in_command_share == 0.1


def test_tallies_count_each_mission_and_every_mission() -> None:
    one = MissionPerformance("M1", "One", (
        unit("a", BELOW, open_actions=3, overdue=1, aoc=True, roster=RosterCounts(100, 10, 5, 1)),
        unit("b", MEETS, open_actions=1, aoc=False, roster=RosterCounts(50, 15, 5, 0)),
        unit("no-c", None, roster=RosterCounts(10, 0, 1, 0)),
    ))
    two = MissionPerformance("M2", "Two", (unit("d", EXCEEDS, overdue=0, aoc=None, roster=RosterCounts(40, 5)),))
    status = PerformanceStatus("2026Q3", date(2026, 7, 1), date(2026, 9, 30), date(2026, 12, 4), None, (one, two))
    t = one.tally
    assert (t.units, t.assessed, t.below_standard, t.open_actions, t.overdue_actions, t.aoc_passed,
            t.aoc_failed) == (3, 2, 1, 4, 1, 1, 1)
    assert t.roster == RosterCounts(160, 25, 11, 1) and t.women_share == 25 / 160
    total = status.tally
    assert (total.units, total.assessed, total.below_standard, total.aoc_passed) == (4, 3, 1, 1)
    assert total.roster.persons == 200 and total.women_share == 30 / 200
    data = status.to_dict()
    assert data["tally"]["assessed"] == 3 and data["missions"][0]["units"][0]["rating"]["code"] == "below"
    assert data["missions"][0]["units"][0]["under_target"] is True  # 10 % against 15 %
