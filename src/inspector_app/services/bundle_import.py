"""Apply a checked inspection bundle to this database: HQ's ``field-report`` import and the team merge.

Everything happens in one transaction: the bundle applies whole or not at all, and a bundle applied once
(its id is recorded) changes nothing the second time. The merge rules (``docs/bundle-format.md``) are decided
record by record in ``sync.merge``; this module looks up the facts they need and applies their decisions. The
bundle's records are checked into plain values (``sync.records.check_tables``); the records new here are written
with one bulk insert per table (``storage.bulk.insert_rows``: COPY on PostgreSQL), the held ones are merged:

- **Reference records** (missions, units, MOUs, rosters, templates) are added when missing; a local copy
  that differs, or a local record with the same natural key, is kept (HQ owns reference data and sends it in
  reference packages). A template or mission already here under another id is the same record.
- **Answers** merge per item by their version vectors (``sync.clock``): a later edit replaces an earlier
  one, an earlier one is ignored, and concurrent edits that differ become a ``Conflict`` for a person to
  resolve (the local answer stands meanwhile). An inspection signed elsewhere replaces an unsigned copy;
  a signed one must come with its signature and signed report (``services.bundle_checks``).
- **A signed inspection is never altered**: an unsigned copy of it (made before the signing, or by a
  colleague who had not merged it yet) is ignored and reported; a bundle that claims different signed work
  is refused. Only new signatures and the move from signed to exported are taken.
- **Other records** (assets, photos, findings, improvement actions, follow-ups, signatures) are added when
  missing; one that differs is updated when the bundle's edit was made knowing ours (the sender's copy of the
  audit log of our version's writer reaches that edit), otherwise the local one is kept and the result says so.
  A photo or asset removed on either side stays removed (its removal is in the audit logs).
- **Registered items**: an asset whose serial its line holds here under another id is that asset, never a
  second one. The count of a registered line with assets on either side is derived: never a conflict, it is
  rewritten from the merged assets (``services.assets.line_count``) as a new edit of this device.
- **Audit events**: every device's chain must be unbroken from event 1, or from an event whose predecessor is
  held here with the hash the bundle's first event names (a bundle carries each chain since the sender's last
  one); the sender's own must agree with the one held here. A third device's chain that disagrees, or that
  starts after events not held here, is left out and reported.
- **Signed reports outside inspections** (``services.signature_log``): every ``report.sign`` event of the chains
  taken names a signed PDF by its SHA-256; that file must be in the bundle (``media/<sha256>``) or here already.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session, SQLModel, select

from inspector_app import gc_pause
from inspector_app.domain.workflow import Status
from inspector_app.errors import StorageError
from inspector_app.progress import Progress
from inspector_app.services import assets, attachments, bundle_checks, planning, signature_log
from inspector_app.storage import audit, locks
from inspector_app.storage.bulk import insert_rows, select_in
from inspector_app.storage.models import (
    Answer,
    Asset,
    Attachment,
    AuditEvent,
    Conflict,
    Finding,
    FollowUp,
    ImportedBundle,
    ImprovementAction,
    Inspection,
    Mission,
    Mou,
    MouLine,
    Person,
    PlannedInspection,
    Signature,
    TemplateRecord,
    Unit,
)
from inspector_app.sync import BundleError, clock, merge
from inspector_app.sync.archive import Bundle
from inspector_app.sync.manifest import canonical_json
from inspector_app.sync.merge import Action, Reason, Standing
from inspector_app.sync.records import INSPECTION_TABLES, REFERENCE_DATA, check_tables, fields, table_name

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

__all__ = ["ImportResult", "apply_bundle", "close_superseded"]

_CHILDREN: tuple[type[SQLModel], ...] = (Asset, Attachment, Finding, ImprovementAction, FollowUp, Signature)
_REMOVALS = {"attachment": ("attachment.remove", ("filename",)),  # table → the audit action and what it names
             "asset": ("asset.delete", ("line_no", "serial", "condition"))}


@dataclass
class ImportResult:
    """What one bundle did to the database, table by table."""

    bundle_id: str
    kind: str
    sender: str
    created_at: datetime
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # table → added/updated/unchanged/kept
    conflicts: int = 0
    media: int = 0
    notes: list[str] = field(default_factory=list)
    already_imported: datetime | None = None

    def count(self, table: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts.setdefault(table, Counter())[outcome] += n

    def summary(self) -> dict[str, Any]:
        """JSON-ready: what ``--json`` prints and what the import record keeps."""
        return {
            "bundle_id": self.bundle_id, "kind": self.kind, "sender": self.sender,
            "created_at": self.created_at.isoformat(),
            "already_imported": self.already_imported.isoformat() if self.already_imported else None,
            "counts": {t: dict(sorted(c.items())) for t, c in sorted(self.counts.items())},
            "conflicts": self.conflicts, "media": self.media, "notes": self.notes,
        }


@gc_pause.paused()
def apply_bundle(ws: Workspace, bundle: Bundle, file_sha256: str, progress: Progress | None = None) -> ImportResult:
    """Merge ``bundle`` (already read and verified) into ``ws``'s database, whole or not at all."""
    manifest = bundle.manifest
    result = ImportResult(str(manifest.bundle_id), manifest.kind, manifest.sender.name, manifest.created_at)
    written: list[str] = []  # media files this import wrote: removed again if it fails
    try:
        with ws.db.session() as session:
            locks.hold(session, "inspector:bundle-import")  # one import at a time
            before = session.get(ImportedBundle, result.bundle_id)
            if before is not None:
                result.already_imported = before.imported_at
                return result
            try:
                _Merge(ws, session, bundle, result, progress, written).run()
            except (IntegrityError, DataError) as exc:  # a flush: a reference that leads nowhere, a taken key
                raise BundleError(f"the bundle is refused: its records do not fit the records here "
                                  f"({_first_line(exc.orig)}); nothing was imported") from None
            session.add(ImportedBundle(
                id=result.bundle_id, kind=manifest.kind, sender=manifest.sender.name,
                certificate_sha256=manifest.sender.certificate_sha256, source_device=manifest.source_device,
                created_at=manifest.created_at, file_sha256=file_sha256,
                summary_json=canonical_json(result.summary()).decode()))
            ws.audit(session, "bundle.import", "bundle", result.bundle_id, new=result.summary())
    except BaseException:
        for digest in written:
            ws.data.media_path(digest).unlink(missing_ok=True)
        raise
    return result


def close_superseded(ws: Workspace, session: Session, answer: Answer) -> int:
    """Close the open conflicts of ``answer`` whose other version its vector now covers; audited.

    Inside the caller's transaction: for the services that write an answer (this import, ``conflicts``)."""
    mine = clock.parse(answer.clock)
    closed = 0
    for conflict in session.exec(select(Conflict).where(
            Conflict.inspection_id == answer.inspection_id, Conflict.key == answer.key, Conflict.status == "open")):
        if merge.superseded(clock.parse(conflict.theirs_clock), mine):
            conflict.status, conflict.resolution, conflict.resolved_by = "resolved", "superseded", ws.actor
            session.add(ws.stamp(conflict))
            ws.audit(session, "conflict.superseded", "conflict", conflict.id, new={"key": answer.key})
            closed += 1
    return closed


class _Merge:
    """One bundle's merge, inside the caller's transaction: ``sync.merge`` decides, this applies."""

    def __init__(self, ws: Workspace, session: Session, bundle: Bundle, result: ImportResult,
                 progress: Progress | None, written: list[str]) -> None:
        self.ws, self.session, self.bundle, self.result, self.progress = ws, session, bundle, result, progress
        self.written = written
        self.tables = check_tables(bundle.records, INSPECTION_TABLES)  # checked values; new ones bulk-inserted
        self.incoming = {r.id: r for r in self.tables[Inspection]}
        self.local: dict[str, Any] = {}  # every inspection the bundle's records touch, as held here (or new)
        self.standing: dict[str, Standing] = {}  # of those, where each stands in this merge
        self.added: set[str] = set()  # the inspections new here: their answers are new too, nothing to merge
        self.media: set[str] = set()  # hashes the merged records need in the media folder
        self.held_events: dict[str, dict[int, str]] = {}  # device → seq → hash, as held here
        self.logged: list[AuditEvent] = []  # the events of the chains taken (added or held already)
        self.removed_here: set[str] = set()  # photos and assets removed in this database
        self.derived: dict[str, dict[str, int]] = {}  # inspection → count key → its line (``_derived``)

    def run(self) -> None:
        steps = (self._audit, self._remap, self._reference, self._inspections, self._plans, self._answers,
                 self._children, self._counts, self._reports, self._signed_documents, self._media)
        for done, step in enumerate(steps, 1):
            step()
            self.session.flush()
            if self.progress is not None:
                self.progress.report(done, len(steps))

    # -- audit chains --------------------------------------------------------------------------------------
    def _audit(self) -> None:
        events: dict[str, list[AuditEvent]] = {}
        for event in self.tables[AuditEvent]:
            events.setdefault(event.device_id, []).append(event)
        sender = self.bundle.manifest.source_device
        for device, chain in events.items():
            chain.sort(key=lambda e: e.seq)
            first = chain[0]
            broken = audit.broken_at(chain, first.prev_hash if first.seq > 1 else audit.GENESIS)
            held = self.held_events[device] = dict(self.session.exec(
                select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.device_id == device)).all())
            decision = merge.audit_chain([(e.seq, e.hash, e.prev_hash) for e in chain], held,
                                         broken=broken is not None, own=device in (sender, self.ws.db.device_id),
                                         this_device=device == self.ws.db.device_id)
            if decision.action is Action.REFUSE:
                raise BundleError(_chain_refusal(decision.reason, device, first.seq, held, broken))
            if decision.action is Action.IGNORE:
                self.result.notes.append(_chain_note(decision.reason, device, first.seq))
                continue
            self.logged += chain
            new = [e for e in chain if e.seq not in held]
            self._insert(AuditEvent, new)
            self.result.count(table_name(AuditEvent), "added", len(new))
            self.result.count(table_name(AuditEvent), "unchanged", len(chain) - len(new))

    # -- reference records ---------------------------------------------------------------------------------
    def _remap(self) -> None:
        """Templates and missions already here under another id are the same records: use the local id."""
        templates: dict[str, str] = {}
        for row in self.tables[TemplateRecord]:
            here = self.session.exec(select(TemplateRecord).where(
                TemplateRecord.template_id == row.template_id, TemplateRecord.version == row.version)).first()
            if here is None:
                bundle_checks.check_template(row)
            elif here.id != row.id:
                if merge.template_version(here.sha256, row.sha256, strict=True).action is Action.REFUSE:
                    raise BundleError(f"the bundle is refused: its template {row.template_id} version "
                                      f"{row.version} differs from the one installed here")
                templates[row.id] = here.id
                row.id = here.id
        for inspection in self.tables[Inspection]:
            inspection.template_pk = templates.get(inspection.template_pk, inspection.template_pk)
        missions: dict[str, str] = {}
        for row in self.tables[Mission]:
            mission = self.session.exec(select(Mission).where(Mission.code == row.code)).first()
            if mission is not None and mission.id != row.id:
                missions[row.id] = mission.id
                row.id = mission.id
        for unit in self.tables[Unit]:
            unit.mission_id = missions.get(unit.mission_id, unit.mission_id)

    def _reference(self) -> None:
        for model in REFERENCE_DATA:
            rows = self.tables[model]
            held = {r.id: r for r in select_in(self.session, model, _id(model), (r.id for r in rows))}
            taken = self._natural_keys(model, [r for r in rows if r.id not in held])
            new = []
            for row in rows:
                here = held.get(row.id)
                decision = merge.reference_copy(None if here is None else fields(here), fields(row),
                                                key_taken=_natural_key(model, row) in taken)
                if decision.action is Action.INSERT:
                    new.append(row)
                self.result.count(table_name(model), decision.outcome)
            self._insert(model, new)  # any other key taken by another record fails here, on this table

    def _natural_keys(self, model: type[SQLModel], rows: list[Any]) -> set[tuple[Any, ...]]:
        """The natural keys of ``rows`` that records here already hold under other ids."""
        if model is Mou:  # one version number per unit's MOU
            held = select_in(self.session, Mou, Mou.unit_id, {r.unit_id for r in rows})
        elif model is MouLine:
            held = select_in(self.session, MouLine, MouLine.mou_id, {r.mou_id for r in rows})
        elif model is Person:
            held = select_in(self.session, Person, Person.unit_id, {r.unit_id for r in rows})
        else:
            return set()
        return {_natural_key(model, r) for r in held}

    # -- inspections and answers ---------------------------------------------------------------------------
    def _inspections(self) -> None:
        owners = self._owners()
        self.local = {r.id: r for r in select_in(self.session, Inspection, Inspection.id, owners)}
        self.standing = {i: merge.standing(here.status, getattr(self.incoming.get(i), "status", None))
                         for i, here in self.local.items()}
        rows = _amended_first(self.tables[Inspection])
        bundle_checks.check_signed_claims(self.ws, self.session, self.bundle, self.tables,
                                          [r for r in rows if merge.locked(r.status) and not self._locked_here(r.id)])
        bundle_checks.check_answers(self.session, self.tables, self.local)
        table = table_name(Inspection)
        new = []
        for row in rows:
            here = self.local.get(row.id)
            decision = merge.inspection(None if here is None else fields(here), fields(row), self._where(row.id))
            if decision.action is Action.REFUSE:
                assert here is not None
                raise _signed_refusal(here, "its details")
            if decision.action is Action.INSERT:
                new.append(row)
                self.local[row.id] = row
                self.added.add(row.id)
            elif decision.action is Action.UPDATE:
                assert here is not None
                _copy(row, here)
            elif decision.reason is Reason.SIGNED:
                self.result.notes.append(f"inspection {row.id[:8]} is signed here: the bundle's unsigned copy of "
                                         "it was left out")
            self.result.count(table, decision.outcome)
        self._insert(Inspection, new)  # each after the one it amends

    def _plans(self) -> None:  # the later edit wins, a start wins, a plan started here keeps its link
        plans = [PlannedInspection(**row.model_dump()) for row in self.tables[PlannedInspection]]
        for outcome, n in planning.merge(self.session, plans).items():
            self.result.count(table_name(PlannedInspection), outcome, n)

    def _where(self, inspection_id: str) -> Standing:
        return self.standing.get(inspection_id, Standing.OPEN)

    def _locked_here(self, inspection_id: str) -> bool:
        return self._where(inspection_id) in (Standing.SIGNED_HERE, Standing.UNSIGNED_COPY)

    def _owners(self) -> set[str]:
        """Every inspection the bundle's records belong to, as they say and as the copies here say."""
        owners = set(self.incoming)
        for model in (Answer, Asset, Attachment, Finding, FollowUp, Signature):
            rows = self.tables[model]
            owners.update(r.inspection_id for r in rows)
            owners.update(r.inspection_id for r in select_in(self.session, model, model.id, (r.id for r in rows)))
        return owners

    def _answers(self) -> None:
        """The answers of inspections new here are added whole (one bulk insert: ``merge.answer`` inserts what
        is not held, and nothing of theirs is); the others merge one by one."""
        rows = [r for r in self.tables[Answer] if r.inspection_id not in self.added]
        new = [r for r in self.tables[Answer] if r.inspection_id in self.added]
        self.result.count("answer", "added", len(new))
        held = {(a.inspection_id, a.key): a
                for a in select_in(self.session, Answer, Answer.inspection_id, {r.inspection_id for r in rows})}
        self.derived = self._derived()
        for row in rows:
            here = held.get((row.inspection_id, row.key))
            decision = merge.answer(None if here is None else _version(here), _version(row),
                                    self._where(row.inspection_id),
                                    derived=row.key in self.derived.get(row.inspection_id, {}))
            if decision.action is Action.REFUSE:
                raise _signed_refusal(self.local[row.inspection_id], f"the answer to {row.key}")
            if decision.action is Action.INSERT:
                new.append(row)
            elif here is None:
                pass  # the answer of an inspection signed here, left out with it
            elif decision.action is Action.UPDATE:
                self._take(here, row, decision.clock)
                continue
            elif decision.action is Action.CONFLICT:
                self._conflict(here, row)
            elif decision.clock is not None:  # the same answer: what each side knew of it, together
                here.clock = clock.dumps(decision.clock)
                close_superseded(self.ws, self.session, here)
            self.result.count("answer", decision.outcome)
        self._insert(Answer, new)
        incoming = {(r.inspection_id, r.key) for r in rows}
        for (inspection_id, key), here in held.items():
            if (inspection_id, key) in incoming:
                continue
            decision = merge.absent_answer(_version(here), self._where(inspection_id))
            if decision.action is Action.UPDATE:
                self.result.notes.append(f"the answer to {key} in inspection {inspection_id[:8]} was withdrawn: "
                                         "the inspection was signed elsewhere without it")
                self._take(here, None, decision.clock)

    def _derived(self) -> dict[str, dict[str, int]]:
        """The count answers that derive from assets (inspection → count key → line): of each open inspection,
        its registered lines that hold assets here or in the bundle, before this merge."""
        open_ = {i for i in self.local if self._where(i) is Standing.OPEN}
        rows = [*self.tables[Asset], *select_in(self.session, Asset, Asset.inspection_id, open_)]
        lines = {(a.inspection_id, a.line_no) for a in rows if a.inspection_id in open_}
        derived: dict[str, dict[str, int]] = {}
        for inspection_id in {i for i, _ in lines}:
            keys = assets.count_keys(self.ws, self.session, self.local[inspection_id])
            derived[inspection_id] = {key: n for key, n in keys.items() if (inspection_id, n) in lines}
        return derived

    def _counts(self) -> None:
        """Each derived count rewritten from the merged assets, as a new edit that follows both versions."""
        for inspection_id, keys in sorted(self.derived.items()):
            for key, here, value in assets.stale_counts(self.ws, self.session, self.local[inspection_id],
                                                        set(keys.values())):
                if here is None:
                    here = Answer(inspection_id=inspection_id, key=key, revision=0)
                    self.session.add(here)
                version = Answer(inspection_id=inspection_id, key=key, remark=here.remark,
                                 value_json=None if value is None else json.dumps(value), answered_by=self.ws.actor,
                                 revision=here.revision + 1, base_revision=here.revision)
                self.ws.stamp(version)
                self._take(here, version, clock.tick(clock.parse(here.clock), self.ws.db.device_id))
                self.result.notes.append(f"the count {key} in inspection {inspection_id[:8]} was recomputed from "
                                         "the merged assets")

    def _take(self, here: Answer, row: Answer | None, merged: clock.Clock | None) -> None:
        """Their version of the answer (None: withdrawn) with the ``merged`` vector, audited on this device."""
        old = {"value_json": here.value_json, "remark": here.remark}
        here.value_json = None if row is None else row.value_json
        if row is not None:
            here.remark, here.answered_by = row.remark, row.answered_by
            here.revision, here.base_revision = max(here.revision, row.revision), row.base_revision
            here.device_id, here.updated_at = row.device_id, row.updated_at
        if merged is not None:
            here.clock = clock.dumps(merged)
        self.ws.audit(self.session, "answer.merge", "answer", here.id, old=old,
                      new={"value_json": here.value_json, "remark": here.remark, "bundle": self.result.bundle_id})
        close_superseded(self.ws, self.session, here)
        self.result.count("answer", "updated")

    def _conflict(self, here: Answer, row: Answer) -> None:
        open_ = self.session.exec(select(Conflict).where(
            Conflict.inspection_id == here.inspection_id, Conflict.key == here.key, Conflict.status == "open",
            Conflict.theirs_clock == row.clock)).first()
        if open_ is not None:
            return
        conflict = Conflict(inspection_id=here.inspection_id, key=here.key, theirs_json=row.value_json,
                            theirs_remark=row.remark, theirs_by=row.answered_by, theirs_device=row.device_id,
                            theirs_clock=row.clock, bundle_id=self.result.bundle_id)
        self.session.add(self.ws.stamp(conflict))
        self.ws.audit(self.session, "conflict.open", "conflict", conflict.id, new={
            "inspection": here.inspection_id, "key": here.key, "mine": here.value_json, "theirs": row.value_json,
            "theirs_by": row.answered_by})
        self.result.conflicts += 1

    # -- photos, findings, actions, follow-ups, signatures ------------------------------------------------
    def _children(self) -> None:
        findings = {f.id: f.inspection_id for f in self.tables[Finding]}
        self._removals()
        serials = {_serial_key(a): a for a in select_in(self.session, Asset, Asset.inspection_id,
                                                        {r.inspection_id for r in self.tables[Asset]})}
        for model in _CHILDREN:
            rows = self.tables[model]
            table = table_name(model)
            held = {r.id: r for r in select_in(self.session, model, _id(model), (r.id for r in rows))}
            new = []
            for row in rows:
                here = held.get(row.id)
                owner = getattr(row, "inspection_id", None) or findings.get(getattr(row, "finding_id", ""), "")
                decision = merge.child(None if here is None else fields(here), fields(row), self._where(owner),
                                       removed_here=row.id in self.removed_here,
                                       knowing=_asked(self._later_edit, here, row), signature=model is Signature)
                twin = row  # an asset held here under another id is the same asset
                if model is Asset and decision.action is Action.INSERT:
                    twin = serials.setdefault(_serial_key(row), row)
                if twin is not row:
                    decision = merge.same_serial(fields(twin), fields(row))
                    self._same_serial(twin, row, decision)
                if decision.action is Action.REFUSE and decision.reason is Reason.MOVED:
                    raise BundleError(f"the bundle is refused: it moves {table} {row.id[:8]} to another record")
                if decision.action is Action.REFUSE:
                    what = f"{table} {row.id[:8]}" if here is not None else f"a new {table} record"
                    raise _signed_refusal(self.local[owner], what)
                if decision.action is Action.INSERT:
                    new.append(row)
                    self._needs(model, row)
                elif decision.action is Action.UPDATE:
                    assert here is not None
                    _copy(row, here)
                    self._needs(model, row)
                elif decision.reason is Reason.REMOVED:
                    self.result.notes.append(f"{table} {row.id[:8]} was removed here: it stays removed")
                elif decision.reason is Reason.LOCAL:
                    self.result.notes.append(f"{table} {row.id[:8]} was also changed here: the copy here was kept")
                self.result.count(table, decision.outcome)
            self._insert(model, new)

    def _removals(self) -> None:
        """Photos and assets removed on one side stay removed on the other (their removal is in the audit logs)."""
        incoming = {r.id for model in (Attachment, Asset) for r in self.tables[model]}
        inspections = {r.id for r in self.tables[Inspection] if not self._locked_here(r.id)}
        held = [*select_in(self.session, Attachment, Attachment.inspection_id, inspections),
                *select_in(self.session, Asset, Asset.inspection_id, inspections)]
        here_events = select_in(self.session, AuditEvent, AuditEvent.entity_id, incoming | {r.id for r in held})
        self.removed_here = merge.removed(  # as held before this import added events
            (e.action, e.entity_id) for e in here_events
            if e.device_id not in self.held_events or e.seq in self.held_events[e.device_id])
        removed_there = merge.removed((e.action, e.entity_id) for e in self.tables[AuditEvent])
        for row in held:
            decision = merge.removal(carried=row.id in incoming, removed_there=row.id in removed_there,
                                     removed_here=row.id in self.removed_here)
            if decision.action is Action.REMOVE:
                table = table_name(type(row))
                action, named = _REMOVALS[table]
                self.session.delete(row)
                self.ws.audit(self.session, action, table, row.id,
                              old={**{name: getattr(row, name) for name in named}, "bundle": self.result.bundle_id})
                self.result.count(table, decision.outcome)

    def _same_serial(self, here: Asset, row: Asset, decision: merge.Decision) -> None:
        """Say so when a colleague's copy of an asset held here says otherwise."""
        if decision.reason is Reason.LOCAL:
            self.result.notes.append(
                f"asset {row.serial} on line {row.line_no} of inspection {row.inspection_id[:8]} is "
                f"{_condition(row)} in the bundle: the copy here was kept ({_condition(here)}); correct it with "
                "'inspector inspections asset' if need be")

    def _later_edit(self, here: Any, row: Any) -> bool:
        """True when theirs was made knowing ours (``merge.made_knowing``), from the audit logs."""
        mine, theirs = here.device_id, row.device_id
        if not mine or not theirs:
            return False
        events = self.tables[AuditEvent]
        return merge.made_knowing(
            known=max((e.seq for e in events if e.device_id == mine), default=0),
            ours=self._last_edit(mine, row.id),
            theirs=max((e.seq for e in events if e.device_id == theirs and e.entity_id == row.id), default=0),
            theirs_held=self._last_edit(theirs, row.id))

    def _last_edit(self, device: str, entity_id: str) -> int:
        """The last event of ``device`` about the record that this database held before the import."""
        query = select(func.max(AuditEvent.seq)).where(AuditEvent.device_id == device,
                                                        AuditEvent.entity_id == entity_id)
        if device in self.held_events:  # the chain may have grown in this import: only what was held before
            query = query.where(AuditEvent.seq <= max(self.held_events[device], default=0))
        return self.session.exec(query).one() or 0

    def _insert(self, model: type[SQLModel], rows: list[Any]) -> None:
        """New records of ``model`` (checked values), written in one bulk insert."""
        insert_rows(self.session, model.__table__, [vars(row) for row in rows])  # type: ignore[attr-defined]

    def _needs(self, model: type[SQLModel], row: Any) -> None:
        if model is Attachment:
            self.media.update(h for h in (row.sha256, row.display_sha256) if h)
        elif model is Signature and row.image_sha256:
            self.media.add(row.image_sha256)

    def _reports(self) -> None:
        documents = {(s.inspection_id, s.document_sha256) for s in self.tables[Signature] if s.document_sha256}
        for path in self.bundle.paths:
            if not path.startswith("reports/"):
                continue
            inspection_id = path.removeprefix("reports/").split(".")[0]  # ID.pdf, or ID.LANG.pdf
            data = self.bundle.read(path)
            digest = hashlib.sha256(data).hexdigest()
            if (inspection_id, digest) not in documents:
                raise BundleError(f"the bundle is refused: {path} is not the report its signatures name")
            self._store(digest, data)

    def _signed_documents(self) -> None:
        """The signed PDF of every report signature the audit logs taken record: the file its event names by
        SHA-256, from the bundle or held here already."""
        for event in self.logged:
            if event.action != signature_log.ACTION:
                continue
            what = f"the signed {signature_log.what(event.entity)} {event.entity_id}"
            digest = signature_log.document_sha256(event.new_json)
            if digest is None:
                raise BundleError(f"the bundle is refused: its audit log records {what} without the SHA-256 of "
                                  "its file; nothing was imported")
            if f"media/{digest}" in self.bundle.paths:  # the reader checked that a media file's name is its hash
                self._store(digest, self.bundle.media(digest))
            elif not self.ws.data.media_path(digest).is_file():
                raise BundleError(f"the bundle is refused: it lacks {what} (media/{digest[:12]}…) that its audit "
                                  "log records; nothing was imported")

    def _media(self) -> None:
        for digest in sorted(self.media):
            if self.ws.data.media_path(digest).is_file():
                continue
            if f"media/{digest}" not in self.bundle.paths:
                raise BundleError(f"the bundle is refused: it lacks the file media/{digest} that its records need")
            self._store(digest, self.bundle.media(digest))

    def _store(self, digest: str, data: bytes) -> None:
        """Media are written before the commit, and removed again if the import fails."""
        if self.ws.data.media_path(digest).is_file():
            return
        try:
            attachments.write_media(self.ws, digest, data)
        except StorageError as exc:
            raise BundleError(f"cannot import the bundle: {exc}") from exc
        self.written.append(digest)
        self.result.media += 1


def _gap(device: str, first: int, held: dict[int, str]) -> str:
    have = f"only events 1 to {max(held)} are" if held else "none of its events is"
    return (f"the bundle is refused: it continues the audit log of device {device[:8]} from event {first}, but "
            f"{have} held here: import the bundles made before it first, or ask for a bundle exported with "
            "--full-history")


def _chain_refusal(reason: Reason, device: str, first: int, held: dict[int, str], broken: int | None) -> str:
    if reason is Reason.BROKEN:
        return (f"the bundle is refused: the audit log of device {device[:8]} is broken at event {broken} "
                "(missing, unlinked or altered)")
    if reason is Reason.GAP:
        return _gap(device, first, held)
    if reason is Reason.REWRITTEN:
        return (f"the bundle is refused: its audit log of device {device[:8]} disagrees with the one held here "
                "(history was rewritten)")
    return "the bundle is refused: it holds audit events of this installation that it never wrote"


def _chain_note(reason: Reason, device: str, first: int) -> str:
    if reason is Reason.GAP:
        return (f"the audit log of device {device[:8]} in the bundle starts at event {first}, after events not "
                "held here: it was left out")
    return f"the audit log of device {device[:8]} in the bundle disagrees with the one held here: it was left out"


def _id(model: type[SQLModel]) -> Any:
    """The id column of a record table."""
    return model.id  # type: ignore[attr-defined]


def _version(answer: Answer) -> merge.Version:
    return merge.Version(answer.value_json, answer.remark, clock.parse(answer.clock))


def _asked(question: Callable[[Any, Any], bool], here: Any, row: Any) -> Callable[[], bool]:
    """``question(here, row)``, asked only when a rule needs the answer (it reads the audit log)."""
    return lambda: here is not None and question(here, row)


def _condition(row: Asset) -> str:
    return f"{row.condition}, {row.remark!r}" if row.remark else row.condition


def _serial_key(row: Asset) -> tuple[str, int, str]:
    """What identifies an asset: its inspection, line and serial."""
    return (row.inspection_id, row.line_no, row.serial)


def _natural_key(model: type[SQLModel], row: Any) -> tuple[Any, ...]:
    if model is Mou:
        return ("mou", row.unit_id, row.version)
    if model is MouLine:
        return ("mouline", row.mou_id, row.line_no)
    if model is Person:
        return ("person", row.unit_id, row.id_number)
    return ("id", row.id)


def _amended_first(rows: Iterable[Inspection]) -> list[Inspection]:
    """Inspections in an order where each comes after the inspection it amends (foreign keys)."""
    pending = list(rows)
    ids = {r.id for r in pending}
    placed: list[Inspection] = []
    done: set[str] = set()
    while pending:
        ready = [r for r in pending if r.amends_id is None or r.amends_id not in ids or r.amends_id in done]
        if not ready:
            raise BundleError("the bundle is refused: its inspections amend each other in a circle")
        placed.extend(ready)
        done.update(r.id for r in ready)
        pending = [r for r in pending if r.id not in done]
    return placed


def _copy(source: SQLModel, target: SQLModel) -> None:
    for name in type(target).model_fields:
        if name != "id":
            setattr(target, name, getattr(source, name))


def _signed_refusal(inspection: Inspection, what: str) -> BundleError:
    return BundleError(f"the bundle is refused: inspection {inspection.id[:8]} is {Status(inspection.status).label} "
                       f"here and cannot be changed, but the bundle changes {what}; nothing was imported")


def _first_line(error: object) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
