"""Check every signature of a PDF with pyHanko's validator: integrity, trust (HQ CAs, CRLs) and later changes.

Trust roots are the CA certificates the installation trusts (``crypto.trust``); a signer certified by
none of them is untrusted, and a self-signed signer is "not yet trusted by HQ". A CRL of the signer's
CA is honoured however old it is (an installation may be offline for months): a revoked signer is
reported as revoked, and so does a newer one the installation holds whatever CRL the file carries.

Each signature is judged at the time proven by the earliest trusted timestamp over it (``crypto.pades``): its
own signature timestamp, else HQ's document timestamp after it. A certificate revoked after that time, or expired
since, keeps the signature valid; revoked before it, the signature fails. Without a timestamp the signature is
judged now (or at the moment given), as it always was. Nothing is fetched.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import ValueErrorWithMessage
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.generic_cms import collect_timing_info
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import (
    NO_REVOCATION,
    CertRevTrustPolicy,
    FreshnessReqType,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)

from inspector_app.crypto import CryptoError, pades, provisional, revisions
from inspector_app.crypto.certificates import common_name, is_self_signed, to_asn1
from inspector_app.crypto.keys import certificate_role, common_name_of
from inspector_app.crypto.pades import TimestampCheck
from inspector_app.crypto.trust import TrustStore, distrust_reason

_WITH_CRL = CertRevTrustPolicy(
    RevocationCheckingPolicy(RevocationCheckingRule.CRL_REQUIRED, RevocationCheckingRule.NO_CHECK),
    freshness=timedelta(days=365 * 100),  # any CRL of the CA counts, however old
    freshness_req_type=FreshnessReqType.MAX_DIFF_REVOCATION_VALIDATION,
)
_WITHOUT_CRL = CertRevTrustPolicy(NO_REVOCATION)
_COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: "entire file",
    SignatureCoverageLevel.ENTIRE_REVISION: "earlier revision",
    SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START: "part of the file",
    SignatureCoverageLevel.UNCLEAR: "unclear",
}
_CHANGES = {
    ModificationLevel.NONE: "a new revision that changes nothing shown",
    ModificationLevel.LTA_UPDATES: "validation data or a document timestamp added",
    ModificationLevel.FORM_FILLING: "form fields filled or a later signature added",
    ModificationLevel.ANNOTATIONS: "comments or annotations added",
    ModificationLevel.OTHER: "the content changed (text, pages or structure)",
}
ALTERED = "the signed bytes were changed after signing: the signature no longer matches them"


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one embedded signature."""

    field: str
    signer: str
    role: str
    issuer: str
    signed_at: datetime | None
    intact: bool  # the signed bytes are unchanged and the signature value is valid
    trusted: bool
    revoked: bool
    self_signed: bool
    trust: str  # "trusted", "revoked on …", "not yet trusted by HQ", "not trusted: …"
    coverage: str  # "entire file", "earlier revision" (the document was extended after), …
    changed_after: bool
    modification: str  # what was changed after: "none", "form filling", "annotations", "other"
    changes_allowed: bool
    ok: bool  # pyHanko's bottom line: intact, valid, trusted and only allowed changes after
    problem: str = ""
    changes: str = ""  # what the updates after signing did, in words ("" when none)
    updates: tuple[str, ...] = ()  # each update after it that is not a signature: revision, what, verdict
    refused_updates: tuple[str, ...] = ()  # those of ``updates`` the signed document does not allow
    signed_sha256: str = ""  # SHA-256 of the file as this signature left it (the bytes its byte range ends with)
    recorded: str = ""  # beside a database: how ``signed_sha256`` compares with the hash recorded at signing
    record_ok: bool = True  # False when the database recorded another hash for this signature
    kind: str = "signature"
    serial: str = ""  # the signer's certificate serial, hexadecimal
    ca: str = ""  # the trusted CA the signer's chain ends in ("" when not trusted)
    level: str = pades.B_B  # PAdES baseline level: B-B, B-T, B-LT, B-LTA
    proven_time: datetime | None = None  # the earliest trusted timestamp over it (None: only the claim)
    proven_by: str = ""  # "its signature timestamp", "document timestamp <field>"
    judged_at: datetime | None = None  # when the signer's certificate was judged (None: now)
    warnings: tuple[str, ...] = ()  # shown, never a failure

    @property
    def integrity(self) -> str:
        return "intact" if self.intact else "ALTERED"

    @property
    def claimed_time(self) -> datetime | None:
        return self.signed_at

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "integrity": self.integrity, "claimed_time": self.claimed_time,
                "whole_document": not self.changed_after}


@dataclass(frozen=True)
class Verdict:
    """Every signature and every document timestamp of a PDF, in file order."""

    signatures: list[SignatureCheck]
    timestamps: list[TimestampCheck]
    marks: provisional.MarkCheck = provisional.NO_MARKS  # a provisional report's marks: who changed them

    @property
    def ok(self) -> bool:
        """No signature fails (nor its recorded hash), no document timestamp was altered, and only the
        countersignature changed the provisional marks."""
        return (all(c.ok and c.record_ok for c in self.signatures) and all(t.intact for t in self.timestamps)
                and self.marks.ok)


def verify_pdf(pdf: bytes, trust: TrustStore, at: datetime | None = None) -> list[SignatureCheck]:
    """Every signature of ``pdf`` (document timestamps aside), in file order; see ``verify_document``."""
    return verify_document(pdf, trust, at).signatures


def verify_document(pdf: bytes, trust: TrustStore, at: datetime | None = None) -> Verdict:
    """Every signature and document timestamp of ``pdf``; safe to call with or without a running event loop.

    ``at`` is the moment a signature without a trusted timestamp is judged at (default: now).
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(averify_document(pdf, trust, at))
    with ThreadPoolExecutor(max_workers=1) as pool:  # pyHanko's sync API would nest asyncio.run
        return pool.submit(asyncio.run, averify_document(pdf, trust, at)).result()


async def averify_pdf(pdf: bytes, trust: TrustStore) -> list[SignatureCheck]:
    """The signatures of ``averify_document``."""
    return (await averify_document(pdf, trust)).signatures


@dataclass(frozen=True)
class _Context:
    """What every check of one file shares: the trust store, the file's validation data and the CRLs."""

    trust: TrustStore
    roots: list[Any]
    crls: list[bytes]  # DER: the store's, then the file's (a file's CRL can add revocations, never remove one)
    crl_issuers: set[bytes]
    data: pades.ValidationData
    all_crls: list[x509.CertificateRevocationList]

    def at(self, moment: datetime | None, issuer: bytes) -> ValidationContext:
        """A validation context judging a certificate of ``issuer`` at ``moment`` (None: now)."""
        return ValidationContext(trust_roots=self.roots, allow_fetching=False, crls=self.crls,
                                 other_certs=self.data.certs, moment=moment,
                                 revinfo_policy=revocation_policy(issuer, self.crl_issuers))


async def averify_document(pdf: bytes, trust: TrustStore, at: datetime | None = None) -> Verdict:
    """The coroutine behind ``verify_document``: the PDF stays open (in memory) for the whole validation."""
    stream = io.BytesIO(pdf)
    try:
        reader = PdfFileReader(stream, strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError) as exc:
        raise CryptoError(f"not a readable PDF document: {exc}") from exc
    data = pades.validation_data(reader)
    file_crls = [crl for blob in data.crls if _signed_by_a_root(crl := x509.load_der_x509_crl(blob), trust)]
    all_crls = list(trust.crls) + file_crls
    context = _Context(trust, [to_asn1(c) for c in trust.roots],
                       [c.public_bytes(serialization.Encoding.DER) for c in all_crls],
                       {c.issuer.public_bytes() for c in all_crls}, data, all_crls)
    try:
        later = revisions.updates(reader, embedded)
    except (PdfError, ValueError, KeyError) as exc:
        raise CryptoError(f"the revisions of the PDF could not be analysed: {exc}") from exc
    signatures = [es for es in embedded if es.sig_object_type != "/DocTimeStamp"]
    timestamps = await pades.check_timestamps([es for es in embedded if es.sig_object_type == "/DocTimeStamp"],
                                              context.at, trust)
    checks = [await _check(es, context, timestamps, at) for es in signatures]
    try:
        marks = provisional.check(reader, {es.signed_revision: str(es.field_name) for es in signatures})
    except (PdfError, ValueError, KeyError) as exc:
        raise CryptoError(f"the provisional marks of the PDF could not be read: {exc}") from exc
    return Verdict([replace(_with_updates(check, es, later), signed_sha256=_signed_sha256(pdf, es))
                    for check, es in zip(checks, signatures, strict=True)], timestamps, marks)


def _signed_by_a_root(crl: x509.CertificateRevocationList, trust: TrustStore) -> bool:
    """True when one of the trusted CAs signed ``crl`` (a CRL in the file that none signed is ignored)."""
    for root in trust.roots:
        if root.subject != crl.issuer:
            continue
        try:
            if crl.is_signature_valid(root.public_key()):  # type: ignore[arg-type]
                return True
        except (TypeError, ValueError):
            continue
    return False


def _signed_sha256(pdf: bytes, es: EmbeddedPdfSignature) -> str:
    """SHA-256 of the file up to the end of ``es``'s byte range: the signed file as its signer wrote it."""
    try:
        start, _a, offset, length = (int(v) for v in es.byte_range)
    except (TypeError, ValueError):
        return ""
    return hashlib.sha256(pdf[start:offset + length]).hexdigest() if start == 0 else ""


def _with_updates(check: SignatureCheck, es: EmbeddedPdfSignature, later: list[revisions.Update]) -> SignatureCheck:
    """``check`` with the updates after its signature; one that the signed document does not allow fails it."""
    after = [u for u in later if u.revision > es.signed_revision]
    if not after:
        return check
    refused = tuple(u.describe() for u in after if not u.allowed)
    changes = check.changes
    if all(u.metadata_only for u in after) and changes in (_CHANGES[ModificationLevel.NONE],
                                                          _CHANGES[ModificationLevel.LTA_UPDATES]):
        changes = "the document's metadata changed, not its pages"
    return replace(check, updates=tuple(u.describe() for u in after), refused_updates=refused, changes=changes,
                   ok=check.ok and not refused, changes_allowed=check.changes_allowed and not refused)


def revocation_policy(issuer: bytes, crl_issuers: set[bytes]) -> CertRevTrustPolicy:
    """Check revocation where a CRL from the signer's CA is known; a laptop offline for months still sees it."""
    return _WITH_CRL if issuer in crl_issuers else _WITHOUT_CRL


async def _proven_time(es: EmbeddedPdfSignature, context: _Context,
                       timestamps: list[TimestampCheck]) -> tuple[datetime | None, str]:
    """The earliest trusted time over ``es``: its own signature timestamp, else a document timestamp after it."""
    try:
        timing = await collect_timing_info(es.signer_info, context.at(None, b""), raw_digest=es.compute_digest)
    except (PdfError, ValueError, KeyError, ValueErrorWithMessage):
        timing = {}
    token = timing.get("timestamp_validity")
    if token is not None and token.intact and token.valid and token.trusted:
        return _utc(token.timestamp), "its signature timestamp"
    stamp = pades.covering(es.signed_revision, timestamps)
    return (stamp.time, f"document timestamp {stamp.field}") if stamp is not None else (None, "")


async def _check(es: EmbeddedPdfSignature, context: _Context, timestamps: list[TimestampCheck],
                 at: datetime | None) -> SignatureCheck:
    field = str(es.field_name)
    try:
        cert = x509.load_der_x509_certificate(es.signer_cert.dump())
    except (ValueError, KeyError, ValueErrorWithMessage) as exc:
        return _unreadable(field, f"no readable signer certificate: {exc}")
    proven, proven_by = await _proven_time(es, context, timestamps)
    moment = proven or at
    try:
        status = await async_validate_pdf_signature(es, context.at(moment, cert.issuer.public_bytes()),
                                                    ts_validation_context=context.at(None, b""))
    except (PdfError, ValueError, KeyError) as exc:
        return _unreadable(field, f"the signature could not be checked: {exc}", cert)
    coverage = status.coverage
    level = status.modification_level
    changed = coverage is not SignatureCoverageLevel.ENTIRE_FILE
    intact = bool(status.intact and status.valid)
    claimed = _utc(status.signer_reported_dt or es.self_reported_timestamp)
    trusted = bool(status.trusted)
    return SignatureCheck(
        field=field,
        signer=common_name(cert),
        role=certificate_role(cert),
        issuer=common_name_of(cert.issuer),
        signed_at=claimed,
        intact=intact,
        trusted=trusted,
        revoked=bool(status.revoked),
        self_signed=is_self_signed(cert),
        trust=_trust_label(status, cert, context.trust, moment, proven is not None),
        serial=f"{cert.serial_number:x}",
        ca=_anchor(status) if trusted else "",
        level=pades.level(cert, es.signed_revision, proven is not None, context.data, context.crl_issuers,
                          timestamps),
        proven_time=proven,
        proven_by=proven_by,
        judged_at=moment,
        warnings=pades.warnings(cert, claimed, proven, context.all_crls, at or datetime.now(UTC))
        if trusted else (),
        coverage=_COVERAGE.get(coverage, "unclear") if coverage else "unclear",
        changed_after=changed,
        modification=level.name.lower().replace("_", " ") if level is not None else "unknown",
        changes_allowed=bool(status.docmdp_ok) if changed else True,
        ok=bool(status.bottom_line),
        problem="" if intact else ALTERED,
        changes=_changes(level) if changed else "",
    )


def _changes(level: ModificationLevel | None) -> str:
    """What the updates after a signature did, in words."""
    unknown = "changes that could not be analysed"
    return unknown if level is None else _CHANGES.get(level, unknown)


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment is not None else None


def _anchor(status: PdfSignatureStatus) -> str:
    """The common name of the trusted CA the signer's validation path ends in."""
    try:
        name = status.validation_path.trust_anchor.authority.name if status.validation_path else None
        return str(name.native.get("common_name", "")) if name is not None else ""
    except (AttributeError, ValueError, KeyError):
        return ""


def _trust_label(status: PdfSignatureStatus, cert: x509.Certificate, trust: TrustStore,
                 moment: datetime | None = None, proven: bool = False) -> str:
    if status.revoked:
        when = status.revocation_details.revocation_date if status.revocation_details else None
        before = ", before the proven signing time" if proven else ""
        return f"revoked on {when:%Y-%m-%d}{before}" if when else "revoked"
    if status.trusted:
        return "trusted"
    reason = distrust_reason(cert, trust, moment)
    if reason is not None and " expired on " in reason and not proven:
        return reason + "; no timestamp proves the report was signed before"
    if reason is not None:
        return reason
    indication = str(getattr(status.trust_problem_indic, "name", ""))
    if indication:
        return f"not trusted: {indication.lower().replace('_', ' ')}"
    if not (status.intact and status.valid):
        return f"trust not judged: issued by {common_name_of(cert.issuer)}, but the signature does not match"
    return f"not trusted: the certificate chain from {common_name_of(cert.issuer)} could not be validated"


def _unreadable(field: str, problem: str, cert: x509.Certificate | None = None) -> SignatureCheck:
    return SignatureCheck(
        field=field, signer=common_name(cert) if cert else "?", role=certificate_role(cert) if cert else "",
        issuer=common_name_of(cert.issuer) if cert else "?", signed_at=None, intact=False, trusted=False,
        revoked=False, self_signed=False, trust="unknown", coverage="unclear", changed_after=True,
        modification="unknown", changes_allowed=False, ok=False, problem=problem,
    )
