"""The photo annex: every photo downscaled, two to a row, with its caption and the item it documents."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, Table, TableStyle

from inspector_app.i18n import _
from inspector_app.reports.data import Photo, ReportData
from inspector_app.reports.sections import item_label, note
from inspector_app.reports.styles import CELL_FONT, FRAME_WIDTH, bold, para, styles, text

COLUMNS = 2
BOX_WIDTH = FRAME_WIDTH / COLUMNS - 6 * mm
BOX_HEIGHT = 72 * mm


def photo_annex(data: ReportData) -> list[Flowable]:
    """Numbered photos with captions; other attached files (PDF documents) listed by name."""
    s = styles()
    if not data.photos and not data.documents:
        return []
    out: list[Flowable] = [PageBreak(), para(_("Annex: photographs"), s.h1)]
    if data.photos:
        cells = [_cell(data, n, photo) for n, photo in enumerate(data.photos, 1)]
        cells += [[]] * (-len(cells) % COLUMNS)  # an empty cell ends an odd row
        rows = [cells[i:i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
        table = Table(rows, colWidths=[FRAME_WIDTH / COLUMNS] * COLUMNS, hAlign="LEFT")
        table.setStyle(TableStyle([
        CELL_FONT,
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


def _cell(data: ReportData, number: int, photo: Photo) -> list[Flowable]:
    s = styles()
    picture = photo.file
    caption = photo.caption or photo.filename
    where = item_label(data, photo.key) if photo.key else _("Whole inspection")
    number_label = _("Photo {n}").format(n=number)
    heading = Paragraph(f"{bold(number_label)} — {text(caption)}", s.caption)
    details = Paragraph(text(f"{where} · {photo.filename}"), s.small)
    if picture is None:
        missing = Paragraph(text(_("(the photo's file is missing or unreadable in the data folder)")), s.small)
        return [missing, heading, details]
    scale = min(BOX_WIDTH / picture.width, BOX_HEIGHT / picture.height)
    image = Image(str(picture.path), width=picture.width * scale,
                  height=picture.height * scale, hAlign="LEFT")
    return [image, heading, details]
