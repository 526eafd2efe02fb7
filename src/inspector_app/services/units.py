"""Missions, units, their MOUs (Annex B lines, Annex C categories) and rosters.

``create_*``, ``list_units`` and ``scope`` open their own unit of work. ``add_*``, ``set_mou``, ``amend_mou``,
``find_unit``, ``mou_versions``, ``mou_on``, ``version_rows`` and ``unit_scope`` work within the caller's session:
other services compose them into one transaction.

A unit's MOU has versions (domain/mou.py): version 1, the original, then each amendment in force from its
effective date. "The unit's MOU" is the latest version; an inspection takes the version in force on its date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session, col, select

from inspector_app.domain import mou as mou_versions_rules
from inspector_app.domain import ori
from inspector_app.domain.checklist import MouLineRef, PersonRef, Scope, SsTerms
from inspector_app.domain.mou import MouVersionRef
from inspector_app.domain.self_sustainment import PROVIDERS
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
CANDIDATES = "ipo"  # a unit's kind: a batch of individual police officer candidates (AMS), with no MOU nor COE
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
    ss_categories: Iterable[str | SsTerms] = (),
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


def scope(ws: Workspace, unit_ref: str, on: date | None = None) -> Scope:
    """Unit ``unit_ref``'s MOU lines and self-sustainment categories (of the version an inspection dated ``on``
    is judged against; None: the latest version) and its roster as it stands now."""
    with ws.db.read() as session:
        return unit_scope(session, find_unit(session, unit_ref), on)


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
    ss_categories: Iterable[str | SsTerms] = (),
    reference: str = "",
    effective_from: date | None = None,
) -> Mou:
    """Give ``unit`` an MOU version with these Annex B lines and Annex C categories (a name: the contingent
    provides it, with no standard written).

    A unit without an MOU gets version 1 (in force from ``effective_from``, None: from the start). A unit that
    has one gets a new version, an amendment, which needs its effective date, after the latest version's; its
    reference defaults to the latest version's.
    """
    lines = list(lines)
    _check_lines(lines)
    held = mou_versions(session, unit)
    last = held[-1] if held else None
    if last is not None:
        if effective_from is None:
            raise ValidationError(f"{unit.name} has an MOU already: an amendment needs the date it takes effect")
        problem = mou_versions_rules.check_amendment(held, effective_from)
        if problem:
            raise ValidationError(f"{unit.name}: {problem}")
        reference = reference or last.reference
    version = last.version + 1 if last else 1
    mou = _add(ws, session, Mou(unit_id=unit.id, reference=reference, version=version, effective_from=effective_from),
               "mou", {"reference": reference, "version": version,
                       "effective_from": effective_from.isoformat() if effective_from else None})
    for line in lines:
        session.add(ws.stamp(MouLine(mou_id=mou.id, **vars(line))))
    for terms in ss_categories:
        terms = check_terms(SsTerms(terms) if isinstance(terms, str) else terms)
        session.add(ws.stamp(MouSelfSustainment(mou_id=mou.id, category=terms.category, provider=terms.provider,
                                                 standard=terms.standard)))
    ws.audit(session, "mou.lines", "mou", mou.id, new={"lines": len(lines)})
    return mou


def amend_mou(
    ws: Workspace,
    session: Session,
    unit: Unit,
    lines: Iterable[MouLineRef],
    effective_from: date,
    reference: str = "",
) -> Mou:
    """A new version of ``unit``'s MOU in force from ``effective_from`` with these Annex B lines; the Annex C
    categories (with all they hold) are copied from the version it amends. The first MOU when there is none."""
    held = mou_versions(session, unit)
    mou = set_mou(ws, session, unit, lines, (), reference=reference, effective_from=effective_from)
    if held:
        for row in session.exec(select(MouSelfSustainment).where(MouSelfSustainment.mou_id == held[-1].id)):
            copied = row.model_dump(exclude=set(Record.model_fields))
            session.add(ws.stamp(MouSelfSustainment.model_validate(copied | {"mou_id": mou.id})))
    session.flush()
    ws.audit(session, "mou.amend", "mou", mou.id, new={
        "version": mou.version, "effective_from": effective_from.isoformat(),
        "amends": held[-1].version if held else None})
    return mou


def _check_lines(lines: list[MouLineRef]) -> None:
    numbers = [line.line_no for line in lines]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("MOU line numbers must be unique")
    for line in lines:
        if line.quantity < 0:
            raise ValidationError(f"MOU line {line.line_no}: the quantity cannot be negative")
        if line.lease not in LEASES:
            raise ValidationError(f"MOU line {line.line_no}: lease must be wet or dry, not {line.lease!r}")


def mou_versions(session: Session, unit: Unit) -> list[Mou]:
    """Every version of ``unit``'s MOU, the original first."""
    return list(session.exec(select(Mou).where(Mou.unit_id == unit.id).order_by(col(Mou.version))))


def mou_on(session: Session, unit: Unit, on: date | None = None) -> Mou | None:
    """The MOU version in force on ``on`` (None: the latest version, the unit's MOU now).

    An inspection dated before every version's effective date takes the earliest version (our reading:
    the MOU it was deployed under). None when the unit has no MOU.
    """
    held = mou_versions(session, unit)
    if on is None or not held:
        return held[-1] if held else None
    return mou_versions_rules.in_force(held, on) or held[0]


@dataclass(frozen=True)
class MouVersionRow:
    """One version of a unit's MOU, as ``hq mou list`` shows it."""

    ref: MouVersionRef
    lines: int
    quantity: int  # Annex B items, all lines
    ss_categories: int
    in_force: bool  # the version in force today


def mou_history(ws: Workspace, unit_ref: str, today: date | None = None) -> tuple[Unit, list[MouVersionRow]]:
    """Every version of the unit's MOU, the original first, with what it holds and which is in force today."""
    with ws.db.read() as session:
        unit = find_unit(session, unit_ref)
        return unit, version_rows(session, unit, today)


def version_rows(session: Session, unit: Unit, today: date | None = None) -> list[MouVersionRow]:
    """``mou_history``'s rows, within the caller's session."""
    now = mou_on(session, unit, today or date.today())
    rows = []
    for mou in mou_versions(session, unit):
        lines = list(session.exec(select(MouLine).where(MouLine.mou_id == mou.id)))
        categories = list(session.exec(select(MouSelfSustainment.id).where(MouSelfSustainment.mou_id == mou.id)))
        rows.append(MouVersionRow(version_ref(mou), len(lines), sum(m.quantity for m in lines), len(categories),
                                  now is not None and now.id == mou.id))
    return rows


def version_ref(mou: Mou) -> MouVersionRef:
    return MouVersionRef(mou.reference, mou.version, mou.effective_from)


def add_persons(ws: Workspace, session: Session, unit: Unit, persons: Iterable[PersonRef]) -> int:
    count = 0
    for person in persons:
        session.add(ws.stamp(Person(unit_id=unit.id, **vars(person))))
        count += 1
    ws.audit(session, "roster.add", "unit", unit.id, new={"persons": count})
    return count


def find_unit(session: Session, ref: str) -> Unit:
    return lookup.find(session, Unit, ref, "unit", Unit.name)


def unit_scope(session: Session, unit: Unit, on: date | None = None) -> Scope:
    """The unit's MOU lines and self-sustainment categories (of the version in force on ``on``; None: the latest
    version) and its roster as it stands now."""
    mou = mou_on(session, unit, on)
    lines: list[MouLine] = []
    categories: list[MouSelfSustainment] = []
    if mou is not None:
        lines = list(session.exec(select(MouLine).where(MouLine.mou_id == mou.id).order_by(col(MouLine.line_no))))
        categories = sorted(session.exec(select(MouSelfSustainment).where(MouSelfSustainment.mou_id == mou.id)),
                            key=lambda c: c.category)
    persons = session.exec(select(Person).where(Person.unit_id == unit.id).order_by(Person.id_number))
    return Scope(
        mou_lines=tuple(MouLineRef(m.line_no, m.category, m.item, m.quantity, m.lease, m.registered) for m in lines),
        persons=tuple(PersonRef(p.id_number, p.name, p.rank, p.gender, p.role) for p in persons),
        ss_categories=tuple(c.category for c in categories),
        ss_terms=tuple(SsTerms(c.category, c.provider, c.standard) for c in categories),
        mou_version=version_ref(mou) if mou is not None else None,
    )


def set_ss_terms(ws: Workspace, unit_ref: str, terms: SsTerms) -> tuple[SsTerms | None, SsTerms]:
    """Record in the unit's current MOU who provides a self-sustainment category and its standard (adding the
    category if the MOU lacks it); the terms before (None: not listed) and after. Audited; inspections keep the
    terms they started with."""
    terms = check_terms(terms)
    with ws.db.session() as session:
        unit = find_unit(session, unit_ref)
        mou = mou_on(session, unit)
        if mou is None:
            raise ValidationError(f"{unit.name} has no MOU yet: import its Annex B first")
        row = session.exec(select(MouSelfSustainment).where(MouSelfSustainment.mou_id == mou.id,
                                                             MouSelfSustainment.category == terms.category)).first()
        old = None if row is None else SsTerms(row.category, row.provider, row.standard)
        row = row or MouSelfSustainment(mou_id=mou.id, category=terms.category)
        row.provider, row.standard = terms.provider, terms.standard
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "mou.self_sustainment", "mou", mou.id, old=None if old is None else vars(old),
                 new=vars(terms))
    return old, terms


def ori_held(ws: Workspace, session: Session, inspection: Inspection) -> ori.Held | None:
    """For a counted periodic or operational readiness inspection: the due date the one before it set, and how
    late it was held (``domain.ori.held_late``); None for any other."""
    rows = list(session.exec(select(Inspection).where(Inspection.unit_id == inspection.unit_id)))
    visits = [ori.Visit(i.type, i.status, i.start_date or i.end_date) for i in rows]
    held = ori.held_late(visits, settings.ori_interval_months(ws))
    return next((h for i, h in held.items() if rows[i].id == inspection.id), None)


def check_terms(terms: SsTerms) -> SsTerms:
    """``terms`` with a known provider and a category name, else a clear refusal."""
    category = terms.category.strip()
    if not category:
        raise ValidationError("a self-sustainment category needs a name")
    if terms.provider not in PROVIDERS:
        raise ValidationError(f"self-sustainment category {category}: the provider must be one of "
                              f"{', '.join(PROVIDERS)}, not {terms.provider!r}")
    return SsTerms(category, terms.provider, terms.standard.strip())


def _add(ws: Workspace, session: Session, record: R, entity: str, new: object) -> R:
    ws.stamp(record)
    session.add(record)
    session.flush()
    ws.audit(session, f"{entity}.create", entity, record.id, new=new)
    return record
