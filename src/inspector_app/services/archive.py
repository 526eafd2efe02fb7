"""HQ archives signed reports: PAdES B-LTA with HQ's own timestamp authority, and renews their timestamps.

A report signed on a laptop proves only what the laptop held (PAdES B-B/B-LT): its signing time is the
laptop's claim. HQ checks each signature against the CAs and CRLs it trusts, then adds, in incremental updates
that leave every signed byte as it was, the validation data and an RFC 3161 document timestamp from HQ's
timestamp authority (``crypto.archive``, ``crypto.tsa``): PAdES B-LTA. A report that does not check (no
signature, altered, untrusted, revoked) is not archived, and the refusal says why.

The authority's key sits in the CA folder under the CA's passphrase, offline like the CA: ``open_authority``
opens it for one command. In HQ's database (``ArchivedReport``), the archived copy of each imported signed report
sits beside the signed one in the media folder, both under their SHA-256: an inspection's report, or a COE
verification report (``services.signed_verifications``; named by its document id, as it has no inspection).
``pending`` lists the signed reports not archived yet (imported without the authority), ``archive_pending``
archives them, ``renew_due`` adds a fresh timestamp to every archived copy whose latest timestamp certificate runs
out within a number of days.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import col, select

from inspector_app.crypto import CryptoError, ca, trust, tsa
from inspector_app.crypto import archive as pades
from inspector_app.crypto.trust import TrustStore
from inspector_app.errors import InspectorError, StorageError, ValidationError
from inspector_app.files import read_file, write_file
from inspector_app.i18n import _
from inspector_app.paths import DataDir
from inspector_app.progress import Progress
from inspector_app.services import attachments, inspections, lookup, signed_verifications, signing
from inspector_app.storage.models import ArchivedReport, Signature

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

RENEW_DAYS = 365  # renew a timestamp whose certificate runs out within this many days


@dataclass(frozen=True)
class Authority:
    """HQ's timestamp authority, open for one command, and the CAs and CRLs HQ trusts."""

    stamper: pades.Stamper
    expires: datetime  # the timestamp certificate's last day
    store: TrustStore


@dataclass(frozen=True)
class Report:
    """A signed report of HQ's database: which inspection (or verification report) and rendition, its file, and
    why it was refused."""

    inspection_id: str | None  # None: a verification report, named by ``document_id``
    lang: str
    signed_sha256: str
    archived_sha256: str | None = None
    reason: str | None = None
    document_id: str | None = None

    def named(self) -> str:
        """How messages name it: its inspection and rendition, or its document id."""
        if self.document_id is not None:
            return _("the verification report {document}").format(document=self.document_id)
        return _("the {lang} report of inspection {inspection}").format(lang=self.lang,
                                                                       inspection=(self.inspection_id or "")[:8])

    def summary(self) -> dict[str, str | None]:
        return {"inspection": self.inspection_id, "document": self.document_id, "lang": self.lang,
                "signed_sha256": self.signed_sha256, "archived_sha256": self.archived_sha256, "reason": self.reason}


@dataclass
class Run:
    """What archiving or renewing did: the reports done, and those refused (with the reason)."""

    done: list[Report] = field(default_factory=list)
    refused: list[Report] = field(default_factory=list)


def open_authority(data: DataDir, folder: Path, passphrase: str) -> Authority:
    """HQ's timestamp authority in the CA ``folder`` (opened with the CA's passphrase), and what every signature
    is checked against before it is archived: this installation's trusted CAs and CRLs, plus the CA folder's
    latest CRL (HQ's freshest word on revocations, which the archived file then carries)."""
    stamper = tsa.stamper(folder, passphrase)
    certificate = tsa.tsa_certificate(folder)
    if certificate is None:  # stamper() found the key: the certificate beside it went missing
        raise CryptoError(_("no timestamp certificate in {folder}; issue one with: inspector hq ca tsa").format(
            folder=folder))
    crl = ca.current_crl(folder)
    store = trust.load(data).plus([], [crl] if crl is not None else [])  # a CRL with no entry is falsy
    return Authority(stamper, certificate.not_valid_after_utc, store)


# -- one file ------------------------------------------------------------------------------------------------
def archive_file(source: Path, output: Path, authority: Authority) -> datetime:
    """Write to ``output`` the signed PDF ``source`` archived (PAdES B-LTA); when its timestamp certificate
    expires. Refused, writing nothing, for a file that does not check or that is archived already."""
    return _rewrite(source, output, lambda pdf: _archived(pdf, authority), _("{file} is not archived: {reason}"))


def renew_file(source: Path, output: Path, authority: Authority) -> datetime:
    """Write to ``output`` the archived PDF ``source`` with a fresh document timestamp; when it expires."""
    return _rewrite(source, output, lambda pdf: _renewed(pdf, authority), _("{file} is not renewed: {reason}"))


def _rewrite(source: Path, output: Path, change: Callable[[bytes], bytes], refusal: str) -> datetime:
    """``change`` applied to the PDF ``source``, written to ``output``; when its latest timestamp expires."""
    pdf = read_file(source, _("the PDF"))
    try:
        changed = change(pdf)
    except (CryptoError, ValidationError) as exc:
        raise type(exc)(refusal.format(file=source.name, reason=exc)) from exc
    write_file(output, changed)
    return _expires(changed)


# -- HQ's database -------------------------------------------------------------------------------------------
def pending(ws: Workspace) -> list[Report]:
    """The signed reports of HQ's database not archived yet: of each inspection's rendition, the latest signed
    file (the one that carries every signature), oldest inspection first; then, of each verification report's
    rendition, its latest signed file (a countersigned file waits again after its provisional one)."""
    with ws.db.read() as session:
        archived = set(session.exec(select(ArchivedReport.signed_sha256)).all())
        query = (select(Signature).where(Signature.kind == signing.DIGITAL, col(Signature.document_sha256).is_not(None))
                 .order_by(col(Signature.signed_at), col(Signature.id)))
        latest: dict[tuple[str, str], str] = {}
        for row in session.exec(query):
            latest[(row.inspection_id, signing.language(row))] = row.document_sha256 or ""
    reports = [Report(inspection, lang, digest) for (inspection, lang), digest in latest.items()]
    reports += [Report(None, r.lang, r.document_sha256, document_id=r.document_id)
                for r in signed_verifications.signed_reports(ws)]
    return [r for r in reports if r.signed_sha256 not in archived]


def archive_pending(ws: Workspace, authority: Authority, progress: Progress | None = None) -> Run:
    """Archive every signed report that waits (``pending``), each in its own transaction; see ``Run``."""
    run = Run()
    waiting = pending(ws)
    for number, report in enumerate(waiting):
        if progress is not None:
            progress.report(number, len(waiting))
        try:
            archived = _archived(_media(ws, report.signed_sha256), authority)
        except (CryptoError, ValidationError, StorageError) as exc:
            run.refused.append(replace(report, reason=str(exc)))
            continue
        digest = _store(ws, archived)
        try:
            with ws.db.session() as session:
                row = ArchivedReport(inspection_id=report.inspection_id, document_id=report.document_id,
                                     lang=report.lang, signed_sha256=report.signed_sha256, archived_sha256=digest,
                                     timestamp_expires=_expires(archived))
                session.add(ws.stamp(row))
                ws.audit(session, "report.archive", "archived_report", row.id, new={
                    "inspection": report.inspection_id, "document": report.document_id, "lang": report.lang,
                    "signed_sha256": report.signed_sha256, "archived_sha256": digest,
                    "timestamp_expires": row.timestamp_expires.isoformat()})
        except ValidationError:  # the session's word for a taken key
            if _is_archived(ws, report.signed_sha256):
                continue  # archived meanwhile by another HQ process: its copy stands (ours stays an unlisted file)
            raise
        run.done.append(replace(report, archived_sha256=digest))
    if progress is not None:
        progress.report(len(waiting), len(waiting))
    return run


def due(ws: Workspace, days: int = RENEW_DAYS) -> list[ArchivedReport]:
    """The archived reports whose latest timestamp certificate runs out within ``days`` days."""
    limit = datetime.now(UTC) + timedelta(days=days)
    with ws.db.read() as session:
        return list(session.exec(select(ArchivedReport).where(col(ArchivedReport.timestamp_expires) <= limit)
                                 .order_by(col(ArchivedReport.timestamp_expires))))


def renew_due(ws: Workspace, authority: Authority, days: int = RENEW_DAYS) -> Run:
    """Add a fresh document timestamp to every archived report ``due`` within ``days``; the new file becomes
    the archived copy (it starts with the previous one). Refused as a whole when the authority's own
    certificate runs out within ``days``: its timestamps would be due again at once."""
    if days < 0:
        raise ValidationError(_("--before must be 0 days or more"))
    if authority.expires <= datetime.now(UTC) + timedelta(days=days):
        raise ValidationError(_(
            "HQ's timestamp certificate itself runs out on {day}, within {days} days: issue a new one first "
            "(inspector hq ca tsa), then renew").format(day=f"{authority.expires:%Y-%m-%d}", days=days))
    run = Run()
    for row in due(ws, days):
        try:
            renewed = _renewed(_media(ws, row.archived_sha256), authority)
        except (CryptoError, ValidationError, StorageError) as exc:
            run.refused.append(_report(row, reason=str(exc)))
            continue
        digest = _store(ws, renewed)
        with ws.db.session() as session:
            here = session.get(ArchivedReport, row.id)
            assert here is not None
            old = {"archived_sha256": here.archived_sha256, "timestamp_expires": here.timestamp_expires.isoformat()}
            here.archived_sha256, here.timestamp_expires = digest, _expires(renewed)
            here.renewals += 1
            session.add(ws.stamp(here))
            ws.audit(session, "report.renew", "archived_report", here.id, old=old, new={
                "archived_sha256": digest, "timestamp_expires": here.timestamp_expires.isoformat()})
        run.done.append(_report(row, archived_sha256=digest))
    return run


def archived(ws: Workspace) -> list[dict[str, object]]:
    """Every archived report of HQ's database, the soonest due for renewal first: inspection, rendition, files,
    when archived, when its latest timestamp certificate runs out, renewals."""
    with ws.db.read() as session:
        rows = session.exec(select(ArchivedReport).order_by(col(ArchivedReport.timestamp_expires))).all()
        return [{"inspection": r.inspection_id, "document": r.document_id, "lang": r.lang,
                 "signed_sha256": r.signed_sha256,
                 "archived_sha256": r.archived_sha256, "archived_at": r.created_at,
                 "timestamp_expires": r.timestamp_expires, "renewals": r.renewals} for r in rows]


def find(ws: Workspace, ref: str, lang: str = "en") -> Report:
    """The signed report ``ref`` names: a verification report (its document id or a unique prefix, any case),
    else the ``lang`` rendition of an inspection's report (its id or a unique prefix)."""
    ids = signed_verifications.document_ids(ws)
    if any(i.lower().startswith(ref.strip().lower()) for i in ids):
        document_id = lookup.unique_prefix(ids, ref, "signed verification report")
        return Report(None, document_id.rsplit("-", 1)[-1].lower(), "", document_id=document_id)
    with ws.db.read() as session:
        return Report(inspections.find(session, ref).id, lang, "")


def archived_copy(ws: Workspace, report: Report) -> bytes | None:
    """The latest archived copy of ``report`` (``find``), or None when it is not archived."""
    chosen = select(ArchivedReport).where(ArchivedReport.document_id == report.document_id) \
        if report.document_id is not None else \
        select(ArchivedReport).where(ArchivedReport.inspection_id == report.inspection_id,
                                     ArchivedReport.lang == report.lang)
    with ws.db.read() as session:
        rows = session.exec(chosen.order_by(col(ArchivedReport.created_at))).all()
    return _media(ws, rows[-1].archived_sha256) if rows else None


def write_copy(output: Path, data: bytes) -> None:
    """Write an archived report (``archived_report``) to ``output``."""
    write_file(output, data)


def _report(row: ArchivedReport, archived_sha256: str | None = None, reason: str | None = None) -> Report:
    return Report(row.inspection_id, row.lang, row.signed_sha256, archived_sha256 or row.archived_sha256, reason,
                  row.document_id)


def _is_archived(ws: Workspace, signed_sha256: str) -> bool:
    with ws.db.read() as session:
        query = select(ArchivedReport.id).where(ArchivedReport.signed_sha256 == signed_sha256)
        return session.exec(query).first() is not None


def _archived(pdf: bytes, authority: Authority) -> bytes:
    if pades.document_timestamps(pdf):
        raise ValidationError(_("the file is archived already (it carries a document timestamp): renew its "
                                "timestamp with: inspector hq renew FILE -o OUT"))
    return pades.archive(pdf, authority.store, authority.stamper)


def _renewed(pdf: bytes, authority: Authority) -> bytes:
    if not pades.document_timestamps(pdf):
        raise ValidationError(_("the file is not archived (it carries no document timestamp): archive it first "
                                "with: inspector hq archive FILE -o OUT"))
    return pades.renew(pdf, authority.store, authority.stamper)


def _expires(pdf: bytes) -> datetime:
    expires = pades.timestamp_expires(pdf)
    if expires is None:
        raise InspectorError("the archived file carries no document timestamp")  # archive() always adds one
    return expires


def _media(ws: Workspace, digest: str) -> bytes:
    try:
        return ws.data.media_path(digest).read_bytes()
    except OSError as exc:
        raise StorageError(_("the signed report {digest}… is missing from {folder}").format(
            digest=digest[:12], folder=ws.data.media)) from exc


def _store(ws: Workspace, pdf: bytes) -> str:
    digest = hashlib.sha256(pdf).hexdigest()
    attachments.write_media(ws, digest, pdf)
    return digest
