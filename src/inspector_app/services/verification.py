"""Verify the signatures of a PDF file against what this installation trusts (plus CAs and CRLs given)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from inspector_app.crypto import document_id as document_ids
from inspector_app.crypto import keys, pdf_sign, trust
from inspector_app.crypto.certificates import generate_key, load_certificates, load_crls
from inspector_app.crypto.pades import TimestampCheck
from inspector_app.crypto.provisional import MarkCheck
from inspector_app.crypto.verify import SignatureCheck, Verdict, verify_document, verify_pdf
from inspector_app.errors import InspectorError
from inspector_app.files import read_file
from inspector_app.paths import DataDir
from inspector_app.reports import verification_data
from inspector_app.services import hq_database, quarterly_signing, signing, verification_signing
from inspector_app.services.installation import open_workspace
from inspector_app.storage.models import Inspection, Signature

__all__ = ["MarkCheck", "SignatureCheck", "TimestampCheck", "Verdict", "compare_with_records", "document_id",
           "round_trip", "verify_pdf_file"]
_DOCUMENT_ID = re.compile(rb"INS-([0-9a-f]{8})-R\d+")  # the old form, grepped (its reports name no language)
_RENDITION = re.compile(r"INS-([0-9a-f]{8})-R\d+-[0-9a-f]{4}-([A-Z]{2})")  # an inspection's rendition
_EOF = re.compile(rb"%%EOF(\r\n|\r|\n)?")
_MATCHES = "matches the record"
_ID_CHANGED = "the document id was changed after signing"


def verify_pdf_file(path: Path, extra_ca: list[Path], extra_crl: list[Path], data: DataDir,
                    at: datetime | None = None) -> Verdict:
    """Every signature and document timestamp of the PDF in ``path``, in file order; refused when it carries no
    signature. ``at``: the moment a signature without a trusted timestamp is judged at (default now)."""
    roots = [c for ca in extra_ca for c in load_certificates(read_file(ca, "the CA file"), str(ca))]
    crls = [c for crl in extra_crl for c in load_crls(read_file(crl, "the CRL file"), str(crl))]
    pdf = read_file(path, "the PDF")
    verdict = verify_document(pdf, trust.load(data).plus(roots, crls), at)
    if not verdict.signatures:
        raise InspectorError(f"{path} carries no signature")
    return replace(verdict, signatures=compare_with_records(data, pdf, verdict.signatures))


def compare_with_records(data: DataDir, pdf: bytes, checks: list[SignatureCheck]) -> list[SignatureCheck]:
    """Beside a database (the laptop's, or HQ's consolidation file in the same data folder), each signature's
    signed bytes compared with the SHA-256 recorded when it was signed.

    The document is the one whose id the signed bytes name in their metadata (``crypto.document_id``): an
    inspection's rendition (``Signature`` rows of the inspection in the id's language) or a quarterly report
    (``services.quarterly_signing``). A report made before ids named their language is found as before, by
    the inspection its bytes name. First, whatever the database: a signature after which the document id in
    the metadata was changed is refused (``record_ok`` False).
    """
    checks = [_id_kept(pdf, check) for check in checks]
    urls: list[str | None] = [None] if data.database.exists() else []
    if data.hq_database.exists():
        urls.append(hq_database.default_url(data))
    for url in urls:
        with open_workspace(data.root, actor="verify", db_url=url) as ws, ws.db.read() as session:
            checks = [check if _settled(check) else _compare(session, pdf, check) for check in checks]
    return checks


def document_id(pdf: bytes) -> str | None:
    """The document id the PDF's metadata names (its latest revision), or None."""
    return document_ids.read(pdf).id


def signed_bytes(pdf: bytes, check: SignatureCheck) -> bytes | None:
    """The bytes of ``pdf`` up to the end of the revision ``check``'s signature made, or None if not found."""
    if not check.signed_sha256:
        return None
    for match in _EOF.finditer(pdf):
        for end in (match.end(), match.start() + 5):
            if hashlib.sha256(pdf[:end]).hexdigest() == check.signed_sha256:
                return pdf[:end]
    return None


def _settled(check: SignatureCheck) -> bool:
    """Found in a database already, or refused whatever a database says."""
    return "matches" in check.recorded or check.recorded.startswith(_ID_CHANGED)


def _id_kept(pdf: bytes, check: SignatureCheck) -> SignatureCheck:
    """``check`` refused when the document id in the metadata changed after its signature."""
    signed = signed_bytes(pdf, check)
    if signed is None or signed == pdf:
        return check
    before, after = document_ids.read(signed), document_ids.read(pdf)
    for old, new in ((before.xmp, after.xmp), (before.info, after.info)):
        if old and old != new:
            return replace(check, record_ok=False,
                           recorded=f"{_ID_CHANGED} (from {old} to {new or 'none'})")
    return check


def _compare(session: Session, pdf: bytes, check: SignatureCheck) -> SignatureCheck:
    if not check.signed_sha256:
        return check
    signed = signed_bytes(pdf, check) or pdf
    doc = document_ids.read(signed).id
    if doc is not None and (found := _by_document_id(session, doc, check)) is not None:
        return found
    rows = session.exec(select(Signature).where(Signature.document_sha256 == check.signed_sha256)).all()
    if rows:
        return replace(check, recorded=f"matches the hash recorded when {rows[0].signer_name} signed", record_ok=True)
    inspection = _inspection(session, signed)
    if inspection is None:
        return check
    recorded = [s for s in session.exec(select(Signature).where(Signature.inspection_id == inspection.id,
                                                                Signature.kind == signing.DIGITAL))]
    mine = [s for s in recorded if s.signer_name == check.signer]
    if mine and all(s.document_sha256 is None for s in mine):
        return replace(check, recorded="not recorded (signed before hashes were kept)")
    if not recorded:
        return replace(check, recorded="not recorded: this database holds no signature of the inspection")
    return replace(check, record_ok=False,
                   recorded="DIFFERS from every hash recorded when the inspection was signed")


def _by_document_id(session: Session, doc: str, check: SignatureCheck) -> SignatureCheck | None:
    """The verdict on ``check`` from the record of document ``doc``; None for an id of the old form (no
    language), left to the lookup by inspection."""
    quarterly = quarterly_signing.parse(doc)
    if quarterly is not None:
        hashes = {r.document_sha256: r.signer for r in quarterly_signing.records(session, doc)}
    elif verification_data.parse(doc) is not None:  # a unit's verification report for a period
        hashes = {r.document_sha256: r.signer for r in verification_signing.records(session, doc)}
    else:
        match = _RENDITION.fullmatch(doc)
        if match is None:
            return None
        inspection = _find_inspection(session, match.group(1))
        rows = signing.digital(session, inspection.id, match.group(2).lower()) if inspection else []
        hashes = {r.document_sha256: r.signer_name for r in rows if r.document_sha256}
        if inspection is not None and rows and not hashes:
            return replace(check, recorded=f"document {doc}: not recorded (signed before hashes were kept)")
    if check.signed_sha256 in hashes:
        return replace(check, record_ok=True,
                       recorded=f"document {doc}: {_MATCHES} (recorded when {hashes[check.signed_sha256]} signed)")
    if not hashes:
        return replace(check, recorded=f"document {doc}: not in this database")
    return replace(check, record_ok=False,
                   recorded=f"document {doc}: DIFFERS from every hash recorded when it was signed")


def _inspection(session: Session, pdf: bytes) -> Inspection | None:
    """The inspection a rendered report of the old form names in its document id (``INS-<8 hex>-R…``), if this
    database has it."""
    match = _DOCUMENT_ID.search(pdf)
    if match is None:
        return None
    return _find_inspection(session, match.group(1).decode())


def _find_inspection(session: Session, prefix: str) -> Inspection | None:
    """The inspection whose id starts with ``prefix`` (hex digits, dashes left out), if this database has it."""
    return next((i for i in session.exec(select(Inspection)) if i.id.replace("-", "").startswith(prefix)), None)


def round_trip(pdf: bytes) -> SignatureCheck:
    """Sign ``pdf`` with a throw-away identity and verify it, trusting that identity (the self-test's check)."""
    key = generate_key("ec")
    signer = keys.Identity(key, keys.self_signed_certificate(key, "Self Test", "inspector"))
    signed = pdf_sign.sign_pdf(pdf, signer, reason="self-test")
    [result] = verify_pdf(signed, trust.TrustStore(roots=(signer.certificate,)))
    return result
