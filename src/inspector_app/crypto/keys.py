"""The inspector's identity: a private key and its X.509 certificate in a passphrase-protected PKCS#12 file.

Files in the data folder: ``identity.p12`` (key, certificate, CA chain; encrypted with the passphrase),
``identity.pem`` (the certificate alone, public, so it can be shown without the passphrase) and
``identity.csr.pem`` (the certificate signing request to send to HQ). The key never leaves the laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from inspector_app.crypto import CryptoError
from inspector_app.crypto.certificates import (
    PrivateKey,
    check_validity,
    common_name,
    fingerprint,
    generate_key,
    is_self_signed,
    issued_by,
    load_certificates,
    name,
    open_p12,
    pem,
    same_key,
)
from inspector_app.files import read_file, write_file
from inspector_app.paths import IDENTITY_FILE as IDENTITY_FILE  # noqa: PLC0414  (keys.IDENTITY_FILE, as before)
from inspector_app.paths import DataDir

CERTIFICATE_FILE = "identity.pem"
CSR_FILE = "identity.csr.pem"
MIN_PASSPHRASE = 8
SELF_SIGNED_DAYS = 730


@dataclass(frozen=True)
class Identity:
    """An unlocked identity: the key, its certificate and the CA chain above it (if HQ issued it)."""

    key: PrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def name(self) -> str:
        return common_name(self.certificate)

    @property
    def role(self) -> str:
        return certificate_role(self.certificate)

    @property
    def self_signed(self) -> bool:
        return is_self_signed(self.certificate)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)


def identity_path(data: DataDir) -> Path:
    return data.identity


def certificate_path(data: DataDir) -> Path:
    return data.root / CERTIFICATE_FILE


def csr_path(data: DataDir) -> Path:
    return data.root / CSR_FILE


def has_identity(data: DataDir) -> bool:
    return identity_path(data).is_file()


def certificate_role(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return str(values[0].value) if values else ""


def self_signed_certificate(
    key: PrivateKey, signer: str, role: str, days: int = SELF_SIGNED_DAYS, not_before: datetime | None = None
) -> x509.Certificate:
    """A self-signed signing certificate: CN = ``signer``, O = United Nations, OU = ``role``."""
    start = not_before or datetime.now(UTC) - timedelta(minutes=5)  # tolerate a little clock drift
    subject = name(signer, role)
    builder = leaf_extensions(x509.CertificateBuilder(), key.public_key())
    return (builder.subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=days))
            .sign(key, hashes.SHA256()))


def leaf_extensions(builder: x509.CertificateBuilder, public_key: Any) -> x509.CertificateBuilder:
    """A signer's extensions: not a CA; digitalSignature + nonRepudiation (critical); key id.

    The same certificate receives encrypted bundles (HQ's installation identity is the transport
    certificate), so its key usage also allows the CMS recipient kind of its key: keyEncipherment for an
    RSA key (key transport), keyAgreement for an EC key (ECDH). Certificates made before lack them and
    still work: neither OpenSSL nor cryptography checks key usage when encrypting or decrypting CMS.
    """
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True,
                          key_encipherment=isinstance(public_key, rsa.RSAPublicKey), data_encipherment=False,
                          key_agreement=isinstance(public_key, ec.EllipticCurvePublicKey), key_cert_sign=False,
                          crl_sign=False,
                          encipher_only=False, decipher_only=False)
    return (builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))


def make_csr(key: PrivateKey, signer: str, role: str) -> bytes:
    """A PEM certificate signing request for HQ, signed by ``key``."""
    csr = x509.CertificateSigningRequestBuilder().subject_name(name(signer, role)).sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM)


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise CryptoError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")


def create_identity(data: DataDir, signer: str, role: str, passphrase: str, kind: str = "ec") -> Identity:
    """A new key and self-signed certificate in ``identity.p12``, plus the CSR for HQ; refused if one exists."""
    signer, role = signer.strip(), role.strip()
    if not signer:
        raise CryptoError("give the inspector's name (--name, or set it in the settings)")
    if not role:
        raise CryptoError("give the inspector's role (--role)")
    check_new_passphrase(passphrase)
    if has_identity(data):
        raise CryptoError(f"an identity already exists in {identity_path(data)}; "
                          "move that file away first to create a new one")
    key = generate_key(kind)
    identity = Identity(key, self_signed_certificate(key, signer, role))
    save_identity(data, identity, passphrase)
    write_file(csr_path(data), make_csr(key, signer, role), private=True)
    return identity


def save_identity(data: DataDir, identity: Identity, passphrase: str) -> Path:
    """Write ``identity.p12`` (encrypted with ``passphrase``) and the public ``identity.pem``."""
    blob = pkcs12.serialize_key_and_certificates(
        identity.name.encode("utf-8"), identity.key, identity.certificate, list(identity.chain) or None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    path = identity_path(data)
    write_file(path, blob, private=True)
    public = pem(identity.certificate) + b"".join(pem(c) for c in identity.chain)
    write_file(certificate_path(data), public, private=True)
    return path


def load_identity(data: DataDir, passphrase: str, *, check_dates: bool = True) -> Identity:
    """Unlock ``identity.p12``; refused with a clear reason (no identity, wrong passphrase, expired, mismatch)."""
    path = identity_path(data)
    if not path.is_file():
        raise CryptoError(f"no identity yet in {data.root}; create one with: inspector keys init")
    key, cert, chain = open_p12(path, passphrase, "an inspector identity", mismatch=(
        f"the certificate in {IDENTITY_FILE} does not match its key; import the right certificate with: "
        "inspector keys import-cert FILE"))
    identity = Identity(key, cert, tuple(chain))
    if check_dates:
        check_validity(cert, f"{identity.name} in {IDENTITY_FILE}")
    return identity


def read_certificate(data: DataDir) -> x509.Certificate:
    """The identity's certificate, public (no passphrase needed)."""
    path = certificate_path(data)
    if not path.is_file():
        raise CryptoError(f"no identity yet in {data.root}; create one with: inspector keys init")
    return load_certificates(read_file(path, "the certificate"), str(path))[0]


def csr_for(data: DataDir, passphrase: str | None = None) -> bytes:
    """The CSR written by ``create_identity``; made again from the key (needs the passphrase) if missing."""
    path = csr_path(data)
    if path.is_file():
        return read_file(path, "the certificate signing request")
    if passphrase is None:
        raise CryptoError(f"{path} is missing; the passphrase is needed to make the request again")
    identity = load_identity(data, passphrase, check_dates=False)
    request = make_csr(identity.key, identity.name, identity.role)
    write_file(path, request, private=True)
    return request


def import_certificate(data: DataDir, cert_pem_or_der: bytes, passphrase: str) -> Identity:
    """Replace the identity's certificate with the one HQ issued (checked against the key); keep its CA chain.

    ``cert_pem_or_der`` holds the new certificate, optionally followed by the CA certificates above it.
    """
    current = load_identity(data, passphrase, check_dates=False)  # an expired certificate is what we replace
    certs = load_certificates(cert_pem_or_der, "the file")
    leaf = next((c for c in certs if same_key(c, current.key)), None)
    if leaf is None:
        raise CryptoError(f"the certificate does not match this laptop's key (issued to {common_name(certs[0])} "
                          "for another request); import the certificate HQ issued from this laptop's CSR")
    chain = tuple(c for c in certs if c is not leaf)
    if chain and not any(issued_by(leaf, c) for c in chain):
        raise CryptoError(f"the certificate of {common_name(leaf)} was not issued by the CA certificate given with it")
    check_validity(leaf, common_name(leaf))
    identity = Identity(current.key, leaf, chain)
    save_identity(data, identity, passphrase)
    return identity


def describe(cert: x509.Certificate) -> dict[str, object]:
    """What ``keys show`` prints: subject, issuer, validity, fingerprint, trust state."""
    return {
        "name": common_name(cert),
        "role": certificate_role(cert),
        "issuer": common_name_of(cert.issuer),
        "self_signed": is_self_signed(cert),
        "serial": format(cert.serial_number, "x"),
        "not_before": cert.not_valid_before_utc.isoformat(),
        "not_after": cert.not_valid_after_utc.isoformat(),
        "fingerprint_sha256": fingerprint(cert),
        "key": _key_label(cert),
        "validity": validity(cert),
    }


def validity(cert: x509.Certificate, now: datetime | None = None) -> str:
    """The certificate's state now: ``valid``, ``expired on DATE`` or ``not valid before DATE``."""
    try:
        check_validity(cert, "it", now)
    except CryptoError:
        now = now or datetime.now(UTC)
        if now > cert.not_valid_after_utc:
            return f"expired on {cert.not_valid_after_utc:%Y-%m-%d}"
        return f"not valid before {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC"
    return "valid"


def common_name_of(value: x509.Name) -> str:
    attrs = value.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else value.rfc4514_string()


def _key_label(cert: x509.Certificate) -> str:
    key = cert.public_key()
    size = getattr(key, "key_size", None)
    curve = getattr(getattr(key, "curve", None), "name", None)
    return f"EC {curve}" if curve else f"RSA {size}" if size else type(key).__name__
