"""At signing, the laptop embeds what it holds to check the signature later: the signer's chain (in the CMS and in
the document security store) and the latest CRL of the signer's CA; a signer that CRL revokes cannot sign.

The validation data is written in the signature's own update, before the signature: the signed bytes are the whole
file as it leaves the laptop, so the hash recorded at signing, co-signing and the record comparison work as before.
"""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlmodel import select

from inspector_app.crypto import CryptoError, archive, ca, keys, pdf_sign, tsa
from inspector_app.crypto import trust as trust_store
from inspector_app.crypto.certificates import load_certificates
from inspector_app.crypto.verify import verify_document
from inspector_app.paths import DataDir
from inspector_app.services import signing, verification
from inspector_app.services.installation import open_workspace
from inspector_app.storage.models import Signature
from tests.integration.field import CA_PASS, PASS, Field, demo_coe, issue_identity, make_field, pdf

ROLES = ["inspector", "team_leader"]


def _laptop_trusts_hq(field: Field, data_dir: Path) -> None:
    """The laptop holds HQ's CA certificate and its latest CRL (from the reference package)."""
    data = DataDir(data_dir)
    trust_store.add_ca(data, ca.ca_certificate(field.ca_dir))
    crl = ca.current_crl(field.ca_dir)
    assert crl is not None
    trust_store.add_crl(data, crl)


def _dss(pdf_bytes: bytes) -> tuple[list[x509.Certificate], list[x509.CertificateRevocationList]]:
    dss = PdfFileReader(io.BytesIO(pdf_bytes)).root["/DSS"]
    certs = [x509.load_der_x509_certificate(ref.get_object().data) for ref in dss["/Certs"]]
    crls = [x509.load_der_x509_crl(ref.get_object().data) for ref in dss["/CRLs"]] if "/CRLs" in dss else []
    return certs, crls


def test_the_signed_report_carries_the_chain_and_the_crl_and_its_recorded_hash(tmp_path: Path) -> None:
    field = make_field(tmp_path, sign=False)
    _laptop_trusts_hq(field, field.laptop)
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        coe = demo_coe(ws)  # SEN FPU 1's, ready for review
        signed = signing.sign_report(ws, coe.id, pdf(), PASS)
        with ws.db.read() as session:
            [row] = session.exec(select(Signature).where(Signature.kind == signing.DIGITAL)).all()
    identity = keys.load_identity(DataDir(field.laptop), PASS)
    hq_ca = ca.ca_certificate(field.ca_dir)
    certs, crls = _dss(signed)
    assert identity.certificate in certs and hq_ca in certs
    assert [c.issuer for c in crls] == [hq_ca.subject] and crls[0] == ca.current_crl(field.ca_dir)
    [es] = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    cms_certs = [x509.load_der_x509_certificate(c.dump()) for c in es.signed_data["certificates"]]
    assert hq_ca in cms_certs and identity.certificate in cms_certs  # the chain travels in the CMS too
    assert PdfFileReader(io.BytesIO(signed)).xrefs.total_revisions == 2  # one update: DSS and signature together

    # the recorded hash is the signed bytes' hash: the record comparison matches, as before
    assert row.document_sha256 == hashlib.sha256(signed).hexdigest()
    store = trust_store.load(DataDir(field.hq))
    verdict = verify_document(signed, store)
    [check] = verdict.signatures
    assert check.ok and check.level == "B-B" and check.proven_time is None
    assert check.signed_sha256 == row.document_sha256
    [compared] = verification.compare_with_records(DataDir(field.laptop), signed, verdict.signatures)
    assert compared.record_ok and compared.recorded.startswith("matches the hash recorded")

    # co-signing extends the recorded file; the first signature still allows it
    assert signing.extends(signed, {row.document_sha256})
    issue_identity(field, tmp_path / "leader", "Jean Martin", "team_leader")
    _laptop_trusts_hq(field, tmp_path / "leader")
    leader = keys.load_identity(DataDir(tmp_path / "leader"), PASS)
    both = pdf_sign.sign_pdf(signed, leader, role="team_leader", roles=ROLES,
                             crls=trust_store.load(DataDir(tmp_path / "leader")).crls)
    assert signing.extends(both, {row.document_sha256})
    assert [c.ok for c in verify_document(both, store).signatures] == [True, True]
    assert leader.certificate in _dss(both)[0]

    # archived at HQ: a document timestamp over the laptop's validation data makes it B-LTA
    tsa.init_tsa(field.ca_dir, CA_PASS)
    archived = archive.archive(both, store, tsa.stamper(field.ca_dir, CA_PASS))
    assert [c.level for c in verify_document(archived, store).signatures] == ["B-LTA", "B-LTA"]


def test_a_signer_revoked_in_the_crl_the_laptop_holds_cannot_sign(tmp_path: Path) -> None:
    field = make_field(tmp_path, sign=False)
    cert = load_certificates((field.laptop / keys.CERTIFICATE_FILE).read_bytes(), "cert")[0]
    ca.revoke(field.ca_dir, cert, CA_PASS, "key-compromise", datetime.now(UTC) - timedelta(days=1))
    _laptop_trusts_hq(field, field.laptop)
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        coe = demo_coe(ws)  # SEN FPU 1's, ready for review
        with pytest.raises(CryptoError, match=rf"your certificate \(serial {cert.serial_number:x}\) was revoked on "
                                              r"\d{4}-\d\d-\d\d by UN Police Division CA: signing is refused"):
            signing.sign_report(ws, coe.id, pdf(), PASS)
        assert signing.signatures(ws, coe.id, signing.DIGITAL) == []


def test_a_crl_not_signed_by_the_signers_ca_is_not_embedded(tmp_path: Path) -> None:
    """A CRL that only names the CA (signed by another key) is neither embedded nor believed."""
    field = make_field(tmp_path, sign=False)
    identity = keys.load_identity(DataDir(field.laptop), PASS)
    other = make_field(tmp_path / "other", sign=False)  # another CA, same name
    crl = ca.current_crl(other.ca_dir)
    assert crl is not None and crl.issuer == identity.certificate.issuer
    assert pdf_sign.signer_crl(identity, [crl]) is None
    assert _dss(pdf_sign.sign_pdf(pdf(), identity, crls=[crl]))[1] == []
