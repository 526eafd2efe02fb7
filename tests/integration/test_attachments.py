"""Photos and documents: camera files are kept whole; damaged or hostile files are refused whole."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import func, select

from inspector_app.errors import ValidationError
from inspector_app.services import attachments, inspections
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Attachment, AuditEvent

PHOTO_ITEM = "me.general.defect_photos"


def _camera_jpeg(progressive: bool = False) -> bytes:
    """A JPEG as a camera writes it: EXIF with make, model and orientation."""
    image = Image.new("RGB", (1200, 900), (120, 140, 90))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Canon", "EOS 250D", 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif, progressive=progressive)
    return buffer.getvalue()


def _png(size: tuple[int, int] = (64, 48), mode: str = "RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge image (a decompression bomb)."""
    data = bytearray(_png((1, 1), "L"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def inspection_id(ws: Workspace, unit_name: str) -> str:
    return inspections.start(ws, unit_name, "coe-major-equipment", "arrival").id


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("IMG_0001.JPG", _camera_jpeg(), "image/jpeg"),
        ("IMG_0002.JPG", _camera_jpeg(progressive=True), "image/jpeg"),
        ("screenshot.png", _png(), "image/png"),
        ("report.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"),
    ],
    ids=["camera-jpeg", "progressive-jpeg", "png", "pdf"],
)
def test_camera_files_are_stored_byte_for_byte(
    ws: Workspace, inspection_id: str, tmp_path: Path, name: str, data: bytes, media_type: str
) -> None:
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, name, data), caption=" APC 3 ")
    assert row.media_type == media_type and row.caption == "APC 3" and row.size == len(data)
    assert ws.data.media_path(row.sha256).read_bytes() == data
    answer = inspections.load(ws, inspection_id).values()[PHOTO_ITEM]
    assert answer == [row.id]


def test_same_photo_twice_is_stored_once(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    path = _file(tmp_path, "a.jpg", _camera_jpeg())
    first = attachments.attach(ws, inspection_id, PHOTO_ITEM, path)
    second = attachments.attach(ws, inspection_id, "", path)
    assert first.sha256 == second.sha256
    kept = sorted(p.name for p in ws.data.media.rglob("*") if p.is_file())
    assert kept == [first.sha256, first.sha256 + attachments.PRINT_SUFFIX]  # one file and its print copy
    assert inspections.load(ws, inspection_id).values()[PHOTO_ITEM] == [first.id]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("truncated.jpg", _camera_jpeg()[:3000], "damaged or unreadable image"),
        ("noise.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 20, "damaged or unreadable image"),
        ("notes.jpg", b"just some text, renamed", "not a JPEG or PNG photo, nor a PDF"),
        ("empty.png", b"", "not a JPEG or PNG photo, nor a PDF"),
        ("bomb.png", _png_claiming(60000, 60000), "too many pixels"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj<<>>", "incomplete PDF"),
    ],
    ids=["truncated", "noise", "text", "empty", "bomb", "cut-pdf"],
)
def test_damaged_or_hostile_files_are_refused_whole(
    ws: Workspace, inspection_id: str, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with ws.db.session() as session:
        events_before = session.exec(select(func.count()).select_from(AuditEvent)).one()
    with pytest.raises(ValidationError, match=message):
        attachments.attach(ws, inspection_id, PHOTO_ITEM, _file(tmp_path, name, data))
    with ws.db.session() as session:
        assert session.exec(select(func.count()).select_from(Attachment)).one() == 0
        assert session.exec(select(func.count()).select_from(AuditEvent)).one() == events_before
    assert not ws.data.media.exists() or not any(p.is_file() for p in ws.data.media.rglob("*"))


def test_missing_file_and_unknown_item(ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot read"):
        attachments.attach(ws, inspection_id, PHOTO_ITEM, tmp_path / "absent.jpg")
    with pytest.raises(Exception, match="no item 'me.nothing'"):
        attachments.attach(ws, inspection_id, "me.nothing", _file(tmp_path, "a.png", _png()))


def test_a_too_large_file_is_refused_before_it_is_read(
    ws: Workspace, inspection_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "scan.jpg"
    with big.open("wb") as out:  # sparse: 200 MB on paper, nothing on disk
        out.truncate(200 * 2**20)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: pytest.fail(f"{self} was opened"))
    with pytest.raises(ValidationError, match=r"scan.jpg is 200 MB, larger than 64 MB"):
        attachments.attach(ws, inspection_id, PHOTO_ITEM, big)
    with ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(Attachment)).one() == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_devices_pipes_and_folders_are_refused_without_reading(
    ws: Workspace, inspection_id: str, tmp_path: Path
) -> None:
    pipe = tmp_path / "photo.jpg"
    os.mkfifo(pipe)  # opening it would wait for a writer for ever
    for path, message in ((pipe, "not a regular file"), (Path("/dev/zero"), "not a regular file"),
                          (tmp_path, "is a folder")):
        with pytest.raises(ValidationError, match=message):
            attachments.attach(ws, inspection_id, PHOTO_ITEM, path)
    with ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(Attachment)).one() == 0
    assert not ws.data.media.exists() or not any(p.is_file() for p in ws.data.media.rglob("*"))
