"""HQ mode's charts as data (no Qt): what ``ui/hq_charts_panel.py`` draws, filtered by mission, quarter and unit type.

``read(ws)`` reads once: the mission summary and, in the same pass, every settled COE major-equipment inspection
with its kept results (``hq_views.summary_and_coe``), of which it keeps the sums over every MOU line of each unit's
last one in each quarter (by start date), and the open improvement actions past their due date (one grouped query).
``charts(source, filters)`` computes, without reading again:

* **lines**: serviceability per quarter, one line a mission (every mission) or a unit (one mission chosen), over
  the quarters up to the one chosen; a mission's figure pools the MOU lines of its units' last settled COE
  inspection of the quarter, as the quarterly COE status report does (``hq_views.quarter_status``): an indicator
  over every category, not a COE result. The lines are pooled through each inspection's sums (serviceable and
  available, both capped at the MOU quantity), which add up to the same figures.
* **groups**, one per mission (or unit of the chosen mission), for the bar charts: serviceability in the chosen
  quarter (without one: each unit's latest); and, as held now whatever the quarter, the women's share against the
  parity target (a mission's target is its units' targets weighted by their strength), open and overdue improvement
  actions, and the units whose latest AOC decided (pass or fail) and those it certified (pass).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, func, select

from inspector_app.domain import gender
from inspector_app.domain.serviceability import Aggregate
from inspector_app.domain.template_model import Rules
from inspector_app.domain.verification import period_of
from inspector_app.services import hq_views, settings
from inspector_app.services.hq_views import AocVerdict, MissionSummary, UnitSummary
from inspector_app.storage.models import ImprovementAction

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

Counts = Mapping[str, Mapping[str, Aggregate | None]]  # unit id -> quarter -> its last COE's lines there, summed


@dataclass(frozen=True)
class Filters:
    mission: str | None = None  # a mission code: its units, one figure each; None: every mission, one figure each
    quarter: str | None = None  # "2026Q3": lines up to it, bars in it; None: every quarter, each unit's latest
    unit_type: str | None = None  # "fpu": units of that type only


@dataclass(frozen=True)
class Source:
    """What the charts are computed from, read in one go (on the worker)."""

    missions: tuple[MissionSummary, ...]
    counts: Counts
    overdue: Mapping[str, int]  # unit id -> open improvement actions past their due date
    threshold: float

    def quarters(self) -> list[str]:
        """Every quarter with a settled COE inspection, oldest first."""
        return sorted({q for by_quarter in self.counts.values() for q in by_quarter})

    def unit_types(self) -> list[str]:
        return sorted({u.kind for m in self.missions for u in m.units})


@dataclass(frozen=True)
class Point:
    quarter: str  # "2026Q3"
    serviceability: float  # 0..1, every category pooled: an indicator
    below: bool  # under the standard


@dataclass(frozen=True)
class Line:
    name: str  # a mission's code or a unit's name
    points: tuple[Point, ...]  # oldest first; a quarter without figures is left out


@dataclass(frozen=True)
class Group:
    """One group of bars: a mission, or a unit of the chosen mission."""

    name: str
    serviceability: float | None
    below: bool
    strength: int
    women: int
    parity_target: float | None
    open_actions: int
    overdue_actions: int
    aoc_decided: int  # units whose latest AOC passed or failed
    aoc_certified: int  # ... passed

    @property
    def women_share(self) -> float | None:
        return gender.share(self.women, self.strength)

    @property
    def aoc_share(self) -> float | None:
        return gender.share(self.aoc_certified, self.aoc_decided)


@dataclass(frozen=True)
class Charts:
    lines: tuple[Line, ...]
    groups: tuple[Group, ...]
    threshold: float
    by_unit: bool  # groups and lines are units of one mission, not missions


def standard(ws: Workspace) -> float:
    """The serviceability standard: the installation's setting, or the templates' default."""
    limit = settings.get(ws, settings.SERVICEABILITY_THRESHOLD)
    return float(limit) if limit else Rules().serviceability_threshold


def read(ws: Workspace, today: date | None = None) -> Source:
    """The summary, each unit's last settled COE inspection per quarter, and overdue actions as of ``today``."""
    today = today or date.today()
    missions, coe = hq_views.summary_and_coe(ws)
    counts: dict[str, dict[str, Aggregate | None]] = {}
    for scored in coe:  # a unit's inspections oldest first: the last of a quarter wins
        day = scored.inspection.start_date
        if day is not None:
            counts.setdefault(scored.unit.id, {})[period_of(day).code] = scored.results.overall
    with ws.db.read() as session:
        overdue = dict(session.exec(
            select(ImprovementAction.unit_id, func.count())
            .where(ImprovementAction.status == "open", col(ImprovementAction.due_date) < today)
            .group_by(ImprovementAction.unit_id)).all())
    return Source(tuple(missions), counts, overdue, standard(ws))


def charts(source: Source, filters: Filters) -> Charts:
    """The lines and bar groups the filters select (see the module's docstring)."""
    missions = [m for m in source.missions
                if filters.mission is None or m.code.lower() == filters.mission.lower()]
    entities: list[tuple[str, list[UnitSummary]]] = [
        (m.code, units) for m in missions if (units := [u for u in m.units if filters.unit_type in (None, u.kind)])]
    by_unit = filters.mission is not None
    if by_unit:
        entities = [(u.name, [u]) for _code, units in entities for u in units]
    quarters = [q for q in source.quarters() if filters.quarter is None or q <= filters.quarter.upper()]
    lines = []
    for name, units in entities:
        points = []
        for quarter in quarters:
            figure = _pooled((source.counts.get(u.unit_id, {}).get(quarter) for u in units), source.threshold)
            if figure is not None:
                points.append(Point(quarter, *figure))
        lines.append(Line(name, tuple(points)))
    groups = [_group(name, units, source, filters.quarter) for name, units in entities]
    return Charts(tuple(lines), tuple(groups), source.threshold, by_unit)


def _pooled(sums: Iterable[Aggregate | None], threshold: float) -> tuple[float, bool] | None:
    """Serviceability over the lines of the sums pooled, and whether it is under the standard; None when nothing
    counted."""
    held = [s for s in sums if s is not None]
    available = sum(s.available for s in held)
    if not available:
        return None
    serviceability = sum(s.serviceable for s in held) / available
    return serviceability, serviceability < threshold


def _group(name: str, units: list[UnitSummary], source: Source, quarter: str | None) -> Group:
    def counted(unit: UnitSummary) -> Aggregate | None:
        held = source.counts.get(unit.unit_id, {})
        if quarter is not None:
            return held.get(quarter.upper())
        return held[max(held)] if held else None

    pooled = _pooled((counted(u) for u in units), source.threshold)
    targets = [(u.parity_target, u.strength) for u in units if u.parity_target is not None and u.strength]
    weight = sum(strength for _target, strength in targets)
    outcomes = [u.aoc.outcome for u in units if u.aoc is not None and u.aoc.outcome is not AocVerdict.PENDING]
    return Group(
        name=name, serviceability=pooled[0] if pooled else None, below=bool(pooled and pooled[1]),
        strength=sum(u.strength for u in units), women=sum(u.women for u in units),
        parity_target=sum(target * strength for target, strength in targets) / weight if weight else None,
        open_actions=sum(u.open_actions for u in units),
        overdue_actions=sum(source.overdue.get(u.unit_id, 0) for u in units),
        aoc_decided=len(outcomes), aoc_certified=outcomes.count(AocVerdict.PASS),
    )
