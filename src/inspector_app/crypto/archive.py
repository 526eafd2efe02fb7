"""PAdES long-term archiving at HQ: validation data and HQ's document timestamp over a signed report (B-LTA).

A report signed on a laptop is PAdES B-B: the signing time is the laptop's claim, and its signatures are
checkable only while the signers' certificates are. HQ archives it by adding, in incremental updates that leave
every signed byte as it was:

1. a document security store (DSS) with what checks each signature: the signer's certificate chain and the
   CRLs HQ trusts (B-LT);
2. a document timestamp from HQ's timestamp authority over the whole file, with the timestamp's own chain (B-LTA).

``renew`` adds one more document timestamp over an archived file, before the last one's certificate expires.
"""

from __future__ import annotations

import io
from datetime import datetime

from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.validation import add_validation_info
from pyhanko_certvalidator import ValidationContext

from inspector_app.crypto import CryptoError
from inspector_app.crypto.certificates import to_asn1
from inspector_app.crypto.trust import TrustStore
from inspector_app.crypto.verify import verify_pdf

Stamper = TimeStamper  # HQ's timestamp authority (``crypto.tsa.stamper``), as the services hold it


def archive(pdf: bytes, store: TrustStore, stamper: TimeStamper) -> bytes:
    """``pdf`` with validation data for every signature and a document timestamp (PAdES B-LTA).

    Refused, changing nothing, when the file carries no signature or one that does not check (altered,
    untrusted, revoked): HQ archives what it can vouch for; and when it is archived already (it carries a
    document timestamp): ``renew`` adds a timestamp to such a file.
    """
    if document_timestamps(pdf):
        raise CryptoError("the file is archived already (it carries a document timestamp): "
                          "renew its timestamp with: inspector hq renew")
    checks = verify_pdf(pdf, store)
    if not checks:
        raise CryptoError("the file carries no signature")
    if failed := [c for c in checks if not c.ok]:
        raise CryptoError("its signatures do not check: "
                          + "; ".join(f"{c.field} ({c.signer}): {c.trust or c.integrity}" for c in failed))
    context = _context(store)
    current = io.BytesIO(pdf)
    try:
        for index in range(len(checks)):
            signature = PdfFileReader(current, strict=False).embedded_signatures[index]
            current = add_validation_info(signature, context, in_place=False)
        return _timestamped(current, context, stamper)
    except (PdfError, ValueError, KeyError) as exc:
        raise CryptoError(f"the report could not be archived: {exc}") from exc


def renew(pdf: bytes, store: TrustStore, stamper: TimeStamper) -> bytes:
    """An archived ``pdf`` with one more document timestamp over it (and the validation data of the last)."""
    context = _context(store)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        if not reader.embedded_timestamp_signatures:
            raise CryptoError("the file has no document timestamp yet: archive it first (inspector hq archive)")
        output = io.BytesIO()
        PdfTimeStamper(stamper).update_archival_timestamp_chain(reader, context, in_place=False, output=output)
    except (PdfError, ValueError, KeyError) as exc:
        raise CryptoError(f"the report's timestamp could not be renewed: {exc}") from exc
    return output.getvalue()


def document_timestamps(pdf: bytes) -> int:
    """How many document timestamps ``pdf`` carries (0: not archived)."""
    try:
        return len(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_timestamp_signatures)
    except (PdfError, ValueError, KeyError) as exc:
        raise CryptoError(f"the file is not a readable PDF: {exc}") from exc


def timestamp_expires(pdf: bytes) -> datetime | None:
    """When the certificate of the latest document timestamp in ``pdf`` expires (None: no timestamp).

    After that day the timestamp proves nothing more unless a newer one covers it: renew before.
    """
    try:
        stamps = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_timestamp_signatures
        if not stamps:
            return None
        expires: datetime = stamps[-1].signer_cert["tbs_certificate"]["validity"]["not_after"].native
    except (PdfError, ValueError, KeyError) as exc:
        raise CryptoError(f"the file's document timestamp cannot be read: {exc}") from exc
    return expires


def _timestamped(current: io.BytesIO, context: ValidationContext, stamper: TimeStamper) -> bytes:
    output = io.BytesIO()
    PdfTimeStamper(stamper).timestamp_pdf(IncrementalPdfFileWriter(current, strict=False), "sha256", context,
                                          output=output)
    return output.getvalue()


def _context(store: TrustStore) -> ValidationContext:
    return ValidationContext(trust_roots=[to_asn1(c) for c in store.roots], allow_fetching=False,
                             crls=[c.public_bytes(serialization.Encoding.DER) for c in store.crls])
