"""HQ's timestamp authority: an RFC 3161 time-stamping key and certificate issued by HQ's CA, kept beside it.

Field laptops have no network, so the time a report was signed is only the laptop's claim until HQ puts a
timestamp over it. HQ is its own timestamp authority: ``init_tsa`` issues a key and certificate (extended key
usage ``timeStamping``, critical, as RFC 3161 requires) from the CA in the CA folder, and stores them in
``tsa.p12`` under the CA's passphrase: offline, like the CA itself. ``stamper`` answers time-stamp requests in
this process with pyHanko's RFC 3161 responder, so a token verifies with any RFC 3161 tool
(``openssl ts -verify``) as with pyHanko.

The TSA certificate lives ``TSA_DAYS``; timestamps made with it stay provable after it expires only if a newer
timestamp covers them before then (``inspector hq renew``, PAdES B-LTA).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import keys as asn1_keys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from inspector_app.crypto import CryptoError
from inspector_app.crypto.ca import load_ca
from inspector_app.crypto.certificates import (
    common_name,
    generate_key,
    load_certificates,
    name,
    open_p12,
    pem,
    to_asn1,
)
from inspector_app.files import read_file, write_file

TSA_P12 = "tsa.p12"
TSA_PEM = "tsa.pem"
TSA_DAYS = 6 * 365  # renew archived reports' timestamps before this runs out


def init_tsa(folder: Path, passphrase: str, days: int = TSA_DAYS) -> x509.Certificate:
    """Issue HQ's timestamp key and certificate from the CA in ``folder`` (opened with ``passphrase``).

    A second call replaces them (a new TSA certificate before the old one expires); timestamps made with the
    old one stay verifiable, since each carries its certificate.
    """
    authority = load_ca(folder, passphrase)
    key = generate_key("rsa")  # pyHanko's responder signs with RSA
    start = datetime.now(UTC) - timedelta(minutes=5)
    end = min(start + timedelta(days=days), authority.certificate.not_valid_after_utc)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    tsa_name = f"{common_name(authority.certificate)} Timestamp Authority"
    cert = (x509.CertificateBuilder()
            .subject_name(name(tsa_name))
            .issuer_name(authority.certificate.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
                           critical=False)
            .sign(authority.key, hashes.SHA256()))
    blob = pkcs12.serialize_key_and_certificates(
        tsa_name.encode("utf-8"), key, cert, [authority.certificate],
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    write_file(folder / TSA_P12, blob, private=True)
    write_file(folder / TSA_PEM, pem(cert), private=True)
    return cert


def tsa_certificate(folder: Path) -> x509.Certificate | None:
    """HQ's timestamp certificate in the CA folder, if one was issued."""
    path = folder / TSA_PEM
    return load_certificates(read_file(path, "the TSA certificate"), str(path))[0] if path.is_file() else None


def stamper(folder: Path, passphrase: str) -> DummyTimeStamper:
    """HQ's timestamp authority, ready to answer: pyHanko's in-process RFC 3161 responder with HQ's TSA key.

    (pyHanko names the class for its use in tests; it is a complete responder: it signs a TSTInfo over the
    request's digest, with a nonce, a serial and the current time, and embeds the TSA's chain.)
    """
    path = folder / TSA_P12
    if not path.is_file():
        raise CryptoError(f"no timestamp authority in {folder}; create one with: inspector hq ca tsa")
    key, cert, chain = open_p12(path, passphrase, "a timestamp key and certificate")
    if cert.not_valid_after_utc <= datetime.now(UTC):
        raise CryptoError(f"HQ's timestamp certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}: "
                          "issue a new one with: inspector hq ca tsa")
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    store = SimpleCertificateStore.from_certs([to_asn1(c) for c in chain])  # type: ignore[no-untyped-call]
    return DummyTimeStamper(tsa_cert=to_asn1(cert), tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
                            certs_to_embed=store)
