"""What the home page lists, read and worded without Qt, so that the first read can run off the window's thread."""

from __future__ import annotations

from dataclasses import dataclass

from inspector_app.domain import labels
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.i18n import _, current_language
from inspector_app.locale_format import format_date, format_percent
from inspector_app.services import actions, inspections, planning, profile, units
from inspector_app.services.workspace import Workspace


@dataclass(frozen=True)
class PlanLine:
    id: str
    texts: tuple[str, str, str, str, str]  # date, unit, type, team, overdue
    overdue: bool


@dataclass(frozen=True)
class UnitLine:
    id: str
    mission_id: str
    mission: str  # "CODE — name", the row it sits under
    texts: tuple[str, str, str, str]  # unit, details, (status), next ORI
    ori_overdue: bool


@dataclass(frozen=True)
class InspectionLine:
    id: str
    unit_id: str
    texts: tuple[str, str, str, str, str]  # title, type, status, dates, complete


@dataclass(frozen=True)
class HomeData:
    plans: list[PlanLine]
    no_plans: str  # what to say when nothing is planned
    overdue_actions: list[tuple[str, str, str, str]]  # unit, action, owner, due
    units: list[UnitLine]
    inspections: list[InspectionLine]


def read(workspace: Workspace) -> HomeData:
    """The plans of this laptop's inspector, the overdue improvement actions, the units and their inspections."""
    name = profile.current(workspace).name
    if name:
        no_plans = _("No inspection is planned for {name}.").format(name=name)
    else:
        no_plans = _("Set your name (Settings) to see the inspections planned for you.")
    return HomeData(
        plans=[_plan(row) for row in planning.for_this_laptop(workspace)],
        no_plans=no_plans,
        overdue_actions=[(a.unit, a.description, a.owner, format_date(a.due))
                         for a in actions.register(workspace, overdue_only=True)],
        units=[_unit(row) for row in units.list_units(workspace)],
        inspections=[_inspection(state) for state in inspections.list_states(workspace)],
    )


def _plan(row: planning.PlanRow) -> PlanLine:
    when = _("OVERDUE: planned for {date}").format(date=format_date(row.plan.planned_date)) if row.overdue else ""
    return PlanLine(row.plan.id, (format_date(row.plan.planned_date), f"{row.unit.name} ({row.mission.code})",
                                  InspectionType(row.plan.type).label, "; ".join(row.team), when), row.overdue)


def _unit(row: units.UnitRow) -> UnitLine:
    details = _("{lines} MOU lines, strength {persons}").format(lines=row.mou_lines, persons=row.persons)
    return UnitLine(row.unit.id, row.mission.id, f"{row.mission.code} — {row.mission.name}",
                    (f"{row.unit.name} ({row.unit.contributing_country})", details, "", _next_ori(row)),
                    row.ori_overdue)


def _inspection(state: inspections.InspectionState) -> InspectionLine:
    i = state.inspection
    dates = format_date(i.start_date) if i.start_date else ""
    if i.end_date:
        dates += f" → {format_date(i.end_date)}"
    return InspectionLine(i.id, i.unit_id, (
        _title(state), InspectionType(i.type).label,
        Status(i.status).label, dates, format_percent(state.results().percent_complete / 100, 0)))


def _title(state: inspections.InspectionState) -> str:
    """The inspection's template title, and for a performance assessment the quarter it covers: "… — Q3 2026"."""
    title = state.checklist.template.title.get(current_language())
    period = state.checklist.scope.period
    return f"{title} — {labels.quarter(period)}" if period else title


def _next_ori(row: units.UnitRow) -> str:
    """When the unit's next operational readiness inspection is due, in words when overdue (docs/coe-rules.md)."""
    if row.next_ori_due is None:
        return ""
    if row.ori_overdue:
        return _("ORI OVERDUE since {date}").format(date=format_date(row.next_ori_due))
    return _("Next ORI by {date}").format(date=format_date(row.next_ori_due))
