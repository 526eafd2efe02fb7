"""SQLModel tables of an installation (laptop) and of HQ's consolidation database.

Every record has a UUID primary key, created/updated timestamps and the id of the device
that wrote it, so that records from many laptops merge without collisions. The schema
changes only through the Alembic migrations in ``db/``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Column, ForeignKey, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class Record(SQLModel):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    device_id: str = Field(default="", max_length=36)


class Setting(SQLModel, table=True):
    """Per-installation key/value settings (device id, user name, ...)."""

    key: str = Field(primary_key=True, max_length=64)
    value: str


class Mission(Record, table=True):
    name: str
    code: str = Field(index=True, unique=True, max_length=32)


class Unit(Record, table=True):
    mission_id: str = Field(foreign_key="mission.id", index=True)
    name: str
    kind: str = Field(default="fpu", max_length=16)
    contributing_country: str
    location: str = ""
    commander: str = ""
    readiness_level: str = ""


class Mou(Record, table=True):
    """One version of a unit's MOU: the signed original (version 1) or an amendment.

    A version is in force from ``effective_from`` (None: from the start) until the next version's date;
    an inspection is judged against the version in force on its date. Each version holds all its lines.
    """

    __table_args__ = (UniqueConstraint("unit_id", "version"),)
    unit_id: str = Field(foreign_key="unit.id", index=True)
    reference: str = ""
    signed_on: date | None = None
    version: int = Field(default=1, ge=1)
    effective_from: date | None = None


class MouLine(Record, table=True):
    """One Annex B major-equipment line."""

    __table_args__ = (UniqueConstraint("mou_id", "line_no"),)
    mou_id: str = Field(foreign_key="mou.id", index=True)
    line_no: int
    category: str
    item: str
    quantity: int = Field(ge=0)
    lease: str = Field(default="wet", max_length=3)
    registered: bool = False  # items tracked one by one by serial or registration (vehicles, generators, ...)


class MouSelfSustainment(Record, table=True):
    """One Annex C self-sustainment category the MOU lists."""

    __table_args__ = (UniqueConstraint("mou_id", "category"),)
    mou_id: str = Field(foreign_key="mou.id", index=True)
    category: str
    provider: str = Field(default="contingent", max_length=16)  # contingent | un | other
    standard: str = ""  # the standard the MOU sets for the category, as written there


class Person(Record, table=True):
    """An officer of a unit's roster (or an AMS candidate)."""

    __table_args__ = (UniqueConstraint("unit_id", "id_number"),)
    unit_id: str = Field(foreign_key="unit.id", index=True)
    id_number: str
    name: str
    rank: str = ""
    gender: str = Field(default="", max_length=16)
    role: str = ""


class TemplateRecord(Record, table=True):
    """A checklist template version as it was installed, kept verbatim."""

    __tablename__ = "template"
    __table_args__ = (UniqueConstraint("template_id", "version"),)
    template_id: str = Field(index=True)
    version: int
    kind: str
    title_en: str
    title_fr: str
    source: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64)


class Inspection(Record, table=True):
    unit_id: str = Field(foreign_key="unit.id", index=True)
    template_pk: str = Field(foreign_key="template.id")
    type: str = Field(max_length=32)
    status: str = Field(default="draft", max_length=32, index=True)
    team: str = ""
    start_date: date | None = None
    end_date: date | None = None
    scope_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    amends_id: str | None = Field(default=None, foreign_key="inspection.id")
    report_sha256: str | None = Field(default=None, max_length=64)


class Asset(Record, table=True):
    """One registered item of an MOU line (vehicle, generator, weapons system) as an inspection found it.

    The line's found and serviceable counts derive from its assets. The same serial may be recorded on two
    lines or two units: that is flagged, not refused, since a merge must never fail on it.
    """

    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    line_no: int
    serial: str = Field(index=True)  # registration or serial number, as written on the item
    condition: str = Field(default="serviceable", max_length=16)  # serviceable | unserviceable | missing | written_off
    remark: str = ""


class PlannedInspection(Record, table=True):
    """An inspection scheduled for a unit, date and team before the visit; reference packages carry it."""

    __tablename__ = "planned_inspection"
    unit_id: str = Field(foreign_key="unit.id", index=True)
    type: str = Field(max_length=32)
    template_id: str  # the template family (its latest version is used when the inspection starts)
    planned_date: date
    team_json: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # the members' names, as a list
    sections_json: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # a spot check's section codes
    status: str = Field(default="planned", max_length=16)  # planned | started | cancelled
    inspection_id: str | None = Field(default=None, foreign_key="inspection.id")


class Answer(Record, table=True):
    """The answer to one item key (``code`` or ``code/subject``) of an inspection."""

    __table_args__ = (UniqueConstraint("inspection_id", "key"),)
    inspection_id: str = Field(foreign_key="inspection.id")  # indexed by the unique (inspection_id, key)
    key: str
    value_json: str | None = Field(default=None, sa_column=Column(Text))
    remark: str = ""
    revision: int = 1
    base_revision: int = 0
    answered_by: str = ""
    # The version vector of this answer: how many of its edits each device made ({device id: count}).
    # Merges compare it to tell a later edit from a concurrent one (sync.clock), never timestamps.
    clock: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))


class Attachment(Record, table=True):
    """A photo or document; the bytes live in the media folder under their SHA-256.

    A large photo also has a downscaled display copy; an annotated photo names its original.
    """

    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    key: str = ""
    sha256: str = Field(max_length=64, index=True)
    media_type: str
    filename: str
    size: int
    width: int | None = None
    height: int | None = None
    caption: str = ""
    display_sha256: str | None = Field(default=None, max_length=64)  # downscaled JPEG shown instead, if any
    original_id: str | None = Field(default=None, max_length=36)  # the attachment this one annotates


class Finding(Record, table=True):
    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    key: str = ""
    text: str
    recommendation: str = ""


class ImprovementAction(Record, table=True):
    """What a unit must do about a finding; followed up at its next inspection."""

    unit_id: str = Field(foreign_key="unit.id", index=True)
    finding_id: str = Field(foreign_key="finding.id", index=True)
    description: str
    owner: str
    due_date: date
    status: str = Field(default="open", max_length=16)


class FollowUp(Record, table=True):
    """The follow-up of an open improvement action in a later inspection."""

    __table_args__ = (UniqueConstraint("inspection_id", "action_id"),)
    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    action_id: str = Field(foreign_key="improvementaction.id")
    status: str = Field(default="pending", max_length=16)
    remark: str = ""


class Signature(Record, table=True):
    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    role: str
    signer_name: str
    kind: str = Field(max_length=16)
    image_sha256: str | None = Field(default=None, max_length=64)
    document_sha256: str | None = Field(default=None, max_length=64)
    signed_at: datetime = Field(default_factory=utcnow)
    lang: str | None = Field(default=None, max_length=8)  # a digital signature's rendition; None: English (before 0004)


class AuditEvent(SQLModel, table=True):
    """One entry of a device's append-only, hash-chained audit log."""

    __tablename__ = "audit_event"
    __table_args__ = (UniqueConstraint("device_id", "seq"),)
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    device_id: str = Field(max_length=36)  # indexed by the unique (device_id, seq)
    seq: int
    at: datetime = Field(default_factory=utcnow)
    actor: str
    action: str
    entity: str
    entity_id: str
    old_json: str | None = Field(default=None, sa_column=Column(Text))
    new_json: str | None = Field(default=None, sa_column=Column(Text))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class Conflict(Record, table=True):
    """Concurrent edits of one answer met in a merge: the local answer stands until a person resolves it."""

    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    key: str
    theirs_json: str | None = Field(default=None, sa_column=Column(Text))  # their value (JSON), None if withdrawn
    theirs_remark: str = ""
    theirs_by: str = ""
    theirs_device: str = Field(default="", max_length=36)
    theirs_clock: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    bundle_id: str = Field(default="", max_length=36)
    status: str = Field(default="open", max_length=16, index=True)  # open | resolved
    resolution: str = Field(default="", max_length=16)  # mine | theirs | edit
    resolved_by: str = ""


class ImportedBundle(SQLModel, table=True):
    """A bundle applied to this database: importing it again changes nothing."""

    __tablename__ = "imported_bundle"
    id: str = Field(primary_key=True, max_length=36)  # the manifest's bundle_id
    kind: str = Field(max_length=16)
    sender: str
    certificate_sha256: str = Field(max_length=95)
    source_device: str = Field(max_length=64)
    created_at: datetime
    imported_at: datetime = Field(default_factory=utcnow)
    file_sha256: str = Field(max_length=64)
    summary_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))


class ArchivedReport(Record, table=True):
    """HQ's archived copy (PAdES B-LTA) of a signed report: the signed file with validation data and HQ's
    document timestamp added in incremental updates (``services.archive``). HQ's own: never in a bundle.

    Both files sit in the media folder under their SHA-256; a renewal replaces ``archived_sha256`` with the
    file carrying one more timestamp (which starts with the previous one).
    """

    __tablename__ = "archived_report"
    inspection_id: str | None = Field(default=None, foreign_key="inspection.id", index=True)  # an inspection's report
    document_id: str | None = Field(default=None, max_length=120, index=True)  # or a verification report
    lang: str = Field(default="en", max_length=8)  # the rendition
    signed_sha256: str = Field(max_length=64, unique=True)  # the signed report as imported (Signature.document_sha256)
    archived_sha256: str = Field(max_length=64)  # the archived copy: signed_sha256's bytes and more
    timestamp_expires: datetime  # the latest timestamp's certificate runs out then: renew before
    renewals: int = 0


class KeptResult(SQLModel, table=True):
    """An inspection's results as HQ's views read them (``domain.kept_results``), kept so that a view does not
    score every answer again. A cache of this database's own: never in a bundle, rebuilt whenever it is missing.

    Triggers (migration 0010) delete the row whenever the inspection's answers, status, template or scope change,
    so a row that exists was computed from the answers as they are. While a reader computes it, ``data`` holds
    that reader's claim instead (``services.kept_results``).
    """

    __tablename__ = "kept_result"
    inspection_id: str = Field(
        sa_column=Column(String(36), ForeignKey("inspection.id", ondelete="CASCADE"), primary_key=True))
    data: str = Field(sa_column=Column(Text, nullable=False))  # domain.kept_results.KeptResults.dump(), as JSON
