"""Planned inspections: schedule one for a unit, date and team before the visit; list, move, cancel, start it.

Each write is one transaction with its audit event. HQ plans in its database and its reference packages carry
the plans of the units they carry (``services.reference_package``); a laptop may plan too. A plan is "mine"
when this installation's inspector (``services.profile``) is on its team (``domain.planning.is_member``).
Starting a plan starts its inspection (``services.inspections.start``) and links it in the same transaction.
See docs/planning.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app.domain import workflow
from inspector_app.domain.planning import (
    PlanStatus,
    as_json,
    clean_team,
    is_member,
    overdue,
    sections_of,
    team_of,
)
from inspector_app.domain.quarter_status import quarter_of
from inspector_app.domain.workflow import InspectionType
from inspector_app.errors import ValidationError
from inspector_app.services import inspections, lookup, profile, templates, units
from inspector_app.storage.bulk import select_in
from inspector_app.storage.models import Inspection, Mission, PlannedInspection, Unit
from inspector_app.sync import merge as rules
from inspector_app.sync.merge import Action
from inspector_app.sync.records import fields

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


@dataclass(frozen=True)
class PlanRow:
    """A plan with what lists show of it."""

    plan: PlannedInspection
    unit: Unit
    mission: Mission
    team: list[str]
    mine: bool  # this installation's inspector is on the team
    overdue: bool  # still planned, and its date has passed

    @property
    def status(self) -> PlanStatus:
        return PlanStatus(self.plan.status)


def plan(ws: Workspace, unit_ref: str, template_ref: str, type_: str, planned_date: date,
         team: list[str], sections: Sequence[str] = ()) -> PlannedInspection:
    """Schedule an inspection of ``unit_ref`` with the family ``template_ref`` on ``planned_date``; a spot check
    may cover only some ``sections`` of the family's latest version (as ``inspections.start``)."""
    kind = _kind(type_)
    members = clean_team(team)
    with ws.db.session() as session:
        unit = units.find_unit(session, unit_ref)
        record = templates.latest(session, template_ref)
        template = templates.model(record)
        workflow.check_template_fits(kind, template.kind)
        chosen = list(inspections.chosen_sections(template, kind, sections))
        row = PlannedInspection(unit_id=unit.id, type=kind.value, template_id=record.template_id,
                                planned_date=planned_date, team_json=as_json(members), sections_json=as_json(chosen))
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "plan.create", "planned_inspection", row.id, new={
            "unit": unit.name, "type": kind.value, "template": record.template_id,
            "date": planned_date.isoformat(), "team": members, **({"sections": chosen} if chosen else {})})
    return row


def list_plans(ws: Workspace, *, unit_ref: str | None = None, date_from: date | None = None,
               date_to: date | None = None, status: str | None = None, mine: bool = False,
               today: date | None = None) -> list[PlanRow]:
    """Plans by date (then unit), filtered; ``mine``: only those whose team holds this laptop's inspector."""
    if status is not None:
        _status(status)
    today = today or date.today()
    name = profile.current(ws).name
    with ws.db.read() as session:
        query = select(PlannedInspection, Unit, Mission).join(Unit, col(Unit.id) == PlannedInspection.unit_id) \
            .join(Mission, col(Mission.id) == Unit.mission_id)
        if unit_ref is not None:
            query = query.where(PlannedInspection.unit_id == units.find_unit(session, unit_ref).id)
        if date_from is not None:
            query = query.where(col(PlannedInspection.planned_date) >= date_from)
        if date_to is not None:
            query = query.where(col(PlannedInspection.planned_date) <= date_to)
        if status is not None:
            query = query.where(PlannedInspection.status == status)
        query = query.order_by(col(PlannedInspection.planned_date), col(Unit.name), col(PlannedInspection.id))
        rows = [PlanRow(p, u, m, team_of(p.team_json), is_member(team_of(p.team_json), name),
                        overdue(p.status, p.planned_date, today)) for p, u, m in session.exec(query)]
    return [r for r in rows if r.mine] if mine else rows


def for_this_laptop(ws: Workspace, today: date | None = None) -> list[PlanRow]:
    """What the home page lists: the plans still to start whose team holds this laptop's inspector."""
    return list_plans(ws, status=PlanStatus.PLANNED.value, mine=True, today=today)


def reschedule(ws: Workspace, ref: str, planned_date: date | None = None,
               team: list[str] | None = None) -> PlannedInspection:
    """Move a plan still to start to another date, or give it another team."""
    if planned_date is None and team is None:
        raise ValidationError("give the new date, the new team or both")
    members = None if team is None else clean_team(team)
    with ws.db.session() as session:
        row = find(session, ref)
        _check_planned(row, "moved")
        old = {"date": row.planned_date.isoformat(), "team": team_of(row.team_json)}
        if planned_date is not None:
            row.planned_date = planned_date
        if members is not None:
            row.team_json = as_json(members)
        session.add(ws.stamp(row))
        ws.audit(session, "plan.reschedule", "planned_inspection", row.id, old=old,
                 new={"date": row.planned_date.isoformat(), "team": team_of(row.team_json)})
    return row


def cancel(ws: Workspace, ref: str) -> PlannedInspection:
    """Cancel a plan still to start (it stays listed, as cancelled)."""
    with ws.db.session() as session:
        row = find(session, ref)
        _check_planned(row, "cancelled")
        row.status = PlanStatus.CANCELLED.value
        session.add(ws.stamp(row))
        ws.audit(session, "plan.cancel", "planned_inspection", row.id, old=PlanStatus.PLANNED.value,
                 new=PlanStatus.CANCELLED.value)
    return row


def start(ws: Workspace, ref: str, start_date: date | None = None) -> Inspection:
    """Start the planned inspection (its unit, template family, type, team and a spot check's sections; dated
    today unless given, since the visit is when it starts; a performance assessment assesses the quarter it starts
    in) and link it to the plan, in one transaction."""
    with ws.db.read() as session:
        row = find(session, ref)
        _check_planned(row, "started")
        plan_id, unit_id, template_id, type_ = row.id, row.unit_id, row.template_id, row.type
        team, sections = "; ".join(team_of(row.team_json)), sections_of(row.sections_json)

    def link(session: Session, inspection: Inspection) -> None:
        current = session.get(PlannedInspection, plan_id)
        assert current is not None  # plans are never deleted
        _check_planned(current, "started")  # not cancelled or started meanwhile
        current.status = PlanStatus.STARTED.value
        current.inspection_id = inspection.id
        session.add(ws.stamp(current))
        ws.audit(session, "plan.start", "planned_inspection", current.id, old=PlanStatus.PLANNED.value,
                 new={"status": PlanStatus.STARTED.value, "inspection": inspection.id})

    on = start_date or date.today()
    assessed = quarter_of(on) if type_ == InspectionType.PERFORMANCE_ASSESSMENT else None
    return inspections.start(ws, unit_id, template_id, type_, team, on, sections=sections, then=link, period=assessed)


def merge(session: Session, incoming: Iterable[PlannedInspection]) -> Counter[str]:
    """Apply plans that came in a bundle or reference package, by id, in the caller's transaction: the later
    edit wins, a start wins over a plan still to start, a plan started here keeps its link (``sync.merge.plan``).
    A link to an inspection that is not here (nor already added by the same import) is dropped: the plan
    stays started. Returns how many were added, updated, unchanged and kept."""
    rows = list(incoming)
    links = {r.inspection_id for r in rows if r.inspection_id is not None}
    held = {i.id for i in select_in(session, Inspection, Inspection.id, links)}
    local = {p.id: p for p in select_in(session, PlannedInspection, PlannedInspection.id, (r.id for r in rows))}
    outcomes: Counter[str] = Counter()
    for row in rows:
        if row.inspection_id not in held:
            row.inspection_id = None
        here = local.get(row.id)
        decision = rules.plan(None if here is None else fields(here), fields(row))
        if decision.action is Action.INSERT:
            session.add(row)
        elif decision.action is Action.UPDATE:
            for column in PlannedInspection.model_fields:  # their values, stamped as written by their origin
                setattr(here, column, getattr(row, column))
        outcomes[decision.outcome] += 1
    session.flush()
    return outcomes


def find(session: Session, ref: str) -> PlannedInspection:
    return lookup.find(session, PlannedInspection, ref, "planned inspection")


def _check_planned(row: PlannedInspection, what: str) -> None:
    if row.status != PlanStatus.PLANNED:
        raise ValidationError(f"the plan {row.id[:8]} is {PlanStatus(row.status).label}: only a plan still to "
                              f"start can be {what}")


def _kind(type_: str) -> InspectionType:
    try:
        return InspectionType(type_)
    except ValueError:
        names = ", ".join(t.value for t in InspectionType)
        raise ValidationError(f"unknown inspection type {type_!r}; use one of {names}") from None


def _status(status: str) -> PlanStatus:
    try:
        return PlanStatus(status)
    except ValueError:
        names = ", ".join(s.value for s in PlanStatus)
        raise ValidationError(f"unknown plan status {status!r}; use one of {names}") from None
