"""Apply a checked inspection bundle to this database: HQ's ``field-report`` import and the team merge.

Everything happens in one transaction: the bundle applies whole or not at all, and a bundle applied once
(its id is recorded) changes nothing the second time. The merge rules (``docs/bundle-format.md``):

- **Reference records** (missions, units, MOUs, rosters, templates) are added when missing; a local copy
  that differs is kept (HQ owns reference data, and sends it in reference packages). A template or mission
  already here under another id (same template id and version, same mission code) is the same record.
- **Answers** merge per item by their version vectors (``sync.clock``): a later edit replaces an earlier
  one, an earlier one is ignored, and concurrent edits that differ become a ``Conflict`` for a person to
  resolve (the local answer stands meanwhile). An inspection signed elsewhere replaces an unsigned copy.
- **A signed inspection is never altered**: a bundle that would change it is refused; only new signatures
  and the move from signed to exported are taken. An older copy of it (from an earlier bundle) is ignored.
- **Other records** (photos, findings, improvement actions, follow-ups, signatures) are added when missing;
  one that differs is updated only by a later write of the same device, otherwise the local one is kept
  and the result says so.
- **Audit events** of every device must form unbroken chains that agree with the ones already here.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from inspector_app.domain.workflow import LOCKED, Status
from inspector_app.errors import StorageError
from inspector_app.progress import Progress
from inspector_app.services import attachments
from inspector_app.storage import audit
from inspector_app.storage.bulk import select_in
from inspector_app.storage.models import (
    Answer,
    Attachment,
    AuditEvent,
    Conflict,
    Finding,
    FollowUp,
    ImportedBundle,
    ImprovementAction,
    Inspection,
    Mission,
    Signature,
    TemplateRecord,
    Unit,
)
from inspector_app.sync import BundleError, clock
from inspector_app.sync.archive import Bundle
from inspector_app.sync.manifest import canonical_json
from inspector_app.sync.records import INSPECTION_TABLES, REFERENCE_TABLES, parse_tables, same, table_name, utc

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

__all__ = ["ImportResult", "apply_bundle"]

_RANK = {status: rank for rank, status in enumerate(Status)}
_CHILDREN: tuple[type[SQLModel], ...] = (Attachment, Finding, ImprovementAction, FollowUp, Signature)


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


def apply_bundle(ws: Workspace, bundle: Bundle, file_sha256: str, progress: Progress | None = None) -> ImportResult:
    """Merge ``bundle`` (already read and verified) into ``ws``'s database, whole or not at all."""
    manifest = bundle.manifest
    result = ImportResult(str(manifest.bundle_id), manifest.kind, manifest.sender.name, manifest.created_at)
    with ws.db.session() as session:
        before = session.get(ImportedBundle, result.bundle_id)
        if before is not None:
            result.already_imported = before.imported_at
            return result
        try:
            _Merge(ws, session, bundle, result, progress).run()
        except IntegrityError as exc:  # a flush of the merge: a reference that leads nowhere, a taken key
            raise BundleError(f"the bundle is refused: its records do not fit the records here "
                              f"({_first_line(exc.orig)}); nothing was imported") from None
        session.add(ImportedBundle(
            id=result.bundle_id, kind=manifest.kind, sender=manifest.sender.name,
            certificate_sha256=manifest.sender.certificate_sha256, source_device=manifest.source_device,
            created_at=manifest.created_at, file_sha256=file_sha256,
            summary_json=canonical_json(result.summary()).decode()))
        ws.audit(session, "bundle.import", "bundle", result.bundle_id, new=result.summary())
    return result


class _Merge:
    """One bundle's merge, inside the caller's transaction."""

    def __init__(self, ws: Workspace, session: Session, bundle: Bundle, result: ImportResult,
                 progress: Progress | None) -> None:
        self.ws, self.session, self.bundle, self.result, self.progress = ws, session, bundle, result, progress
        self.tables = parse_tables(bundle.records, INSPECTION_TABLES)
        self.local: dict[str, Inspection] = {}  # inspection id → this database's row
        self.locked_here: set[str] = set()  # inspections signed here before this import
        self.signed_elsewhere: set[str] = set()  # inspections unsigned here that the bundle brings signed
        self.media: set[str] = set()  # hashes the merged records need in the media folder

    def run(self) -> None:
        steps = (self._audit, self._remap, self._reference, self._inspections, self._answers, self._children,
                 self._reports, self._media)
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
        for device, chain in events.items():
            chain.sort(key=lambda e: e.seq)
            prev = audit.GENESIS
            for expected, event in enumerate(chain, 1):
                if event.seq != expected or event.prev_hash != prev or audit.event_hash(event) != event.hash:
                    raise BundleError(f"the bundle is refused: the audit log of device {device[:8]} is broken at "
                                      f"event {expected} (missing, unlinked or altered)")
                prev = event.hash
            held = {e.seq: e.hash for e in self.session.exec(
                select(AuditEvent).where(AuditEvent.device_id == device))}
            for event in chain:
                if event.seq in held and held[event.seq] != event.hash:
                    raise BundleError(f"the bundle is refused: its audit log of device {device[:8]} disagrees with "
                                      f"the one held here at event {event.seq} (history was rewritten)")
            new = [e for e in chain if e.seq not in held]
            if new and device == self.ws.db.device_id:
                raise BundleError("the bundle is refused: it holds audit events of this installation that it "
                                  "never wrote")
            self.session.add_all(new)
            self.result.count(table_name(AuditEvent), "added", len(new))
            self.result.count(table_name(AuditEvent), "unchanged", len(chain) - len(new))

    # -- reference records ---------------------------------------------------------------------------------
    def _remap(self) -> None:
        """Templates and missions already here under another id are the same records: use the local id."""
        templates: dict[str, str] = {}
        for row in self.tables[TemplateRecord]:
            here = self.session.exec(select(TemplateRecord).where(
                TemplateRecord.template_id == row.template_id, TemplateRecord.version == row.version)).first()
            if here is not None and here.id != row.id:
                if here.sha256 != row.sha256:
                    raise BundleError(f"the bundle is refused: its template {row.template_id} version "
                                      f"{row.version} differs from the one installed here")
                templates[row.id] = here.id
                row.id = here.id
        for inspection in self.tables[Inspection]:
            inspection.template_pk = templates.get(inspection.template_pk, inspection.template_pk)
        missions: dict[str, str] = {}
        for row in self.tables[Mission]:
            here = self.session.exec(select(Mission).where(Mission.code == row.code)).first()
            if here is not None and here.id != row.id:
                missions[row.id] = here.id
                row.id = here.id
        for unit in self.tables[Unit]:
            unit.mission_id = missions.get(unit.mission_id, unit.mission_id)

    def _reference(self) -> None:
        for model in REFERENCE_TABLES:
            rows = self.tables[model]
            held = {r.id: r for r in select_in(self.session, model, model.id, (r.id for r in rows))}
            for row in rows:
                here = held.get(row.id)
                if here is None:
                    self.session.add(row)
                    self.result.count(table_name(model), "added")
                else:
                    alike = same(here, row) or (model is TemplateRecord and here.sha256 == row.sha256)
                    self.result.count(table_name(model), "unchanged" if alike else "kept")
            self.session.flush()  # a natural key taken by another record fails here, on this table

    # -- inspections and answers ---------------------------------------------------------------------------
    def _inspections(self) -> None:
        rows = self.tables[Inspection]
        self.local = {r.id: r for r in select_in(self.session, Inspection, Inspection.id, (r.id for r in rows))}
        self.locked_here = {i for i, r in self.local.items() if _locked(r)}
        self.signed_elsewhere = {r.id for r in rows if r.id in self.local and r.id not in self.locked_here
                                 and _locked(r)}
        table = table_name(Inspection)
        for row in rows:
            here = self.local.get(row.id)
            if here is None:
                self.session.add(row)
                self.result.count(table, "added")
            elif same(here, row):
                self.result.count(table, "unchanged")
            elif _locked(here):
                self._check_signed(here, row)
            elif _locked(row) or _RANK[Status(row.status)] > _RANK[Status(here.status)]:
                _copy(row, here)
                self.result.count(table, "updated")
            else:
                self.result.count(table, "kept")

    def _check_signed(self, here: Inspection, row: Inspection) -> None:
        """A signed inspection here: only its move to exported is taken; an older copy is ignored."""
        table = table_name(Inspection)
        if Status(here.status) is Status.SIGNED and Status(row.status) is Status.EXPORTED and _same_but(
                here, row, {"status", "updated_at", "device_id"}):
            here.status, here.updated_at, here.device_id = row.status, row.updated_at, row.device_id
            self.result.count(table, "updated")
        elif _RANK[Status(row.status)] < _RANK[Status.SIGNED]:
            self.result.count(table, "kept")  # checked below: its answers must all be older
        elif not _same_but(here, row, {"status", "updated_at", "device_id"}):
            raise _signed_refusal(here, "its details")
        else:
            self.result.count(table, "unchanged")

    def _answers(self) -> None:
        rows = self.tables[Answer]
        held = {(a.inspection_id, a.key): a
                for a in select_in(self.session, Answer, Answer.inspection_id, {r.inspection_id for r in rows})}
        for row in rows:
            here = held.get((row.inspection_id, row.key))
            if here is None:
                if row.inspection_id in self.locked_here:
                    raise _signed_refusal(self.local[row.inspection_id], f"an answer to {row.key}")
                self.session.add(row)
                self.result.count("answer", "added")
            else:
                self._merge_answer(here, row)
        incoming = {(r.inspection_id, r.key) for r in rows}
        for (inspection_id, key), here in held.items():
            if inspection_id in self.signed_elsewhere and (inspection_id, key) not in incoming and here.value_json:
                self.result.notes.append(f"the answer to {key} in inspection {inspection_id[:8]} was withdrawn: "
                                         "the inspection was signed elsewhere without it")
                self._take(here, None, clock.parse(here.clock))

    def _merge_answer(self, here: Answer, row: Answer) -> None:
        mine, theirs = clock.parse(here.clock), clock.parse(row.clock)
        order = clock.compare(theirs, mine)
        same_content = (here.value_json, here.remark) == (row.value_json, row.remark)
        if here.inspection_id in self.locked_here:
            if same_content or order in (clock.Order.BEFORE, clock.Order.SAME):
                self.result.count("answer", "unchanged" if same_content else "kept")
                return
            raise _signed_refusal(self.local[here.inspection_id], f"the answer to {row.key}")
        if here.inspection_id in self.signed_elsewhere:
            order = clock.Order.AFTER  # the signed answers stand
        if same_content:
            here.clock = clock.dumps(clock.merge(mine, theirs))
            self.result.count("answer", "unchanged")
        elif order is clock.Order.AFTER:
            self._take(here, row, theirs)
        elif order is clock.Order.BEFORE:
            self.result.count("answer", "kept")  # ours was made knowing theirs
        else:
            self._conflict(here, row)

    def _take(self, here: Answer, row: Answer | None, theirs: clock.Clock) -> None:
        """Their version of the answer (None: withdrawn), audited on this device."""
        old = {"value_json": here.value_json, "remark": here.remark}
        here.value_json = None if row is None else row.value_json
        if row is not None:
            here.remark, here.answered_by = row.remark, row.answered_by
            here.revision, here.base_revision = max(here.revision, row.revision), row.base_revision
            here.device_id, here.updated_at = row.device_id, row.updated_at
        here.clock = clock.dumps(clock.merge(clock.parse(here.clock), theirs))
        self.ws.audit(self.session, "answer.merge", "answer", here.id, old=old,
                      new={"value_json": here.value_json, "remark": here.remark, "bundle": self.result.bundle_id})
        self.result.count("answer", "updated")

    def _conflict(self, here: Answer, row: Answer) -> None:
        open_ = self.session.exec(select(Conflict).where(
            Conflict.inspection_id == here.inspection_id, Conflict.key == here.key, Conflict.status == "open",
            Conflict.theirs_clock == row.clock)).first()
        self.result.count("answer", "kept")
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
        for model in _CHILDREN:
            rows = self.tables[model]
            table = table_name(model)
            held = {r.id: r for r in select_in(self.session, model, model.id, (r.id for r in rows))}
            for row in rows:
                here = held.get(row.id)
                owner = getattr(row, "inspection_id", "")
                locked = owner in self.locked_here
                if here is None:
                    if locked and model is not Signature:
                        raise _signed_refusal(self.local[owner], f"a new {table} record")
                    self.session.add(row)
                    self.result.count(table, "added")
                    self._needs(row)
                elif same(here, row):
                    self.result.count(table, "unchanged")
                elif not locked and here.device_id == row.device_id and utc(row.updated_at) > utc(here.updated_at):
                    _copy(row, here)
                    self.result.count(table, "updated")
                    self._needs(row)
                else:
                    self.result.count(table, "kept")
                    self.result.notes.append(f"{table} {row.id[:8]} differs from the copy here, which was kept")
            self.session.flush()

    def _needs(self, row: Any) -> None:
        if isinstance(row, Attachment):
            self.media.update(h for h in (row.sha256, row.display_sha256) if h)
        elif isinstance(row, Signature) and row.image_sha256:
            self.media.add(row.image_sha256)

    def _reports(self) -> None:
        documents = {(s.inspection_id, s.document_sha256) for s in self.tables[Signature] if s.document_sha256}
        for path in self.bundle.paths:
            if not path.startswith("reports/"):
                continue
            inspection_id = path.removeprefix("reports/").removesuffix(".pdf")
            data = self.bundle.read(path)
            digest = hashlib.sha256(data).hexdigest()
            if (inspection_id, digest) not in documents:
                raise BundleError(f"the bundle is refused: {path} is not the report its signatures name")
            self._store(digest, data)

    def _media(self) -> None:
        for digest in sorted(self.media):
            if self.ws.data.media_path(digest).is_file():
                continue
            if f"media/{digest}" not in self.bundle.paths:
                raise BundleError(f"the bundle is refused: it lacks the file media/{digest} that its records need")
            self._store(digest, self.bundle.media(digest))

    def _store(self, digest: str, data: bytes) -> None:
        """Media are written before the commit: a failed import leaves only unreferenced files behind."""
        target = self.ws.data.media_path(digest)
        if target.is_file():
            return
        try:
            attachments.write_media(self.ws, digest, data)
        except StorageError as exc:
            raise BundleError(f"cannot import the bundle: {exc}") from exc
        self.result.media += 1


def _locked(inspection: Inspection) -> bool:
    return Status(inspection.status) in LOCKED


def _same_but(a: SQLModel, b: SQLModel, ignored: set[str]) -> bool:
    return a.model_dump(exclude=ignored) == b.model_dump(exclude=ignored)


def _copy(source: SQLModel, target: SQLModel) -> None:
    for name in type(target).model_fields:
        if name != "id":
            setattr(target, name, getattr(source, name))


def _signed_refusal(inspection: Inspection, what: str) -> BundleError:
    return BundleError(f"the bundle is refused: inspection {inspection.id[:8]} is {Status(inspection.status).label} "
                       f"here and cannot be changed, but the bundle changes {what}; nothing was imported")


def _first_line(error: object) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__

