"""Everything a report shows, read once from the workspace; and the report's document id and content hash.

The **content hash** is the SHA-256 of a canonical JSON text (``json.dumps(payload, sort_keys=True,
ensure_ascii=False, separators=(",", ":"))`` encoded as UTF-8) of this payload::

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

The **document id** is ``INS-<first 8 hex digits of the inspection id>-R<revision>-<first 4 hex
digits of the content hash>``, where the revision is the sum of the revision numbers of the
inspection's answers (it grows with every answer change); the hash digits tell apart two
renderings of the same revision whose findings, photos or signatures differ.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from inspector_app.domain.checklist import Slot
from inspector_app.domain.template_model import Template
from inspector_app.services import attachments, inspections
from inspector_app.services.inspections import InspectionState
from inspector_app.services.summary import inspection_summary
from inspector_app.storage.models import Attachment, Mou, Signature, Unit

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

HASH_FORMAT = 1
VOLATILE = ("status",)  # summary fields left out of the content hash


@dataclass
class ReportData:
    """A read-only snapshot of an inspection for rendering, in one language."""

    lang: str
    state: InspectionState
    summary: dict[str, Any]
    unit: Unit
    mou_reference: str
    photos: list[Attachment]
    documents: list[Attachment]
    signatures: list[Signature]
    document_id: str
    content_sha256: str
    generated_on: date = field(default_factory=date.today)

    @property
    def template(self) -> Template:
        return self.state.checklist.template

    @property
    def provisional(self) -> bool:
        """Whether required items are unanswered: a failed outcome is then provisional, not final."""
        return bool(self.summary["missing"])

    @property
    def incomplete_sections(self) -> set[str]:
        """The codes of the sections with unanswered required items."""
        return {s["code"] for s in self.summary["sections"] if s["answered"] < s["required"]}

    @property
    def pending_persons(self) -> set[str]:
        """The id numbers of the persons with unanswered required items."""
        slots = (self.slot(key) for key in self.summary["missing"])
        return {slot.person.id_number for slot in slots if slot is not None and slot.person is not None}

    @property
    def values(self) -> dict[str, Any]:
        return {key: a["value"] for key, a in self.summary["answers"].items() if a["value"] is not None}

    def remark(self, key: str) -> str:
        answer = self.summary["answers"].get(key)
        return answer["remark"] if answer else ""

    def slot(self, key: str) -> Slot | None:
        return self.state.checklist.slot(key)


def collect(ws: Workspace, ref: str, lang: str) -> ReportData:
    """Read the inspection ``ref`` and all it takes to report on it."""
    state = inspections.load(ws, ref)
    inspection = state.inspection
    english = inspection_summary(ws, inspection.id, "en")
    summary = english if lang == "en" else inspection_summary(ws, inspection.id, lang)
    with ws.db.read() as session:
        mou = session.exec(select(Mou).where(Mou.unit_id == state.unit.id)).first()
        signatures = list(session.exec(
            select(Signature).where(Signature.inspection_id == inspection.id)
            .order_by(col(Signature.signed_at), col(Signature.id))
        ))
    files = attachments.list_for(ws, inspection.id, None)
    handwritten = [s for s in signatures if s.image_sha256]
    payload = hash_payload(english, state, mou.reference if mou else "", files, handwritten)
    content = content_hash(payload)
    revision = sum(a.revision for a in state.answers.values())
    return ReportData(
        lang=lang,
        state=state,
        summary=summary,
        unit=state.unit,
        mou_reference=mou.reference if mou else "",
        photos=[a for a in files if a.media_type.startswith("image/")],
        documents=[a for a in files if not a.media_type.startswith("image/")],
        signatures=handwritten,
        document_id=f"INS-{inspection.id.replace('-', '')[:8]}-R{revision}-{content[:4]}",
        content_sha256=content,
    )


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


def content_hash(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
