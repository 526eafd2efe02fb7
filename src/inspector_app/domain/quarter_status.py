"""The quarterly COE status of a mission, or of every mission, as plain values: what HQ's views compute and the
quarterly reports show: major equipment against the MOU, the same a quarter earlier (the trend), self-sustainment
verdicts, the unit's next periodic or readiness inspection, and the women's share against the parity target."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cache, reduce
from typing import Any

from inspector_app.domain import gender
from inspector_app.domain.aoc import Officers
from inspector_app.domain.serviceability import Aggregate, LineCount, aggregate, pooled


def quarter_of(day: date) -> str:
    """The quarter ``day`` falls in: "2026Q3"."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_before(first: date) -> tuple[date, date]:
    """The first and last day of the quarter before the one that begins on ``first``."""
    end = date.fromordinal(first.toordinal() - 1)
    return date(end.year, end.month - 2, 1), end


@dataclass(frozen=True)
class InspectionRef:
    """What identifies an inspection in a view: id, type, status, start date, template kind."""

    id: str
    type: str
    status: str
    date: date | None
    kind: str


@dataclass(frozen=True)
class Figures(Aggregate):
    """Availability and serviceability of a group of MOU lines: a category, a unit, a mission.

    ``quantity`` (MOU), ``found``, ``available`` and ``serviceable`` (capped), ``shortfall`` and ``surplus`` are
    sums over the counted lines, as in ``domain.serviceability.Aggregate``, with its availability and
    serviceability.
    """

    def to_dict(self) -> dict[str, Any]:
        return flat(self) | {"availability": self.availability, "serviceability": self.serviceability,
                               "below_threshold": self.below_threshold}


def figures(name: str, lines: Iterable[LineCount], threshold: float) -> Figures:
    return Figures(**vars(aggregate(name, lines, threshold)))


def pooled_figures(name: str, groups: Iterable[Aggregate], threshold: float) -> Figures:
    """The groups' figures added up (``domain.serviceability.pooled``)."""
    return Figures(**vars(pooled(name, groups, threshold)))


def change(now: float | int | None, before: float | int | None) -> float | int | None:
    """``now`` − ``before`` (a share or a count), None when either is missing."""
    return None if now is None or before is None else now - before


@dataclass(frozen=True)
class SsCategory:
    """A self-sustainment category's verdict (``domain.self_sustainment.CategoryVerdict``, as plain values)."""

    category: str
    provider: str
    verdict: str | None  # a Compliance value; None: not the contingent's, or not in the checklist
    reimbursement_affected: bool


@dataclass(frozen=True)
class SelfSustainment:
    """The verdicts of a unit's last settled COE self-sustainment inspection of the quarter."""

    inspection: InspectionRef
    categories: tuple[SsCategory, ...]

    def count(self, verdict: str) -> int:
        return sum(1 for c in self.categories if c.verdict == verdict)

    @property
    def affected(self) -> tuple[str, ...]:
        """The categories whose verdict affects the reimbursement (the template's rule)."""
        return tuple(c.category for c in self.categories if c.reimbursement_affected)

    def to_dict(self) -> dict[str, Any]:
        return {"inspection": plain(flat(self.inspection)), "categories": [flat(c) for c in self.categories]}


@dataclass(frozen=True)
class Gender:
    """A roster's women, overall and in command positions (``domain.gender``), against the parity target in force
    for the unit's type in the quarter's year (None: no target set); and the officers assessed and certified by the
    unit's latest settled AOC up to the quarter's end, with the women among them (``domain.aoc``)."""

    strength: int
    women: int
    in_command: int
    women_in_command: int
    target: float | None
    officers: Officers = field(default_factory=Officers)

    @property
    def women_share(self) -> float | None:
        return gender.share(self.women, self.strength)

    @property
    def command_share(self) -> float | None:
        return gender.share(self.women_in_command, self.in_command)

    @property
    def under_target(self) -> bool:
        return _under(self.women_share, self.target)

    @property
    def command_under_target(self) -> bool:
        return _under(self.command_share, self.target)

    def plus(self, other: Gender) -> Gender:
        """Both rosters (and AOCs) together; the target kept only when both have the same."""
        return Gender(self.strength + other.strength, self.women + other.women, self.in_command + other.in_command,
                      self.women_in_command + other.women_in_command,
                      self.target if self.target == other.target else None, self.officers.plus(other.officers))

    def to_dict(self) -> dict[str, Any]:
        o = self.officers
        return asdict(self) | {"women_share": self.women_share, "command_share": self.command_share,
                               "under_target": self.under_target, "command_under_target": self.command_under_target,
                               "women_assessed_share": o.women_assessed_share,
                               "women_certified_share": o.women_certified_share}


def _under(value: float | None, target: float | None) -> bool:
    return value is not None and target is not None and value < target


@dataclass(frozen=True)
class UnitStatus:
    """A unit in a quarterly status: its last settled COE inspection of the quarter, or None, and the same a
    quarter earlier (``previous``); its self-sustainment verdicts; its next periodic or readiness inspection as
    the quarter ends (``next_due``, ``overdue``); its roster's women against the parity target."""

    unit_id: str
    name: str
    country: str
    inspection: InspectionRef | None
    total: Figures | None
    categories: tuple[Figures, ...]
    previous: InspectionRef | None = None
    previous_total: Figures | None = None
    self_sustainment: SelfSustainment | None = None
    next_due: date | None = None
    overdue: bool = False
    gender: Gender | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"unit_id": self.unit_id, "name": self.name, "country": self.country,
                "inspection": plain(flat(self.inspection)) if self.inspection else None,
                "total": self.total.to_dict() if self.total else None,
                "categories": [c.to_dict() for c in self.categories],
                "previous": plain(flat(self.previous)) if self.previous else None,
                "previous_total": self.previous_total.to_dict() if self.previous_total else None,
                "self_sustainment": self.self_sustainment.to_dict() if self.self_sustainment else None,
                "next_due": self.next_due.isoformat() if self.next_due else None, "overdue": self.overdue,
                "gender": self.gender.to_dict() if self.gender else None}


@dataclass(frozen=True)
class QuarterStatus:
    """The quarterly COE status of a mission's contributed major equipment."""

    mission_code: str
    mission_name: str
    quarter: str  # "2026Q4"
    start: date
    end: date
    threshold: float
    units: tuple[UnitStatus, ...]  # every unit of the mission, by name
    categories: tuple[Figures, ...]  # over the inspected units, in first-seen order
    total: Figures | None  # None when no unit was inspected
    previous_total: Figures | None = None  # the same a quarter earlier

    @property
    def inspected(self) -> list[UnitStatus]:
        return [u for u in self.units if u.inspection is not None]

    @property
    def not_inspected(self) -> list[UnitStatus]:
        return [u for u in self.units if u.inspection is None]

    @property
    def overdue(self) -> list[UnitStatus]:
        return [u for u in self.units if u.overdue]

    @property
    def gender(self) -> Gender | None:
        """The mission's rosters together (None when no unit has one)."""
        rosters = [u.gender for u in self.units if u.gender is not None and u.gender.strength]
        return reduce(Gender.plus, rosters) if rosters else None

    def to_dict(self) -> dict[str, Any]:
        return {"mission_code": self.mission_code, "mission_name": self.mission_name, "quarter": self.quarter,
                "start": self.start.isoformat(), "end": self.end.isoformat(), "threshold": self.threshold,
                "units": [u.to_dict() for u in self.units], "categories": [c.to_dict() for c in self.categories],
                "total": self.total.to_dict() if self.total else None,
                "previous_total": self.previous_total.to_dict() if self.previous_total else None}


@dataclass(frozen=True)
class GlobalStatus:
    """The quarterly COE status of every mission of HQ's database, by mission code."""

    quarter: str
    start: date
    end: date
    missions: tuple[QuarterStatus, ...]

    @property
    def units(self) -> list[UnitStatus]:
        return [u for m in self.missions for u in m.units]

    def to_dict(self) -> dict[str, Any]:
        return {"quarter": self.quarter, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "missions": [m.to_dict() for m in self.missions]}


def flat(item: Any) -> dict[str, Any]:
    """A dataclass instance whose fields hold no dataclass, as ``asdict`` gives it (without its deep copy: the
    reports' content hashes read thousands of them)."""
    return {name: getattr(item, name) for name in _names(item.__class__)}


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(value: Any) -> Any:
    """``asdict`` output made JSON-ready: dates as ISO text, tuples as lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
