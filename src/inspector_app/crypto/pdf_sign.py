"""PAdES signatures (pyHanko) added to a PDF as incremental updates, so several signers sign one after another.

The first signature goes in field ``Signature1``, the next in ``Signature2``, and so on; each later
update leaves the earlier signatures intact (their validation shows it as allowed form filling).
"""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from inspector_app.crypto import CryptoError
from inspector_app.crypto.certificates import to_asn1
from inspector_app.crypto.keys import Identity

FIELD_PREFIX = "Signature"


def signer_for(identity: Identity) -> signers.SimpleSigner:
    """A pyHanko signer from an unlocked identity; the CA chain travels in the signature.

    Built directly rather than with ``SimpleSigner.load*``, which return None (and only log) on failure.
    """
    der = identity.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=to_asn1(identity.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [to_asn1(c) for c in identity.chain]),
    )


def signed_fields(pdf: bytes) -> list[str]:
    """Names of the signature fields that already carry a signature."""
    reader = _reader(pdf)
    return [name for name, _value, _ref in fields.enumerate_sig_fields(reader, filled_status=True)]


def next_field_name(pdf: bytes) -> str:
    taken = set(signed_fields(pdf))
    n = 1
    while f"{FIELD_PREFIX}{n}" in taken:
        n += 1
    return f"{FIELD_PREFIX}{n}"


def sign_pdf(
    pdf: bytes,
    identity: Identity,
    *,
    reason: str = "COE verification report",
    location: str | None = None,
    field_name: str | None = None,
) -> bytes:
    """``pdf`` with one more PAdES signature by ``identity``, appended as an incremental update."""
    field = field_name or next_field_name(pdf)
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=identity.name,
    )
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        signers.PdfSigner(meta, signer=signer_for(identity)).sign_pdf(writer, output=out)
    except (PdfError, SigningError, ValueError) as exc:
        raise CryptoError(f"the PDF could not be signed: {exc}") from exc
    return out.getvalue()


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(io.BytesIO(pdf))
    except (PdfError, ValueError) as exc:
        raise CryptoError(f"not a readable PDF document: {exc}") from exc
