"""A refused signer gets the true reason: an expired or not yet valid certificate (or CA) says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from inspector_app.crypto.keys import Identity
from inspector_app.crypto.pdf_sign import sign_pdf
from inspector_app.crypto.trust import TrustStore, distrust_reason
from inspector_app.crypto.verify import verify_pdf
from inspector_app.sync import BundleError
from inspector_app.sync.signature import sign_manifest, verify_manifest
from tests.integration.field import pdf

NOW = datetime.now(UTC)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, cn)])


def _cert(cn: str, key: ec.EllipticCurvePrivateKey, issuer: tuple[str, ec.EllipticCurvePrivateKey] | None,
          start: datetime, end: datetime, ca: bool) -> x509.Certificate:
    issuer_name, issuer_key = issuer or (cn, key)
    usage = x509.KeyUsage(digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                          encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(issuer_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(issuer_key, hashes.SHA256()))


def _world(leaf_start: datetime, leaf_end: datetime, ca_end: datetime) -> tuple[Identity, TrustStore]:
    """A CA (a trust anchor: its own dates are not checked, as pyHanko does) and a leaf it issued."""
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_cert = _cert("UN Police Division CA", ca_key, None, NOW - timedelta(days=800), ca_end, ca=True)
    leaf = _cert("Awa Diop", leaf_key, ("UN Police Division CA", ca_key), leaf_start, leaf_end, ca=False)
    return Identity(leaf_key, leaf, (ca_cert,)), TrustStore((ca_cert,))


CASES = {
    "expired": ((NOW - timedelta(days=760), NOW - timedelta(days=30), NOW + timedelta(days=3000)),
                f"the certificate of Awa Diop expired on {(NOW - timedelta(days=30)):%Y-%m-%d}"),
    "not yet valid": ((NOW + timedelta(days=10), NOW + timedelta(days=740), NOW + timedelta(days=3000)),
                      "the certificate of Awa Diop is not valid before"),
}


@pytest.mark.parametrize("case", CASES)
def test_bundle_signature_refusal_names_the_validity_problem(case: str) -> None:
    dates, expected = CASES[case]
    identity, store = _world(*dates)
    signature = sign_manifest(b"{}", identity)
    with pytest.raises(BundleError) as refused:
        verify_manifest(b"{}", signature, store)
    assert expected in str(refused.value)
    assert "is not among the trusted CAs" not in str(refused.value)


@pytest.mark.parametrize("case", CASES)
def test_pdf_verify_names_the_validity_problem(case: str) -> None:
    dates, expected = CASES[case]
    identity, store = _world(*dates)
    check = verify_pdf(sign_pdf(pdf(), identity), store)[0]
    assert not check.trusted and expected in check.trust


def test_an_unknown_issuer_is_still_named_as_such() -> None:
    identity, _ = _world(NOW - timedelta(days=1), NOW + timedelta(days=700), NOW + timedelta(days=3000))
    assert distrust_reason(identity.certificate, TrustStore()) == (
        "not trusted: issuer UN Police Division CA is not among the trusted CAs")
