"""The page: a running header (mission, unit, title) and, on every page, a footer with "Page X of Y",
the document id, the content hash and a small QR code of both, for verification.

The **document id** names one rendition (an inspection's report at one revision in one language; the
quarterly report of a mission, quarter and language): the footer prints it, the PDF's metadata carries it
(XMP ``dc:identifier``, and first in the Info dictionary's keywords), and the QR code holds it with the
content hash as a short text a phone can read: ``inspector:verify?doc=<id>&content=<hash>``
(``qr_text``). ``inspector verify`` reads it from the metadata of the signed bytes. A draft (the report of
an inspection not signed yet) says so on every page: in the header and as a watermark across it."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from inspector_app import __version__
from inspector_app.reports import fonts, pdfa
from inspector_app.reports.styles import BOTTOM_MARGIN, COLOURS, MARGIN, PAGE_SIZE, TOP_MARGIN

QR_SIZE = 17 * mm
WATERMARK_LENGTH = 150 * mm  # the watermark word's length along its diagonal
_QR_FORM = "verification-qr"


@dataclass(frozen=True)
class PageMeta:
    """What every page shows, already in the report's language."""

    header_left: str  # mission — unit
    header_right: str  # report title
    page_label: str  # "Page {page} of {pages}", translated
    id_line: str  # "Document INS-…"
    hash_line: str  # "Content SHA-256 …"
    qr_value: str  # qr_text(document id, content hash)
    title: str
    author: str
    subject: str
    keywords: str
    lang: str
    draft: str = ""  # "DRAFT", translated, on the pages of a draft; "" for a report to sign or signed
    document_id: str = ""  # written to the XMP metadata as dc:identifier


QR_SCHEME = "inspector:verify"


def qr_text(document_id: str, content_sha256: str) -> str:
    """What the QR code of every page holds: ``inspector:verify?doc=<id>&content=<hash>``."""
    return f"{QR_SCHEME}?doc={document_id}&content={content_sha256}"


def keywords(document_id: str, content_sha256: str) -> str:
    """The Info dictionary's keywords: the document id first, then ``sha256:<content hash>``."""
    return f"{document_id} sha256:{content_sha256}"


def build(story: list[Flowable], meta: PageMeta) -> tuple[bytes, int]:
    """Lay ``story`` out on A4 pages; the PDF bytes and the number of pages."""
    regular, _bold = fonts.register()
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN, title=meta.title, author=meta.author, subject=meta.subject,
        keywords=meta.keywords, creator=_creator(), lang=meta.lang,
        initialFontName=regular, initialFontSize=9,  # every font in the file is embedded: no Helvetica
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=_header(meta))])
    counter: list[int] = []
    ascii85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: photos go in as they are, not 25 % larger (and slowly) as text
    try:
        doc.build(story, canvasmaker=_canvas_class(meta, counter))
    finally:
        rl_config.useA85 = ascii85
    return out.getvalue(), counter[0]


def _creator() -> str:
    return f"Inspector {__version__}"


def _header(meta: PageMeta) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        regular, bold = fonts.register()
        width, height = PAGE_SIZE
        top = height - 13 * mm
        canvas.saveState()
        if meta.draft:
            _watermark(canvas, meta.draft)
        canvas.setFillColor(COLOURS["muted"])
        room = width - 2 * MARGIN
        right = f"{meta.draft} — {meta.header_right}" if meta.draft else meta.header_right
        wanted = canvas.stringWidth(meta.header_left, bold, 7.5) + canvas.stringWidth(right, regular, 7.5)
        # side by side when both fit; else the title on a line of its own above, neither cut
        title_top = top if wanted + 5 * mm <= room else top + 3.5 * mm
        canvas.setFont(bold, 7.5)
        canvas.drawString(MARGIN, top, _fit(canvas, meta.header_left, bold, 7.5, room))
        canvas.setFont(regular, 7.5)
        canvas.drawRightString(width - MARGIN, title_top, _fit(canvas, right, regular, 7.5, room))
        canvas.setStrokeColor(COLOURS["accent"])
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, top - 2.5 * mm, width - MARGIN, top - 2.5 * mm)
        canvas.restoreState()

    return draw


def _watermark(canvas: Canvas, word: str) -> None:
    """``word`` large and light across the page, under the content (drawn before it).

    It is a picture, not text: text extraction and copying see the page's text only, not its letters.
    """
    picture, scale = _watermark_picture(word)
    width, height = PAGE_SIZE
    w, h = picture.getSize()
    canvas.drawImage(picture, (width - w * scale) / 2, (height - h * scale) / 2, w * scale, h * scale, mask="auto")


@cache
def _watermark_picture(word: str) -> tuple[ImageReader, float]:
    """The word in the watermark colour on a transparent ground, turned 45°; and points per pixel."""
    font = ImageFont.truetype(str(fonts.font_file(fonts.BOLD)), 160)
    left, top, right, bottom = font.getbbox(word)
    flat = Image.new("LA", (int(right - left), int(bottom - top)), (0, 0))
    ImageDraw.Draw(flat).text((-left, -top), word, font=font, fill=(round(COLOURS["watermark"].red * 255), 255))
    return ImageReader(flat.rotate(45, resample=Image.Resampling.BICUBIC, expand=True)), WATERMARK_LENGTH / flat.width


def _canvas_class(meta: PageMeta, counter: list[int]) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer knows the page count."""

    class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            counter.append(total)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                if number == 1:
                    _define_qr(self, meta.qr_value)
                _footer(self, meta, number, total)
                super().showPage()
            pdfa.declare(self, title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords,
                         creator=_creator(), identifier=meta.document_id)
            super().save()

    return _NumberedCanvas


def _define_qr(canvas: Canvas, value: str) -> None:
    """The QR code once as a form, drawn by reference on every page (one copy in the file).

    The widget's encoder gives the modules; they are drawn as one filled path, runs of dark modules
    merged, which is much faster than the widget's own drawing (a shape per run).
    """
    qr = QrCodeWidget(value, barLevel="M").qr
    qr.make()
    count = qr.getModuleCount()
    box = QR_SIZE / count
    path = canvas.beginPath()
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, run in itertools.groupby(bool(m) for m in row):
            length = len(list(run))
            if dark:
                path.rect(c * box, QR_SIZE - (r + 1) * box, length * box, box)
            c += length
    canvas.beginForm(_QR_FORM)
    canvas.setFillColor(COLOURS["ink"])
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.endForm()


def _footer(canvas: Canvas, meta: PageMeta, number: int, total: int) -> None:
    regular, bold = fonts.register()
    width, _height = PAGE_SIZE
    base = 10 * mm
    top = base + QR_SIZE + 1.5 * mm
    canvas.saveState()
    canvas.setStrokeColor(COLOURS["accent"])
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, top, width - MARGIN, top)
    canvas.setFillColor(COLOURS["ink"])
    canvas.setFont(bold, 8.5)
    canvas.drawString(MARGIN, base + 11 * mm, meta.page_label.format(page=number, pages=total))
    canvas.setFillColor(COLOURS["muted"])
    canvas.setFont(regular, 7)
    canvas.drawString(MARGIN, base + 6.5 * mm, meta.id_line)
    canvas.drawString(MARGIN, base + 2.5 * mm, meta.hash_line)
    canvas.translate(width - MARGIN - QR_SIZE, base)
    canvas.doForm(_QR_FORM)
    canvas.restoreState()


def _fit(canvas: Canvas, value: str, font: str, size: float, room: float) -> str:
    """``value``, shortened with an ellipsis until it fits ``room`` points."""
    if canvas.stringWidth(value, font, size) <= room:
        return value
    while value and canvas.stringWidth(value + "…", font, size) > room:
        value = value[:-1]
    return value.rstrip() + "…"
