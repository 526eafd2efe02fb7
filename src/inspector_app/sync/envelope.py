"""Encryption of a whole bundle for transport to HQ: CMS ``EnvelopedData`` (RFC 5652), DER, around the ZIP.

The inner ZIP is unchanged (signed manifest, hashes: see ``docs/bundle-format.md``); the envelope adds
confidentiality only. Content encryption is AES-256-CBC; the content key is wrapped with the recipient's
RSA key (PKCS#1 v1.5 key transport, the only kind cryptography's ``PKCS7EnvelopeBuilder`` makes and
``pkcs7_decrypt_der`` opens), so HQ's transport certificate must have an RSA key (``inspector keys init
--rsa``). OpenSSL reads and writes the same files::

    openssl cms -decrypt -binary -inform DER -in F.inspector-bundle -recip hq.pem -inkey hq-key.pem -out F.zip
    openssl cms -encrypt -binary -outform DER -aes256 -in F.zip -out F.inspector-bundle hq.pem

OpenSSL's default content cipher is 3DES: ``-aes256`` is required. CBC has no integrity check of its own:
a damaged or altered envelope decrypts to garbage, which the signature and hashes of the inner ZIP then
refuse (``read_bundle``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from inspector_app.crypto import CryptoError
from inspector_app.crypto.certificates import (
    check_validity,
    common_name,
    issued_by,
    load_certificates,
    to_asn1,
)
from inspector_app.crypto.keys import Identity, common_name_of
from inspector_app.crypto.trust import TrustStore
from inspector_app.files import read_file
from inspector_app.sync import BundleError
from inspector_app.sync._zipsafe import Limits

__all__ = ["check_recipient", "decrypt", "encrypt", "is_encrypted", "max_encrypted_bytes", "open_bundle",
           "read_recipient"]

# SEQUENCE { OBJECT IDENTIFIER 1.2.840.113549.1.7.3 (envelopedData), ... }
_ENVELOPED_OID = bytes.fromhex("06092a864886f70d010703")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; the end record of an empty archive
_HEAD = 2 + 4 + len(_ENVELOPED_OID)  # SEQUENCE tag, a length of up to four bytes (4 GiB), the content type
# What a ZIP may hold beyond its members' data: per member a local and a central header with the name
# (at most 255 bytes each), ZIP64 extras and deflate's worst-case growth; then the envelope itself.
_PER_MEMBER = 1024
_SLACK = 1 << 20


def max_encrypted_bytes(limits: Limits) -> int:
    """The largest envelope worth decrypting: the largest ZIP ``read_bundle`` accepts with ``limits``, plus slack."""
    return limits.max_total_bytes + limits.max_files * _PER_MEMBER + _SLACK


def read_recipient(path: Path) -> x509.Certificate:
    """The certificate (PEM or DER; the first one of a PEM chain) in ``path``, for ``--encrypt-to``."""
    return load_certificates(read_file(path, "the certificate"), str(path))[0]


def check_recipient(cert: x509.Certificate, trust: TrustStore, now: datetime | None = None) -> None:
    """Refuse a transport certificate this installation should not encrypt field data to.

    It must have an RSA key, be valid now, not be a CA certificate (the CA key signs certificates; HQ
    decrypts with its installation identity, which is what ``open_bundle`` opens), be issued directly by a
    CA in ``trust`` (HQ's CA, installed by its reference package) and not be revoked by that CA's CRL. So a
    certificate slipped to a laptop by anyone else cannot receive its bundles. Key usage is not required to
    include keyEncipherment: certificates Inspector issues now carry it (RSA; ``keys.leaf_extensions``), but
    older ones have signing usages only and must keep working, and neither OpenSSL nor cryptography checks
    it for CMS encryption.
    """
    who = common_name(cert)
    _check_rsa(cert)
    try:
        check_validity(cert, who, now)
    except CryptoError as exc:
        raise BundleError(f"cannot encrypt to it: {exc}") from None
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if is_ca:
        raise BundleError(f"{who} is a CA certificate: encrypt to HQ's installation certificate (issued by that CA), "
                          "not to the CA itself")
    issuer = next((root for root in trust.roots if issued_by(cert, root)), None)
    if issuer is None:
        raise BundleError(f"the certificate of {who} (issued by {common_name_of(cert.issuer)}) is not issued by a CA "
                          "this installation trusts; encrypt only to HQ's certificate, issued by HQ's CA (install "
                          "HQ's reference package first)")
    for crl in trust.crls:
        if (crl.issuer == issuer.subject and crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
                and crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None):
            raise BundleError(f"the certificate of {who} was revoked by {common_name(issuer)}; ask HQ for its "
                              "current transport certificate")


def encrypt(data: bytes, recipient: x509.Certificate) -> bytes:
    """``data`` (a finished bundle) as DER ``EnvelopedData`` for ``recipient``: AES-256-CBC, RSA key transport."""
    _check_rsa(recipient)
    return (pkcs7.PKCS7EnvelopeBuilder().set_data(data).add_recipient(recipient)
            .set_content_encryption_algorithm(algorithms.AES256)
            .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))


def is_encrypted(source: bytes | str | os.PathLike[str]) -> bool:
    """Whether ``source`` (bytes or a file) starts as an ``EnvelopedData``; reads a few bytes only.

    A plain bundle starts with ``PK\\x03\\x04``; anything else that is not an envelope is left to
    ``read_bundle`` to refuse.
    """
    if isinstance(source, bytes):
        head = source[:_HEAD]
    else:
        try:
            with open(source, "rb") as file:
                head = file.read(_HEAD)
        except OSError:
            return False
    if len(head) < 2 or head[0] != 0x30:
        return False
    first = head[1]
    if first <= 0x80:  # a short length, or BER's indefinite length
        offset = 2
    elif first <= 0x84:
        offset = 2 + (first & 0x7F)
    else:
        return False
    return head[offset:offset + len(_ENVELOPED_OID)] == _ENVELOPED_OID


def decrypt(data: bytes, identity: Identity, limits: Limits | None = None) -> bytes:
    """The ZIP inside an envelope made for ``identity``; refused with one clear ``BundleError`` otherwise."""
    limits = limits or Limits()
    if len(data) > max_encrypted_bytes(limits):
        raise BundleError(_too_large(len(data), limits))
    if not is_encrypted(data):
        raise BundleError("the file is not an encrypted bundle (CMS enveloped data)")
    recipients = _recipients(data)
    if not recipients:
        raise BundleError("the bundle is encrypted in a way Inspector cannot open (not RSA key transport: "
                          "HQ's transport certificate must have an RSA key)")
    if not any(_is_for(rid, identity.certificate) for rid in recipients):
        mine = _describe(identity.certificate.serial_number, common_name_of(identity.certificate.issuer))
        theirs = ", ".join(_describe_rid(rid) for rid in recipients)
        raise BundleError(f"the bundle is encrypted for {theirs}, not for this installation's certificate "
                          f"({identity.name}, {mine})")
    if not isinstance(identity.key, rsa.RSAPrivateKey):
        raise BundleError("this installation's key is not RSA; encrypted bundles need an RSA identity "
                          "(inspector keys init --rsa)")
    try:
        plain = pkcs7.pkcs7_decrypt_der(data, identity.certificate, identity.key, [])
    except UnsupportedAlgorithm as exc:  # e.g. openssl's default 3DES, or RSA-OAEP
        raise BundleError(f"the bundle is encrypted with an algorithm Inspector cannot open ({exc}); encrypt "
                          "with AES-256-CBC and RSA PKCS#1 v1.5 (openssl cms -encrypt -aes256)") from None
    except (ValueError, TypeError):
        raise BundleError(_UNDECRYPTABLE) from None
    if plain[:4] not in _ZIP_MAGIC:  # RSA failures may yield a random key (RFC 3218): garbage, not an error
        raise BundleError(_UNDECRYPTABLE)
    return plain


def open_bundle(path: str | os.PathLike[str], identity_loader: Callable[[], Identity],
                limits: Limits | None = None) -> Path | bytes:
    """What ``read_bundle`` takes for the file at ``path``: the path of a plain bundle, or the decrypted ZIP.

    ``identity_loader`` (e.g. ``lambda: keys.load_identity(data, passphrase)``) is called only when the
    file is encrypted, after its size was checked against ``limits``; its errors (no identity, wrong
    passphrase) propagate as they are.
    """
    path = Path(path)
    if not path.is_file():
        raise BundleError(f"{path} does not exist or is not a file")
    if not is_encrypted(path):
        return path
    limits = limits or Limits()
    size = path.stat().st_size
    if size > max_encrypted_bytes(limits):
        raise BundleError(f"{path.name}: {_too_large(size, limits)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"cannot read {path}: {exc.strerror}") from exc
    return decrypt(data, identity_loader(), limits)


_UNDECRYPTABLE = ("the encrypted bundle cannot be decrypted: it is damaged, or was encrypted with another key "
                  "than this installation's")


def _check_rsa(cert: x509.Certificate) -> None:
    if not isinstance(cert.public_key(), rsa.RSAPublicKey):
        raise BundleError(f"HQ's transport certificate must have an RSA key; the one of {common_name(cert)} does "
                          "not (HQ creates it with: inspector keys init --rsa)")


def _too_large(size: int, limits: Limits) -> str:
    return (f"the encrypted bundle is refused: {size} bytes, more than the {max_encrypted_bytes(limits)} a "
            "bundle may have")


def _recipients(data: bytes) -> list[cms.RecipientIdentifier]:
    """The key-transport recipients of the envelope (others, e.g. EC key agreement, are not supported)."""
    # asn1crypto parses lazily and raises many kinds of error on a malformed structure: one refusal.
    try:
        info = cms.ContentInfo.load(data, strict=True)
        if info["content_type"].native != "enveloped_data":
            raise BundleError("the file is not an encrypted bundle (CMS enveloped data)")
        return [ri.chosen["rid"] for ri in info["content"]["recipient_infos"] if ri.name == "ktri"]
    except BundleError:
        raise
    except Exception as exc:  # noqa: BLE001  (see above)
        raise BundleError(f"the encrypted bundle is damaged or truncated ({type(exc).__name__})") from None


def _is_for(rid: cms.RecipientIdentifier, cert: x509.Certificate) -> bool:
    if rid.name == "issuer_and_serial_number":
        ours = to_asn1(cert)
        return bool(rid.chosen["serial_number"].native == cert.serial_number and rid.chosen["issuer"] == ours.issuer)
    try:
        key_id = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        key_id = x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest
    return bool(rid.chosen.native == key_id)


def _describe_rid(rid: cms.RecipientIdentifier) -> str:
    if rid.name == "issuer_and_serial_number":
        issuer = rid.chosen["issuer"]
        return _describe(rid.chosen["serial_number"].native, issuer.native.get("common_name") or issuer.human_friendly)
    return f"the certificate with key id {rid.chosen.native.hex(':')}"


def _describe(serial: int, issuer: str) -> str:
    return f"certificate {serial:x} issued by {issuer}"
