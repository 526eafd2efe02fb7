"""Certificates, CRLs, signatures and timestamps at chosen times, for the long-term validity verdicts.

HQ's CA, a signer's certificate and HQ's timestamp authority are made with ``cryptography`` directly, with the
validity each test needs (a certificate that expired last month, a TSA valid years back); signatures claim a
chosen signing time (pyHanko's signing clock is frozen) and document timestamps carry a chosen time (pyHanko's
in-process responder takes a fixed time).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import keys as asn1_keys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.signers import pdf_signer as pyhanko_signer
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from inspector_app.crypto import keys, pdf_sign
from inspector_app.crypto.certificates import name, pem, to_asn1

NOW = datetime.now(UTC).replace(microsecond=0)


def days(n: float) -> datetime:
    """``n`` days from now (negative: ago)."""
    return NOW + timedelta(days=n)


@dataclass(frozen=True)
class Hq:
    key: ec.EllipticCurvePrivateKey
    ca: x509.Certificate
    tsa_key: rsa.RSAPrivateKey
    tsa: x509.Certificate

    def write_ca(self, path: Path) -> Path:
        path.write_bytes(pem(self.ca))
        return path

    def signer(self, signer: str, role: str, start: datetime, end: datetime) -> keys.Identity:
        key = ec.generate_private_key(ec.SECP256R1())
        ski = self.ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        cert = (keys.leaf_extensions(x509.CertificateBuilder(), key.public_key())
                .subject_name(name(signer, role)).issuer_name(self.ca.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
                .sign(self.key, hashes.SHA256()))
        return keys.Identity(key, cert, (self.ca,))

    def crl(self, issued: datetime,
            revoked: dict[x509.Certificate, datetime] | None = None) -> x509.CertificateRevocationList:
        builder = (x509.CertificateRevocationListBuilder().issuer_name(self.ca.subject)
                   .last_update(issued).next_update(issued + timedelta(days=365)))
        for cert, when in (revoked or {}).items():
            entry = (x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(when)
                     .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False).build())
            builder = builder.add_revoked_certificate(entry)
        return builder.sign(self.key, hashes.SHA256())

    def with_tsa(self, start: datetime, end: datetime) -> Hq:
        """The same CA with another timestamp authority, valid from ``start`` to ``end``."""
        tsa_key, tsa = _tsa(self.key, self.ca, start, end)
        return replace(self, tsa_key=tsa_key, tsa=tsa)

    def stamper(self, at: datetime) -> DummyTimeStamper:
        """HQ's timestamp authority answering with the time ``at``."""
        der = self.tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())
        store = SimpleCertificateStore.from_certs([to_asn1(self.ca)])  # type: ignore[no-untyped-call]
        return DummyTimeStamper(tsa_cert=to_asn1(self.tsa), tsa_key=asn1_keys.PrivateKeyInfo.load(der),
                                certs_to_embed=store, fixed_dt=at)


def _tsa(ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate, start: datetime,
         end: datetime) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A timestamp key and certificate issued by ``ca``, valid from ``start`` to ``end``."""
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                              data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                              encipher_only=False, decipher_only=False)
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    tsa = (x509.CertificateBuilder().subject_name(name("UN Police Division CA Timestamp Authority"))
           .issuer_name(ca.subject).public_key(tsa_key.public_key()).serial_number(x509.random_serial_number())
           .not_valid_before(start).not_valid_after(end)
           .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
           .add_extension(tsa_usage, critical=True)
           .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
           .sign(ca_key, hashes.SHA256()))
    return tsa_key, tsa


def hq(tsa_from: datetime | None = None) -> Hq:
    """HQ's CA (valid from 6 years ago for 20 years) and its timestamp authority (from ``tsa_from``)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = name("UN Police Division CA")
    usage = x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                          encipher_only=False, decipher_only=False)
    ca = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(days(-6 * 365))
          .not_valid_after(days(14 * 365))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(usage, critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
          .sign(key, hashes.SHA256()))
    tsa_key, tsa = _tsa(key, ca, tsa_from or days(-5 * 365), days(5 * 365))
    return Hq(key, ca, tsa_key, tsa)


@contextmanager
def signing_clock(at: datetime) -> Iterator[None]:
    """pyHanko's signing clock (the claimed signing time of a signature) frozen at ``at``."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:  # type: ignore[override]
            return cls.fromtimestamp(at.timestamp(), tz=UTC)

    original = pyhanko_signer.datetime  # type: ignore[attr-defined]
    pyhanko_signer.datetime = Frozen  # type: ignore[attr-defined,misc]
    try:
        yield
    finally:
        pyhanko_signer.datetime = original  # type: ignore[attr-defined]


def sign(pdf: bytes, identity: keys.Identity, at: datetime, **kwargs: object) -> bytes:
    """``pdf`` signed by ``identity``, claiming the signing time ``at``."""
    with signing_clock(at):
        return pdf_sign.sign_pdf(pdf, identity, **kwargs)  # type: ignore[arg-type]


def document_timestamp(pdf: bytes, stamper: DummyTimeStamper) -> bytes:
    """``pdf`` with a document timestamp from ``stamper``, in an incremental update."""
    out = io.BytesIO()
    PdfTimeStamper(stamper).timestamp_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), "sha256", output=out)
    return out.getvalue()
