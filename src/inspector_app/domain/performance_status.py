"""The quarterly performance of formed units as plain values: what HQ's quarterly performance report shows.

Per unit: the overall rating of its performance assessment (PAER) of the quarter and of the quarter before, its
improvement actions (open, and overdue on the day they are counted), the outcome of its latest AOC up to the
quarter's end, and its women's share against the parity target in force that year. Per mission and over every
mission: the same, counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from inspector_app.domain import gender
from inspector_app.domain.quarter_status import InspectionRef, plain


@dataclass(frozen=True)
class Rating:
    """A rating on a performance template's scale: its code, its label per language, where it stands."""

    code: str
    labels: Mapping[str, str] = field(compare=False)  # language → label
    rank: int  # position on the scale, 0 the lowest
    meets_standard: bool

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.code

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "labels": dict(self.labels), "rank": self.rank,
                "meets_standard": self.meets_standard}


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


@dataclass(frozen=True)
class AocResult:
    """A unit's latest AOC up to the quarter's end: passed (None while not settled), the share certified and the
    women's share among those certified."""

    inspection: InspectionRef
    passed: bool | None
    certified_share: float | None = None
    women_certified_share: float | None = None


@dataclass(frozen=True)
class UnitPerformance:
    unit_id: str
    name: str
    country: str
    kind: str
    assessment: InspectionRef | None  # the quarter's settled performance assessment
    rating: Rating | None
    previous: Rating | None  # the quarter before's
    open_actions: int
    overdue_actions: int
    aoc: AocResult | None
    roster: gender.RosterCounts
    parity_target: float | None

    @property
    def trend(self) -> Trend | None:
        if self.rating is None or self.previous is None:
            return None
        if self.rating.rank == self.previous.rank:
            return Trend.SAME
        return Trend.UP if self.rating.rank > self.previous.rank else Trend.DOWN

    @property
    def women_share(self) -> float | None:
        return gender.share(self.roster.women, self.roster.persons)

    @property
    def women_in_command_share(self) -> float | None:
        return gender.share(self.roster.women_in_command, self.roster.in_command)

    @property
    def under_target(self) -> bool:
        share = self.women_share
        return share is not None and self.parity_target is not None and share < self.parity_target

    def to_dict(self) -> dict[str, Any]:
        return {"unit_id": self.unit_id, "name": self.name, "country": self.country, "kind": self.kind,
                "assessment": plain(asdict(self.assessment)) if self.assessment else None,
                "rating": self.rating.to_dict() if self.rating else None,
                "previous_rating": self.previous.to_dict() if self.previous else None,
                "trend": self.trend.value if self.trend else None,
                "open_actions": self.open_actions, "overdue_actions": self.overdue_actions,
                "aoc": plain(asdict(self.aoc)) if self.aoc else None,
                "strength": self.roster.persons, "women": self.roster.women, "women_share": self.women_share,
                "in_command": self.roster.in_command, "women_in_command": self.roster.women_in_command,
                "women_in_command_share": self.women_in_command_share, "parity_target": self.parity_target,
                "under_target": self.under_target}


@dataclass(frozen=True)
class Tally:
    """Units counted: assessed, below standard, actions, AOC outcomes and the roster, pooled."""

    units: int = 0
    assessed: int = 0
    below_standard: int = 0
    open_actions: int = 0
    overdue_actions: int = 0
    aoc_passed: int = 0
    aoc_failed: int = 0
    roster: gender.RosterCounts = gender.RosterCounts()

    @property
    def women_share(self) -> float | None:
        return gender.share(self.roster.women, self.roster.persons)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = plain(asdict(self))
        return out | {"women_share": self.women_share}


def tally(units: Iterable[UnitPerformance]) -> Tally:
    t = Tally()
    for u in units:
        roster = gender.RosterCounts(t.roster.persons + u.roster.persons, t.roster.women + u.roster.women,
                                     t.roster.in_command + u.roster.in_command,
                                     t.roster.women_in_command + u.roster.women_in_command)
        passed = u.aoc.passed if u.aoc else None
        t = Tally(t.units + 1, t.assessed + (u.rating is not None),
                  t.below_standard + (u.rating is not None and not u.rating.meets_standard),
                  t.open_actions + u.open_actions, t.overdue_actions + u.overdue_actions,
                  t.aoc_passed + (passed is True), t.aoc_failed + (passed is False), roster)
    return t


@dataclass(frozen=True)
class MissionPerformance:
    code: str
    name: str
    units: tuple[UnitPerformance, ...]  # by name

    @property
    def tally(self) -> Tally:
        return tally(self.units)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "tally": self.tally.to_dict(),
                "units": [u.to_dict() for u in self.units]}


@dataclass(frozen=True)
class PerformanceStatus:
    """The quarter's performance of every unit of one mission (``scope`` its code) or of all (``scope`` None)."""

    quarter: str  # "2026Q3"
    start: date
    end: date
    counted_on: date  # the day actions are counted open and overdue
    scope: str | None
    missions: tuple[MissionPerformance, ...]  # by code

    @property
    def tally(self) -> Tally:
        return tally(u for m in self.missions for u in m.units)

    def to_dict(self) -> dict[str, Any]:
        return {"quarter": self.quarter, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "counted_on": self.counted_on.isoformat(), "scope": self.scope, "tally": self.tally.to_dict(),
                "missions": [m.to_dict() for m in self.missions]}
