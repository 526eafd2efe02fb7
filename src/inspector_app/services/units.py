"""Missions, units, their MOUs (Annex B lines, Annex C categories) and rosters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlmodel import Session, select

from inspector_app.domain.checklist import MouLineRef, PersonRef, Scope
from inspector_app.errors import ValidationError
from inspector_app.services import lookup
from inspector_app.storage.models import (
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


def create_mission(ws: Workspace, session: Session, name: str, code: str) -> Mission:
    mission = Mission(name=name, code=code)
    return _add(ws, session, mission, "mission", {"name": name, "code": code})


def create_unit(ws: Workspace, session: Session, mission: Mission, **fields: str) -> Unit:
    unit = Unit(mission_id=mission.id, **fields)
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


def list_units(session: Session) -> list[UnitRow]:
    rows = []
    query = select(Unit, Mission).join(Mission).order_by(Mission.code, Unit.name)
    for unit, mission in session.exec(query):
        scope = unit_scope(session, unit)
        rows.append(UnitRow(unit, mission, len(scope.mou_lines), len(scope.persons)))
    return rows


def unit_scope(session: Session, unit: Unit) -> Scope:
    """The unit's MOU lines, self-sustainment categories and roster as they stand now."""
    mou = session.exec(select(Mou).where(Mou.unit_id == unit.id)).first()
    lines: list[MouLine] = []
    categories: list[str] = []
    if mou is not None:
        lines = list(session.exec(select(MouLine).where(MouLine.mou_id == mou.id).order_by(MouLine.line_no)))
        categories = list(
            session.exec(select(MouSelfSustainment.category).where(MouSelfSustainment.mou_id == mou.id))
        )
    persons = session.exec(select(Person).where(Person.unit_id == unit.id).order_by(Person.id_number))
    return Scope(
        mou_lines=tuple(MouLineRef(m.line_no, m.category, m.item, m.quantity, m.lease) for m in lines),
        persons=tuple(PersonRef(p.id_number, p.name, p.rank, p.gender, p.role) for p in persons),
        ss_categories=tuple(sorted(categories)),
    )


def _add(ws: Workspace, session: Session, record: R, entity: str, new: object) -> R:
    ws.stamp(record)
    session.add(record)
    session.flush()
    ws.audit(session, f"{entity}.create", entity, record.id, new=new)
    return record
