"""The detached CMS (PKCS#7) signature of ``manifest.json``: made with cryptography, checked with pyHanko.

The signature is DER, SHA-256, binary mode (no text canonicalisation), and carries the signer's certificate
and its CA chain, so ``openssl cms -verify -binary -inform DER -in manifest.sig -content manifest.json
-CAfile hq-ca.pem -purpose any`` checks it without our software. Trust follows ``crypto.verify``: HQ's CA
certificates and their CRLs (however old), validation now, nothing fetched.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko.sign.validation.status import StandardCMSSignatureStatus
from pyhanko_certvalidator import ValidationContext

from inspector_app.crypto.certificates import common_name, fingerprint, is_self_signed, to_asn1
from inspector_app.crypto.keys import Identity, certificate_role, common_name_of
from inspector_app.crypto.trust import TrustStore, distrust_reason
from inspector_app.crypto.verify import revocation_policy
from inspector_app.sync import BundleError

MAX_SIGNATURE_BYTES = 1 << 20


@dataclass(frozen=True)
class Signer:
    """Who signed a bundle's manifest and whether HQ trusts them."""

    name: str
    fingerprint: str  # SHA-256, colon-separated upper-case hex
    issuer: str
    self_signed: bool
    trusted: bool
    trust: str  # "trusted", "not yet trusted by HQ", "not trusted: …"
    role: str = ""  # the role in the certificate (inspector, team_leader, hq)


def sign_manifest(data: bytes, identity: Identity) -> bytes:
    """A DER detached CMS signature of ``data`` by ``identity``, with its certificate chain."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(
        identity.certificate, identity.key, hashes.SHA256())
    for cert in identity.chain:
        builder = builder.add_certificate(cert)
    options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    return builder.sign(serialization.Encoding.DER, options)


def verify_manifest(data: bytes, signature: bytes, trust: TrustStore, *, allow_untrusted: bool = False) -> Signer:
    """Check ``signature`` over ``data``; refused if altered, revoked, or untrusted (unless allowed)."""
    if len(signature) > MAX_SIGNATURE_BYTES:
        raise BundleError("manifest.sig is too large to be a signature")
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        checked = asyncio.run(_validate(data, signature, trust))
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:  # pyHanko would nest asyncio.run
            checked = pool.submit(asyncio.run, _validate(data, signature, trust)).result()
    status, signer = checked
    who = signer.name
    if not (status.intact and status.valid):
        raise BundleError(f"the signature of manifest.json does not match it: the bundle was altered after "
                          f"{who} signed it")
    if status.revoked:
        details = status.revocation_details
        when = f" on {details.revocation_date:%Y-%m-%d}" if details and details.revocation_date else ""
        raise BundleError(f"the certificate of {who}, who signed the bundle, was revoked by HQ{when}")
    if not status.trusted:
        label = signer.trust
        if not allow_untrusted:
            raise BundleError(f"the bundle is signed by {who} ({label}); only bundles signed with a certificate "
                              "issued by HQ's CA are accepted here")
    return signer


def _untrusted(cert: x509.Certificate, trust: TrustStore) -> str:
    return distrust_reason(cert, trust) or f"not trusted: issuer {common_name_of(cert.issuer)} could not be validated"


async def _validate(data: bytes, signature: bytes, trust: TrustStore) -> tuple[StandardCMSSignatureStatus, Signer]:
    # asn1crypto parses lazily and pyHanko raises many kinds of error on a malformed structure: whatever
    # goes wrong while reading a signature that is not well-formed is one refusal.
    try:
        info = cms.ContentInfo.load(signature)
        if info["content_type"].native != "signed_data":
            raise BundleError("manifest.sig is not a CMS signed-data signature")
        signed = info["content"]
        sid = signed["signer_infos"][0]["sid"]
        issuer = sid.chosen["issuer"].dump() if sid.name == "issuer_and_serial_number" else b""
        policy = revocation_policy(issuer, {c.issuer.public_bytes() for c in trust.crls})
        context = ValidationContext(
            trust_roots=[to_asn1(c) for c in trust.roots], allow_fetching=False,
            crls=[c.public_bytes(serialization.Encoding.DER) for c in trust.crls], revinfo_policy=policy)
        status = await async_validate_detached_cms(data, signed, signer_validation_context=context)
        if status.signing_cert is None:
            raise BundleError("manifest.sig names no signer certificate")
        cert = x509.load_der_x509_certificate(status.signing_cert.dump())
        signer = Signer(name=common_name(cert), fingerprint=fingerprint(cert), issuer=common_name_of(cert.issuer),
                        self_signed=is_self_signed(cert), trusted=bool(status.trusted),
                        trust="trusted" if status.trusted else _untrusted(cert, trust), role=certificate_role(cert))
    except BundleError:
        raise
    except Exception as exc:  # noqa: BLE001  (see above)
        raise BundleError(f"manifest.sig is not a readable signature ({type(exc).__name__})") from None
    return status, signer
