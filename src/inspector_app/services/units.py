"""Missions, units, their MOUs (Annex B lines, Annex C categories) and rosters.

``create_*``, ``list_units`` and ``scope`` open their own unit of work. ``add_*``, ``set_mou``, ``find_unit`` and
``unit_scope`` work within the caller's session: other services compose them into one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session, col, select

from inspector_app.domain import ori
from inspector_app.domain.checklist import MouLineRef, PersonRef, Scope
from inspector_app.errors import ValidationError
from inspector_app.services import lookup, settings
from inspector_app.storage.models import (
    Inspection,
    Mission,
    Mou,
    MouLine,
    MouSelfSustainment,
    Person,
    Record,
    Unit,
)

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

LEASES = ("wet", "dry")
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    mission: Mission
    mou_lines: int
    persons: int
    next_ori_due: date | None = None
    ori_overdue: bool = False


def create_mission(ws: Workspace, name: str, code: str) -> Mission:
    """A new mission; its code must be unused."""
    with ws.db.session() as session:
        return add_mission(ws, session, name, code)


def create_unit(
    ws: Workspace,
    mission_id: str,
    *,
    mou: Iterable[MouLineRef] = (),
    ss_categories: Iterable[str] = (),
    mou_reference: str = "",
    persons: Iterable[PersonRef] = (),
    **fields: str,
) -> Unit:
    """A unit of the mission with its MOU (when lines, categories or a reference are given) and its roster,
    all saved together or not at all."""
    mou, ss_categories, persons = list(mou), list(ss_categories), list(persons)
    with ws.db.session() as session:
        unit = add_unit(ws, session, mission_id, **fields)
        if mou or ss_categories or mou_reference:
            set_mou(ws, session, unit, mou, ss_categories, reference=mou_reference)
        if persons:
            add_persons(ws, session, unit, persons)
    return unit


def list_units(ws: Workspace, today: date | None = None) -> list[UnitRow]:
    """Every unit with its mission and its next operational readiness inspection (domain/ori.py), by mission
    code then unit name."""
    interval = settings.ori_interval_months(ws)
    today = today or date.today()
    with ws.db.read() as session:
        visits: dict[str, list[ori.Visit]] = {}
        for inspection in session.exec(select(Inspection)):
            visits.setdefault(inspection.unit_id, []).append(ori.Visit(
                inspection.type, inspection.status, inspection.start_date or inspection.end_date))
        rows = []
        query = select(Unit, Mission).join(Mission).order_by(Mission.code, Unit.name)
        for unit, mission in session.exec(query):
            held = unit_scope(session, unit)
            due = ori.next_ori(visits.get(unit.id, []), interval, today)
            rows.append(UnitRow(unit, mission, len(held.mou_lines), len(held.persons), due.due, due.overdue))
        return rows


def scope(ws: Workspace, unit_ref: str) -> Scope:
    """Unit ``unit_ref``'s MOU lines, self-sustainment categories and roster as they stand now."""
    with ws.db.read() as session:
        return unit_scope(session, find_unit(session, unit_ref))


def add_mission(ws: Workspace, session: Session, name: str, code: str) -> Mission:
    mission = Mission(name=name, code=code)
    return _add(ws, session, mission, "mission", {"name": name, "code": code})


def add_unit(ws: Workspace, session: Session, mission_id: str, **fields: Any) -> Unit:
    unit = Unit(mission_id=mission_id, **fields)
    if not unit.name.strip() or not unit.contributing_country.strip():
        raise ValidationError("a unit needs a name and a contributing country")
    return _add(ws, session, unit, "unit", fields)


def set_mou(
    ws: Workspace,
    session: Session,
    unit: Unit,
    lines: Iterable[MouLineRef],
    ss_categories: Iterable[str] = (),
    reference: str = "",
) -> Mou:
    """Give ``unit`` an MOU with these Annex B lines and Annex C categories."""
    lines = list(lines)
    numbers = [line.line_no for line in lines]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("MOU line numbers must be unique")
    for line in lines:
        if line.quantity < 0:
            raise ValidationError(f"MOU line {line.line_no}: the quantity cannot be negative")
        if line.lease not in LEASES:
            raise ValidationError(f"MOU line {line.line_no}: lease must be wet or dry, not {line.lease!r}")
    mou = _add(ws, session, Mou(unit_id=unit.id, reference=reference), "mou", {"reference": reference})
    for line in lines:
        session.add(ws.stamp(MouLine(mou_id=mou.id, **vars(line))))
    for category in ss_categories:
        session.add(ws.stamp(MouSelfSustainment(mou_id=mou.id, category=category)))
    ws.audit(session, "mou.lines", "mou", mou.id, new={"lines": len(lines)})
    return mou


def add_persons(ws: Workspace, session: Session, unit: Unit, persons: Iterable[PersonRef]) -> int:
    count = 0
    for person in persons:
        session.add(ws.stamp(Person(unit_id=unit.id, **vars(person))))
        count += 1
    ws.audit(session, "roster.add", "unit", unit.id, new={"persons": count})
    return count


def find_unit(session: Session, ref: str) -> Unit:
    return lookup.find(session, Unit, ref, "unit", Unit.name)


def unit_scope(session: Session, unit: Unit) -> Scope:
    """The unit's MOU lines, self-sustainment categories and roster as they stand now."""
    mou = session.exec(select(Mou).where(Mou.unit_id == unit.id)).first()
    lines: list[MouLine] = []
    categories: list[str] = []
    if mou is not None:
        lines = list(session.exec(select(MouLine).where(MouLine.mou_id == mou.id).order_by(col(MouLine.line_no))))
        categories = list(
            session.exec(select(MouSelfSustainment.category).where(MouSelfSustainment.mou_id == mou.id))
        )
    persons = session.exec(select(Person).where(Person.unit_id == unit.id).order_by(Person.id_number))
    return Scope(
        mou_lines=tuple(MouLineRef(m.line_no, m.category, m.item, m.quantity, m.lease, m.registered) for m in lines),
        persons=tuple(PersonRef(p.id_number, p.name, p.rank, p.gender, p.role) for p in persons),
        ss_categories=tuple(sorted(categories)),
    )


def _add(ws: Workspace, session: Session, record: R, entity: str, new: object) -> R:
    ws.stamp(record)
    session.add(record)
    session.flush()
    ws.audit(session, f"{entity}.create", entity, record.id, new=new)
    return record
