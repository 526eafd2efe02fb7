"""The record of a report signed outside an inspection (the quarterly COE status report, a unit's verification
report): an audit event ``report.sign`` on the report's entity, whose id is the document id, with
``{"document_sha256", "signer", "role", "lang", ...}``; the signed PDFs sit in the media folder under their SHA-256.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app.errors import StorageError, ValidationError
from inspector_app.storage.models import AuditEvent

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

ACTION = "report.sign"
_SHA256 = re.compile(r"[0-9a-f]{64}")


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
    return [record_of(e) for e in events(session, entity, document_id)]


def events(session: Session, entity: str, document_id: str | None = None) -> list[AuditEvent]:
    """The ``report.sign`` events of the report ``document_id`` (of every report of kind ``entity`` when None),
    oldest first."""
    query = select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.action == ACTION)
    if document_id is not None:
        query = query.where(AuditEvent.entity_id == document_id)
    return list(session.exec(query.order_by(col(AuditEvent.at), col(AuditEvent.seq))))


def record_of(event: AuditEvent) -> Record:
    """The signature a ``report.sign`` event records."""
    new = details(event.new_json)
    return Record(event.entity_id, str(new.get("document_sha256", "")), str(new.get("signer", "")),
                  str(new.get("role", "")), str(new.get("lang", "")), event.at)


def details(new_json: str | None) -> dict[str, object]:
    """What a ``report.sign`` event says (its ``new_json``), as a dict (empty when it holds no JSON object)."""
    try:
        new = json.loads(new_json or "{}")
    except ValueError:
        return {}
    return new if isinstance(new, dict) else {}


def document_sha256(new_json: str | None) -> str | None:
    """The signed file a ``report.sign`` event (its ``new_json``) names: 64 lower-case hex digits, else None."""
    digest = details(new_json).get("document_sha256")
    return digest if isinstance(digest, str) and _SHA256.fullmatch(digest) else None


def what(entity: str) -> str:
    """The report's kind, in words: "verification report" for ``verification_report``."""
    return entity.replace("_", " ")


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
