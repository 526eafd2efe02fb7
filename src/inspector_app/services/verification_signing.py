"""Signing the verification report of a unit and period, and the record of each signature, without a table.

As the quarterly COE status report (``services.quarterly_signing``): the first signature certifies the PDF
(DocMDP form filling and signing only) after creating an empty signature field over the block of every role
the report names (template data, ``domain.verification.roles``); a later signer signs the signed file in the
field of their role. Once a rendition (its document id: ``reports.verification_data``) is signed, its signed
file is the report, co-signed, never rendered again.

**The record**: the signed PDF in the media folder under its SHA-256, and an audit event ``report.sign`` on
entity ``verification_report`` whose entity id is the document id, with ``{"document_sha256", "signer",
"role", "lang", "unit_id", "period", "certificate_sha256"}`` (append-only, hash-chained). The report stays
provisional until the countersigning role (the last) has a record.

**Provisional until countersigned**: a signed PDF never changes, so the rendition is drawn without its state and
carries it as marks (``crypto.provisional``, added by ``with_marks``): "PROVISIONAL" across each page and a status
line under the header table, which the countersignature's own update rewords ("Countersigned by …") and clears.

**The role** a signer signs as: ``role`` if given (one of the report's roles), else the role in the signer's
certificate when the report names it (a certificate's "inspector" signs as "coe_inspector"), else the report's
first role not signed yet.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session

from inspector_app import i18n
from inspector_app.crypto import keys, pdf_sign, provisional, trust
from inspector_app.errors import ValidationError
from inspector_app.i18n import _
from inspector_app.locale_format import format_date
from inspector_app.reports import fonts, verification_data
from inspector_app.reports.page import WATERMARK_LENGTH
from inspector_app.reports.signatures import ROLE_LABELS, Boxes, role_code
from inspector_app.reports.styles import PAGE_SIZE
from inspector_app.services import attachments, signature_log, signing

if TYPE_CHECKING:
    from inspector_app.reports.verification import RenderedVerification
    from inspector_app.reports.verification_data import VerificationData
    from inspector_app.services.workspace import Workspace

ENTITY = "verification_report"
ACTION = signature_log.ACTION
REASON = "COE verification report"


Record = signature_log.Record


def records(session: Session, document_id: str) -> list[Record]:
    """The recorded signatures of the verification report ``document_id``, oldest first."""
    return signature_log.records(session, ENTITY, document_id)


def signed_file(ws: Workspace, document_id: str) -> bytes | None:
    """The latest signed PDF of the verification report ``document_id``, or None before its first signature."""
    return signature_log.signed_file(ws, ENTITY, document_id)


def check_signer(ws: Workspace, document_id: str, signer: str) -> None:
    """Refuse one who signed the verification report ``document_id`` already."""
    signature_log.check_signer(ws, ENTITY, document_id, signer, "verification report")


def signer_role(roles: tuple[str, ...], signed: list[str], wanted: str | None, certificate_role: str) -> str:
    """The role a signature takes (see the module's docstring)."""
    if wanted:
        code = role_code(wanted)
        if code not in roles:
            raise ValidationError(f"the verification report has no {wanted!r} signature; its roles: "
                                  f"{', '.join(roles)}")
        return code
    for code in (role_code(certificate_role), f"coe_{role_code(certificate_role)}"):  # inspector: coe_inspector
        if code in roles:
            return code
    return next((r for r in roles if r not in signed), roles[0])


def with_marks(rendered: RenderedVerification, data: VerificationData) -> bytes:
    """The rendition of ``data`` with its provisional marks, waiting for the countersigning role's signature."""
    if rendered.status_box is None:
        return rendered.pdf
    width, height = PAGE_SIZE
    across = provisional.watermark_rect(width, height, WATERMARK_LENGTH)
    marks = [provisional.Mark(provisional.WATERMARK, n, across) for n in range(rendered.pages)]
    marks.append(provisional.Mark(provisional.STATUS, *rendered.status_box))
    with i18n.language(data.lang):
        words = provisional.Words(_("PROVISIONAL"), _("Provisional until countersigned: {role}.").format(
            role=_role_label(data.countersigning_role)), fonts.font_file(fonts.BOLD))
    return provisional.add(rendered.pdf, marks, pdf_sign.role_field(data.countersigning_role), words)


def _countersigned(data: VerificationData, signer: str, today: date) -> provisional.Words:
    """What the marks say once ``signer`` countersigned: no watermark, and who countersigned when."""
    with i18n.language(data.lang):
        status = _("Countersigned by {name} ({role}) on {date}.").format(
            name=signer, role=_role_label(data.countersigning_role), date=format_date(today))
    return provisional.Words("", status, fonts.font_file(fonts.BOLD))


def _role_label(role: str) -> str:
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def sign(ws: Workspace, pdf: bytes, data: VerificationData, passphrase: str, role: str | None = None,
         location: str | None = None, boxes: Boxes | None = None) -> tuple[bytes, Record]:
    """``pdf`` (the rendition of ``data``, fresh or its signed file) signed by this installation's identity and
    recorded; ``boxes`` (the rendering's) place the fields over their blocks when it is the first signature."""
    document_id = data.document_id()
    named = verification_data.parse(document_id)
    assert named is not None  # built by verification_data.document_id
    identity = keys.load_identity(ws.data, passphrase)
    check_signer(ws, document_id, identity.name)
    with ws.db.read() as session:
        done = [r.role for r in records(session, document_id)]
    code = signer_role(data.roles, done, role, identity.role)
    shown = signing.appearance(identity, code, data.lang)
    places = {r: pdf_sign.FieldBox(page, rect) for r, (page, rect) in (boxes or {}).items()}
    settle = _countersigned(data, identity.name, date.today()) if code == data.countersigning_role else None
    signed = pdf_sign.sign_pdf(pdf, identity, reason=REASON, location=location, role=code, roles=list(data.roles),
                               crls=trust.load(ws.data).crls, boxes=places, appearance=shown, settle=settle)
    media = attachments.check_media(signed, "the signed report")
    attachments.store_media(ws, media)
    with ws.db.session() as session:
        if any(r.signer == identity.name for r in records(session, document_id)):
            raise ValidationError(f"{identity.name} has already signed the verification report {document_id}")
        ws.audit(session, ACTION, ENTITY, document_id, new={
            "document_sha256": media.sha256, "signer": identity.name, "role": code, "lang": data.lang,
            "unit_id": data.unit_id, "period": data.period.code, "certificate_sha256": identity.fingerprint,
        })
    with ws.db.read() as session:
        record = records(session, document_id)[-1]
    return signed, record
