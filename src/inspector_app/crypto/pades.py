"""PAdES long-term validity of a signed PDF: its document timestamps, its validation data (DSS), the time each
signature is proven to have existed, and its PAdES baseline level (ETSI EN 319 142-1).

- A **document timestamp** (``/DocTimeStamp``, RFC 3161, added by HQ's archiving) proves that the file up to it
  existed at its time. It is checked with pyHanko's timestamp validation; the timestamp authority's chain must end
  in a CA this installation trusts. The latest is judged now; each earlier one at the time of the next trusted
  one after it (the later timestamp proves the earlier one was already there, so the earlier authority's
  certificate may have expired since).
- The **proven time** of a signature is the earliest trusted time over it: its own signature timestamp token if
  it has a trusted one, else the earliest trusted document timestamp after it. None without any: the signing
  time is then only the signer's claim.
- The **level**: B-B (no trusted timestamp), B-T (a trusted timestamp over the signature), B-LT (and the
  validation data for it in the DSS: the signer's certificate and, where its CA publishes one, a CRL), B-LTA
  (and a trusted document timestamp over that validation data).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import ValueErrorWithMessage
from pyhanko.sign.validation import async_validate_pdf_timestamp
from pyhanko.sign.validation.errors import ValidationInfoReadingError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

from inspector_app.crypto.keys import common_name_of
from inspector_app.crypto.trust import TrustStore, distrust_reason

CLAIM_TOLERANCE = timedelta(hours=48)  # a claimed signing time farther than this from the proven one is a warning
B_B, B_T, B_LT, B_LTA = "B-B", "B-T", "B-LT", "B-LTA"


@dataclass(frozen=True)
class TimestampCheck:
    """The verdict on one document timestamp."""

    field: str
    tsa: str  # the timestamp authority (its certificate's common name)
    time: datetime | None  # the time it proves
    trusted: bool  # the authority's chain ends in a CA this installation trusts
    intact: bool  # the bytes it covers are unchanged and its signature is valid
    revision: int  # the revision it timestamps (every byte up to it)
    trust: str = ""  # "trusted", or why not
    problem: str = ""
    kind: str = "timestamp"

    @property
    def ok(self) -> bool:
        return self.trusted and self.intact and self.time is not None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


@dataclass(frozen=True)
class ValidationData:
    """What the file's document security store (DSS) holds, in its latest state."""

    certs: list[asn1_x509.Certificate] = field(default_factory=list)
    crls: list[bytes] = field(default_factory=list)  # DER
    revisions: dict[tuple[bytes, int], int] = field(default_factory=dict)  # (issuer, serial) → first revision


def validation_data(reader: PdfFileReader) -> ValidationData:
    """The certificates and CRLs of the file's DSS, and the revision where each certificate first appeared."""
    try:
        dss = _dss(reader.root)
        if dss is None:
            return ValidationData()
        certs = [asn1_x509.Certificate.load(_data(ref)) for ref in _entries(dss, "/Certs")]
        crls = [blob for ref in _entries(dss, "/CRLs") if _is_crl(blob := _data(ref))]
    except (PdfError, ValueError, KeyError, TypeError, ValidationInfoReadingError):
        return ValidationData()
    return ValidationData(certs, crls, _first_revisions(reader))


def _dss(root: generic.DictionaryObject) -> generic.DictionaryObject | None:
    dss = root["/DSS"] if "/DSS" in root else None
    return dss if isinstance(dss, generic.DictionaryObject) else None


def _entries(dss: generic.DictionaryObject, key: str) -> list[Any]:
    entries = dss[key] if key in dss else None
    return list(entries) if isinstance(entries, generic.ArrayObject) else []


def _is_crl(blob: bytes) -> bool:
    try:
        x509.load_der_x509_crl(blob)
    except ValueError:
        return False
    return True


def _data(ref: Any) -> bytes:
    stream = ref.get_object()
    if not isinstance(stream, generic.StreamObject):
        raise ValueError("a DSS entry is not a stream")
    return bytes(stream.data)


def _first_revisions(reader: PdfFileReader) -> dict[tuple[bytes, int], int]:
    """For each certificate the DSS ever held, the first revision whose DSS holds it."""
    first: dict[tuple[bytes, int], int] = {}
    for revision in range(reader.xrefs.total_revisions):
        try:
            dss = _dss(reader.get_historical_root(revision))
            if dss is None:
                continue
            for ref in _entries(dss, "/Certs"):
                cert = x509.load_der_x509_certificate(_data(ref))
                first.setdefault((cert.issuer.public_bytes(), cert.serial_number), revision)
        except (PdfError, ValueError, KeyError, TypeError):
            continue
    return first


async def check_timestamps(stamps: list[EmbeddedPdfSignature], context_at: Any,
                           store: TrustStore) -> list[TimestampCheck]:
    """Every document timestamp, in file order; ``context_at(moment, issuer)`` gives the validation context to
    judge a timestamp authority at ``moment`` (None: now)."""
    checks: list[TimestampCheck] = []
    moment: datetime | None = None
    for es in sorted(stamps, key=lambda s: s.signed_revision, reverse=True):
        check = await _check_timestamp(es, context_at, moment, store)
        if check.ok:
            moment = check.time
        checks.append(check)
    return sorted(checks, key=lambda c: c.revision)


async def _check_timestamp(es: EmbeddedPdfSignature, context_at: Any, moment: datetime | None,
                           store: TrustStore) -> TimestampCheck:
    name = str(es.field_name)
    try:
        tsa = x509.load_der_x509_certificate(es.signer_cert.dump())
        status = await async_validate_pdf_timestamp(es, context_at(moment, tsa.issuer.public_bytes()))
    except (PdfError, ValueError, KeyError, ValueErrorWithMessage) as exc:
        return TimestampCheck(name, "?", None, False, False, es.signed_revision, "unknown",
                              f"the timestamp could not be checked: {exc}")
    intact = bool(status.intact and status.valid)
    reason = None if status.trusted else distrust_reason(tsa, store, moment)
    trust = "trusted" if status.trusted else reason.replace("the certificate of", "the timestamp certificate of") \
        if reason else f"not trusted: the timestamp authority {common_name_of(tsa.subject)} is not certified by a " \
                       "trusted CA"
    return TimestampCheck(name, common_name_of(tsa.subject), _utc(status.timestamp), bool(status.trusted), intact,
                          es.signed_revision, trust,
                          "" if intact else "the timestamped bytes were changed: the timestamp no longer matches")


def covering(revision: int, timestamps: list[TimestampCheck]) -> TimestampCheck | None:
    """The earliest trusted, intact document timestamp over ``revision`` (one added after it)."""
    over = [t for t in timestamps if t.ok and t.revision > revision]
    return min(over, key=lambda t: (t.time or datetime.max.replace(tzinfo=UTC), t.revision), default=None)


def level(cert: x509.Certificate, signed_revision: int, proven: bool, data: ValidationData,
          crl_issuers: set[bytes], timestamps: list[TimestampCheck]) -> str:
    """The PAdES baseline level of the signature by ``cert`` in ``signed_revision``."""
    if not proven:
        return B_B
    issuer = cert.issuer.public_bytes()
    first = data.revisions.get((issuer, cert.serial_number))
    in_dss = first is not None and (issuer not in crl_issuers or _has_crl_by(data, cert.issuer))
    if not in_dss or first is None:
        return B_T
    if any(t.ok and t.revision >= max(first, signed_revision + 1) for t in timestamps):
        return B_LTA
    return B_LT


def _has_crl_by(data: ValidationData, issuer: x509.Name) -> bool:
    for blob in data.crls:
        try:
            if x509.load_der_x509_crl(blob).issuer == issuer:
                return True
        except ValueError:
            continue
    return False


def warnings(cert: x509.Certificate, claimed: datetime | None, proven: datetime | None,
             crls: list[x509.CertificateRevocationList], now: datetime) -> tuple[str, ...]:
    """What a reader should know but that does not fail the signature: a claimed time far from the proven
    one, a certificate revoked or expired after the proven time."""
    found: list[str] = []
    if proven is None:
        return ()
    if claimed is not None and abs(claimed - proven) > CLAIM_TOLERANCE:
        found.append(f"the claimed signing time {claimed:%Y-%m-%d %H:%M} UTC is more than 48 hours from the "
                     f"proven time {proven:%Y-%m-%d %H:%M} UTC (the signer's clock was wrong?)")
    revoked = revocation_date(cert, crls)
    if revoked is not None and revoked >= proven:
        found.append(f"the signer's certificate was revoked on {revoked:%Y-%m-%d}, after the proven signing time: "
                     "the signature stays valid")
    if cert.not_valid_after_utc < now and cert.not_valid_after_utc >= proven:
        found.append(f"the signer's certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}, after the proven "
                     "signing time: the signature stays valid")
    return tuple(found)


def revocation_date(cert: x509.Certificate, crls: list[x509.CertificateRevocationList]) -> datetime | None:
    """The earliest revocation date of ``cert`` in any CRL of its issuer (whose signature is not checked here:
    only words depend on it, the verdict is the validator's)."""
    dates = [entry.revocation_date_utc for crl in crls if crl.issuer == cert.issuer
             if (entry := crl.get_revoked_certificate_by_serial_number(cert.serial_number)) is not None]
    return min(dates, default=None)


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment is not None else None
