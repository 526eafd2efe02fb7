"""Everything an inspection's report shows, read once from the workspace; and its document id and content hash.

The **content hash** is the SHA-256 of a canonical JSON text (``reports.data.content_hash``:
``json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` encoded as UTF-8) of
this payload::

    {"format": 1,
     "summary": services.summary.inspection_summary(ws, id, "en") without "status"
                (its "follow_ups" sorted by action id: their query orders by due date only),
     "inspection": {"end_date": ...},
     "unit": {"location": ..., "commander": ...}, "mou_reference": ...,
     "attachments": [{"key", "sha256", "media_type", "filename", "caption"} ...],   # oldest first
     "signatures": [{"role", "signer_name", "image_sha256", "signed_on"} ...]}      # handwritten ones

So the same content always gives the same hash, and any change to an answer, remark, finding,
action, follow-up, photo, caption or handwritten signature changes it. It does not depend on
the report's language (the English summary is hashed; the French texts come from the same
template id and version, which the summary holds), on the workflow status (signing must not
change it), on when the report is generated, nor on the PDF bytes themselves.

The **document id** names the rendition: ``INS-<first 8 hex digits of the inspection id>-R<revision>-<first
4 hex digits of the content hash>-<language>`` (e.g. ``INS-1a2b3c4d-R17-9f3e-FR``), where the revision is
the sum of the revision numbers of the inspection's answers (it grows with every answer change); the hash
digits tell apart two renderings of the same revision whose findings, photos or signatures differ. Reports
made before the language was part of it carry ``INS-…-R<n>-<4 hex>`` (``services.verification`` still
finds them). ``reports.page`` says where the id is written (footer, QR code, XMP ``dc:identifier``); a
recorded signature's id is read back from its signed file (``signed_document_id``).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from inspector_app.crypto import document_id as document_ids
from inspector_app.domain.workflow import LOCKED
from inspector_app.reports.data import AttachedFile, HandSignature, Photo, ReportData, content_hash
from inspector_app.services import attachments, inspections, units
from inspector_app.services.inspections import InspectionState
from inspector_app.services.report_photos import photo_files
from inspector_app.services.summary import inspection_summary
from inspector_app.storage.models import Attachment, Signature

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

HASH_FORMAT = 1
VOLATILE = ("status",)  # summary fields left out of the content hash
log = logging.getLogger(__name__)


def collect(ws: Workspace, ref: str, lang: str, scratch: Path, *, final: bool = False) -> ReportData:
    """Read the inspection ``ref`` and all it takes to report on it in ``lang``.

    The photos come as their print copies (``services.report_photos``: made now and kept when missing, in
    ``scratch`` when they cannot be kept), so ``scratch`` must last until the PDF is built.
    The report is a draft unless the inspection is signed or ``final`` (the rendering about to be signed).
    """
    state = inspections.load(ws, ref)
    inspection = state.inspection
    english = inspection_summary(ws, inspection.id, "en")
    summary = english if lang == "en" else inspection_summary(ws, inspection.id, lang)
    with ws.db.read() as session:
        frozen = state.checklist.scope.mou_version  # the version in force on the inspection's date
        mou = None if frozen else units.mou_on(session, state.unit)  # old scopes: the unit's MOU now
        signatures = list(session.exec(
            select(Signature).where(Signature.inspection_id == inspection.id)
            .order_by(col(Signature.signed_at), col(Signature.id))
        ))
    files = attachments.list_for(ws, inspection.id, None)
    images = [a for a in files if a.media_type.startswith("image/")]
    # a digital signature's image is drawn in its signature field, not in the blocks
    handwritten = [s for s in signatures if s.image_sha256 and s.kind != "digital"]
    mou_reference = frozen.reference if frozen else mou.reference if mou else ""
    content = content_hash(hash_payload(english, state, mou_reference, files, handwritten))
    revision = sum(a.revision for a in state.answers.values())
    return ReportData(
        lang=lang,
        checklist=state.checklist,
        summary=summary,
        end_date=inspection.end_date,
        location=state.unit.location,
        commander=state.unit.commander,
        mou_reference=mou_reference,
        mou_version=frozen,
        photos=tuple(Photo(file, a.filename, a.caption, a.key)
                     for a, file in zip(images, photo_files(ws, images, scratch), strict=True)),
        documents=tuple(AttachedFile(a.filename, a.caption) for a in files if not a.media_type.startswith("image/")),
        signatures=tuple(HandSignature(s.role, s.signer_name, s.signed_at.date(), _image(ws, s)) for s in handwritten),
        document_id=document_id(inspection.id, revision, content, lang),
        content_sha256=content,
        author=ws.actor,
        draft=not final and state.status not in LOCKED,
    )


def document_id(inspection_id: str, revision: int, content_sha256: str, lang: str) -> str:
    """The document id of an inspection's report (see the module's docstring)."""
    return f"INS-{inspection_id.replace('-', '')[:8]}-R{revision}-{content_sha256[:4]}-{lang.upper()}"


def signed_document_id(ws: Workspace, row: Signature) -> str | None:
    """The document id a recorded digital signature signed: the id in the metadata of the signed file the media
    folder keeps under ``row.document_sha256`` (no column needed); None when that file is not here."""
    if not row.document_sha256:
        return None
    try:
        pdf = ws.data.media_path(row.document_sha256).read_bytes()
    except (OSError, ValueError):
        return None
    return document_ids.read(pdf).id


def hash_payload(
    summary: dict[str, Any],
    state: InspectionState,
    mou_reference: str,
    files: list[Attachment],
    signatures: list[Signature],
) -> dict[str, Any]:
    """The data the content hash covers (see the module's docstring)."""
    return {
        "format": HASH_FORMAT,
        "summary": {k: v for k, v in summary.items() if k not in VOLATILE}
        | {"follow_ups": sorted(summary["follow_ups"], key=lambda u: u["action_id"])},  # ties on due date
        "inspection": {"end_date": _iso(state.inspection.end_date)},
        "unit": {"location": state.unit.location, "commander": state.unit.commander},
        "mou_reference": mou_reference,
        "attachments": [
            {"key": a.key, "sha256": a.sha256, "media_type": a.media_type, "filename": a.filename,
             "caption": a.caption}
            for a in files
        ],
        "signatures": [
            {"role": s.role, "signer_name": s.signer_name, "image_sha256": s.image_sha256,
             "signed_on": _iso(s.signed_at.date())}
            for s in signatures
        ],
    }


def _image(ws: Workspace, row: Signature) -> bytes | None:
    """A handwritten signature's image, or None (the report shows a line to sign) when it cannot be read."""
    try:
        return ws.data.media_path(row.image_sha256 or "").read_bytes()
    except (OSError, ValueError) as exc:
        log.warning("handwritten signature of %s left out of the report: %s", row.signer_name, exc)
        return None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
