"""The photo annex: every photo downscaled, two to a row, with its caption and the item it documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, Table, TableStyle

from inspector_app.i18n import _
from inspector_app.reports import images
from inspector_app.reports.data import ReportData
from inspector_app.reports.sections import item_label, note
from inspector_app.reports.styles import FRAME_WIDTH, bold, para, styles, text
from inspector_app.storage.models import Attachment

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

COLUMNS = 2
BOX_WIDTH = FRAME_WIDTH / COLUMNS - 6 * mm
BOX_HEIGHT = 72 * mm


def photo_annex(ws: Workspace, data: ReportData, scratch: Path) -> list[Flowable]:
    """Numbered photos with captions; other attached files (PDF documents) listed by name.

    The photos' JPEG files are written to ``scratch``, which must last until the PDF is built.
    """
    s = styles()
    if not data.photos and not data.documents:
        return []
    out: list[Flowable] = [PageBreak(), para(_("Annex: photographs"), s.h1)]
    if data.photos:
        cells = [_cell(ws, data, n, photo, scratch) for n, photo in enumerate(data.photos, 1)]
        cells += [[]] * (-len(cells) % COLUMNS)  # an empty cell ends an odd row
        rows = [cells[i:i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
        table = Table(rows, colWidths=[FRAME_WIDTH / COLUMNS] * COLUMNS, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * mm),
        ]))
        out.append(table)
        out.append(note(_("Photos are reduced for print; the originals are kept unchanged in the inspection's "
                          "records.")))
    if data.documents:
        out.append(para(_("Other attached documents"), s.h2))
        for document in data.documents:
            caption = f" — {document.caption}" if document.caption else ""
            out.append(para(f"{document.filename}{caption}", s.body))
    return out


def _cell(ws: Workspace, data: ReportData, number: int, attachment: Attachment, scratch: Path) -> list[Flowable]:
    s = styles()
    picture = images.photo_file(ws, attachment, scratch)
    caption = attachment.caption or attachment.filename
    where = item_label(data, attachment.key) if attachment.key else _("Whole inspection")
    number_label = _("Photo {n}").format(n=number)
    heading = Paragraph(f"{bold(number_label)} — {text(caption)}", s.caption)
    details = Paragraph(text(f"{where} · {attachment.filename}"), s.small)
    if picture is None:
        missing = Paragraph(text(_("(the photo's file is missing or unreadable in the data folder)")), s.small)
        return [missing, heading, details]
    scale = min(BOX_WIDTH / picture.width, BOX_HEIGHT / picture.height)
    image = Image(str(picture.path), width=picture.width * scale,
                  height=picture.height * scale, hAlign="LEFT")
    return [image, heading, details]
