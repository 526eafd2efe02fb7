"""HQ's small certificate authority: issues inspector certificates from CSRs and keeps a CRL.

A CA folder holds ``ca.p12`` (the CA key and certificate, passphrase-protected), ``ca.pem`` (the CA
certificate, published to every installation), ``crl.pem`` (the revocation list, published likewise)
and ``issued/SERIAL.pem`` (a copy of every certificate issued).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from inspector_app.crypto import CryptoError
from inspector_app.crypto.certificates import (
    PrivateKey,
    common_name,
    generate_key,
    issued_by,
    load_certificates,
    load_crls,
    name,
    open_p12,
    pem,
)
from inspector_app.crypto.keys import check_new_passphrase, leaf_extensions
from inspector_app.files import read_file, write_file

CA_P12 = "ca.p12"
CA_PEM = "ca.pem"
CRL_PEM = "crl.pem"
CA_DAYS = 3650
ISSUED = "issued"
REASONS = ("unspecified", "key-compromise", "ca-compromise", "affiliation-changed", "superseded",
           "cessation-of-operation", "certificate-hold", "privilege-withdrawn")
CRL_DAYS = 365  # verifiers here accept an older CRL too: revocations in it still count


@dataclass(frozen=True)
class CertificateAuthority:
    key: PrivateKey
    certificate: x509.Certificate
    folder: Path


def init_ca(folder: Path, ca_name: str, passphrase: str, kind: str = "ec", days: int = CA_DAYS) -> x509.Certificate:
    """Create the CA key and self-signed CA certificate in ``folder``, with an empty CRL; refused if one exists."""
    ca_name = ca_name.strip()
    if not ca_name:
        raise CryptoError("give the CA a name (--name)")
    check_new_passphrase(passphrase)
    if (folder / CA_P12).exists():
        raise CryptoError(f"a CA already exists in {folder}")
    key = generate_key(kind)
    start = datetime.now(UTC) - timedelta(minutes=5)
    usage = x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                          encipher_only=False, decipher_only=False)
    subject = name(ca_name)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    blob = pkcs12.serialize_key_and_certificates(
        ca_name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    write_file(folder / CA_P12, blob, private=True)
    write_file(folder / CA_PEM, pem(cert), private=True)
    ca = CertificateAuthority(key, cert, folder)
    _write_crl(ca, [])
    return cert


def load_ca(folder: Path, passphrase: str) -> CertificateAuthority:
    path = folder / CA_P12
    if not path.is_file():
        raise CryptoError(f"no CA in {folder}; create one with: inspector hq ca init --name NAME")
    key, cert, _chain = open_p12(path, passphrase, "a CA key and certificate")
    return CertificateAuthority(key, cert, folder)


def ca_certificate(folder: Path) -> x509.Certificate:
    """The CA certificate (public)."""
    return load_certificates(read_file(folder / CA_PEM, "the CA certificate"), str(folder / CA_PEM))[0]


def issue(folder: Path, csr_pem: bytes, passphrase: str, days: int = 730) -> bytes:
    """An inspector certificate (PEM) for the CSR, whose signature is checked; subject as requested."""
    try:
        csr = x509.load_pem_x509_csr(csr_pem) if b"-----BEGIN" in csr_pem else x509.load_der_x509_csr(csr_pem)
    except ValueError as exc:
        raise CryptoError("the file is not a certificate signing request (PEM or DER)") from exc
    if not csr.is_signature_valid:
        raise CryptoError("the certificate signing request is not signed by its key (damaged or forged)")
    if not csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME):
        raise CryptoError("the certificate signing request names nobody (no CN)")
    ca = load_ca(folder, passphrase)
    start = datetime.now(UTC) - timedelta(minutes=5)
    end = min(start + timedelta(days=days), ca.certificate.not_valid_after_utc)
    public_key = csr.public_key()
    builder = (x509.CertificateBuilder().subject_name(csr.subject).issuer_name(ca.certificate.subject)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end))
    ski = ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = leaf_extensions(builder, public_key).add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
    cert = builder.sign(ca.key, hashes.SHA256())
    write_file(folder / ISSUED / f"{cert.serial_number:x}.pem", pem(cert), private=True)
    return pem(cert)


def current_crl(folder: Path) -> x509.CertificateRevocationList | None:
    path = folder / CRL_PEM
    return load_crls(read_file(path, "the CRL"), str(path))[0] if path.is_file() else None


def issued_certificate(folder: Path, serial: int) -> x509.Certificate:
    """The copy of the certificate this CA issued with ``serial`` (kept in ``issued/``)."""
    path = folder / ISSUED / f"{serial:x}.pem"
    if not path.is_file():
        raise CryptoError(f"the CA in {folder} issued no certificate with serial {serial:x} "
                          f"(no {path.name} in {path.parent})")
    return load_certificates(read_file(path, "the issued certificate"), str(path))[0]


def revoke(folder: Path, cert: x509.Certificate | bytes | int, passphrase: str, reason: str | None = None,
           when: datetime | None = None) -> bool:
    """Add ``cert`` (a certificate, its PEM/DER, or the serial of one this CA issued) to the CA's CRL.

    The CRL is rewritten, signed and numbered; ``reason`` is one of ``REASONS``, ``when`` the revocation
    date (default now). False when the certificate was already revoked.
    """
    if isinstance(cert, int):
        cert = issued_certificate(folder, cert)
    elif isinstance(cert, bytes):
        cert = load_certificates(cert, "the certificate")[0]
    if reason is not None and reason not in REASONS:
        raise CryptoError(f"unknown revocation reason {reason!r}; use one of: {', '.join(REASONS)}")
    ca = load_ca(folder, passphrase)
    if not issued_by(cert, ca.certificate):
        raise CryptoError(f"the certificate of {common_name(cert)} was not issued by the CA in {folder}")
    crl = current_crl(folder)
    entries = list(crl) if crl is not None else []
    if any(e.serial_number == cert.serial_number for e in entries):
        return False
    entry = (x509.RevokedCertificateBuilder().serial_number(cert.serial_number)
             .revocation_date(when or datetime.now(UTC)))
    if reason is not None:
        entry = entry.add_extension(x509.CRLReason(x509.ReasonFlags[reason.replace("-", "_")]), critical=False)
    entries.append(entry.build())
    _write_crl(ca, entries)
    return True



def _write_crl(ca: CertificateAuthority, entries: list[x509.RevokedCertificate]) -> x509.CertificateRevocationList:
    now = datetime.now(UTC)
    previous = current_crl(ca.folder)
    number = 1
    if previous is not None:
        with contextlib.suppress(x509.ExtensionNotFound):
            number = previous.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number + 1
    builder = (x509.CertificateRevocationListBuilder().issuer_name(ca.certificate.subject)
               .last_update(now).next_update(now + timedelta(days=CRL_DAYS))
               .add_extension(x509.CRLNumber(number), critical=False))
    ski = ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
                                    critical=False)
    for entry in entries:
        builder = builder.add_revoked_certificate(entry)
    crl = builder.sign(ca.key, hashes.SHA256())
    write_file(ca.folder / CRL_PEM, crl.public_bytes(serialization.Encoding.PEM), private=True)
    return crl
