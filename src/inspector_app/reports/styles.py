"""Named colours, paragraph styles and table styles of the reports: the one place that knows how they look."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from inspector_app.reports import fonts

PAGE_SIZE = A4
MARGIN = 15 * mm
TOP_MARGIN = 24 * mm  # room for the running header
BOTTOM_MARGIN = 30 * mm  # room for the footer and its QR code
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN

# Colours by meaning; print-friendly (light fills, dark text).
COLOURS = {
    "accent": colors.HexColor("#0b5394"),  # titles and rules
    "ink": colors.HexColor("#1a1a1a"),
    "muted": colors.HexColor("#5f6368"),
    "header_bg": colors.HexColor("#dde6f0"),
    "total_bg": colors.HexColor("#eef2f6"),
    "grid": colors.HexColor("#9aa5b1"),
    "below": colors.HexColor("#b00020"),
    "below_bg": colors.HexColor("#fde7ea"),
    "surplus": colors.HexColor("#0d47a1"),
    "ok": colors.HexColor("#1b5e20"),
    "signature_line": colors.HexColor("#444444"),
    "watermark": colors.HexColor("#e3e3e3"),  # "DRAFT" across an unsigned report's pages
}

# Every table starts with this command: a table selects its cells' font even when they hold paragraphs only,
# and ReportLab's default is Helvetica, which is not embedded (PDF/A and pdffonts want every font embedded).
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)
CELL_PADDING = 2.5  # left and right in a grid table
NEAR = 0.5  # points: a text line this close to a cell's width is left to a paragraph to break


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle
    head_centre: ParagraphStyle
    caption: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle


@cache
def styles() -> Styles:
    regular, bold = fonts.register()
    ink = COLOURS["ink"]
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5, textColor=ink, spaceAfter=3)
    cell = ParagraphStyle("cell", parent=body, fontName=fonts.CONDENSED, fontSize=7.5, leading=9, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName=fonts.CONDENSED_BOLD, fontSize=7, leading=8.5)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19,
                             textColor=COLOURS["accent"], spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=13, textColor=COLOURS["muted"],
                                spaceAfter=8),
        h1=ParagraphStyle("h1", parent=body, fontName=bold, fontSize=12, leading=15, textColor=COLOURS["accent"],
                          spaceBefore=10, spaceAfter=5, keepWithNext=True),
        h2=ParagraphStyle("h2", parent=body, fontName=bold, fontSize=10, leading=12.5, spaceBefore=6,
                          spaceAfter=3, keepWithNext=True),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=COLOURS["muted"]),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        head=head,
        head_right=ParagraphStyle("head_right", parent=head, alignment=TA_RIGHT),
        head_centre=ParagraphStyle("head_centre", parent=head, alignment=TA_CENTER),
        caption=ParagraphStyle("caption", parent=body, fontSize=8, leading=10, spaceAfter=0),
        label=ParagraphStyle("label", parent=body, fontName=bold, fontSize=7.5, leading=10.5, spaceAfter=0,
                             textColor=COLOURS["muted"]),
        value=ParagraphStyle("value", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
    )


def text(value: object) -> str:
    """``value`` as paragraph markup: escaped, line breaks kept."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def para(value: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(text(value), style or styles().body)


def bold(value: object) -> str:
    return f"<b>{text(value)}</b>"


def coloured(value: object, colour: str, style: ParagraphStyle | None = None, strong: bool = False) -> Paragraph:
    """A paragraph in one of the named ``COLOURS`` (table cells keep their paragraph's colour)."""
    markup = bold(value) if strong else text(value)
    return Paragraph(f'<font color="#{COLOURS[colour].hexval()[2:]}">{markup}</font>', style or styles().cell)


@dataclass(frozen=True)
class Flagged:
    """A ``grid_table`` cell's value in one of the named ``COLOURS``, bold when ``strong``: drawn as a plain string
    with the cell's colour and font, it looks as a ``coloured`` paragraph aligned as its column, and lays out
    several times faster."""

    value: object
    colour: str = "below"
    strong: bool = False


def grid_table(
    rows: list[list[object]],
    widths: list[float],
    *,
    right: tuple[int, ...] = (),
    centre: tuple[int, ...] = (),
    plain: tuple[int, ...] = (),
    fit: bool = False,
    repeat: bool = True,
    total_row: bool = False,
    extra: list[tuple[object, ...]] | None = None,
) -> Table:
    """A ruled table whose first row is a header repeated on every page it spans.

    Cell values become wrapping paragraphs, aligned right or centred in the ``right`` and ``centre``
    columns; in the ``plain`` columns (short values: numbers, codes) they stay one-line strings, which
    lay out several times faster in long tables. With ``fit``, every other value becomes a string too, broken
    into the lines its paragraph would have (the header row too, when all of it can): the page looks the same;
    a paragraph is kept where the breaks are in doubt. The header row is bold on a tinted background;
    ``total_row`` shades and bolds the last row. A ready Paragraph is used as it is; a ``Flagged`` value is a
    coloured string (a coloured paragraph where its breaks are in doubt).
    """
    s = styles()
    last = len(rows) - 1
    head = [None if isinstance(v, Paragraph) else _lines(v, w, s.head.fontName, s.head.fontSize)
            for v, w in zip(rows[0], widths, strict=True)] if fit and rows else []
    plain_head = bool(head) and None not in head
    body = []
    flags: list[tuple[object, ...]] = []  # the Flagged cells' colour, font and alignment
    for r, row in enumerate(rows):
        bolded = total_row and r == last and r > 0
        font = fonts.CONDENSED_BOLD if bolded else s.cell.fontName
        cells: list[object] = []
        for c, value in enumerate(row):
            if isinstance(value, Paragraph):
                cells.append(value)
            elif isinstance(value, Flagged):
                cells.append(_flagged(value, (c, r), widths[c], bolded, _align(c, right, centre), flags,
                                      column_aligned=c in ((*right, *centre) if fit else plain)))
            elif r == 0 and plain_head:
                cells.append(head[c])
            elif r > 0 and c in plain:
                cells.append("" if value is None else str(value))
            elif r > 0 and fit and (lines := _lines(value, widths[c], font, s.cell.fontSize)) is not None:
                cells.append(lines)
            else:
                if r == 0:
                    style = s.head_right if c in right else s.head_centre if c in centre else s.head
                else:
                    style = s.cell_right if c in right else s.cell_centre if c in centre else s.cell
                markup = bold(value) if bolded else text(value)
                cells.append(Paragraph(markup, style))
        body.append(cells)
    table = Table(body, colWidths=widths, repeatRows=1 if repeat else 0, hAlign="LEFT", spaceAfter=4)
    commands: list[tuple[object, ...]] = [
        CELL_FONT,
        ("GRID", (0, 0), (-1, -1), 0.4, COLOURS["grid"]),
        ("BACKGROUND", (0, 0), (-1, 0), COLOURS["header_bg"]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        # plain string cells look like the paragraph cells
        ("FONT", (0, 1), (-1, -1), s.cell.fontName, s.cell.fontSize, s.cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), s.cell.textColor),
    ]
    if plain_head:
        commands += [("FONT", (0, 0), (-1, 0), s.head.fontName, s.head.fontSize, s.head.leading),
                     ("TEXTCOLOR", (0, 0), (-1, 0), s.head.textColor)]
    for c in (*right, *centre) if fit else plain:
        commands.append(("ALIGN", (c, 0 if plain_head else 1), (c, -1), _align(c, right, centre)))
    if total_row and len(rows) > 1:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), COLOURS["total_bg"]))
        commands.append(("FONTNAME", (0, -1), (-1, -1), fonts.CONDENSED_BOLD))
    table.setStyle(TableStyle(commands + flags + (extra or [])))
    return table


def _align(column: int, right: tuple[int, ...], centre: tuple[int, ...]) -> str:
    return "RIGHT" if column in right else "CENTER" if column in centre else "LEFT"


def _flagged(value: Flagged, cell: tuple[int, int], width: float, bolded: bool, align: str,
             commands: list[tuple[object, ...]], *, column_aligned: bool) -> object:
    """A Flagged value's string, and the commands its cell needs beyond its row's and column's (a table lays out
    slower with each) added to ``commands``; a coloured paragraph aligned ``align`` when in doubt."""
    s = styles()
    strong = value.strong or bolded
    lines = _lines(value.value, width, fonts.CONDENSED_BOLD if strong else s.cell.fontName, s.cell.fontSize)
    if lines is None:
        style = {"RIGHT": s.cell_right, "CENTER": s.cell_centre}.get(align, s.cell)
        return coloured(value.value, value.colour, style, strong)
    commands.append(("TEXTCOLOR", cell, cell, COLOURS[value.colour]))
    if strong and not bolded:
        commands.append(("FONTNAME", cell, cell, fonts.CONDENSED_BOLD))
    if align != "LEFT" and not column_aligned:
        commands.append(("ALIGN", cell, cell, align))
    return lines


def _lines(value: object, width: float, font: str, size: float) -> str | None:
    """``value`` broken into the lines its paragraph would have in a cell ``width`` wide (as ReportLab breaks a
    paragraph in one font: greedily, at spaces), for a plain string that looks the same; None when in doubt: a line
    ending near the limit (where ReportLab may squeeze the spaces), a word wider than the cell."""
    room = width - 2 * CELL_PADDING
    space = stringWidth(" ", font, size)
    out: list[str] = []
    for given in ("" if value is None else str(value)).split("\n"):
        line: list[str] = []
        used = -space
        for word in given.split():
            wide = stringWidth(word, font, size)
            after = used + space + wide
            if wide > room - NEAR or abs(after - room) < NEAR + space:
                return None
            if after > room:
                out.append(" ".join(line))
                line, after = [], wide
            line.append(word)
            used = after
        out.append(" ".join(line))
    return "\n".join(out)


def key_value_table(pairs: list[tuple[str, object]], label_width: float) -> Table:
    """Label / value pairs in two columns, unruled: the header block of a report."""
    s = styles()
    rows = [[Paragraph(text(label), s.label), Paragraph(text(value), s.value)] for label, value in pairs]
    table = Table(rows, colWidths=[label_width, FRAME_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(TableStyle([
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, COLOURS["accent"]),
    ]))
    return table

