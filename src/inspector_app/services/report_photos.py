"""Photos prepared for the PDF: print copies, JPEG files kept beside the media they come from.

Attaching a photo makes its print copy (``services.attachments``); a photo attached before print copies
existed, or that came in a bundle, gets its copy here, the first time a report shows it, and keeps it. The
missing copies are made on every core at once: a thread per core, since Pillow lets go of the interpreter
while it decodes, resizes and encodes (threads need none of a process pool's start-up, nor its care on
Windows and in the frozen program). Originals stay untouched.

Photos go to the PDF from JPEG files: ReportLab embeds a ``.jpg`` file as it is, while image objects it is
given in memory are decoded in full (tens of MB each) just to name them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from inspector_app.reports.data import PhotoFile
from inspector_app.reports.images import print_picture
from inspector_app.services import attachments
from inspector_app.storage.models import Attachment

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

log = logging.getLogger(__name__)
_UNREADABLE = (OSError, SyntaxError, ValueError)  # UnidentifiedImageError is an OSError


def photo_files(ws: Workspace, photos: Sequence[Attachment], scratch: Path) -> list[PhotoFile | None]:
    """The print file of each photo, in order: its kept print copy, made now (and kept) when missing.

    None for a photo whose media file is missing or unreadable (the report says so instead of failing). A copy
    that cannot be kept in the media folder goes to ``scratch``, which must last until the PDF is built.
    """
    found: list[PhotoFile | None] = []
    missing: list[int] = []
    for n, photo in enumerate(photos):
        found.append(_kept(attachments.print_copy_path(ws, photo)))
        if found[-1] is None:
            missing.append(n)
    if missing:
        workers = min(len(missing), os.cpu_count() or 1)
        with ThreadPoolExecutor(workers, thread_name_prefix="report-photo") as pool:
            made = pool.map(lambda n: _made(ws, photos[n], scratch), missing)
            for n, file in zip(missing, made, strict=True):
                found[n] = file
    return found


def _kept(path: Path) -> PhotoFile | None:
    """The print copy at ``path`` (its size read from its header; nothing is decoded), or None."""
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (FileNotFoundError, *_UNREADABLE):
        return None
    return PhotoFile(path, width, height)


def _made(ws: Workspace, photo: Attachment, scratch: Path) -> PhotoFile | None:
    """Make ``photo``'s print copy from its display copy (or original) and keep it; None when unreadable."""
    source = ws.data.media_path(photo.display_sha256 or photo.sha256)
    try:
        picture = print_picture(source)
    except _UNREADABLE as exc:
        log.warning("photo %s left out of the report: %s", photo.filename, exc)
        return None
    target = attachments.print_copy_path(ws, photo)
    if not attachments.keep_print_copy(target, picture.data):
        target = scratch / f"{photo.id}.jpg"
        target.write_bytes(picture.data)
    return PhotoFile(target, picture.width, picture.height)
