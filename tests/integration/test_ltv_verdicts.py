"""Long-term validity: each signature is judged at the time proven by the earliest trusted timestamp over it, with
the verdicts of ``inspector verify``, of pyHanko's validator and of poppler's ``pdfsig``.

- A signer revoked **after** the proven time: the archived report stays valid (with a warning).
- A signer revoked **before** the proven time: invalid, even though the archived file carries an older CRL that
  does not list the revocation (a CRL in the file can add revocations, never take one away).
- An expired signer **without** a timestamp: invalid, judged now.
- An expired signer **with** an HQ document timestamp made before expiry: valid.

pyHanko agrees when used as a point-in-time validator: ``validate_pdf_timestamp`` gives the time a document
timestamp proves, and ``validate_pdf_signature`` with ``ValidationContext(moment=that time)`` gives the verdict at
it (told to require the CA's CRL, since HQ's certificates name no CRL distribution point, and to count a CRL issued
after that time: ``retroactive_revinfo``); judged now, it fails every expired or revoked signer.
pyHanko's AdES long-term validation (``ades_lta_validation``, an API it calls incubating) cannot judge a report
whose time is proven by HQ's document timestamp alone: it requires a signature timestamp token and answers
INDETERMINATE, "No signature timestamp present" (a test keeps this fact, so that a pyHanko that lifts it is noticed).
pdfsig (poppler 22.12) cannot judge any of these: it checks the signer's certificate now, without the CRL, and
does not verify document timestamps ("Signature Type: unknown", "Signature has not yet been verified.").
"""

from __future__ import annotations

import asyncio
import io
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule

from inspector_app.crypto import archive, pdf_sign, trust
from inspector_app.crypto.certificates import to_asn1
from tests.integration import timeline
from tests.integration.field import pdf
from tests.integration.test_verify_cli import pdfsig, run
from tests.integration.timeline import days

ROLES = ["inspector", "team_leader"]
REQUIRE_CRL = CertRevTrustPolicy(  # HQ's certificates name no CRL distribution point: ask for the CA's CRL
    RevocationCheckingPolicy(RevocationCheckingRule.CRL_REQUIRED, RevocationCheckingRule.NO_CHECK),
    retroactive_revinfo=True)  # a CRL issued after the proven time counts for it


@dataclass(frozen=True)
class Case:
    hq: timeline.Hq
    archived: bytes  # signed 10 days ago by a valid signer, archived by HQ 9 days ago (B-LTA)
    signer: x509.Certificate
    expired: bytes  # signed 100 days ago by a signer whose certificate expired 30 days ago, no timestamp
    expired_timestamped: bytes  # the same with HQ's document timestamp of 99 days ago
    old_signer: x509.Certificate


@pytest.fixture(scope="module")
def case() -> Case:
    hq = timeline.hq()
    signer = hq.signer("Awa Diop", "inspector", days(-300), days(400))
    signed = timeline.sign(pdf(), signer, days(-10), role="inspector", roles=ROLES)
    at_archiving = trust.TrustStore((hq.ca,), (hq.crl(days(-9.5)),))  # HQ's CRL then: nobody revoked
    archived = archive.archive(signed, at_archiving, hq.stamper(days(-9)))
    old = hq.signer("Jean Martin", "inspector", days(-800), days(-30))
    expired = timeline.sign(pdf(), old, days(-100), role="inspector", roles=ROLES)
    stamped = timeline.document_timestamp(expired, hq.stamper(days(-99)))
    return Case(hq, archived, signer.certificate, expired, stamped, old.certificate)


def _write(tmp_path: Path, name: str, blob: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(blob)
    return path


def _crl(tmp_path: Path, case: Case, revoked: dict[x509.Certificate, datetime] | None = None) -> Path:
    """HQ's latest CRL (issued yesterday), as the installation holds it."""
    crl = case.hq.crl(days(-1), revoked)
    return _write(tmp_path, "crl.pem", crl.public_bytes(serialization.Encoding.PEM))


def _verify(capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case, path: Path,
            crl: Path) -> tuple[int, list[str], dict[str, object]]:
    args = ["verify", str(path), "--trust", str(case.hq.write_ca(tmp_path / "ca.pem")), "--crl", str(crl)]
    code, out, err = run(capsys, tmp_path / "hq", *args)
    assert "Traceback" not in err
    json_code, text, _ = run(capsys, tmp_path / "hq", *args, "--json")
    assert json_code == code
    return code, out.splitlines(), json.loads(text)


def _pyhanko(path: Path, case: Case, crl: Path) -> tuple[datetime | None, PdfSignatureStatus, PdfSignatureStatus]:
    """pyHanko's verdicts on the first signature: the time the first document timestamp proves (None without
    one), the signature judged at that time, and judged now."""
    der = x509.load_pem_x509_crl(crl.read_bytes()).public_bytes(serialization.Encoding.DER)

    def context(moment: datetime | None = None) -> ValidationContext:
        return ValidationContext(trust_roots=[to_asn1(case.hq.ca)], crls=[der], allow_fetching=False,
                                 moment=moment, revinfo_policy=REQUIRE_CRL)

    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        stamps = reader.embedded_timestamp_signatures
        proven = None
        if stamps:
            stamp = validate_pdf_timestamp(stamps[0], context())
            assert stamp.intact and stamp.valid and stamp.trusted
            proven = stamp.timestamp
        signature = reader.embedded_regular_signatures[0]
        return proven, validate_pdf_signature(signature, context(proven)), validate_pdf_signature(signature, context())


def test_a_signer_revoked_after_the_proven_time_keeps_the_archived_report_valid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case
) -> None:
    path = _write(tmp_path, "archived.pdf", case.archived)
    crl = _crl(tmp_path, case, {case.signer: days(-5)})  # revoked 5 days ago; archived 9 days ago
    code, lines, data = _verify(capsys, tmp_path, case, path, crl)
    assert code == 0, lines
    assert lines[0].startswith("Signature_inspector  Awa Diop (inspector)  ")
    assert f"  B-LTA  proven {days(-9):%Y-%m-%d %H:%M} UTC  intact  trusted  " in lines[0]
    assert lines[1] == (f"  warning: the signer's certificate was revoked on {days(-5):%Y-%m-%d}, after the proven "
                        "signing time: the signature stays valid")
    assert lines[2].startswith("document timestamp Timestamp-") and lines[2].endswith(
        f"  by UN Police Division CA Timestamp Authority  proves {days(-9):%Y-%m-%d %H:%M} UTC  intact  trusted")
    assert "validation data (DSS) added (allowed)" in "\n".join(lines[3:])
    [signature] = data["signatures"]  # type: ignore[misc]
    assert data["ok"] is True
    assert {k: signature[k] for k in ("signer", "role", "serial", "trusted", "ca", "intact", "whole_document",
                                      "level", "ok")} == {
        "signer": "Awa Diop", "role": "inspector", "serial": f"{case.signer.serial_number:x}", "trusted": True,
        "ca": "UN Police Division CA", "intact": True, "whole_document": False, "level": "B-LTA", "ok": True}
    assert signature["claimed_time"].startswith(f"{days(-10):%Y-%m-%d %H:%M}")
    assert signature["proven_time"].startswith(f"{days(-9):%Y-%m-%d %H:%M}")
    assert signature["changed_after"] is True and len(signature["warnings"]) == 1
    [stamp] = data["timestamps"]  # type: ignore[misc]
    assert stamp["kind"] == "timestamp" and stamp["trusted"] and stamp["intact"]
    proven, at_proven, now = _pyhanko(path, case, crl)
    assert proven is not None and abs((proven - days(-9)).total_seconds()) < 1
    assert at_proven.bottom_line and not at_proven.revoked
    assert now.revoked and not now.bottom_line  # judged now, as without the timestamp: revoked
    sig = pdfsig(path)  # cannot judge: no CRL, no document timestamp verification
    assert "Signature is Valid." in sig and "Signature has not yet been verified." in sig
    assert "Signature Type: unknown" in sig


def test_a_signer_revoked_before_the_proven_time_fails_whatever_crl_the_file_carries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case
) -> None:
    """HQ archived the report before it learnt of the revocation (dated earlier: a compromised key): the file's
    DSS holds the CRL of then, which does not list it; the installation's newer CRL does, and wins."""
    path = _write(tmp_path, "archived.pdf", case.archived)
    crl = _crl(tmp_path, case, {case.signer: days(-20)})
    code, lines, data = _verify(capsys, tmp_path, case, path, crl)
    assert code == 1
    assert f"  B-LTA  proven {days(-9):%Y-%m-%d %H:%M} UTC  intact  revoked on {days(-20):%Y-%m-%d}, before the " \
           "proven signing time  " in lines[0]
    assert not lines[1].startswith("  warning")
    [signature] = data["signatures"]  # type: ignore[misc]
    assert signature["revoked"] is True and signature["ok"] is False and data["ok"] is False
    _proven, at_proven, _now = _pyhanko(path, case, crl)
    assert at_proven.revoked and not at_proven.bottom_line
    sig = pdfsig(path)
    assert "Signature is Valid." in sig  # pdfsig cannot see the revocation


def test_an_expired_signer_without_a_timestamp_is_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                          case: Case) -> None:
    path = _write(tmp_path, "expired.pdf", case.expired)
    code, lines, data = _verify(capsys, tmp_path, case, path, _crl(tmp_path, case))
    assert code == 1
    assert lines[0].startswith("Signature_inspector  Jean Martin (inspector)  ")
    assert (f"  B-B  no timestamp  intact  not trusted: the certificate of Jean Martin expired on "
            f"{case.old_signer.not_valid_after_utc:%Y-%m-%d}; no timestamp proves the report was signed before  "
            "covers the whole file") in lines[0]
    [signature] = data["signatures"]  # type: ignore[misc]
    assert signature["level"] == "B-B" and signature["proven_time"] is None and not signature["ok"]
    proven, _at, now = _pyhanko(path, case, _crl(tmp_path, case))
    assert proven is None and not now.trusted and not now.bottom_line
    sig = pdfsig(path)
    assert "Signature is Valid." in sig and "Certificate has Expired" in sig  # pdfsig agrees


def test_an_expired_signer_with_a_timestamp_made_before_expiry_stays_valid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case
) -> None:
    path = _write(tmp_path, "stamped.pdf", case.expired_timestamped)
    crl = _crl(tmp_path, case)
    code, lines, data = _verify(capsys, tmp_path, case, path, crl)
    assert code == 0, lines
    assert f"  B-T  proven {days(-99):%Y-%m-%d %H:%M} UTC  intact  trusted  " in lines[0]
    assert lines[1] == (f"  warning: the signer's certificate expired on "
                        f"{case.old_signer.not_valid_after_utc:%Y-%m-%d}, after the proven signing time: the "
                        "signature stays valid")
    [signature] = data["signatures"]  # type: ignore[misc]
    assert signature["level"] == "B-T" and signature["ok"] is True
    proven, at_proven, now = _pyhanko(path, case, crl)
    assert proven is not None and at_proven.bottom_line
    assert not now.trusted  # judged now, pyHanko sees only the expired certificate
    sig = pdfsig(path)  # pdfsig judges the certificate now: it cannot use the timestamp
    assert "Signature is Valid." in sig and "Certificate has Expired" in sig
    assert "Signature has not yet been verified." in sig


def test_a_claimed_signing_time_far_from_the_proven_one_is_a_warning_not_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case
) -> None:
    """The laptop's clock said 100 days ago; HQ's timestamp proves the report 3 days later."""
    path = _write(tmp_path, "late.pdf", timeline.document_timestamp(case.expired, case.hq.stamper(days(-97))))
    code, lines, data = _verify(capsys, tmp_path, case, path, _crl(tmp_path, case))
    assert code == 0
    assert lines[1] == (f"  warning: the claimed signing time {days(-100):%Y-%m-%d %H:%M} UTC is more than 48 hours "
                        f"from the proven time {days(-97):%Y-%m-%d %H:%M} UTC (the signer's clock was wrong?)")
    assert data["ok"] is True


def test_a_signature_timestamp_of_its_own_proves_the_time_too(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                              case: Case) -> None:
    """A signature that carries its own RFC 3161 token (made by pyHanko here: laptops cannot reach a TSA) is B-T;
    its signer, expired since, still counts."""
    old = case.hq.signer("Jean Martin", "inspector", days(-800), days(-30))
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    with timeline.signing_clock(days(-100)):
        signers.PdfSigner(meta, signer=pdf_sign.signer_for(old), timestamper=case.hq.stamper(days(-100))).sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf())), output=out)
    path = _write(tmp_path, "token.pdf", out.getvalue())
    crl = _crl(tmp_path, case)
    code, lines, data = _verify(capsys, tmp_path, case, path, crl)
    assert code == 0, lines
    assert f"  B-T  proven {days(-100):%Y-%m-%d %H:%M} UTC  intact  trusted  covers the whole file" in lines[0]
    [signature] = data["signatures"]  # type: ignore[misc]
    assert signature["proven_by"] == "its signature timestamp"
    assert data["timestamps"] == []


def test_a_backdated_timestamp_from_an_untrusted_authority_proves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case
) -> None:
    """A forger holding a revoked signer's key signs, then adds a document timestamp from an authority of their
    own dated before the revocation: the timestamp is not trusted, so the signature is judged now, revoked."""
    stolen = case.hq.signer("Awa Diop", "inspector", days(-300), days(400))
    signed = timeline.sign(pdf(), stolen, days(-1), role="inspector", roles=ROLES)
    rogue = timeline.hq()
    path = _write(tmp_path, "backdated.pdf", timeline.document_timestamp(signed, rogue.stamper(days(-40))))
    crl = _crl(tmp_path, case, {stolen.certificate: days(-20)})
    code, lines, data = _verify(capsys, tmp_path, case, path, crl)
    assert code == 1
    assert f"  B-B  no timestamp  intact  revoked on {days(-20):%Y-%m-%d}  " in lines[0]
    assert lines[1].startswith("document timestamp Timestamp-") and lines[1].endswith(
        "  intact  not trusted: the timestamp authority UN Police Division CA Timestamp Authority is not certified "
        "by a trusted CA")
    [stamp] = data["timestamps"]  # type: ignore[misc]
    assert stamp["trusted"] is False and stamp["ok"] is False
    with path.open("rb") as handle:  # pyHanko: the timestamp is intact but not trusted
        [token] = PdfFileReader(handle).embedded_timestamp_signatures
        status = validate_pdf_timestamp(token, ValidationContext(trust_roots=[to_asn1(case.hq.ca)],
                                                                 allow_fetching=False))
        assert status.intact and status.valid and not status.trusted
    assert "Signature has not yet been verified." in pdfsig(path)  # pdfsig does not check document timestamps


def test_a_renewed_timestamp_keeps_an_expired_timestamp_authority_provable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case
) -> None:
    """HQ's first timestamp authority expired 10 days ago; a renewal timestamp made before then (by the next one)
    proves the first timestamp was already there, so the first still proves the signing time (B-LTA chain)."""
    first = case.hq.with_tsa(days(-1000), days(-10))
    second = case.hq.with_tsa(days(-30), days(2000))
    stamped = timeline.document_timestamp(case.expired, first.stamper(days(-99)))
    crl = _crl(tmp_path, case)
    alone = _write(tmp_path, "alone.pdf", stamped)
    code, lines, _ = _verify(capsys, tmp_path, case, alone, crl)
    assert code == 1 and "  B-B  no timestamp  " in lines[0]  # the only timestamp's authority has expired
    assert lines[1].endswith("  intact  not trusted: the timestamp certificate of UN Police Division CA Timestamp "
                             f"Authority expired on {days(-10):%Y-%m-%d}")
    renewed = _write(tmp_path, "renewed.pdf", timeline.document_timestamp(stamped, second.stamper(days(-20))))
    code, lines, data = _verify(capsys, tmp_path, case, renewed, crl)
    assert code == 0, lines
    assert f"  B-T  proven {days(-99):%Y-%m-%d %H:%M} UTC  intact  trusted  " in lines[0]
    assert [t["trusted"] for t in data["timestamps"]] == [True, True]  # type: ignore[union-attr]


def test_pyhankos_ades_validation_requires_a_signature_timestamp_token(case: Case) -> None:
    from asn1crypto import crl as asn1_crl
    from pyhanko.sign.validation.ades import ades_lta_validation
    from pyhanko.sign.validation.policy_decl import LocalKnowledge, PdfSignatureValidationSpec, SignatureValidationSpec
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.registry import SimpleTrustManager
    from pyhanko_certvalidator.revinfo.archival import CRLContainer

    crl = case.hq.crl(days(-1)).public_bytes(serialization.Encoding.DER)
    spec = PdfSignatureValidationSpec(SignatureValidationSpec(
        cert_validation_policy=CertValidationPolicySpec(
            trust_manager=SimpleTrustManager.build(trust_roots=[to_asn1(case.hq.ca)]), revinfo_policy=REQUIRE_CRL),
        local_knowledge=LocalKnowledge(known_crls=[CRLContainer(asn1_crl.CertificateList.load(crl))])))
    reader = PdfFileReader(io.BytesIO(case.archived))
    result = asyncio.run(ades_lta_validation(reader.embedded_regular_signatures[0], spec))
    assert str(result.ades_subindic) == "AdESIndeterminate.SIG_CONSTRAINTS_FAILURE"
    assert result.oldest_evidence_record_timestamp is not None  # it did read HQ's document timestamp


def test_a_crl_in_the_file_not_signed_by_a_trusted_ca_is_ignored(capsys: pytest.CaptureFixture[str],
                                                                 tmp_path: Path, case: Case) -> None:
    """A revocation list stored in the report counts only when a trusted CA signed it: one made by another key
    under HQ's name neither revokes the signer nor blocks the verdict."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    signer = case.hq.signer("Awa Diop", "inspector", days(-300), days(400))
    signed = timeline.sign(pdf(), signer, days(-1), role="inspector", roles=ROLES)
    rogue = timeline.hq().crl(days(-1), {signer.certificate: days(-20)})
    assert rogue.issuer == case.hq.ca.subject
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    DocumentSecurityStore.supply_dss_in_writer(
        writer, None, crls=[asn1_crl.CertificateList.load(rogue.public_bytes(serialization.Encoding.DER))])
    out = io.BytesIO()
    writer.write(out)
    path = _write(tmp_path, "rogue-crl.pdf", out.getvalue())
    code, out_text, err = run(capsys, tmp_path / "hq", "verify", str(path), "--trust",
                              str(case.hq.write_ca(tmp_path / "ca.pem")))
    assert code == 0, out_text + err
    assert "  intact  trusted  " in out_text.splitlines()[0]
