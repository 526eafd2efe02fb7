"""Identities, HQ's CA, PAdES signing and verification, and the signing service's workflow rules."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from reportlab.pdfgen import canvas
from sqlmodel import col, select

from inspector_app.cli.verify_cmd import line
from inspector_app.crypto import CryptoError, ca, keys, pdf_sign, trust
from inspector_app.crypto.certificates import generate_key, to_asn1
from inspector_app.crypto.trust import NOT_YET_TRUSTED
from inspector_app.crypto.verify import ALTERED, verify_pdf
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import inspections, signing
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent, Inspection, Signature

PASS = "laptop-secret"
CA_PASS = "hq-ca-secret"


def small_pdf(text: str = "COE verification report") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.fixture
def laptop(tmp_path: Path) -> DataDir:
    data = DataDir(tmp_path / "laptop")
    keys.create_identity(data, "Awa Diop", "inspector", PASS)
    return data


@pytest.fixture
def hq(tmp_path: Path) -> tuple[DataDir, Path]:
    data, folder = DataDir(tmp_path / "hq"), tmp_path / "hq" / "ca"
    trust.add_ca(data, ca.init_ca(folder, "UN Police Division CA", CA_PASS))
    return data, folder


def test_new_identity_is_a_self_signed_signing_certificate(laptop: DataDir) -> None:
    identity = keys.load_identity(laptop, PASS)
    cert = identity.certificate
    assert (identity.name, identity.role, identity.self_signed) == ("Awa Diop", "inspector", True)
    assert keys.describe(cert)["issuer"] == "Awa Diop" and "O=United Nations" in cert.subject.rfc4514_string()
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert constraints.critical and not constraints.value.ca
    assert keys.csr_for(laptop).startswith(b"-----BEGIN CERTIFICATE REQUEST-----")
    assert keys.read_certificate(laptop) == cert  # the public copy, no passphrase
    with pytest.raises(CryptoError, match="already exists"):
        keys.create_identity(laptop, "Awa Diop", "inspector", PASS)


@pytest.mark.parametrize(
    ("passphrase", "message"),
    [("not the passphrase", "the passphrase does not open identity.p12"), ("", "the passphrase does not open")],
)
def test_wrong_passphrase_is_one_clear_error(laptop: DataDir, passphrase: str, message: str) -> None:
    with pytest.raises(CryptoError, match=message):
        keys.load_identity(laptop, passphrase)


def test_missing_identity_and_short_passphrase(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "empty")
    with pytest.raises(CryptoError, match="no identity yet .* inspector keys init"):
        keys.load_identity(data, PASS)
    with pytest.raises(CryptoError, match="at least 8 characters"):
        keys.create_identity(data, "Awa Diop", "inspector", "short")


@pytest.mark.parametrize(
    ("start", "message"),
    [(datetime.now(UTC) - timedelta(days=400), "expired on"),
     (datetime.now(UTC) + timedelta(days=3), "not valid before")],
)
def test_certificate_outside_its_validity_is_refused(tmp_path: Path, start: datetime, message: str) -> None:
    data = DataDir(tmp_path / "old")
    key = generate_key()
    cert = keys.self_signed_certificate(key, "Old Timer", "inspector", days=30, not_before=start)
    keys.save_identity(data, keys.Identity(key, cert), PASS)
    with pytest.raises(CryptoError, match=message):
        keys.load_identity(data, PASS)
    assert keys.validity(keys.read_certificate(data)).startswith(message)
    assert keys.load_identity(data, PASS, check_dates=False).name == "Old Timer"  # e.g. to import a new one


def test_certificate_for_another_key_is_refused_on_import(laptop: DataDir, hq: tuple[DataDir, Path],
                                                          tmp_path: Path) -> None:
    other = DataDir(tmp_path / "other")
    keys.create_identity(other, "Someone Else", "inspector", PASS)
    foreign = ca.issue(hq[1], keys.csr_for(other), CA_PASS)
    with pytest.raises(CryptoError, match="does not match this laptop's key"):
        keys.import_certificate(laptop, foreign, PASS)
    assert keys.load_identity(laptop, PASS).self_signed  # nothing changed


def test_ca_issues_from_the_csr_and_import_keeps_the_chain(laptop: DataDir, hq: tuple[DataDir, Path]) -> None:
    hq_data, folder = hq
    ca_cert = ca.ca_certificate(folder)
    constraints = ca_cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = ca_cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert constraints.ca and usage.key_cert_sign and usage.crl_sign
    issued = ca.issue(folder, keys.csr_for(laptop), CA_PASS)
    identity = keys.import_certificate(laptop, issued + (folder / ca.CA_PEM).read_bytes(), PASS)
    assert not identity.self_signed and identity.chain == (ca_cert,)
    assert keys.load_identity(laptop, PASS).chain == (ca_cert,)
    assert keys.describe(keys.read_certificate(laptop))["issuer"] == "UN Police Division CA"
    signed = pdf_sign.sign_pdf(small_pdf(), identity)
    [check] = verify_pdf(signed, trust.load(hq_data))
    assert check.ok and check.trusted and check.trust == "trusted" and check.coverage == "entire file"
    [check] = verify_pdf(signed, trust.TrustStore())
    assert not check.ok and check.trust.startswith("not trusted: issuer UN Police Division CA")


def test_ca_refuses_a_forged_csr_and_a_wrong_passphrase(laptop: DataDir, hq: tuple[DataDir, Path]) -> None:
    request = x509.load_pem_x509_csr(keys.csr_for(laptop))
    der = bytearray(request.public_bytes(serialization.Encoding.DER))
    der[-3] ^= 0x01  # inside the signature value
    with pytest.raises(CryptoError, match="not signed by its key|not a certificate signing request"):
        ca.issue(hq[1], bytes(der), CA_PASS)
    with pytest.raises(CryptoError, match="the passphrase does not open ca.p12"):
        ca.issue(hq[1], keys.csr_for(laptop), "wrong passphrase")


def test_revoked_signer_is_reported_as_revoked(laptop: DataDir, hq: tuple[DataDir, Path]) -> None:
    hq_data, folder = hq
    identity = keys.import_certificate(laptop, ca.issue(folder, keys.csr_for(laptop), CA_PASS), PASS)
    signed = pdf_sign.sign_pdf(small_pdf(), identity)
    empty = ca.current_crl(folder)
    assert empty is not None and not list(empty)
    trust.add_crl(hq_data, empty)  # the empty CRL of a new CA: still trusted
    assert verify_pdf(signed, trust.load(hq_data))[0].ok
    assert ca.revoke(folder, identity.certificate, CA_PASS) is True
    assert ca.revoke(folder, identity.certificate, CA_PASS) is False
    crl = ca.current_crl(folder)
    assert crl is not None and len(list(crl)) == 1
    trust.add_crl(hq_data, crl)
    [check] = verify_pdf(signed, trust.load(hq_data))
    assert check.revoked and not check.trusted and not check.ok and check.trust.startswith("revoked on ")
    assert check.intact  # the document itself is fine


def test_two_signers_one_after_another(laptop: DataDir, tmp_path: Path) -> None:
    leader = DataDir(tmp_path / "leader")
    keys.create_identity(leader, "Jean Martin", "team_leader", PASS)
    first = pdf_sign.sign_pdf(small_pdf(), keys.load_identity(laptop, PASS), location="Camp Bravo")
    second = pdf_sign.sign_pdf(first, keys.load_identity(leader, PASS))
    assert second.startswith(first) and pdf_sign.signed_fields(second) == ["Signature1", "Signature2"]
    roots = trust.TrustStore((keys.read_certificate(laptop), keys.read_certificate(leader)))
    one, two = verify_pdf(second, roots)
    assert (one.signer, one.role, two.signer, two.role) == ("Awa Diop", "inspector", "Jean Martin", "team_leader")
    assert one.intact and one.changed_after and one.modification == "form filling" and one.changes_allowed
    assert two.intact and not two.changed_after and two.coverage == "entire file"
    assert one.ok and two.ok
    untrusted = verify_pdf(second, trust.TrustStore())
    assert [c.trust for c in untrusted] == [NOT_YET_TRUSTED, NOT_YET_TRUSTED] and not any(c.ok for c in untrusted)
    # pyHanko's own validator, used directly, agrees (file kept open while validating).
    context = ValidationContext(trust_roots=[to_asn1(c) for c in roots.roots], allow_fetching=False)
    path = tmp_path / "signed.pdf"
    path.write_bytes(second)
    with path.open("rb") as handle:
        statuses = [validate_pdf_signature(es, context) for es in PdfFileReader(handle).embedded_signatures]
    assert [s.bottom_line for s in statuses] == [True, True]
    assert [str(s.modification_level) for s in statuses] == ["ModificationLevel.FORM_FILLING", "ModificationLevel.NONE"]


def test_content_added_after_signing_is_reported_as_not_allowed(laptop: DataDir) -> None:
    identity = keys.load_identity(laptop, PASS)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_sign.sign_pdf(small_pdf(), identity)))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"BT (changed) Tj ET")))
    out = io.BytesIO()
    writer.write(out)
    [check] = verify_pdf(out.getvalue(), trust.TrustStore((identity.certificate,)))
    assert check.intact and check.trusted and check.changed_after  # the signed bytes are still intact, but:
    assert check.modification == "other" and not check.changes_allowed and not check.ok


# --- the signing service ----------------------------------------------------------------------------------


@pytest.fixture
def two(ws: Workspace, unit_name: str) -> dict[str, str]:
    """Two inspections of the test unit, one ready for review and one in progress, and a laptop identity."""
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    ids = {}
    for status in ("ready_for_review", "in_progress"):
        inspection = inspections.start(ws, unit_name, "coe-major-equipment", "periodic")
        with ws.db.session() as session:  # set up directly: answering every item is not what is tested here
            row = session.get(Inspection, inspection.id)
            assert row is not None
            row.status = status
            session.add(row)
        ids[status] = inspection.id
    return ids


def test_first_signature_locks_the_inspection(ws: Workspace, two: dict[str, str]) -> None:
    coe = two["ready_for_review"]
    signed = signing.sign_report(ws, coe[:8], small_pdf(), PASS, role="inspector")
    digest = hashlib.sha256(signed).hexdigest()
    with ws.db.session() as session:
        inspection = session.get(Inspection, coe)
        assert inspection is not None and inspection.status == "signed" and inspection.report_sha256 == digest
        [row] = session.exec(select(Signature).where(Signature.inspection_id == coe)).all()
        assert (row.kind, row.role, row.signer_name) == ("digital", "inspector", "Awa Diop")
        assert row.document_sha256 == digest
        actions = [e.action for e in session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))).all()][-2:]
        assert actions == ["signature.add", "inspection.status"]
    assert signing.signed_report(ws, coe) == signed
    assert PdfFileReader(io.BytesIO(signed)).embedded_signatures[0].sig_object["/Reason"] == "COE verification report"
    with pytest.raises(ValidationError, match="signed and locked"):
        inspections.answer(ws, coe, "me.count/1", "found=10 serviceable=10")
    with pytest.raises(ValidationError, match="not the signed English report"):
        signing.sign_report(ws, coe, small_pdf("another report"), PASS)
    with pytest.raises(ValidationError, match="^Awa Diop has already signed the English report of this inspection$"):
        signing.sign_report(ws, coe, signed, PASS)
    for name in ("identity.p12", "identity.pem", "identity.csr.pem"):
        (ws.data.root / name).unlink(missing_ok=True)
    keys.create_identity(ws.data, "Jean Martin", "team_leader", PASS)
    twice = signing.sign_report(ws, coe, signed, PASS)  # the team leader co-signs the same file
    rows = signing.signatures(ws, coe, signing.DIGITAL)
    assert twice.startswith(signed) and len(rows) == 2 and rows[1].role == "team_leader"  # the certificate's role
    with ws.db.session() as session:
        frozen = session.get(Inspection, coe)
        assert frozen is not None and frozen.report_sha256 == digest  # the first signed version stays


def test_signing_is_refused_before_review_and_with_a_wrong_passphrase(ws: Workspace, two: dict[str, str]) -> None:
    ids = two
    with pytest.raises(ValidationError, match=r"^the inspection is in progress and cannot be signed: \d+ required "
                                              r"items are still unanswered: me\.[^;]+; answer them, then submit it "
                                              r"for review$"):
        signing.sign_report(ws, ids["in_progress"], small_pdf(), PASS)
    with pytest.raises(CryptoError, match="the passphrase does not open"):
        signing.sign_report(ws, ids["ready_for_review"], small_pdf(), "wrong passphrase")
    assert inspections.load(ws, ids["ready_for_review"]).status == "ready_for_review"
    assert not signing.signatures(ws, ids["ready_for_review"])


def test_handwritten_signature_is_stored_by_hash(ws: Workspace, two: dict[str, str]) -> None:
    ids = two
    buffer = io.BytesIO()
    Image.new("RGBA", (120, 40), (0, 0, 0, 0)).save(buffer, "PNG")
    row = signing.sign_handwritten(ws, ids["in_progress"], "contingent_commander", "Col. Rashid Ahmed",
                                   buffer.getvalue())
    assert row.kind == "handwritten" and row.image_sha256 == hashlib.sha256(buffer.getvalue()).hexdigest()
    assert signing.signature_image(ws, row) == buffer.getvalue()
    with pytest.raises(ValidationError, match="not a JPEG or PNG"):
        signing.sign_handwritten(ws, ids["in_progress"], "team_leader", "Jean Martin", b"scribble")
    signing.sign_report(ws, ids["ready_for_review"], small_pdf(), PASS)
    with pytest.raises(ValidationError, match="locked"):
        signing.sign_handwritten(ws, ids["ready_for_review"], "team_leader", "Jean Martin", buffer.getvalue())


# verify names what is wrong and what changed: which signature, which kind of update.


def _flip_a_signed_byte(pdf: bytes) -> bytes:
    data = bytearray(pdf)
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)", data)
    assert match is not None
    start, length = int(match.group(1)), int(match.group(2))
    data[data.index(b"ReportLab", start, start + length)] ^= 0x20
    return bytes(data)


def test_an_altered_signature_says_so_not_unknown_problem(
    laptop: DataDir, hq: tuple[DataDir, Path]
) -> None:
    hq_data, folder = hq
    identity = keys.import_certificate(laptop, ca.issue(folder, keys.csr_for(laptop), CA_PASS), PASS)
    [check] = verify_pdf(_flip_a_signed_byte(pdf_sign.sign_pdf(small_pdf(), identity)), trust.load(hq_data))
    assert not check.intact and not check.ok and check.problem == ALTERED
    assert check.trust == "trust not judged: issued by UN Police Division CA, but the signature does not match"
    text = line(check)
    assert "  ALTERED  " in text and text.endswith(ALTERED) and "unknown problem" not in text


def test_verify_names_the_kind_of_update_and_who_signed_after(laptop: DataDir, tmp_path: Path) -> None:
    leader = DataDir(tmp_path / "leader")
    keys.create_identity(leader, "Jean Martin", "team_leader", PASS)
    first = pdf_sign.sign_pdf(small_pdf(), keys.load_identity(laptop, PASS))
    second = pdf_sign.sign_pdf(first, keys.load_identity(leader, PASS))
    roots = trust.TrustStore((keys.read_certificate(laptop), keys.read_certificate(leader)))
    one, two = verify_pdf(second, roots)
    assert one.changes == "form fields filled or a later signature added" and two.changes == ""
    assert line(one, [two]).endswith("changed after signing: form fields filled or a later signature added "
                                     "(allowed); signed after it: Signature2 by Jean Martin")

    writer = IncrementalPdfFileWriter(io.BytesIO(first))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"BT (changed) Tj ET")))
    out = io.BytesIO()
    writer.write(out)
    [check] = verify_pdf(out.getvalue(), roots)
    assert line(check).endswith("changed after signing: the content changed (text, pages or structure) "
                                "(NOT ALLOWED by the signed document)")


def test_first_signature_certifies_after_creating_every_role_field(laptop: DataDir, tmp_path: Path) -> None:
    leader = DataDir(tmp_path / "leader")
    keys.create_identity(leader, "Jean Martin", "team_leader", PASS)
    roles = ["inspector", "Team leader", "contingent_commander"]
    first = pdf_sign.sign_pdf(small_pdf(), keys.load_identity(laptop, PASS), role="inspector", roles=roles)
    assert pdf_sign.signed_fields(first) == ["Signature_inspector"]
    assert pdf_sign.empty_fields(first) == ["Signature_team_leader", "Signature_contingent_commander"]
    [certifying] = PdfFileReader(io.BytesIO(first)).embedded_signatures
    assert str(certifying.docmdp_level) == "MDPPerm.FILL_FORMS"
    assert certifying.sig_field["/Lock"]["/Action"] == "/Exclude"
    assert list(certifying.sig_field["/Lock"]["/Fields"]) == ["Signature_team_leader", "Signature_contingent_commander"]
    second = pdf_sign.sign_pdf(first, keys.load_identity(leader, PASS), role="team_leader", roles=roles)
    assert second.startswith(first) and pdf_sign.empty_fields(second) == ["Signature_contingent_commander"]
    approval = PdfFileReader(io.BytesIO(second)).embedded_signatures[1]
    assert approval.field_name == "Signature_team_leader" and approval.docmdp_level is None
    roots = trust.TrustStore((keys.read_certificate(laptop), keys.read_certificate(leader)))
    one, two = verify_pdf(second, roots)
    assert one.ok and one.modification == "form filling" and two.ok and not two.changed_after
    # a signer without a field of their own signs the empty one left: a new field would be locked
    other = DataDir(tmp_path / "other")
    keys.create_identity(other, "Ali Kone", "assessor", PASS)
    third = pdf_sign.sign_pdf(second, keys.load_identity(other, PASS), role="assessor", roles=roles)
    assert pdf_sign.signed_fields(third)[-1] == "Signature_contingent_commander" and pdf_sign.is_certified(third)
    roots = trust.TrustStore((*roots.roots, keys.read_certificate(other)))
    assert all(c.ok for c in verify_pdf(third, roots))
    with pytest.raises(CryptoError, match="every signature field of this certified report is signed already"):
        pdf_sign.sign_pdf(third, keys.load_identity(laptop, PASS), role="inspector", roles=roles)
