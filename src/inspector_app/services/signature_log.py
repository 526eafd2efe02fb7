"""The record of a report signed outside an inspection (the quarterly COE status report, a unit's verification
report): an audit event ``report.sign`` on the report's entity, whose id is the document id, with
``{"document_sha256", "signer", "role", "lang", ...}``; the signed PDFs sit in the media folder under their SHA-256.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app.errors import StorageError, ValidationError
from inspector_app.storage.models import AuditEvent

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

ACTION = "report.sign"


@dataclass(frozen=True)
class Record:
    """One recorded signature of a report."""

    document_id: str
    document_sha256: str
    signer: str
    role: str
    lang: str
    at: datetime


def records(session: Session, entity: str, document_id: str) -> list[Record]:
    """The recorded signatures of the report ``document_id`` (of kind ``entity``), oldest first."""
    events = session.exec(select(AuditEvent).where(
        AuditEvent.entity == entity, AuditEvent.entity_id == document_id, AuditEvent.action == ACTION,
    ).order_by(col(AuditEvent.at), col(AuditEvent.seq)))
    out = []
    for event in events:
        new = json.loads(event.new_json or "{}")
        out.append(Record(document_id, str(new.get("document_sha256", "")), str(new.get("signer", "")),
                          str(new.get("role", "")), str(new.get("lang", "")), event.at))
    return out


def signed_file(ws: Workspace, entity: str, document_id: str) -> bytes | None:
    """The latest signed PDF of the report ``document_id``, or None before its first signature."""
    with ws.db.read() as session:
        found = records(session, entity, document_id)
    if not found:
        return None
    try:
        return ws.data.media_path(found[-1].document_sha256).read_bytes()
    except (OSError, ValueError) as exc:
        raise StorageError(f"the signed report {document_id} is missing from {ws.data.media}") from exc


def check_signer(ws: Workspace, entity: str, document_id: str, signer: str, what: str) -> None:
    """Refuse one who signed the report ``document_id`` already (``what`` names the report's kind)."""
    with ws.db.read() as session:
        if any(r.signer == signer for r in records(session, entity, document_id)):
            raise ValidationError(f"{signer} has already signed the {what} {document_id}")
