"""Photos and documents: checked, stored by SHA-256 in the media folder, then recorded.

A file is refused whole when it is not a complete JPEG, PNG or PDF, or is too large to
decode safely; the database row is written only after the bytes are safely on disk.
A photo larger than ``DISPLAY_MAX`` pixels also gets a downscaled, upright JPEG display copy, and every
photo a print copy for the reports (``print_copy_path``); the original bytes are always kept.
Annotating a photo adds a new attachment that names it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError
from sqlmodel import Session, col, select

from inspector_app import files
from inspector_app.domain import workflow
from inspector_app.domain.template_model import AnswerType
from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, StorageError, ValidationError
from inspector_app.progress import Progress
from inspector_app.reports.images import PDF_MAX, PDF_QUALITY, downscaled
from inspector_app.services import inspections
from inspector_app.storage.models import Asset, Inspection
from inspector_app.storage.models import Attachment as Attachment  # the photo rows ui/ holds (for undo)

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

ASSET_KEY = "asset:"  # the key of an asset's photo: "asset:<asset id>"
MAX_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 120_000_000
DISPLAY_MAX = 2048  # long side, in pixels, of the display copy of a larger photo
DISPLAY_QUALITY = 85
PRINT_SUFFIX = f".print-{PDF_MAX}-q{PDF_QUALITY}.jpg"  # a print copy's name: its source's hash and this
log = logging.getLogger(__name__)
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
    data = _read_regular_file(path)
    return attach_media(ws, ref, key, check_media(data, path.name), path.name, caption)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of the regular file at ``path``: a folder, device or pipe, or too large a file, is refused
    before anything is read (opening a pipe would wait for a writer; ``/dev/zero`` never ends)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ValidationError(f"{path} is a folder: attach a photo or a PDF file")
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError(f"{path} is not a regular file (a device or a pipe): attach a photo or a PDF file")
        if info.st_size > MAX_BYTES:
            raise ValidationError(f"{path.name} is {info.st_size / 2**20:.0f} MB, larger than "
                                  f"{MAX_BYTES // 2**20} MB: attach a smaller photo or PDF")
        with path.open("rb") as stream:
            return stream.read(MAX_BYTES + 1)  # a file that grew meanwhile is refused by its length
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror}") from exc


def attach_media(
    ws: Workspace,
    ref: str,
    key: str,
    media: Media,
    filename: str,
    caption: str = "",
    original_id: str | None = None,
) -> Attachment:
    """Store checked ``media`` (and its display and print copies) and record it against item ``key`` of
    inspection ``ref``."""
    display = display_copy(media)
    _check_target(ws, ref, key)
    # The bytes go to disk before the write transaction: a large file never holds the database's lock.
    store_media(ws, media)
    if display is not None:
        store_media(ws, display)
    if media.media_type.startswith("image/"):
        _keep_print_copy(ws, display or media)
    with ws.db.session() as session:
        inspection = _check_target(ws, ref, key, session)
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
            display_sha256=display.sha256 if display else None,
            original_id=original_id,
        )
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "attachment.add", "attachment", row.id, new=_summary(row))
        _add_to_answer(ws, session, inspection, row)
    return row


def attach_many(
    ws: Workspace,
    ref: str,
    key: str,
    paths: Sequence[str | os.PathLike[str]],
    caption: str = "",
    progress: Progress | None = None,
) -> list[Attachment]:
    """Attach each file in its own transaction, reporting progress; a cancel keeps the files done so far.

    Refused files do not stop the others: a ``PartlyAttached`` error lists them at the end.
    """
    progress = progress or Progress()
    with ws.db.session() as session:  # refused at once when no file could go in
        inspection = inspections.find(session, ref)
        workflow.check_editable(Status(inspection.status))
        if key and inspections.checklist_of(ws, session, inspection).slot(key) is None:
            raise NotFound(f"this inspection has no item {key!r}")
    attached: list[Attachment] = []
    refused: list[str] = []
    for done, path in enumerate(paths):
        progress.report(done, len(paths))
        try:
            attached.append(attach(ws, ref, key, Path(path), caption))
        except ValidationError as exc:
            refused.append(str(exc))
    if not progress.cancelled:
        progress.report(len(paths), len(paths))
    if refused:
        raise PartlyAttached(attached, refused, len(paths))
    return attached


class PartlyAttached(ValidationError):
    """Some files of a batch were refused; ``attached`` holds those that went in."""

    def __init__(self, attached: list[Attachment], refused: list[str], total: int) -> None:
        super().__init__(f"{len(refused)} of {total} files refused: " + "; ".join(refused))
        self.attached = attached
        self.refused = refused


def set_caption(ws: Workspace, attachment_id: str, caption: str) -> Attachment:
    """Change the caption of an attachment; audited."""
    with ws.db.session() as session:
        row, _inspection = _editable(session, attachment_id)
        old, new = row.caption, caption.strip()
        if old != new:
            row.caption = new
            session.add(ws.stamp(row))
            ws.audit(session, "attachment.caption", "attachment", row.id, old=old, new=new)
    return row


def remove(ws: Workspace, attachment_id: str) -> Attachment:
    """Delete an attachment's record (its media file stays: other records may share it); audited.

    Returns the removed record as it was, for ``restore`` to put back (undo).
    """
    with ws.db.session() as session:
        row, inspection = _editable(session, attachment_id)
        removed = Attachment(**row.model_dump())
        if row.key:
            ids = _answer_ids(session, inspection.id, row.key)
            if row.id in ids:
                _store_ids(ws, session, inspection, row.key, [i for i in ids if i != row.id])
        session.delete(row)
        ws.audit(session, "attachment.remove", "attachment", removed.id, old=_summary(removed))
    return removed


def restore(ws: Workspace, attachment: Attachment) -> Attachment:
    """Put back a removed ``attachment`` with the same id and place in its item's answer; audited."""
    with ws.db.session() as session:
        inspection = inspections.find(session, attachment.inspection_id)
        workflow.check_editable(Status(inspection.status))
        if session.get(Attachment, attachment.id) is not None:
            raise ValidationError(f"{attachment.filename} is already attached")
        for sha in (attachment.sha256, attachment.display_sha256):
            if sha and not ws.data.media_path(sha).is_file():
                raise StorageError(f"the file of {attachment.filename} is no longer in {ws.data.media}")
        row = Attachment(**attachment.model_dump())
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "attachment.restore", "attachment", row.id, new=_summary(row))
        _add_to_answer(ws, session, inspection, row)
    return row


def annotated_copy(ws: Workspace, attachment_id: str, image_bytes: bytes, caption: str | None = None) -> Attachment:
    """Record an annotated rendering of a photo as a new attachment of the same item; the original stays.

    ``caption`` None keeps the original's caption.
    """
    with ws.db.read() as session:
        source = _find(session, attachment_id)
    if not source.media_type.startswith("image/"):
        raise ValidationError(f"{source.filename} is not a photo; only photos can be annotated")
    stem = Path(source.filename).stem or "photo"
    media = check_media(image_bytes, f"annotated {stem}")
    if not media.media_type.startswith("image/"):
        raise ValidationError("an annotated photo must be a JPEG or PNG image")
    suffix = ".png" if media.media_type == "image/png" else ".jpg"
    text = source.caption if caption is None else caption
    return attach_media(
        ws, source.inspection_id, source.key, media, f"{stem}-annotated{suffix}", text, original_id=source.id
    )


def list_for(ws: Workspace, ref: str, key: str | None) -> list[Attachment]:
    """Attachments of inspection ``ref``, oldest first: of item ``key`` ("" the whole inspection), or all (None)."""
    with ws.db.read() as session:
        inspection = inspections.find(session, ref)
        query = select(Attachment).where(Attachment.inspection_id == inspection.id)
        if key is not None:
            query = query.where(Attachment.key == key)
        return list(session.exec(query.order_by(col(Attachment.created_at), col(Attachment.id))))


def media_bytes(ws: Workspace, attachment: Attachment, display: bool = True) -> bytes:
    """The bytes to show (the display copy when there is one) or, with ``display=False``, the original."""
    sha = (attachment.display_sha256 if display else None) or attachment.sha256
    try:
        return ws.data.media_path(sha).read_bytes()
    except OSError as exc:
        raise StorageError(f"cannot read the file of {attachment.filename} in {ws.data.media}: {exc.strerror}") from exc


def display_copy(media: Media) -> Media | None:
    """An upright JPEG of at most ``DISPLAY_MAX`` pixels a side, for a photo larger than that; else None."""
    if not media.media_type.startswith("image/") or max(media.width or 0, media.height or 0) <= DISPLAY_MAX:
        return None
    try:
        shown = downscaled(media.data, DISPLAY_MAX, DISPLAY_QUALITY)
    except (OSError, SyntaxError, ValueError) as exc:  # odd EXIF or mode: the original is shown instead
        log.warning("no display copy for a %s×%s photo: %s", media.width, media.height, exc)
        return None
    return Media(shown.data, "image/jpeg", shown.width, shown.height)


def print_copy_path(ws: Workspace, attachment: Attachment) -> Path:
    """Where the photo's print copy is kept: ``reports.images.downscaled`` of its display copy (of the original
    when it has none), beside that file and named after it and the recipe, so it is content-addressed too."""
    return _print_path(ws, attachment.display_sha256 or attachment.sha256)


def _print_path(ws: Workspace, source_sha256: str) -> Path:
    source = ws.data.media_path(source_sha256)
    return source.with_name(f"{source.name}{PRINT_SUFFIX}")


def keep_print_copy(path: Path, data: bytes) -> bool:
    """Keep print copy ``data`` at ``path``; False when it cannot be written (it is made again next time)."""
    try:
        files.write_atomic(path, data)
    except OSError as exc:
        log.warning("print copy not kept in %s: %s", path.parent, exc.strerror)
        return False
    return True


def _keep_print_copy(ws: Workspace, shown: Media) -> None:
    """Make and keep the print copy of ``shown`` (the display copy, or the original photo)."""
    try:
        picture = downscaled(shown.data)
    except (OSError, SyntaxError, ValueError) as exc:  # odd EXIF or mode: the report tries again, or leaves it out
        log.warning("no print copy for a %s×%s photo: %s", shown.width, shown.height, exc)
        return
    keep_print_copy(_print_path(ws, shown.sha256), picture.data)


def _find(session: Session, attachment_id: str) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound(f"no attachment {attachment_id!r}")
    return row


def _editable(session: Session, attachment_id: str) -> tuple[Attachment, Inspection]:
    row = _find(session, attachment_id)
    inspection = inspections.find(session, row.inspection_id)
    workflow.check_editable(Status(inspection.status))
    return row, inspection


def _summary(row: Attachment) -> dict[str, object]:
    return {
        "key": row.key, "sha256": row.sha256, "filename": row.filename, "caption": row.caption,
        "display_sha256": row.display_sha256, "original_id": row.original_id,
    }


def _answer_ids(session: Session, inspection_id: str, key: str) -> list[str]:
    row = session.exec(inspections.answer_query(inspection_id, key)).first()
    return list((inspections.value_of(row) or []) if row else [])


def _store_ids(ws: Workspace, session: Session, inspection: Inspection, key: str, ids: list[str]) -> None:
    """A photo answer lists its attachments; with none left the item is unanswered again."""
    inspections.store_answer(ws, session, inspection, key, ids or None)


def _add_to_answer(ws: Workspace, session: Session, inspection: Inspection, row: Attachment) -> None:
    """List ``row`` in its photo item's answer, before any attachment created after it."""
    slot = inspections.checklist_of(ws, session, inspection).slot(row.key) if row.key else None
    if slot is None or slot.item.type is not AnswerType.PHOTO:
        return
    ids = _answer_ids(session, inspection.id, row.key)
    if row.id in ids:
        return
    created = dict(session.exec(select(Attachment.id, Attachment.created_at).where(col(Attachment.id).in_(ids))).all())
    later = [n for n, i in enumerate(ids) if i in created and created[i] > row.created_at]
    ids.insert(later[0] if later else len(ids), row.id)
    _store_ids(ws, session, inspection, row.key, ids)


def _check_target(ws: Workspace, ref: str, key: str, session: Session | None = None) -> Inspection:
    """The inspection, if it may take an attachment on ``key`` ("" for the whole inspection)."""
    if session is None:
        with ws.db.read() as own:
            return _check_target(ws, ref, key, own)
    inspection = inspections.find(session, ref)
    workflow.check_editable(Status(inspection.status))
    if key.startswith(ASSET_KEY):  # an asset's photo (services/assets.photo_key)
        asset = session.get(Asset, key[len(ASSET_KEY):])
        if asset is None or asset.inspection_id != inspection.id:
            raise NotFound(f"this inspection has no asset {key[len(ASSET_KEY):]!r}")
    elif key and inspections.checklist_of(ws, session, inspection).slot(key) is None:
        raise NotFound(f"this inspection has no item {key!r}")
    return inspection


def store_media(ws: Workspace, media: Media) -> Path:
    """Write checked media under their hash, durably and atomically; an existing copy is kept."""
    return write_media(ws, media.sha256, media.data)


def write_media(ws: Workspace, sha256: str, data: bytes) -> Path:
    """Write ``data`` (whose SHA-256 the caller checked) under its hash; an existing copy is kept."""
    target = ws.data.media_path(sha256)
    if target.exists():
        return target
    try:
        files.write_atomic(target, data)
    except OSError as exc:
        raise StorageError(f"cannot store the file in {ws.data.media}: {exc.strerror}") from exc
    return target
