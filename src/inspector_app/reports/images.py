"""Handwritten signatures for the PDF, as they were drawn (the photos come downscaled from the services)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

SIGNATURE_MAX = 1200


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
