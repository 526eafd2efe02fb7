"""Signing the quarterly COE status report (of a mission, or HQ's global one of every mission: its mission is
``ALL``), and the record of each signature, without a table of its own.

A quarterly report is signed as an inspection's report is (``crypto.pdf_sign``): the first signature certifies
it (DocMDP form filling and signing only) after creating an empty signature field for every role of the
kind (``reports.kinds.QUARTERLY_COE.fallback_roles``: the chief COE officer and the HQ reviewer); a later
signer signs the signed file in the field of their role. The document id names the rendition (mission,
quarter, content, language: ``reports.coe_status``); once a rendition is signed, its signed file is the report
(``signed_file``), co-signed, never rendered again.

**The record.** Each signature is kept as (no migration needed):

- the signed PDF, in the media folder under its SHA-256 (as every signed report);
- an audit event ``report.sign`` on entity ``quarterly_report`` whose entity id is the document id, with
  ``{"document_sha256", "signer", "role", "lang", "mission", "quarter", "certificate_sha256"}``: the audit
  log is append-only and hash-chained, so a record cannot be edited unseen.

``inspector verify`` beside the database reads the id in the signed bytes' metadata and compares their hash
with the records of that id (``records``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from inspector_app.crypto import keys, pdf_sign
from inspector_app.errors import ValidationError
from inspector_app.reports import kinds
from inspector_app.services import attachments, signature_log

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

ENTITY = "quarterly_report"
ACTION = signature_log.ACTION
_ID = re.compile(r"COE-(.+)-(\d{4}Q[1-4])-[0-9a-f]{8}-([A-Z]{2})")


Record = signature_log.Record


@dataclass(frozen=True)
class DocumentId:
    """What a quarterly report's document id names."""

    mission: str
    quarter: str
    lang: str


def parse(document_id: str) -> DocumentId | None:
    """The mission, quarter and language a quarterly report's id names; None for another id."""
    match = _ID.fullmatch(document_id)
    return DocumentId(match.group(1), match.group(2), match.group(3).lower()) if match else None


def roles() -> list[str]:
    """The roles of the quarterly report's signature fields, in order."""
    return list(kinds.QUARTERLY_COE.fallback_roles)


def records(session: Session, document_id: str) -> list[Record]:
    """The recorded signatures of the quarterly report ``document_id``, oldest first."""
    return signature_log.records(session, ENTITY, document_id)


def signed_file(ws: Workspace, document_id: str) -> bytes | None:
    """The latest signed PDF of the quarterly report ``document_id``, or None before its first signature."""
    return signature_log.signed_file(ws, ENTITY, document_id)


def check_signer(ws: Workspace, document_id: str, signer: str) -> None:
    """Refuse one who signed the quarterly report ``document_id`` already."""
    signature_log.check_signer(ws, ENTITY, document_id, signer, "quarterly report")


def sign(ws: Workspace, pdf: bytes, document_id: str, passphrase: str, role: str | None = None,
         location: str | None = None) -> tuple[bytes, Record]:
    """``pdf`` (the quarterly report ``document_id``, fresh or its signed file) signed by this installation's
    identity and recorded. ``role`` defaults to the role in the signer's certificate; a role the report has
    no field for signs the first empty field."""
    named = parse(document_id)
    if named is None:
        raise ValidationError(f"{document_id} is not the id of a quarterly COE status report")
    identity = keys.load_identity(ws.data, passphrase)
    check_signer(ws, document_id, identity.name)
    before = set(pdf_sign.signed_fields(pdf))
    signed = pdf_sign.sign_pdf(pdf, identity, reason=kinds.QUARTERLY_COE.reason, location=location,
                               role=role or identity.role or None, roles=roles())
    field = next((f for f in pdf_sign.signed_fields(signed) if f not in before), "")
    signer_role = field.removeprefix(pdf_sign.ROLE_FIELD_PREFIX) or (role or identity.role)
    media = attachments.check_media(signed, "the signed report")
    attachments.store_media(ws, media)
    with ws.db.session() as session:
        if any(r.signer == identity.name for r in records(session, document_id)):
            raise ValidationError(f"{identity.name} has already signed the quarterly report {document_id}")
        ws.audit(session, ACTION, ENTITY, document_id, new={
            "document_sha256": media.sha256, "signer": identity.name, "role": signer_role, "lang": named.lang,
            "mission": named.mission, "quarter": named.quarter, "certificate_sha256": identity.fingerprint,
        })
    with ws.db.read() as session:
        record = records(session, document_id)[-1]
    return signed, record
