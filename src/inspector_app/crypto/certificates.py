"""Certificates and revocation lists: their types, names, PEM/DER parsing, fingerprints (used by services too)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from inspector_app.crypto import CryptoError
from inspector_app.files import read_file

ORGANIZATION = "United Nations"
PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
Certificate = x509.Certificate
RevocationList = x509.CertificateRevocationList


def generate_key(kind: str = "ec") -> PrivateKey:
    """An EC P-256 key (``"ec"``, fast and small) or an RSA-3072 key (``"rsa"``)."""
    if kind == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=3072)
    raise CryptoError(f"unknown key type {kind!r}; use ec or rsa")


def name(common_name: str, unit: str | None = None) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                  x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION)]
    if unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    return x509.Name(attributes)


def attribute(name_: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name_.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def common_name(cert: x509.Certificate) -> str:
    return attribute(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string()


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint, colon-separated hex (as browsers and openssl show it)."""
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def same_key(cert: x509.Certificate, key: PrivateKey) -> bool:
    der = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return cert.public_key().public_bytes(*der) == key.public_key().public_bytes(*der)


def is_self_signed(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject and issued_by(cert, cert)


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:  # noqa: BLE001  (InvalidSignature, ValueError, TypeError: not issued by it)
        return False
    return True


def check_validity(cert: x509.Certificate, what: str, now: datetime | None = None) -> None:
    """Refuse a certificate outside its validity period, saying when it was (or will be) valid."""
    now = now or datetime.now(UTC)
    if now > cert.not_valid_after_utc:
        raise CryptoError(f"the certificate of {what} expired on {cert.not_valid_after_utc:%Y-%m-%d}; "
                          "ask HQ for a new one (inspector keys csr)")
    if now < cert.not_valid_before_utc:
        raise CryptoError(f"the certificate of {what} is not valid before {cert.not_valid_before_utc:%Y-%m-%d %H:%M} "
                          "UTC; check this computer's clock")


def load_certificates(data: bytes, what: str) -> list[x509.Certificate]:
    """Every certificate of a PEM file (one or more) or a DER file."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise CryptoError(f"{what} is not an X.509 certificate (PEM or DER)") from exc


def load_crls(data: bytes, what: str) -> list[x509.CertificateRevocationList]:
    """Every CRL of a PEM file, or the one of a DER file."""
    try:
        begin, end = b"-----BEGIN X509 CRL-----", b"-----END X509 CRL-----"
        if begin in data:
            parts = [p[p.index(begin):] + end for p in data.split(end) if begin in p]
            return [x509.load_pem_x509_crl(p) for p in parts]
        return [x509.load_der_x509_crl(data)]
    except ValueError as exc:
        raise CryptoError(f"{what} is not a certificate revocation list (PEM or DER)") from exc


def pem(item: x509.Certificate | x509.CertificateRevocationList) -> bytes:
    return item.public_bytes(serialization.Encoding.PEM)


def open_p12(path: Path, passphrase: str, what: str,
             mismatch: str | None = None) -> tuple[PrivateKey, x509.Certificate, list[x509.Certificate]]:
    """The key, certificate and chain in the PKCS#12 file ``path`` (``what`` it is, for messages); refused in
    words: a wrong passphrase, no key or certificate, an unsupported key, a certificate not of the key
    (``mismatch`` says so, else a sentence naming ``what``)."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(read_file(path, what), passphrase.encode("utf-8"))
    except ValueError:
        raise CryptoError(f"the passphrase does not open {path.name} ({path})") from None
    if key is None or cert is None:
        raise CryptoError(f"{path} holds no key and certificate; it is not {what}")
    if not isinstance(key, PrivateKey):
        raise CryptoError(f"{path} holds a {type(key).__name__}; only EC and RSA keys are supported")
    if not same_key(cert, key):
        raise CryptoError(mismatch or f"{path} does not hold a usable {what}")
    return key, cert, chain


def is_ca(cert: x509.Certificate) -> bool:
    """The certificate may issue others (basic constraints say CA)."""
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    """The same certificate as asn1crypto (what pyHanko takes)."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
