"""The quarterly COE status of a mission as plain values: what HQ's views compute and the quarterly report shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from inspector_app.domain.serviceability import Aggregate, LineCount, aggregate


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
        return asdict(self) | {"availability": self.availability, "serviceability": self.serviceability,
                               "below_threshold": self.below_threshold}


def figures(name: str, lines: Iterable[LineCount], threshold: float) -> Figures:
    return Figures(**vars(aggregate(name, lines, threshold)))


@dataclass(frozen=True)
class UnitStatus:
    """A unit in a quarterly status: its last settled COE inspection of the quarter, or None."""

    unit_id: str
    name: str
    country: str
    inspection: InspectionRef | None
    total: Figures | None
    categories: tuple[Figures, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"unit_id": self.unit_id, "name": self.name, "country": self.country,
                "inspection": plain(asdict(self.inspection)) if self.inspection else None,
                "total": self.total.to_dict() if self.total else None,
                "categories": [c.to_dict() for c in self.categories]}


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

    @property
    def inspected(self) -> list[UnitStatus]:
        return [u for u in self.units if u.inspection is not None]

    @property
    def not_inspected(self) -> list[UnitStatus]:
        return [u for u in self.units if u.inspection is None]

    def to_dict(self) -> dict[str, Any]:
        return {"mission_code": self.mission_code, "mission_name": self.mission_name, "quarter": self.quarter,
                "start": self.start.isoformat(), "end": self.end.isoformat(), "threshold": self.threshold,
                "units": [u.to_dict() for u in self.units], "categories": [c.to_dict() for c in self.categories],
                "total": self.total.to_dict() if self.total else None}


def plain(value: Any) -> Any:
    """``asdict`` output made JSON-ready: dates as ISO text, tuples as lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
