"""Amendments: a correction after signing is a new inspection that references the signed one.

The amendment starts from the signed inspection's answers, remarks and photos (same template version and
scope); the signed inspection itself never changes.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app.domain.template_model import AnswerType
from inspector_app.domain.workflow import LOCKED, Status
from inspector_app.errors import ValidationError
from inspector_app.services import inspections
from inspector_app.storage.models import Answer, Attachment, Inspection, Signature, new_id
from inspector_app.sync import clock

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


def amend(ws: Workspace, ref: str) -> Inspection:
    """Start an amendment of the signed inspection ``ref``: a new inspection in progress, audited."""
    with ws.db.session() as session:
        source = inspections.find(session, ref)
        status = Status(source.status)
        if status not in LOCKED:
            raise ValidationError(f"the inspection is {status.label}, not signed: correct it directly")
        pending = _pending_amendment(session, source.id)
        if pending is not None:
            raise ValidationError(f"an amendment of this inspection is already open: {pending.id[:8]}")
        amendment = Inspection(
            unit_id=source.unit_id, template_pk=source.template_pk, type=source.type, team=source.team,
            status=Status.IN_PROGRESS.value, start_date=date.today(), scope_json=source.scope_json,
            amends_id=source.id,
        )
        session.add(ws.stamp(amendment))
        session.flush()
        photos = _copy_attachments(ws, session, source.id, amendment.id)
        answers = _copy_answers(ws, session, source, amendment, photos)
        ws.audit(session, "inspection.amend", "inspection", amendment.id,
                 new={"amends": source.id, "answers": answers, "photos": len(photos)})
    return amendment


def _pending_amendment(session: Session, inspection_id: str) -> Inspection | None:
    """The amendment of ``inspection_id`` still being filled in or reviewed, if any."""
    rows = session.exec(select(Inspection).where(Inspection.amends_id == inspection_id))
    return next((r for r in rows if Status(r.status) not in LOCKED), None)


def signers(ws: Workspace, inspection_id: str) -> list[Signature]:
    """Who signed ``inspection_id`` and when, oldest first (what a locked inspection says about itself)."""
    with ws.db.read() as session:
        query = select(Signature).where(Signature.inspection_id == inspection_id)
        return list(session.exec(query.order_by(col(Signature.signed_at), col(Signature.id))))


def _copy_attachments(ws: Workspace, session: Session, source_id: str, target_id: str) -> dict[str, str]:
    """Copy the photo records (the media files are shared by hash); returns old id → new id."""
    rows = session.exec(select(Attachment).where(Attachment.inspection_id == source_id)
                        .order_by(col(Attachment.created_at))).all()
    ids = {row.id: new_id() for row in rows}
    for row in rows:
        copy = Attachment.model_validate(row.model_dump(exclude={"id", "created_at", "updated_at", "device_id"})
                                         | {"id": ids[row.id], "inspection_id": target_id,
                                            "original_id": ids.get(row.original_id or "", row.original_id)})
        session.add(ws.stamp(copy))
    session.flush()
    return ids


def _copy_answers(ws: Workspace, session: Session, source: Inspection, target: Inspection,
                  photos: dict[str, str]) -> int:
    """Copy every answer and remark as this device's first revision; photo answers name the copied photos."""
    checklist = inspections.checklist_of(ws, session, source)
    rows = session.exec(select(Answer).where(Answer.inspection_id == source.id)).all()
    for row in rows:
        value = inspections.value_of(row)
        slot = checklist.slot(row.key)
        if slot is not None and slot.item.type is AnswerType.PHOTO and isinstance(value, list):
            value = [photos.get(i, i) for i in value]
        copy = Answer(inspection_id=target.id, key=row.key, remark=row.remark, answered_by=row.answered_by,
                      value_json=None if value is None else json.dumps(value, ensure_ascii=False),
                      clock=clock.dumps(clock.tick({}, ws.db.device_id)))
        session.add(ws.stamp(copy))
    return len(rows)
