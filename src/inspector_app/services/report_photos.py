"""Photos prepared for the PDF: downscaled JPEG files in a scratch folder. Originals stay untouched.

Photos go to the PDF from JPEG files: ReportLab embeds a ``.jpg`` file as it is, while image objects it is
given in memory are decoded in full (tens of MB each) just to name them.
"""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps

from inspector_app.errors import StorageError
from inspector_app.reports.data import PhotoFile
from inspector_app.reports.images import Picture
from inspector_app.services import attachments
from inspector_app.storage.models import Attachment

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

PDF_MAX = 1280  # long side, in pixels, of a photo in the PDF: ~300 dpi at the annex's print size
PDF_QUALITY = 72  # with PDF_MAX, about 0.2 MB for a real camera photo: 60 photos stay small enough to e-mail
log = logging.getLogger(__name__)


def photo_file(ws: Workspace, attachment: Attachment, folder: Path) -> PhotoFile | None:
    """The photo downscaled for print (from its display copy when it has one), as a JPEG in ``folder``.

    None when the media file is missing or unreadable (the report says so instead of failing).
    """
    target = folder / f"{attachment.id}.jpg"
    try:
        picture = downscaled(attachments.media_bytes(ws, attachment, display=True))
        target.write_bytes(picture.data)
        return PhotoFile(target, picture.width, picture.height)
    except (StorageError, OSError, SyntaxError, ValueError) as exc:  # UnidentifiedImageError is an OSError
        log.warning("photo %s left out of the report: %s", attachment.filename, exc)
        return None


def downscaled(data: bytes, limit: int = PDF_MAX, quality: int = PDF_QUALITY) -> Picture:
    """An upright (EXIF orientation applied) RGB JPEG of at most ``limit`` pixels on its long side."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # attach checked the size already
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (limit, limit))  # JPEG: decode at a reduced scale, much faster
            shown = ImageOps.exif_transpose(image)
            shown.thumbnail((limit, limit), Image.Resampling.LANCZOS)
            shown = attachments.flattened(shown)
    out = io.BytesIO()
    shown.save(out, "JPEG", quality=quality, optimize=True)
    return Picture(out.getvalue(), *shown.size)
