"""Print copies of photos: made when a photo is attached, kept beside it, embedded by the report as they are;
made (and kept) at report time for a photo that has none, the same pixels either way."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from inspector_app.reports import images
from inspector_app.services import attachments, inspections, report_photos
from inspector_app.services.report import render
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Attachment

PHOTO_ITEM = "me.general.defect_photos"
COLOURS = [(200, 30, 30), (30, 160, 40), (30, 60, 200), (220, 200, 20), (120, 30, 160)]


def _photo(folder: Path, n: int, size: tuple[int, int] = (3000, 2000)) -> Path:
    """A JPEG larger than the display size (so it gets a display copy), one colour per ``n``, a white band."""
    image = Image.new("RGB", size, COLOURS[n % len(COLOURS)])
    image.paste((255, 255, 255), (0, 0, size[0], size[1] // 4))
    path = folder / f"photo-{n}.jpg"
    image.save(path, "JPEG", quality=90)
    return path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _embedded_jpegs(pdf: bytes, folder: Path) -> list[bytes]:
    """The JPEG streams of the PDF's images, in page order, as ``pdfimages -j`` writes them (the QR codes are
    not JPEGs)."""
    out = folder / "images"
    out.mkdir(exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    (folder / "images.pdf").write_bytes(pdf)
    subprocess.run(["pdfimages", "-j", str(folder / "images.pdf"), str(out / "image")], check=True, timeout=60)
    return [p.read_bytes() for p in sorted(out.glob("image-*.jpg"))]


@pytest.fixture
def inspection_id(ws: Workspace, unit_name: str) -> str:
    return inspections.start(ws, unit_name, "coe-major-equipment", "arrival").id


@pytest.fixture
def no_downscaling(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record (and refuse) every downscaling a report would do."""
    asked: list[Path] = []

    def refuse(source: Path) -> images.Picture:
        asked.append(source)
        raise AssertionError(f"downscaled {source} at report time")

    monkeypatch.setattr(report_photos, "print_picture", refuse)
    return asked


def test_attaching_makes_the_print_copy_the_report_embeds_as_it_is(
    ws: Workspace, inspection_id: str, tmp_path: Path, no_downscaling: list[Path]
) -> None:
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _photo(tmp_path, 0), "APC 1: hatch")
    assert row.display_sha256 is not None
    display = ws.data.media_path(row.display_sha256)
    copy = attachments.print_copy_path(ws, row)
    assert copy == display.with_name(display.name + attachments.PRINT_SUFFIX)  # beside the display copy
    assert copy.read_bytes() == images.downscaled(display.read_bytes()).data  # the print recipe, from the display
    with Image.open(copy) as kept:
        assert kept.format == "JPEG" and kept.size == (images.PDF_MAX, images.PDF_MAX * 2 // 3)

    pdf = render(ws, inspection_id).pdf
    assert no_downscaling == []
    assert [_sha(j) for j in _embedded_jpegs(pdf, tmp_path)] == [_sha(copy.read_bytes())]


def test_an_old_photo_without_print_copy_gets_one_at_report_time_and_keeps_it(
    ws: Workspace, inspection_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [attachments.attach(ws, inspection_id, PHOTO_ITEM, _photo(tmp_path, n), f"Photo {n}") for n in range(5)]
    small = attachments.attach(ws, inspection_id, "", _photo(tmp_path, 9, (800, 600)), "no display copy")
    rows.append(small)
    assert small.display_sha256 is None
    kept = {r.id: attachments.print_copy_path(ws, r).read_bytes() for r in rows}
    for r in rows:  # as attached before print copies existed, or arrived in a bundle
        attachments.print_copy_path(ws, r).unlink()
    made: list[Path] = []

    def counted(source: Path) -> images.Picture:
        made.append(source)
        return images.print_picture(source)

    monkeypatch.setattr(report_photos, "print_picture", counted)

    first = render(ws, inspection_id).pdf
    assert sorted(made) == sorted(ws.data.media_path(r.display_sha256 or r.sha256) for r in rows)
    assert all(attachments.print_copy_path(ws, r).read_bytes() == kept[r.id] for r in rows)  # the same bytes
    # each in its place: the annex is in attachment order
    assert [_sha(j) for j in _embedded_jpegs(first, tmp_path)] == [_sha(kept[r.id]) for r in rows]

    made.clear()
    second = render(ws, inspection_id).pdf
    assert made == []  # kept: not made again
    assert _embedded_jpegs(second, tmp_path) == _embedded_jpegs(first, tmp_path)


def _pages(pdf: bytes, folder: Path, name: str) -> list[Image.Image]:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(folder / name)], check=True, timeout=120)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob(f"{name}-*.png"))]


def test_pages_are_the_same_whether_the_print_copy_was_kept_or_made_now(
    ws: Workspace, inspection_id: str, tmp_path: Path
) -> None:
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _photo(tmp_path, 2), "APC 3: wheel")
    kept = render(ws, inspection_id).pdf
    attachments.print_copy_path(ws, row).unlink()
    made = render(ws, inspection_id).pdf
    before, after = _pages(kept, tmp_path, "kept"), _pages(made, tmp_path, "made")
    assert len(before) == len(after) >= 2  # the report and its photo annex
    for a, b in zip(before, after, strict=True):
        assert ImageChops.difference(a, b).getbbox() is None


def test_a_photo_whose_file_is_gone_is_left_out_and_no_copy_is_kept(
    ws: Workspace, inspection_id: str, tmp_path: Path
) -> None:
    row: Attachment = attachments.attach(ws, inspection_id, PHOTO_ITEM, _photo(tmp_path, 1), "lost")
    attachments.print_copy_path(ws, row).unlink()
    ws.data.media_path(row.display_sha256 or "").unlink()
    pdf = render(ws, inspection_id).pdf
    assert _embedded_jpegs(pdf, tmp_path) == []
    assert not attachments.print_copy_path(ws, row).exists()
