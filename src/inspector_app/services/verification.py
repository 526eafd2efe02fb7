"""Verify the signatures of a PDF file against what this installation trusts (plus CAs and CRLs given)."""

from __future__ import annotations

from pathlib import Path

from inspector_app.crypto import keys, pdf_sign, trust
from inspector_app.crypto.certificates import generate_key, load_certificates, load_crls
from inspector_app.crypto.verify import SignatureCheck, verify_pdf
from inspector_app.errors import InspectorError
from inspector_app.files import read_file
from inspector_app.paths import DataDir

__all__ = ["SignatureCheck", "round_trip", "verify_pdf_file"]


def verify_pdf_file(path: Path, extra_ca: list[Path], extra_crl: list[Path], data: DataDir) -> list[SignatureCheck]:
    """Every signature of the PDF in ``path``, in file order; refused when it carries none."""
    roots = [c for ca in extra_ca for c in load_certificates(read_file(ca, "the CA file"), str(ca))]
    crls = [c for crl in extra_crl for c in load_crls(read_file(crl, "the CRL file"), str(crl))]
    checks = verify_pdf(read_file(path, "the PDF"), trust.load(data).plus(roots, crls))
    if not checks:
        raise InspectorError(f"{path} carries no signature")
    return checks


def round_trip(pdf: bytes) -> SignatureCheck:
    """Sign ``pdf`` with a throw-away identity and verify it, trusting that identity (the self-test's check)."""
    key = generate_key("ec")
    signer = keys.Identity(key, keys.self_signed_certificate(key, "Self Test", "inspector"))
    signed = pdf_sign.sign_pdf(pdf, signer, reason="self-test")
    [result] = verify_pdf(signed, trust.TrustStore(roots=(signer.certificate,)))
    return result
