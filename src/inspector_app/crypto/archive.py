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


def archive(pdf: bytes, store: TrustStore, stamper: TimeStamper) -> bytes:
    """``pdf`` with validation data for every signature and a document timestamp (PAdES B-LTA).

    Refused, changing nothing, when the file carries no signature or one that does not check (altered,
    untrusted, revoked): HQ archives what it can vouch for.
    """
    checks = verify_pdf(pdf, store)
    if not checks:
        raise CryptoError("the file carries no signature")
    if failed := [c for c in checks if not c.ok]:
        raise CryptoError("not archived: " + "; ".join(f"{c.field} ({c.signer}): {c.trust or c.integrity}"
                                                       for c in failed))
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


def _timestamped(current: io.BytesIO, context: ValidationContext, stamper: TimeStamper) -> bytes:
    output = io.BytesIO()
    PdfTimeStamper(stamper).timestamp_pdf(IncrementalPdfFileWriter(current, strict=False), "sha256", context,
                                          output=output)
    return output.getvalue()


def _context(store: TrustStore) -> ValidationContext:
    return ValidationContext(trust_roots=[to_asn1(c) for c in store.roots], allow_fetching=False,
                             crls=[c.public_bytes(serialization.Encoding.DER) for c in store.crls])
