"""Photos and documents: checked, stored by SHA-256 in the media folder, then recorded.

A file is refused whole when it is not a complete JPEG, PNG or PDF, or is too large to
decode safely; the database row is written only after the bytes are safely on disk.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from inspector_app.domain import workflow
from inspector_app.domain.template_model import AnswerType
from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, StorageError, ValidationError
from inspector_app.services import inspections
from inspector_app.storage.models import Attachment

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

MAX_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 120_000_000
_SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png", b"%PDF-": "application/pdf"}


@dataclass(frozen=True)
class Media:
    data: bytes
    media_type: str
    width: int | None = None
    height: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def check_media(data: bytes, name: str) -> Media:
    """The checked media of ``data``, or a ValidationError that says why it is refused."""
    if len(data) > MAX_BYTES:
        raise ValidationError(f"{name} is larger than {MAX_BYTES // 2**20} MB")
    media_type = next((t for sig, t in _SIGNATURES.items() if data.startswith(sig)), None)
    if media_type is None:
        raise ValidationError(f"{name} is not a JPEG or PNG photo, nor a PDF document")
    if media_type == "application/pdf":
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(f"{name} is an incomplete PDF document")
        return Media(data, media_type)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(f"{name} has too many pixels ({width}×{height}) to open safely")
                image.load()  # decodes every byte: a truncated or corrupt file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(f"{name} has too many pixels to open safely") from exc
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError) as exc:
        raise ValidationError(f"{name} is a damaged or unreadable image ({exc})") from exc
    return Media(data, media_type, width, height)


def attach(ws: Workspace, ref: str, key: str, path: Path, caption: str = "") -> Attachment:
    """Attach the file at ``path`` to item ``key`` ("" for the whole inspection) of inspection ``ref``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror}") from exc
    return attach_media(ws, ref, key, check_media(data, path.name), path.name, caption)


def attach_media(ws: Workspace, ref: str, key: str, media: Media, filename: str, caption: str = "") -> Attachment:
    """Store checked ``media`` and record it against item ``key`` of inspection ``ref``."""
    with ws.db.session() as session:
        inspection = inspections.find(session, ref)
        workflow.check_editable(Status(inspection.status))
        slot = None
        if key:
            slot = inspections.checklist_of(ws, session, inspection).slot(key)
            if slot is None:
                raise NotFound(f"this inspection has no item {key!r}")
        store_media(ws, media)
        row = Attachment(
            inspection_id=inspection.id,
            key=key,
            sha256=media.sha256,
            media_type=media.media_type,
            filename=filename,
            size=len(media.data),
            width=media.width,
            height=media.height,
            caption=caption.strip(),
        )
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "attachment.add", "attachment", row.id, new={"key": key, "sha256": media.sha256})
        if slot is not None and slot.item.type is AnswerType.PHOTO:
            previous = session.exec(inspections.answer_query(inspection.id, key)).first()
            ids = (inspections.value_of(previous) or []) if previous else []
            inspections.store_answer(ws, session, inspection, key, [*ids, row.id])
    return row


def store_media(ws: Workspace, media: Media) -> Path:
    """Write the bytes under their hash, durably and atomically; an existing copy is kept."""
    target = ws.data.media_path(media.sha256)
    if target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(media.data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError as exc:
        raise StorageError(f"cannot store the file in {ws.data.media}: {exc.strerror}") from exc
    return target
