"""Images for the PDF: handwritten signatures as they were drawn, and photos downscaled for print.

Only Pillow here: ``print_picture`` runs in worker processes (``services.report_photos``), which should start fast.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

SIGNATURE_MAX = 1200
PDF_MAX = 1280  # long side, in pixels, of a photo in the PDF: ~300 dpi at the annex's print size
PDF_QUALITY = 72  # with PDF_MAX, about 0.2 MB for a real camera photo: 60 photos stay small enough to e-mail


@dataclass(frozen=True)
class Picture:
    """Image bytes ready for ReportLab and their pixel size."""

    data: bytes
    width: int
    height: int


def signature(data: bytes) -> Picture:
    """A handwritten signature as a PNG that keeps its transparency, at most ``SIGNATURE_MAX`` pixels wide."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        shown = image.convert("RGBA") if image.mode not in ("RGBA", "LA", "L", "RGB") else image.copy()
    shown.thumbnail((SIGNATURE_MAX, SIGNATURE_MAX), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    shown.save(out, "PNG", optimize=True)
    return Picture(out.getvalue(), *shown.size)


def downscaled(data: bytes, limit: int = PDF_MAX, quality: int = PDF_QUALITY) -> Picture:
    """An upright (EXIF orientation applied) RGB JPEG of at most ``limit`` pixels on its long side."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # attach checked the size already
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (limit, limit))  # JPEG: decode at a reduced scale, much faster
            shown = ImageOps.exif_transpose(image)
            shown.thumbnail((limit, limit), Image.Resampling.LANCZOS)
            shown = flattened(shown)
    out = io.BytesIO()
    shown.save(out, "JPEG", quality=quality, optimize=True)
    return Picture(out.getvalue(), *shown.size)


def print_picture(source: Path) -> Picture:
    """``downscaled`` of the image file ``source`` (a worker process's job: it reads the file itself)."""
    return downscaled(source.read_bytes())


def flattened(image: Image.Image) -> Image.Image:
    """RGB for JPEG (display copies, report photos): transparency over white."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")
