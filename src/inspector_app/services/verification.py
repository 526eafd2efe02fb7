"""Verify the signatures of a PDF file against what this installation trusts (plus CAs and CRLs given)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from inspector_app.crypto import keys, pdf_sign, trust
from inspector_app.crypto.certificates import generate_key, load_certificates, load_crls
from inspector_app.crypto.pades import TimestampCheck
from inspector_app.crypto.verify import SignatureCheck, Verdict, verify_document, verify_pdf
from inspector_app.errors import InspectorError
from inspector_app.files import read_file
from inspector_app.paths import DataDir
from inspector_app.services import hq_database, signing
from inspector_app.services.installation import open_workspace
from inspector_app.storage.models import Inspection, Signature

__all__ = ["SignatureCheck", "TimestampCheck", "Verdict", "compare_with_records", "round_trip", "verify_pdf_file"]
_DOCUMENT_ID = re.compile(rb"INS-([0-9a-f]{8})-R\d+")


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
    signed bytes compared with the SHA-256 recorded when it was signed (``Signature.document_sha256``)."""
    urls: list[str | None] = [None] if data.database.exists() else []
    if data.hq_database.exists():
        urls.append(hq_database.default_url(data))
    for url in urls:
        with open_workspace(data.root, actor="verify", db_url=url) as ws, ws.db.read() as session:
            checks = [_compare(session, pdf, check) for check in checks]
    return checks


def _compare(session: Session, pdf: bytes, check: SignatureCheck) -> SignatureCheck:
    if not check.signed_sha256 or check.recorded.startswith("matches"):
        return check
    rows = session.exec(select(Signature).where(Signature.document_sha256 == check.signed_sha256)).all()
    if rows:
        return replace(check, recorded=f"matches the hash recorded when {rows[0].signer_name} signed",
                       record_ok=True)
    inspection = _inspection(session, pdf)
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


def _inspection(session: Session, pdf: bytes) -> Inspection | None:
    """The inspection a rendered report names in its document id (``INS-<8 hex>-R…``), if this database has it."""
    match = _DOCUMENT_ID.search(pdf)
    if match is None:
        return None
    prefix = match.group(1).decode()
    return next((i for i in session.exec(select(Inspection)) if i.id.replace("-", "").startswith(prefix)), None)


def round_trip(pdf: bytes) -> SignatureCheck:
    """Sign ``pdf`` with a throw-away identity and verify it, trusting that identity (the self-test's check)."""
    key = generate_key("ec")
    signer = keys.Identity(key, keys.self_signed_certificate(key, "Self Test", "inspector"))
    signed = pdf_sign.sign_pdf(pdf, signer, reason="self-test")
    [result] = verify_pdf(signed, trust.TrustStore(roots=(signer.certificate,)))
    return result
