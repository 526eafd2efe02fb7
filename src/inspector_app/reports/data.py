"""What a report shows, as plain values the services gather (``services.report_data``); and the canonical hash.

Nothing here reads the database or the data folder: photos come as JPEG files the service prepared,
handwritten signatures as image bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from inspector_app.domain.checklist import Checklist, Slot
from inspector_app.domain.mou import MouVersionRef
from inspector_app.domain.template_model import Template


@dataclass(frozen=True)
class PhotoFile:
    """A JPEG file for the PDF (ReportLab copies a ``.jpg`` file's bytes into the PDF without decoding them)."""

    path: Path
    width: int
    height: int


@dataclass(frozen=True)
class Photo:
    """A photo of the annex: its print file (None when the original is missing or unreadable) and its words."""

    file: PhotoFile | None
    filename: str
    caption: str
    key: str  # the item it documents; "" for the whole inspection


@dataclass(frozen=True)
class AttachedFile:
    """Another attached document, listed by name."""

    filename: str
    caption: str


@dataclass(frozen=True)
class HandSignature:
    """A handwritten signature for the signature blocks; ``image`` None when its file could not be read."""

    role: str
    signer_name: str
    signed_on: date
    image: bytes | None


@dataclass(frozen=True)
class ReportData:
    """A read-only snapshot of an inspection for rendering, in one language."""

    lang: str
    checklist: Checklist
    summary: dict[str, Any]  # services.summary.inspection_summary in ``lang``
    end_date: date | None
    location: str  # the unit's
    commander: str  # the unit's contingent commander
    mou_reference: str
    photos: tuple[Photo, ...]
    documents: tuple[AttachedFile, ...]
    signatures: tuple[HandSignature, ...]
    document_id: str
    content_sha256: str
    author: str
    draft: bool  # marked "DRAFT" on every page
    generated_on: date = field(default_factory=date.today)
    mou_version: MouVersionRef | None = None  # the MOU version the inspection was judged against (None: old scope)

    @property
    def template(self) -> Template:
        return self.checklist.template

    @property
    def provisional(self) -> bool:
        """Whether required items are unanswered: a failed outcome is then provisional, not final."""
        return bool(self.summary["missing"])

    @property
    def incomplete_sections(self) -> set[str]:
        """The codes of the sections with unanswered required items."""
        return {s["code"] for s in self.summary["sections"] if s["answered"] < s["required"]}

    @property
    def pending_persons(self) -> set[str]:
        """The id numbers of the persons with unanswered required items."""
        slots = (self.slot(key) for key in self.summary["missing"])
        return {slot.person.id_number for slot in slots if slot is not None and slot.person is not None}

    @property
    def values(self) -> dict[str, Any]:
        return {key: a["value"] for key, a in self.summary["answers"].items() if a["value"] is not None}

    def remark(self, key: str) -> str:
        answer = self.summary["answers"].get(key)
        remark: str = answer["remark"] if answer else ""
        return remark

    def slot(self, key: str) -> Slot | None:
        return self.checklist.slot(key)


def content_hash(payload: dict[str, Any]) -> str:
    """The SHA-256 of the canonical JSON text of ``payload`` (sorted keys, UTF-8, no spaces)."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
