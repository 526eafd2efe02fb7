"""Signing inspection reports: PAdES signatures by the inspector's identity, and handwritten signature images.

The first digital signature certifies the PDF (``crypto.pdf_sign``: DocMDP form filling and signing only,
after creating an empty signature field for every role of the report's template); later signers sign the
field of their role. The first digital signature also moves the inspection from ready for review to signed
(locked) and freezes
``report_sha256``, the SHA-256 of the PDF as first signed. Each language is a rendition of its own: later
signers (team leader, …) of a rendition sign its signed file again, incrementally; the first signature in
another language signs a fresh rendering, and ``report_sha256`` stays the first rendition's. Nobody signs
one rendition twice, and every rendition of a signed inspection carries the content hash of the first
(``services.report_data``: it does not depend on the language). Every signed PDF is also kept in the media folder
under its SHA-256.

Where the rendering says where each role's block is (``boxes``), the signature fields are created over the
blocks and each digital signature shows, in its field, the signer's name, role, the date and the certificate
serial, labelled in the report's language, and optionally a handwritten signature image (checked, kept in the
media folder like handwritten signatures; its hash on the signature's row).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app import i18n
from inspector_app.crypto import keys, pdf_sign, trust
from inspector_app.crypto.appearance import Appearance
from inspector_app.crypto.certificates import Certificate, RevocationList
from inspector_app.crypto.verify import SignatureCheck, verify_pdf
from inspector_app.domain import workflow
from inspector_app.domain.workflow import Status
from inspector_app.errors import StorageError, ValidationError
from inspector_app.i18n import _
from inspector_app.locale_format import format_date
from inspector_app.reports import fonts, kinds
from inspector_app.reports.signatures import ROLE_LABELS, Boxes, role_code
from inspector_app.services import attachments, inspections, templates
from inspector_app.storage.models import Inspection, Signature, TemplateRecord

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

DIGITAL = "digital"
HANDWRITTEN = "handwritten"
SIGNABLE = frozenset({Status.READY_FOR_REVIEW, Status.SIGNED})
RENDITIONS = {"en": "English", "fr": "French"}  # the languages a report is signed in, as refusals name them
_EOF = re.compile(rb"%%EOF(\r\n|\r|\n)?")
_CONTENT = re.compile(rb"sha256:([0-9a-f]{64})")  # in a rendered report's keywords: its content hash


def sign_report(
    ws: Workspace,
    inspection_ref: str,
    pdf: bytes,
    passphrase: str,
    role: str | None = None,
    *,
    lang: str = "en",
    reason: str | None = None,
    location: str | None = None,
    boxes: Boxes | None = None,
    image: bytes | None = None,
) -> bytes:
    """``pdf`` (the inspection's report in ``lang``) signed by this installation's identity, recorded and audited.

    ``boxes`` (the rendering's ``signature_boxes``) place the signature fields over their blocks when this
    signature certifies ``pdf``; ``image``, a handwritten signature (PNG or JPEG) shown in the signature's field.

    ``role`` defaults to the role in the signer's certificate (else "team_leader"), ``reason`` to the kind
    of report (e.g. "COE verification report"). Refused unless the inspection is ready for review or
    already signed; once a rendition is signed, only its signed file (carrying the earlier signatures) may
    be signed again, and not by one who signed it already.
    """
    check_can_sign(ws, inspection_ref)
    media = check_signature_image(image) if image is not None else None
    with ws.db.session() as session:
        inspection = inspections.find(session, inspection_ref)
        _check_signable(ws, session, inspection, pdf, lang)
        template = session.get(TemplateRecord, inspection.template_pk)
        kind = kinds.KINDS.get(template.kind) if template else None
        reason = reason or (kind.reason if kind else kinds.INSPECTION_REASON)
        roles = [role_code(r) for r in kinds.signature_roles(templates.model(template))] if template else []
    identity = keys.load_identity(ws.data, passphrase)
    check_signer(ws, inspection_ref, identity.name, lang)
    signer_role = (role or identity.role).strip() or "team_leader"
    shown = appearance(identity, signer_role, lang, image)
    places = {role: pdf_sign.FieldBox(page, rect) for role, (page, rect) in (boxes or {}).items()}
    signed = pdf_sign.sign_pdf(pdf, identity, reason=reason, location=location, role=role_code(signer_role),
                               roles=roles, crls=trust.load(ws.data).crls,  # the latest CRL of the signer's CA
                               boxes=places, appearance=shown)
    digest = hashlib.sha256(signed).hexdigest()
    attachments.store_media(ws, attachments.check_media(signed, "the signed report"))
    if media is not None:
        attachments.store_media(ws, media)
    with ws.db.session() as session:  # one transaction, after the signature succeeded
        inspection = inspections.find(session, inspection_ref)
        _check_status(Status(inspection.status))
        _check_signable(ws, session, inspection, pdf, lang)
        _check_signer(session, inspection, identity.name, lang)
        first = Status(inspection.status) is Status.READY_FOR_REVIEW
        row = Signature(inspection_id=inspection.id, role=signer_role,
                        signer_name=identity.name, kind=DIGITAL, document_sha256=digest, lang=lang,
                        image_sha256=media.sha256 if media is not None else None)
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "signature.add", "signature", row.id, new={
            "kind": DIGITAL, "role": row.role, "signer": row.signer_name, "document_sha256": digest,
            "certificate_sha256": identity.fingerprint, "lang": lang,
            **({"image_sha256": media.sha256} if media is not None else {}),
        })
        if first:
            inspections.check_follow_ups(ws, session, inspection)
            current = Status(inspection.status)
            workflow.check_transition(current, Status.SIGNED)
            inspection.status = Status.SIGNED.value
            inspection.report_sha256 = digest
            session.add(ws.stamp(inspection))
            ws.audit(session, "inspection.status", "inspection", inspection.id, old=current.value,
                     new=Status.SIGNED.value)
    return signed


def appearance(identity: keys.Identity, role: str, lang: str, image: bytes | None = None,
               today: date | None = None) -> Appearance:
    """What the signature of ``identity`` as ``role`` shows in its field, labelled in ``lang``."""
    code = role_code(role)
    with i18n.language(lang):
        label = _(ROLE_LABELS[code]) if code in ROLE_LABELS else role
        lines = (
            _("Signed digitally by {name}").format(name=identity.name),
            _("Role: {role}").format(role=label),
            _("Date: {date}").format(date=format_date(today or date.today())),
            _("Certificate serial:"),
            *_halves(f"{identity.certificate.serial_number:x}"),  # two lines: 40 digits would shrink the text
        )
    return Appearance(lines, fonts.font_file(fonts.REGULAR), image)


def _halves(serial: str) -> tuple[str, str]:
    middle = (len(serial) + 1) // 2
    return serial[:middle], serial[middle:]


def check_signature_image(image: bytes) -> attachments.Media:
    """A handwritten signature image, checked: a PNG or JPEG picture, else a ValidationError saying why."""
    if not image.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise ValidationError("the signature image is not a PNG or JPEG picture")
    media = attachments.check_media(image, "the signature image")  # a damaged one is refused here
    if not media.media_type.startswith("image/"):  # pragma: no cover  (the magic bytes above say it is one)
        raise ValidationError("the signature image is not a PNG or JPEG picture")
    return media


def check_can_sign(ws: Workspace, inspection_ref: str) -> None:
    """Refuse at once (before rendering, before asking for a passphrase) an inspection that cannot be signed.

    The refusal of an inspection not yet ready for review names what is missing: the unanswered required
    items, else the submission for review.
    """
    state = inspections.load(ws, inspection_ref)
    status = Status(state.inspection.status)
    if status in workflow.EDITABLE:
        missing = state.results().missing
        todo = inspections.unanswered(missing) + "; answer them, then submit it for review" if missing \
            else "submit it for review first"
        raise ValidationError(f"the inspection is {status.label} and cannot be signed: {todo}")
    _check_status(status)


def check_signer(ws: Workspace, inspection_ref: str, signer: str, lang: str) -> None:
    """Refuse one who has signed the rendition in ``lang`` already (before rendering it, for the CLI)."""
    with ws.db.read() as session:
        _check_signer(session, inspections.find(session, inspection_ref), signer, lang)


def sign_handwritten(ws: Workspace, inspection_ref: str, role: str, signer_name: str, png_bytes: bytes) -> Signature:
    """Record a handwritten signature image (from the signature pad) for the report's signature blocks.

    Accepted until the inspection is signed: the signed report carries the images as they were then.
    """
    role, signer_name = role.strip(), signer_name.strip()
    if not role or not signer_name:
        raise ValidationError("a handwritten signature needs the signer's name and role")
    media = attachments.check_media(png_bytes, f"the signature of {signer_name}")
    if not media.media_type.startswith("image/"):
        raise ValidationError("a handwritten signature must be a PNG or JPEG image")
    with ws.db.session() as session:
        inspection = inspections.find(session, inspection_ref)
        workflow.check_unlocked(Status(inspection.status))
        attachments.store_media(ws, media)
        row = Signature(inspection_id=inspection.id, role=role, signer_name=signer_name, kind=HANDWRITTEN,
                        image_sha256=media.sha256)
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "signature.add", "signature", row.id,
                 new={"kind": HANDWRITTEN, "role": role, "signer": signer_name, "image_sha256": media.sha256})
    return row


def signatures(ws: Workspace, inspection_ref: str, kind: str | None = None) -> list[Signature]:
    """The signatures of an inspection, oldest first; only ``kind`` ("digital"/"handwritten") if given."""
    with ws.db.read() as session:
        inspection = inspections.find(session, inspection_ref)
        query = select(Signature).where(Signature.inspection_id == inspection.id)
        if kind is not None:
            query = query.where(Signature.kind == kind)
        return list(session.exec(query.order_by(col(Signature.signed_at), col(Signature.id))))


def signed_report(ws: Workspace, inspection_ref: str, lang: str = "en") -> bytes | None:
    """The latest signed PDF of the inspection's rendition in ``lang`` (from the media folder), or None
    before that rendition's first signature."""
    rows = [s for s in signatures(ws, inspection_ref, DIGITAL) if s.document_sha256 and language(s) == lang]
    if not rows:
        return None
    return _media(ws, rows[-1].document_sha256 or "")


def _media(ws: Workspace, digest: str) -> bytes:
    """A signed report from the media folder."""
    try:
        return ws.data.media_path(digest).read_bytes()
    except OSError as exc:
        raise StorageError(f"the signed report {digest[:12]}… is missing from {ws.data.media}") from exc


def _content_hash(pdf: bytes) -> bytes | None:
    """The content hash a rendered report names in its keywords (None for any other PDF)."""
    match = _CONTENT.search(pdf)
    return match.group(1) if match else None


def signature_image(ws: Workspace, row: Signature) -> bytes:
    """The image bytes of a handwritten signature."""
    if not row.image_sha256:
        raise ValidationError(f"the signature of {row.signer_name} has no image")
    try:
        return ws.data.media_path(row.image_sha256).read_bytes()
    except OSError as exc:
        raise StorageError(f"the signature image of {row.signer_name} is missing from {ws.data.media}") from exc


def verify_report(
    ws: Workspace,
    pdf: bytes,
    extra_roots: Sequence[Certificate] = (),
    extra_crls: Sequence[RevocationList] = (),
) -> list[SignatureCheck]:
    """Every signature of ``pdf``, checked against this installation's trusted CAs and CRLs (plus extras)."""
    store = trust.load(ws.data).plus(list(extra_roots), list(extra_crls))
    return verify_pdf(pdf, store)


def digital(session: Session, inspection_id: str, lang: str | None = None) -> list[Signature]:
    """The digital signatures of an inspection, as recorded; only those of the rendition in ``lang`` if given."""
    query = select(Signature).where(Signature.inspection_id == inspection_id, Signature.kind == DIGITAL)
    return [s for s in session.exec(query) if lang is None or language(s) == lang]


def language(row: Signature) -> str:
    """The language of the rendition a digital signature signed (English for those recorded before 0004)."""
    return row.lang or "en"


def _check_status(status: Status) -> None:
    if status not in SIGNABLE:
        hint = "submit it for review first" if status in workflow.EDITABLE else "correct it with an amendment"
        raise ValidationError(f"the inspection is {status.label} and cannot be signed; {hint}")


def _check_signable(ws: Workspace, session: Session, inspection: Inspection, pdf: bytes, lang: str) -> None:
    known = {s.document_sha256 for s in digital(session, inspection.id, lang) if s.document_sha256}
    if known and not extends(pdf, known):
        raise ValidationError(f"this PDF is not the signed {RENDITIONS[lang]} report of the inspection; sign "
                              f"the file that carries its first signature (inspector report ID --lang {lang} -o FILE "
                              "--sign)")
    if not known and inspection.report_sha256:  # a new rendition of signed work: the same content, in lang
        content = _content_hash(pdf)
        if content is None or content != _content_hash(_media(ws, inspection.report_sha256)):
            raise ValidationError(f"this PDF is not a report of the inspection as it was signed; render the "
                                  f"{RENDITIONS[lang]} one with inspector report ID --lang {lang} -o FILE --sign")


def _check_signer(session: Session, inspection: Inspection, signer: str, lang: str) -> None:
    if any(s.signer_name == signer for s in digital(session, inspection.id, lang)):
        raise ValidationError(f"{signer} has already signed the {RENDITIONS[lang]} report of this inspection")


def extends(pdf: bytes, hashes: set[str]) -> bool:
    """True when ``pdf`` is one of ``hashes`` or such a file with incremental updates appended."""
    for match in _EOF.finditer(pdf):
        for end in {match.start() + 5, match.end()}:
            if hashlib.sha256(pdf[:end]).hexdigest() in hashes:
                return True
    return False
