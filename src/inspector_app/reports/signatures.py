"""Signature blocks: one per role, with the handwritten signature when one was recorded, else a line to sign.

The roles are the template's ``signature_roles``, else its kind's (``reports.kinds``). A handwritten
signature fills the block of its role (roles are matched loosely:
"contingent commander", "contingent_commander" and "commander" are the same role); a row whose role
is not one of the report's roles gets a block of its own, marked "handwritten" (so a reader tells it from a
digital signature). Rows without an image (digital signatures) are not drawn: the PDF signature itself carries
them, in its signature field, which ``crypto.pdf_sign`` creates over the place to sign of its role's block:
the first block of each role notes where it is drawn (``Boxes``: page, 0 = first, and rectangle in points).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from inspector_app.i18n import N_, _
from inspector_app.locale_format import format_date
from inspector_app.reports import images, kinds
from inspector_app.reports.data import HandSignature, ReportData
from inspector_app.reports.styles import CELL_FONT, COLOURS, FRAME_WIDTH, para, styles, text

ROLE_LABELS = {
    "inspector": N_("UN inspector"),
    "coe_inspector": N_("COE inspector"),
    "team_leader": N_("Team leader"),
    "contingent_commander": N_("Contingent commander"),
    "chief_coe_officer": N_("Chief COE officer"),
    "assessor": N_("Assessor"),
    "police_commissioner": N_("Police Commissioner"),
}
_ALIASES = {"un_inspector": "inspector", "commander": "contingent_commander", "unit_commander": "contingent_commander",
            "assessment_team_leader": "team_leader", "chief_assessor": "team_leader"}
COLUMNS = 3
INK_BOX = (FRAME_WIDTH / COLUMNS - 8 * mm, 26 * mm)  # room for a handwritten signature
SIGN_HEIGHT = INK_BOX[1] + 8 * mm  # a digital signature's field: its image above six lines (no name/date lines below)
log = logging.getLogger(__name__)
Boxes = dict[str, tuple[int, tuple[float, float, float, float]]]  # role code: (page, (x1, y1, x2, y2))


class Place(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """A blank place the signing step fills (a role's place to sign, a provisional mark); notes in ``boxes``
    where it is drawn, under ``key``."""

    def __init__(self, key: str, width: float, height: float, boxes: Boxes) -> None:
        super().__init__()
        self.key, self.width, self.height, self.boxes = key, width, height, boxes

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv._doctemplate.page - 1  # the canvas holds pages back: its own count stays at 1
        self.boxes[self.key] = (page, (x, y, x + self.width, y + self.height))


def role_code(role: str) -> str:
    code = role.strip().lower().replace("-", "_").replace(" ", "_")
    return _ALIASES.get(code, code)


def signature_blocks(data: ReportData, boxes: Boxes | None = None) -> list[Flowable]:
    """The signature blocks; once drawn, ``boxes`` holds where each role's first block is."""
    return role_blocks(kinds.signature_roles(data.template), data.commander, data.signatures, boxes)


def role_blocks(role_list: Sequence[str], commander: str, signatures: Sequence[HandSignature] = (),
                boxes: Boxes | None = None) -> list[Flowable]:
    """A block per role of ``role_list`` (and per handwritten signature), under the heading "Signatures";
    ``commander`` names the contingent commander's block."""
    s = styles()
    boxes = {} if boxes is None else boxes
    rows_by_role: dict[str, list[HandSignature | None]] = {}
    roles: dict[str, str] = {}  # role code: the role as written
    for role in role_list:
        roles.setdefault(role_code(role), role)
    for signature in signatures:
        rows_by_role.setdefault(role_code(signature.role), []).append(signature)
        roles.setdefault(role_code(signature.role), signature.role)
    blocks: list[list[Flowable]] = []
    for role, named in roles.items():
        for n, row in enumerate(rows_by_role.get(role) or [None]):
            blocks.append(_block(commander, role, named, row, boxes if n == 0 else None))
    cells = [blocks[i:i + COLUMNS] for i in range(0, len(blocks), COLUMNS)]
    if len(cells[-1]) < COLUMNS:
        cells[-1] += [[]] * (COLUMNS - len(cells[-1]))
    table = Table(cells, colWidths=[FRAME_WIDTH / COLUMNS] * COLUMNS, hAlign="LEFT")
    table.setStyle(TableStyle([
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm),
    ]))
    return [KeepTogether([para(_("Signatures"), s.h1), table])]


def _block(commander: str, role: str, named: str, row: HandSignature | None,
           boxes: Boxes | None) -> list[Flowable]:
    s = styles()
    label = _(ROLE_LABELS[role]) if role in ROLE_LABELS else (row.role if row else named)
    name = row.signer_name if row else (commander if role == "contingent_commander" else "")
    when = format_date(row.signed_on) if row else ""
    ink = _ink(row) if row else None
    mark: Flowable = ink if ink is not None else (
        Place(role, INK_BOX[0], SIGN_HEIGHT, boxes) if boxes is not None else Spacer(INK_BOX[0], INK_BOX[1]))
    line = Table([[mark]], colWidths=[INK_BOX[0]], rowHeights=[mark.wrap(*INK_BOX)[1] + 1 * mm], hAlign="LEFT")
    line.setStyle(TableStyle([
        CELL_FONT,
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, COLOURS["signature_line"]),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    block = [Paragraph(f"<b>{text(label)}</b>", s.caption), line]
    if not isinstance(mark, Place):  # a digital signature writes its own name and date in its field
        block += [Paragraph(text(_("Name: {name}").format(name=name or "")), s.cell),
                  Paragraph(text(_("Date: {date}").format(date=when)), s.cell)]
    if row is not None:
        mark_text = text(_("Handwritten signature"))  # a reader tells it from a digital signature
        block.append(Paragraph(f"<i>{mark_text}</i>", s.cell))
    return block


def _ink(row: HandSignature) -> Image | None:
    if row.image is None:
        log.warning("handwritten signature of %s left out of the report: its image is missing", row.signer_name)
        return None
    try:
        picture = images.signature(row.image)
    except (OSError, ValueError) as exc:
        log.warning("handwritten signature of %s left out of the report: %s", row.signer_name, exc)
        return None
    scale = min(INK_BOX[0] / picture.width, INK_BOX[1] / picture.height)
    return Image(io.BytesIO(picture.data), width=picture.width * scale,
                 height=picture.height * scale, hAlign="LEFT", mask="auto")
