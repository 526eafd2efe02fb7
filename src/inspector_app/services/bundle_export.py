"""Field → HQ export: the chosen inspections and everything they need, as a signed ``field-report`` bundle.

Everything is read in one database session (one transaction: a consistent snapshot), then written with
``sync.archive.write_bundle`` (see ``docs/bundle-format.md``). Records are one table each, keyed by column
name, dates and timestamps as ISO text. Media files travel as ``media/<sha256>`` (attachment originals,
display copies, handwritten signature images, and the signed PDF of every ``report.sign`` audit event the bundle
carries: a verification or quarterly report, ``services.signature_log``) and each signed inspection report as
``reports/<inspection id>.pdf`` (a rendition signed in a second language as ``reports/<inspection id>.<lang>.pdf``).
With ``encrypt_to``, the file is that ZIP encrypted for HQ's transport certificate (``sync.envelope``).

Audit chains: a peer-merge bundle carries every chain whole; a field-report bundle carries each chain from
the last event the previous field-report bundle carried (kept in the ``bundle.audit_exported`` setting), so
bundles stay small as history grows, and HQ checks each chain from an event it holds (format 2).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_
from sqlmodel import Session, SQLModel, col, select

from inspector_app.crypto import keys, trust
from inspector_app.crypto.certificates import Certificate
from inspector_app.errors import StorageError
from inspector_app.progress import Progress
from inspector_app.services import inspections, signature_log, signing
from inspector_app.storage.bulk import select_in
from inspector_app.storage.models import (
    Answer,
    Asset,
    Attachment,
    AuditEvent,
    Finding,
    FollowUp,
    ImprovementAction,
    Inspection,
    Mission,
    Mou,
    MouLine,
    MouSelfSustainment,
    Person,
    PlannedInspection,
    Setting,
    Signature,
    TemplateRecord,
    Unit,
)
from inspector_app.sync import envelope
from inspector_app.sync.archive import write_bundle
from inspector_app.sync.manifest import BASE_FORMAT, FORMAT, Kind, Manifest
from inspector_app.sync.records import INSPECTION_TABLES, dump, record_files

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

__all__ = ["KIND", "TABLES", "export_bundle"]

KIND: Kind = "field-report"
TABLES = INSPECTION_TABLES
AUDIT_EXPORTED = "bundle.audit_exported"  # setting: device id → seq of the last event sent to HQ, as JSON
Heads = dict[str, int]


def export_bundle(
    ws: Workspace,
    path: str | os.PathLike[str],
    passphrase: str,
    inspection_refs: list[str] | None = None,
    since: datetime | None = None,
    progress: Progress | None = None,
    encrypt_to: Certificate | None = None,
    kind: Kind = KIND,
    full_history: bool = False,
) -> Manifest:
    """Write a signed field-report bundle of the chosen inspections to ``path`` and return its manifest.

    ``kind`` "peer-merge" makes the same bundle for a colleague of the team (``services.team_merge``).
    ``inspection_refs`` are ids or unique prefixes (all inspections when None or empty); ``since`` keeps
    only inspections updated at or after it (a naive datetime is taken as UTC). ``encrypt_to`` is HQ's
    transport certificate: the bundle is then written encrypted for it, the plain ZIP never on disk; it must
    pass ``envelope.check_recipient`` against this installation's trust store (an RSA certificate, valid,
    issued by a trusted CA, not revoked). The recipient and the identity (this laptop's key and certificate)
    are checked first, so a refused certificate, a missing identity or a wrong passphrase is told before any work.
    ``full_history`` sends every audit chain from its first event (when HQ missed an earlier bundle).
    """
    if encrypt_to is not None:
        envelope.check_recipient(encrypt_to, trust.load(ws.data))
    identity = keys.load_identity(ws.data, passphrase)
    with ws.db.read() as session:
        chosen = _chosen(session, inspection_refs, since)
        heads = {} if full_history or kind != KIND else _exported(session)
        records = _collect(session, chosen, heads, ws.db.device_id)
        files = _files(ws, session, records, chosen)
    if progress is not None:
        progress.check()
    events = records[AuditEvent]  # by device, then seq
    starts = {e["device_id"]: e["seq"] for e in reversed(events)}  # the first event of each chain
    segmented = max(starts.values(), default=1) > 1  # readers of format 1 expect every chain from event 1
    manifest = write_bundle(path, kind, record_files(records), files, identity,
                            sender_name=ws.actor, device_id=ws.db.device_id, progress=progress,
                            encrypt_to=encrypt_to, format_=FORMAT if segmented else BASE_FORMAT)
    if kind == KIND:
        sent = {e["device_id"]: e["seq"] for e in events}  # the last event of each chain
        _remember(ws, {**heads, **sent})
    return manifest


def _remember(ws: Workspace, heads: Heads) -> None:
    """Keep what HQ was sent: bookkeeping of the export, not an edit, so not itself an audit event."""
    with ws.db.session() as session:
        row = session.get(Setting, AUDIT_EXPORTED) or Setting(key=AUDIT_EXPORTED, value="")
        row.value = json.dumps(heads, sort_keys=True)
        session.add(row)


def _exported(session: Session) -> Heads:
    """Device id → seq of the last audit event a field-report bundle carried (none: every chain whole)."""
    setting = session.get(Setting, AUDIT_EXPORTED)
    try:
        heads = json.loads(setting.value) if setting else {}
    except ValueError:
        return {}
    valid = isinstance(heads, dict) and all(isinstance(n, int) and n >= 1 for n in heads.values())
    return heads if valid else {}


def _audit_events(session: Session, heads: Heads) -> list[AuditEvent]:
    """Every device's chain, from the event ``heads`` names (the anchor HQ holds) or whole."""
    query = select(AuditEvent)
    if heads:
        query = query.where(or_(col(AuditEvent.device_id).not_in(list(heads)),
                                *(and_(col(AuditEvent.device_id) == device, col(AuditEvent.seq) >= seq)
                                  for device, seq in heads.items())))
    return list(session.exec(query.order_by(col(AuditEvent.device_id), col(AuditEvent.seq))))


def _chosen(session: Session, refs: list[str] | None, since: datetime | None) -> list[Inspection]:
    if refs:
        found: dict[str, Inspection] = {}
        for ref in refs:
            inspection = inspections.find(session, ref)  # NotFound / ambiguous prefix: one clear error
            found[inspection.id] = inspection
        chosen = list(found.values())
    else:
        chosen = list(session.exec(select(Inspection)))
    if since is not None:
        cutoff = _utc_naive(since)
        acted = _acted_on_since(session, cutoff)
        chosen = [i for i in chosen if _utc_naive(i.updated_at) >= cutoff or i.id in acted]
    return sorted(_with_references(session, chosen), key=lambda i: (_utc_naive(i.created_at), i.id))


def _acted_on_since(session: Session, cutoff: datetime) -> set[str]:
    """The inspections whose improvement actions were closed or extended since ``cutoff`` (signed ones too)."""
    changed = [a.finding_id for a in session.exec(select(ImprovementAction)) if _utc_naive(a.updated_at) >= cutoff]
    return {f.inspection_id for f in select_in(session, Finding, Finding.id, changed)}


def _with_references(session: Session, chosen: list[Inspection]) -> list[Inspection]:
    """``chosen`` and every inspection they refer to (amended, or whose findings they follow up), so that
    the bundle imports anywhere on its own."""
    found = {i.id: i for i in chosen}
    todo = list(chosen)
    while todo:
        ids = [i.id for i in todo]
        follow_ups = select_in(session, FollowUp, FollowUp.inspection_id, ids)
        actions = select_in(session, ImprovementAction, ImprovementAction.id, (f.action_id for f in follow_ups))
        findings = select_in(session, Finding, Finding.id, (a.finding_id for a in actions))
        wanted = {f.inspection_id for f in findings} | {i.amends_id for i in todo if i.amends_id}
        todo = select_in(session, Inspection, Inspection.id, wanted - set(found))
        found.update((i.id, i) for i in todo)
    return list(found.values())


def _utc_naive(moment: datetime) -> datetime:
    """Stored timestamps come back naive (UTC); compare everything that way."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment


def _collect(session: Session, chosen: list[Inspection], heads: Heads,
             device: str) -> dict[type[SQLModel], list[Any]]:
    ids = [i.id for i in chosen]
    plans = list(session.exec(select(PlannedInspection).where(PlannedInspection.device_id == device)))  # changed here
    units = select_in(session, Unit, Unit.id, {i.unit_id for i in chosen} | {p.unit_id for p in plans})
    unit_ids = [u.id for u in units]
    mous = select_in(session, Mou, Mou.unit_id, unit_ids)
    mou_ids = [m.id for m in mous]
    findings = select_in(session, Finding, Finding.inspection_id, ids)
    follow_ups = select_in(session, FollowUp, FollowUp.inspection_id, ids)
    actions = {a.id: a for a in select_in(session, ImprovementAction, ImprovementAction.finding_id,
                                          (f.id for f in findings))}
    for action in select_in(session, ImprovementAction, ImprovementAction.id, (f.action_id for f in follow_ups)):
        actions.setdefault(action.id, action)  # the open actions these inspections followed up
    rows: dict[type[SQLModel], list[Any]] = {
        Mission: select_in(session, Mission, Mission.id, (u.mission_id for u in units)),
        Unit: units,
        Mou: mous,
        MouLine: select_in(session, MouLine, MouLine.mou_id, mou_ids),
        MouSelfSustainment: select_in(session, MouSelfSustainment, MouSelfSustainment.mou_id, mou_ids),
        Person: select_in(session, Person, Person.unit_id, unit_ids),
        TemplateRecord: select_in(session, TemplateRecord, TemplateRecord.id, (i.template_pk for i in chosen)),
        Inspection: chosen,
        Answer: select_in(session, Answer, Answer.inspection_id, ids),
        Asset: select_in(session, Asset, Asset.inspection_id, ids),
        Attachment: select_in(session, Attachment, Attachment.inspection_id, ids),
        Finding: findings,
        ImprovementAction: list(actions.values()),
        FollowUp: follow_ups,
        Signature: select_in(session, Signature, Signature.inspection_id, ids),
        PlannedInspection: plans,
        AuditEvent: _audit_events(session, heads),  # this laptop's chain and those merged in from colleagues
    }
    return {model: _dump(model, rows[model]) for model in TABLES}


def _dump(model: type[SQLModel], rows: list[Any]) -> list[dict[str, Any]]:
    if model in (AuditEvent, Inspection):  # already in order: the audit chains, inspections by creation
        return [dump(r) for r in rows]
    return [dump(r) for r in sorted(rows, key=lambda r: r.id)]


def _files(ws: Workspace, session: Session, records: dict[type[SQLModel], list[dict[str, Any]]],
           chosen: list[Inspection]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for row in records[Attachment]:
        for digest in (row["sha256"], row["display_sha256"]):
            if digest:
                files[f"media/{digest}"] = _media(ws, digest, f"the file {row['filename']!r}")
    for row in records[Signature]:
        if row["image_sha256"]:
            files[f"media/{row['image_sha256']}"] = _media(ws, row["image_sha256"],
                                                          f"the signature image of {row['signer_name']}")
    for event in records[AuditEvent]:
        digest = signature_log.document_sha256(event["new_json"]) if event["action"] == signature_log.ACTION else None
        if digest:
            what = f"the signed {signature_log.what(event['entity'])} {event['entity_id']}"
            files[f"media/{digest}"] = _media(ws, digest, what)
    for inspection in chosen:
        # As signing.signed_report per rendition (its latest digital signature's document), read within this
        # session: the first signed rendition as reports/ID.pdf, any other as reports/ID.LANG.pdf.
        query = (select(Signature)
                 .where(Signature.inspection_id == inspection.id, Signature.kind == signing.DIGITAL)
                 .order_by(col(Signature.signed_at), col(Signature.id)))
        documents = {signing.language(s): s.document_sha256 for s in session.exec(query) if s.document_sha256}
        for n, (lang, digest) in enumerate(documents.items()):
            name = inspection.id if n == 0 else f"{inspection.id}.{lang}"
            files[f"reports/{name}.pdf"] = _media(ws, digest, "the signed report")
    return files


def _media(ws: Workspace, digest: str, what: str) -> bytes:
    path = ws.data.media_path(digest)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StorageError(f"cannot export: {what} ({digest[:12]}…) is missing from {ws.data.media}") from exc
