"""What an installation trusts: HQ CA certificates and their CRLs, as PEM files under ``data/trust/``.

``data/trust/ca-FINGERPRINT.pem`` holds a CA certificate, ``data/trust/crl-FINGERPRINT.pem`` the latest
CRL of that CA. Any other ``*.pem`` file there is read too (certificates and CRLs are told apart by their
PEM headers), so a reference package may drop its files in as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from inspector_app.crypto import CryptoError
from inspector_app.crypto.certificates import (
    common_name,
    is_self_signed,
    load_certificates,
    load_crls,
    pem,
)
from inspector_app.crypto.keys import common_name_of, validity
from inspector_app.files import read_file, write_file
from inspector_app.paths import DataDir

TRUST_DIR = "trust"
NOT_YET_TRUSTED = "not yet trusted by HQ"


@dataclass(frozen=True)
class TrustStore:
    roots: tuple[x509.Certificate, ...] = ()
    crls: tuple[x509.CertificateRevocationList, ...] = ()

    def plus(self, roots: list[x509.Certificate], crls: list[x509.CertificateRevocationList]) -> TrustStore:
        return TrustStore(self.roots + tuple(roots), self.crls + tuple(crls))


def distrust_reason(cert: x509.Certificate, store: TrustStore, now: datetime | None = None) -> str | None:
    """Why a signer's ``cert`` that did not validate is not trusted, in words; None if it is none of these.

    Self-signed: not yet trusted by HQ. Otherwise an issuer that is not among the trusted CAs, or the
    certificate expired or not yet valid (often a laptop's clock). A trusted CA certificate is a trust anchor:
    like pyHanko's validator, its own dates are not held against the certificates it issued.
    """
    if is_self_signed(cert):
        return NOT_YET_TRUSTED
    if not any(ca.subject == cert.issuer for ca in store.roots):
        return f"not trusted: issuer {common_name_of(cert.issuer)} is not among the trusted CAs"
    state = validity(cert, now)
    if state.startswith("expired"):
        return f"not trusted: the certificate of {common_name(cert)} {state}"
    if state != "valid":
        return f"not trusted: the certificate of {common_name(cert)} is {state} (is this computer's clock right?)"
    return None


def trust_dir(data: DataDir) -> Path:
    return data.root / TRUST_DIR


def load(data: DataDir) -> TrustStore:
    """The CA certificates and CRLs installed in ``data/trust/``."""
    roots: list[x509.Certificate] = []
    crls: list[x509.CertificateRevocationList] = []
    folder = trust_dir(data)
    for path in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
        blob = read_file(path, "the trust file")
        if b"-----BEGIN CERTIFICATE-----" in blob:
            roots.extend(load_certificates(blob, str(path)))
        if b"-----BEGIN X509 CRL-----" in blob:
            crls.extend(load_crls(blob, str(path)))
    return TrustStore(tuple(_unique(roots)), tuple(crls))


def add_ca(data: DataDir, cert: x509.Certificate) -> Path:
    """Trust ``cert`` (a CA certificate) from now on; installing it again changes nothing."""
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.ca:
        raise CryptoError(f"{common_name(cert)} is not a CA certificate; only HQ's CA certificate can be trusted")
    path = trust_dir(data) / f"ca-{_short(cert)}.pem"
    if not path.exists():
        write_file(path, pem(cert), private=True)
    return path


def add_crl(data: DataDir, crl: x509.CertificateRevocationList) -> Path:
    """Install the CRL of a trusted CA (its signature is checked); an older CRL never replaces a newer one."""
    issuer = next((ca for ca in load(data).roots if ca.subject == crl.issuer
                   and crl.is_signature_valid(ca.public_key())), None)  # type: ignore[arg-type]
    if issuer is None:
        raise CryptoError("the revocation list is not signed by a CA this installation trusts")
    path = trust_dir(data) / f"crl-{_short(issuer)}.pem"
    if path.is_file():
        old = load_crls(read_file(path, "the CRL"), str(path))[0]
        if old.last_update_utc > crl.last_update_utc:
            return path
    write_file(path, crl.public_bytes(serialization.Encoding.PEM), private=True)
    return path


def install(data: DataDir, blob: bytes, what: str) -> list[Path]:
    """Install every CA certificate, then every CRL, found in a PEM (or DER) file."""
    paths: list[Path] = []
    has_cert = b"-----BEGIN CERTIFICATE-----" in blob
    has_crl = b"-----BEGIN X509 CRL-----" in blob
    if has_cert or not has_crl:
        try:
            paths += [add_ca(data, c) for c in load_certificates(blob, what)]
        except CryptoError:
            if has_cert:
                raise
            has_crl = True  # a DER file that is not a certificate: try it as a CRL
    if has_crl:
        paths += [add_crl(data, c) for c in load_crls(blob, what)]
    return paths


def _short(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()[:16]


def _unique(certs: list[x509.Certificate]) -> list[x509.Certificate]:
    seen: set[bytes] = set()
    out = []
    for cert in certs:
        der = cert.public_bytes(serialization.Encoding.DER)
        if der not in seen:
            seen.add(der)
            out.append(cert)
    return out
