"""Registered items of an inspection, asset by asset; the line's counts derive from them (docs/coe-rules.md).

Each write is one transaction, audited like an answer, and refused on an inspection that may not be edited
(signed, locked). After each write the line's ``mou_count`` answer is rewritten from its assets (found = not
missing nor written off, serviceable = serviceable), so ``domain/serviceability`` and everything downstream read
the same figures; a count typed by hand for a registered line that has assets is refused
(``services/inspections.checked_value``). Removing a line's last asset withdraws its count (not counted).
A team merge rewrites the count the same way from the merged assets (``services.bundle_import``).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from inspector_app.domain import assets as rules
from inspector_app.domain import workflow
from inspector_app.domain.assets import AssetFact, DuplicateSerial, Sighting
from inspector_app.domain.checklist import MouLineRef, Scope
from inspector_app.domain.ori import COUNTED_STATUSES
from inspector_app.domain.reconciliation import LineRef, Reconciliation, reconcile
from inspector_app.domain.template_model import AnswerType, TemplateKind
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import attachments, inspections
from inspector_app.storage.models import Answer, Attachment, Inspection, TemplateRecord, Unit
from inspector_app.storage.models import Asset as Asset

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


def list_assets(ws: Workspace, ref: str) -> list[Asset]:
    """The inspection's assets by line and serial."""
    with ws.db.read() as session:
        return of_inspection(session, inspections.find(session, ref).id)


def of_inspection(session: Session, inspection_id: str) -> list[Asset]:
    return list(session.exec(select(Asset).where(Asset.inspection_id == inspection_id)
                             .order_by(col(Asset.line_no), col(Asset.serial))))


def put(ws: Workspace, ref: str, line_no: int, serial: str, condition: str | None = None,
        remark: str | None = None) -> Asset:
    """Add the asset ``serial`` to line ``line_no`` or, when the line holds it already, change it."""
    with ws.db.session() as session:
        inspection, line = _editable_line(ws, session, ref, line_no)
        serial = _serial(serial)
        row = _on_line(session, inspection.id, line.line_no, serial)
        if row is None:
            row = Asset(inspection_id=inspection.id, line_no=line.line_no, serial=serial,
                        condition=_condition(condition or rules.SERVICEABLE), remark=(remark or "").strip())
            session.add(ws.stamp(row))
            session.flush()
            ws.audit(session, "asset.create", "asset", row.id, new=_summary(row))
        else:
            _change(ws, session, row, condition=condition, remark=remark)
        _after(ws, session, inspection, line.line_no)
        return row


def add(ws: Workspace, ref: str, line_no: int, serial: str, condition: str = rules.SERVICEABLE,
        remark: str = "") -> Asset:
    """Add a new asset; the same serial twice on one line of one inspection is refused."""
    with ws.db.read() as session:
        inspection = inspections.find(session, ref)
        if _on_line(session, inspection.id, line_no, _serial(serial)) is not None:
            raise ValidationError(f"line {line_no} already holds {_serial(serial)}: change that asset instead")
    return put(ws, ref, line_no, serial, condition, remark)


def edit(ws: Workspace, asset_id: str, *, serial: str | None = None, condition: str | None = None,
         remark: str | None = None) -> Asset:
    """Change an asset's serial, condition or remark."""
    with ws.db.session() as session:
        row = _asset(session, asset_id)
        inspection = _editable(session, row.inspection_id)
        if serial is not None:
            new = _serial(serial)
            other = _on_line(session, inspection.id, row.line_no, new)
            if other is not None and other.id != row.id:
                raise ValidationError(f"line {row.line_no} already holds {new}")
            serial = new
        _change(ws, session, row, serial=serial, condition=condition, remark=remark)
        _after(ws, session, inspection, row.line_no)
        return row


def remove(ws: Workspace, asset_id: str) -> Asset:
    """Remove an asset (and recompute its line's count)."""
    with ws.db.session() as session:
        row = _asset(session, asset_id)
        inspection = _editable(session, row.inspection_id)
        ws.audit(session, "asset.delete", "asset", row.id, old=_summary(row))
        session.delete(row)
        session.flush()
        _after(ws, session, inspection, row.line_no)
        return row


def remove_serial(ws: Workspace, ref: str, line_no: int, serial: str) -> Asset:
    with ws.db.read() as session:
        inspection = inspections.find(session, ref)
        row = _on_line(session, inspection.id, line_no, _serial(serial))
        if row is None:
            raise NotFound(f"line {line_no} holds no asset {_serial(serial)}")
    return remove(ws, row.id)


# --- duplicates, baseline, reconciliation -----------------------------------------------------------------------


def duplicate_serials(session: Session, inspection: Inspection) -> list[DuplicateSerial]:
    """Serials of this inspection also recorded on another of its lines or on another unit's latest inspection."""
    serials = {a.serial for a in of_inspection(session, inspection.id)}
    if not serials:
        return []
    rows = session.exec(select(Asset, Inspection, Unit).join(Inspection, col(Asset.inspection_id) == Inspection.id)
                        .join(Unit, col(Inspection.unit_id) == Unit.id).where(col(Asset.serial).in_(serials)))
    latest = _latest_of_units(session)
    sightings = [(a.serial, Sighting(u.name, i.id, a.line_no)) for a, i, u in rows
                 if i.id == inspection.id or (i.unit_id != inspection.unit_id and latest.get(i.unit_id) == i.id)]
    return rules.duplicates(sightings)


def _latest_of_units(session: Session) -> dict[str, str]:
    latest: dict[str, tuple[Any, str]] = {}
    for row in session.exec(select(Inspection)):
        order = (row.start_date or row.end_date or row.created_at.date(), row.created_at)
        if row.unit_id not in latest or order > latest[row.unit_id][0]:
            latest[row.unit_id] = (order, row.id)
    return {unit: value[1] for unit, value in latest.items()}


@dataclass(frozen=True)
class Baseline:
    inspection: Inspection
    assets: tuple[AssetFact, ...]
    found: dict[int, int]


def baseline(session: Session, unit_id: str, before: Inspection | None = None) -> Baseline | None:
    """The unit's latest counted arrival inspection of its major equipment (before ``before``, when given): its
    assets and quantities."""
    candidates = [i for i in _counted(session, unit_id, before) if i.type == InspectionType.ARRIVAL]
    return _snapshot(session, candidates[-1]) if candidates else None


def reconciliation(ws: Workspace, ref: str) -> Reconciliation:
    with ws.db.read() as session:
        return reconcile_inspection(ws, session, inspections.find(session, ref))


def reconcile_inspection(ws: Workspace, session: Session, inspection: Inspection) -> Reconciliation:
    """``inspection`` against the unit's arrival baseline and its last counted inspection before it."""
    base = baseline(session, inspection.unit_id, inspection)
    earlier = _counted(session, inspection.unit_id, inspection)
    last = _snapshot(session, earlier[-1]) if earlier else None
    now = _snapshot(session, inspection)
    scope = Scope.from_dict(_scope(inspection))
    found = {"now": now.found}
    if base is not None:
        found["baseline"] = base.found
    if last is not None:
        found["last"] = last.found
    return reconcile(base.assets if base else None, last.assets if last else (), now.assets,
                     [LineRef(m.line_no, m.item, m.quantity) for m in scope.mou_lines], found)


def _counted(session: Session, unit_id: str, before: Inspection | None) -> list[Inspection]:
    """The unit's counted major-equipment inspections (before ``before``), oldest first: a self-sustainment
    inspection holds no assets nor counts."""
    rows = [i for i in session.exec(select(Inspection).where(Inspection.unit_id == unit_id))
            if Status(i.status) in COUNTED_STATUSES and (before is None or i.id != before.id)
            and _kind(session, i) is TemplateKind.COE_MAJOR_EQUIPMENT]
    if before is not None:
        rows = [i for i in rows if key(i) < key(before)]
    return sorted(rows, key=key)


def key(inspection: Inspection) -> tuple[Any, Any]:
    return (inspection.start_date or inspection.end_date or inspection.created_at.date(), inspection.created_at)


def _kind(session: Session, inspection: Inspection) -> TemplateKind:
    record = session.get(TemplateRecord, inspection.template_pk)
    assert record is not None  # a foreign key
    return TemplateKind(record.kind)


def _snapshot(session: Session, inspection: Inspection) -> Baseline:
    facts = tuple(AssetFact(a.line_no, a.serial, a.condition, a.remark) for a in of_inspection(session, inspection.id))
    found: dict[int, int] = {}
    for row in session.exec(select(Answer).where(Answer.inspection_id == inspection.id)):
        value = inspections.value_of(row)
        if isinstance(value, dict) and "found" in value and "/" in row.key:
            found.setdefault(int(row.key.rsplit("/", 1)[1]), int(value["found"]))
    return Baseline(inspection, facts, found)


def _scope(inspection: Inspection) -> dict[str, Any]:
    data = json.loads(inspection.scope_json or "{}")
    return data if isinstance(data, dict) else {}


def attach_photo(ws: Workspace, asset_id: str, path: Path, caption: str = "") -> Attachment:
    """Attach a photo of the asset (an attachment keyed ``asset:<id>``)."""
    with ws.db.read() as session:
        row = _asset(session, asset_id)
    return attachments.attach(ws, row.inspection_id, photo_key(row.id), path, caption)



def summary_of(ws: Workspace, inspection_id: str) -> dict[str, Any]:
    """JSON-ready: the inspection's assets per registered line, the duplicate serials, and for a repatriation
    inspection its reconciliation (what ``inspections show --json`` and the report read)."""
    with ws.db.read() as session:
        inspection = inspections.find(session, inspection_id)
        rows = of_inspection(session, inspection.id)
        flags = duplicate_serials(session, inspection)
        result = (reconcile_inspection(ws, session, inspection)
                  if inspection.type == InspectionType.REPATRIATION else None)
        photos = _photos(session, inspection.id)
    scope = Scope.from_dict(_scope(inspection))
    registered = [m for m in scope.mou_lines if m.registered]
    return {
        "assets": [
            {"line": m.line_no, "item": m.item, "assets": [
                {"id": a.id, "serial": a.serial, "condition": a.condition, "remark": a.remark,
                 "photos": photos.get(a.id, 0)} for a in rows if a.line_no == m.line_no]}
            for m in registered],
        "duplicate_serials": [
            {"serial": d.serial, "across_units": d.across_units,
             "seen": [{"unit": s.unit, "inspection": s.inspection_id, "line": s.line_no} for s in d.seen]}
            for d in flags],
        "reconciliation": None if result is None else reconciliation_json(result),
    }


def reconciliation_json(result: Reconciliation) -> dict[str, Any]:
    return {
        "has_baseline": result.has_baseline,
        "totals": result.totals,
        "assets": [{"serial": a.serial, "line": a.line_no, "status": a.status, "last": a.last_condition,
                    "now": a.now_condition, "now_line": a.now_line_no, "remark": a.remark} for a in result.assets],
        "not_in_baseline": [{"serial": a.serial, "line": a.line_no, "condition": a.condition}
                            for a in result.not_in_baseline],
        "lines": [{"line": q.line_no, "item": q.item, "mou": q.mou, "baseline": q.baseline, "last": q.last,
                   "now": q.now, "change": q.change} for q in result.lines],
    }


PHOTO_KEY = attachments.ASSET_KEY  # an asset's photo is an attachment keyed "asset:<asset id>"


def photo_key(asset_id: str) -> str:
    return f"{PHOTO_KEY}{asset_id}"


def _photos(session: Session, inspection_id: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in session.exec(select(Attachment.key).where(Attachment.inspection_id == inspection_id,
                                                         col(Attachment.key).startswith(PHOTO_KEY))):
        asset_id = key[len(PHOTO_KEY):]
        counts[asset_id] = counts.get(asset_id, 0) + 1
    return counts


# --- helpers ------------------------------------------------------------------------------------------------------


def _serial(text: str) -> str:
    try:
        return rules.normalise_serial(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _condition(text: str) -> str:
    try:
        return rules.check_condition(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _editable(session: Session, inspection_id: str) -> Inspection:
    inspection = inspections.find(session, inspection_id)
    workflow.check_editable(Status(inspection.status))
    return inspection


def _editable_line(ws: Workspace, session: Session, ref: str, line_no: int) -> tuple[Inspection, MouLineRef]:
    inspection = inspections.find(session, ref)
    workflow.check_editable(Status(inspection.status))
    line = next((m for m in Scope.from_dict(_scope(inspection)).mou_lines if m.line_no == line_no), None)
    if line is None:
        raise NotFound(f"this inspection has no MOU line {line_no}")
    if not line.registered:
        raise ValidationError(f"MOU line {line_no} ({line.item}) is not of registered items: count it as a whole")
    return inspection, line


def _asset(session: Session, asset_id: str) -> Asset:
    row = session.get(Asset, asset_id)
    if row is None:
        raise NotFound(f"no asset {asset_id!r}")
    return row


def _on_line(session: Session, inspection_id: str, line_no: int, serial: str) -> Asset | None:
    return session.exec(select(Asset).where(Asset.inspection_id == inspection_id, Asset.line_no == line_no,
                                            Asset.serial == serial)).first()


def _change(ws: Workspace, session: Session, row: Asset, *, serial: str | None = None,
            condition: str | None = None, remark: str | None = None) -> None:
    old = _summary(row)
    if serial is not None:
        row.serial = serial
    if condition is not None:
        row.condition = _condition(condition)
    if remark is not None:
        row.remark = remark.strip()
    if _summary(row) != old:
        session.add(ws.stamp(row))
        ws.audit(session, "asset.update", "asset", row.id, old=old, new=_summary(row))


def _after(ws: Workspace, session: Session, inspection: Inspection, line_no: int) -> None:
    """Rewrite the line's count answers from its assets (withdrawn when it has none); status as after an edit."""
    for key, _held, value in stale_counts(ws, session, inspection, {line_no}):
        inspections.store_answer(ws, session, inspection, key, value)
    status = workflow.status_after_edit(Status(inspection.status))
    if status is not Status(inspection.status):
        inspection.status = status.value
        session.add(ws.stamp(inspection))


def stale_counts(ws: Workspace, session: Session, inspection: Inspection, line_nos: Collection[int]
                 ) -> list[tuple[str, Answer | None, dict[str, int] | None]]:
    """The count answers of the registered lines ``line_nos`` that differ from what their assets give: each as
    (key, the answer held, the value its assets give)."""
    session.flush()
    stale: list[tuple[str, Answer | None, dict[str, int] | None]] = []
    for key, line_no in count_keys(ws, session, inspection).items():
        if line_no in line_nos:
            row = session.exec(inspections.answer_query(inspection.id, key)).first()
            value = line_count(session, inspection.id, line_no)
            if (inspections.value_of(row) if row else None) != value:
                stale.append((key, row, value))
    return stale


def line_count(session: Session, inspection_id: str, line_no: int) -> dict[str, int] | None:
    """The count answer a registered line's assets give (None when it holds none)."""
    line_assets = [a for a in of_inspection(session, inspection_id) if a.line_no == line_no]
    found, serviceable = rules.counts(AssetFact(a.line_no, a.serial, a.condition) for a in line_assets)
    return {"found": found, "serviceable": serviceable} if line_assets else None


def count_keys(ws: Workspace, session: Session, inspection: Inspection) -> dict[str, int]:
    """The count items of the inspection's registered lines: answer key → line number."""
    return {slot.key: slot.mou_line.line_no for slot in inspections.checklist_of(ws, session, inspection).slots
            if slot.item.type is AnswerType.MOU_COUNT and slot.mou_line is not None and slot.mou_line.registered}


def _summary(row: Asset) -> dict[str, Any]:
    return {"inspection_id": row.inspection_id, "line_no": row.line_no, "serial": row.serial,
            "condition": row.condition, "remark": row.remark}
