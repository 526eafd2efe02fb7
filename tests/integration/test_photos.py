"""Photos in the workspace: display copies of large photos, captions, delete and undo, annotation, batches."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from inspector_app.domain.workflow import Status
from inspector_app.errors import ValidationError
from inspector_app.progress import Cancelled, Progress
from inspector_app.services import attachments, inspections
from inspector_app.services.attachments import DISPLAY_MAX
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Attachment, AuditEvent

PHOTO_ITEM = "me.general.defect_photos"
RED, GREEN = (220, 20, 20), (20, 160, 40)


def _jpeg(size: tuple[int, int] = (640, 480), orientation: int | None = None) -> bytes:
    """A camera JPEG, green with a red top-left quarter (as stored, before EXIF orientation)."""
    image = Image.new("RGB", size, GREEN)
    image.paste(RED, (0, 0, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    if orientation is not None:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _audit_actions(ws: Workspace, entity_id: str) -> list[str]:
    with ws.db.session() as session:
        query = select(AuditEvent.action).where(AuditEvent.entity_id == entity_id).order_by(AuditEvent.seq)
        return list(session.exec(query))


def _photo_answer(ws: Workspace, inspection_id: str) -> object:
    return inspections.load(ws, inspection_id).values().get(PHOTO_ITEM)


@pytest.fixture
def inspection_id(ws: Workspace, unit_name: str) -> str:
    return inspections.start(ws, unit_name, "coe-major-equipment", "arrival").id


def _close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def test_large_camera_photo_gets_an_upright_display_copy(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    data = _jpeg((4000, 3000), orientation=6)  # portrait shot: the camera stored it on its side
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, "IMG_0042.JPG", data))
    assert ws.data.media_path(row.sha256).read_bytes() == data
    assert attachments.media_bytes(ws, row, display=False) == data
    assert row.display_sha256 is not None and row.display_sha256 != row.sha256
    shown = attachments.media_bytes(ws, row)
    assert shown == ws.data.media_path(row.display_sha256).read_bytes()
    with Image.open(io.BytesIO(shown)) as image:
        assert image.format == "JPEG"
        assert image.size == (1536, DISPLAY_MAX)  # upright and at most 2048 px on its long side
        assert image.getexif().get(0x0112, 1) == 1
        # Orientation 6 turns the picture a quarter clockwise: the stored top-left is now top-right.
        assert _close(image.getpixel((image.width - 50, 50)), RED)
        assert _close(image.getpixel((50, 50)), GREEN)
        assert _close(image.getpixel((image.width - 50, image.height - 50)), GREEN)
    stored = next(iter(attachments.list_for(ws, inspection_id, PHOTO_ITEM)))
    assert stored.display_sha256 == row.display_sha256


def test_small_photo_and_pdf_are_shown_as_they_are(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    small = attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, "a.jpg", _jpeg((DISPLAY_MAX, 1000))))
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    document = attachments.attach(ws, inspection_id, "", _file(tmp_path, "memo.pdf", pdf))
    assert small.display_sha256 is None and document.display_sha256 is None
    assert attachments.media_bytes(ws, document) == pdf
    assert [a.id for a in attachments.list_for(ws, inspection_id, None)] == [small.id, document.id]
    assert [a.id for a in attachments.list_for(ws, inspection_id, "")] == [document.id]


def test_large_transparent_png_display_copy_is_flattened(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (3000, 1000), (0, 0, 0, 0)).save(buffer, "PNG")
    row = attachments.attach(ws, inspection_id, "", _file(tmp_path, "plan.png", buffer.getvalue()))
    with Image.open(io.BytesIO(attachments.media_bytes(ws, row))) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (DISPLAY_MAX, 683))
        assert _close(image.getpixel((10, 10)), (255, 255, 255), 5)


def test_caption_is_saved_and_audited(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, "a.jpg", _jpeg()))
    attachments.set_caption(ws, row.id, "  Line 3: cracked windscreen ")
    assert attachments.list_for(ws, inspection_id, PHOTO_ITEM)[0].caption == "Line 3: cracked windscreen"
    assert _audit_actions(ws, row.id) == ["attachment.add", "attachment.caption"]


def test_remove_and_restore_round_trip(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    rows = [
        attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, f"{n}.jpg", _jpeg((600 + n, 400))))
        for n in range(3)
    ]
    ids = [r.id for r in rows]
    assert _photo_answer(ws, inspection_id) == ids
    removed = attachments.remove(ws, ids[1])
    assert removed.id == ids[1] and removed.filename == "1.jpg"
    assert _photo_answer(ws, inspection_id) == [ids[0], ids[2]]
    assert [a.id for a in attachments.list_for(ws, inspection_id, PHOTO_ITEM)] == [ids[0], ids[2]]
    assert ws.data.media_path(removed.sha256).is_file()  # content-addressed: the bytes stay

    restored = attachments.restore(ws, removed)
    assert restored.id == ids[1]
    assert _photo_answer(ws, inspection_id) == ids  # back in its place
    back = attachments.list_for(ws, inspection_id, PHOTO_ITEM)[1]
    assert (back.id, back.sha256, back.filename, back.created_at) == (
        removed.id, removed.sha256, removed.filename, removed.created_at)
    assert _audit_actions(ws, ids[1]) == ["attachment.add", "attachment.remove", "attachment.restore"]
    with pytest.raises(ValidationError, match="already attached"):
        attachments.restore(ws, removed)


def test_removing_the_last_photo_unanswers_the_item(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, "a.jpg", _jpeg()))
    attachments.remove(ws, row.id)
    assert _photo_answer(ws, inspection_id) is None


def test_annotated_copy_keeps_the_original(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    original_bytes = _jpeg()
    original = attachments.attach(
        ws, inspection_id, PHOTO_ITEM, _file(tmp_path, "IMG_7.JPG", original_bytes), caption="APC 3 tyre")
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), RED).save(buffer, "PNG")
    copy = attachments.annotated_copy(ws, original.id, buffer.getvalue(), None)
    assert copy.id != original.id and copy.original_id == original.id
    assert (copy.key, copy.media_type, copy.filename, copy.caption) == (
        PHOTO_ITEM, "image/png", "IMG_7-annotated.png", "APC 3 tyre")
    assert attachments.media_bytes(ws, copy, display=False) == buffer.getvalue()
    assert attachments.media_bytes(ws, original, display=False) == original_bytes
    assert _photo_answer(ws, inspection_id) == [original.id, copy.id]
    with pytest.raises(ValidationError, match="not a JPEG or PNG"):
        attachments.annotated_copy(ws, original.id, b"not an image", "x")


def test_attach_many_keeps_the_good_files_and_lists_the_bad(
    ws: Workspace, inspection_id: str, tmp_path: Path
) -> None:
    paths = [
        _file(tmp_path, "good1.jpg", _jpeg()),
        _file(tmp_path, "broken.jpg", _jpeg()[:2000]),
        _file(tmp_path, "good2.jpg", _jpeg((500, 500))),
    ]
    reports: list[tuple[int, int]] = []
    progress = Progress(lambda done, total: reports.append((done, total)))
    with pytest.raises(attachments.PartlyAttached, match=r"1 of 3 files refused: broken\.jpg is a damaged") as info:
        attachments.attach_many(ws, inspection_id, PHOTO_ITEM, paths, "batch", progress)
    assert isinstance(info.value, ValidationError)
    assert [a.filename for a in info.value.attached] == ["good1.jpg", "good2.jpg"]
    assert [a.filename for a in attachments.list_for(ws, inspection_id, PHOTO_ITEM)] == ["good1.jpg", "good2.jpg"]
    assert reports == [(0, 3), (1, 3), (2, 3), (3, 3)]
    done = attachments.attach_many(ws, inspection_id, "", paths[::2])
    assert [a.caption for a in done] == ["", ""]


def test_cancel_midway_keeps_the_files_done_so_far(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    paths = [_file(tmp_path, f"{n}.jpg", _jpeg((300 + n, 200))) for n in range(5)]
    progress = Progress(lambda done, total: progress.cancel() if done == 2 else None)
    with pytest.raises(Cancelled):
        attachments.attach_many(ws, inspection_id, PHOTO_ITEM, paths, progress=progress)
    # The user cancelled while the third file was under way: it is finished, the rest never start.
    names = [a.filename for a in attachments.list_for(ws, inspection_id, PHOTO_ITEM)]
    assert names == ["0.jpg", "1.jpg", "2.jpg"]
    assert len(_photo_answer(ws, inspection_id)) == 3  # type: ignore[arg-type]


def test_no_photo_changes_once_ready_for_review(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, "a.jpg", _jpeg()))
    with ws.db.session() as session:  # as after submit (completing the checklist is tested elsewhere)
        inspections.find(session, inspection_id).status = Status.READY_FOR_REVIEW.value
    events = len(_audit_actions(ws, row.id))
    for change in (
        lambda: attachments.remove(ws, row.id),
        lambda: attachments.set_caption(ws, row.id, "new"),
        lambda: attachments.annotated_copy(ws, row.id, _jpeg(), "marked"),
        lambda: attachments.attach_many(ws, inspection_id, PHOTO_ITEM, [tmp_path / "a.jpg"]),
    ):
        with pytest.raises(ValidationError, match="ready for review; reopen it"):
            change()
    with ws.db.session() as session:
        assert [a.id for a in session.exec(select(Attachment))] == [row.id]
    assert attachments.list_for(ws, inspection_id, None)[0].caption == ""
    assert _photo_answer(ws, inspection_id) == [row.id]
    assert len(_audit_actions(ws, row.id)) == events
    removed = Attachment(**row.model_dump())
    with pytest.raises(ValidationError, match="ready for review"):
        attachments.restore(ws, removed)
