"""Signature blocks: one per role, with the handwritten signature when one was recorded, else a line to sign.

A ``Signature`` row with an ``image_sha256`` fills the block of its role (roles are matched loosely:
"contingent commander", "contingent_commander" and "commander" are the same role); a row whose role
is not one of the report's roles gets a block of its own. Rows without an image (digital signatures)
are not drawn: the PDF signature itself carries them.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from inspector_app.domain.template_model import TemplateKind
from inspector_app.errors import StorageError
from inspector_app.i18n import N_, _
from inspector_app.locale_format import format_date
from inspector_app.reports import images
from inspector_app.reports.data import ReportData
from inspector_app.reports.styles import COLOURS, FRAME_WIDTH, para, styles, text
from inspector_app.storage.models import Signature

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

ROLE_LABELS = {
    "inspector": N_("UN inspector"),
    "team_leader": N_("Team leader"),
    "contingent_commander": N_("Contingent commander"),
    "chief_coe_officer": N_("Chief COE officer"),
    "assessor": N_("Assessor"),
}
_ALIASES = {"un_inspector": "inspector", "commander": "contingent_commander", "unit_commander": "contingent_commander",
            "assessment_team_leader": "team_leader", "chief_assessor": "team_leader"}
ROLES_BY_KIND = {
    TemplateKind.COE_MAJOR_EQUIPMENT: ("inspector", "team_leader", "contingent_commander"),
    TemplateKind.COE_SELF_SUSTAINMENT: ("inspector", "team_leader", "contingent_commander"),
    TemplateKind.AOC: ("assessor", "team_leader", "contingent_commander"),
    TemplateKind.AMS: ("assessor", "team_leader"),
}
COLUMNS = 3
INK_BOX = (FRAME_WIDTH / COLUMNS - 8 * mm, 18 * mm)
log = logging.getLogger(__name__)


def role_code(role: str) -> str:
    code = role.strip().lower().replace("-", "_").replace(" ", "_")
    return _ALIASES.get(code, code)


def signature_blocks(ws: Workspace, data: ReportData) -> list[Flowable]:
    s = styles()
    rows_by_role: dict[str, list[Signature | None]] = {}
    for signature in data.signatures:
        rows_by_role.setdefault(role_code(signature.role), []).append(signature)
    roles = list(ROLES_BY_KIND.get(data.template.kind, ("inspector", "team_leader")))
    roles += [r for r in rows_by_role if r not in roles]
    blocks: list[list[Flowable]] = []
    for role in roles:
        for row in rows_by_role.get(role) or [None]:
            blocks.append(_block(ws, data, role, row))
    cells = [blocks[i:i + COLUMNS] for i in range(0, len(blocks), COLUMNS)]
    if len(cells[-1]) < COLUMNS:
        cells[-1] += [[]] * (COLUMNS - len(cells[-1]))
    table = Table(cells, colWidths=[FRAME_WIDTH / COLUMNS] * COLUMNS, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm),
    ]))
    return [KeepTogether([para(_("Signatures"), s.h1), table])]


def _block(ws: Workspace, data: ReportData, role: str, row: Signature | None) -> list[Flowable]:
    s = styles()
    label = _(ROLE_LABELS[role]) if role in ROLE_LABELS else (row.role if row else role)
    name = row.signer_name if row else (data.unit.commander if role == "contingent_commander" else "")
    when = format_date(row.signed_at.date()) if row else ""
    ink = _ink(ws, row) if row else None
    mark: Flowable = ink if ink is not None else Spacer(INK_BOX[0], INK_BOX[1])
    line = Table([[mark]], colWidths=[INK_BOX[0]], rowHeights=[INK_BOX[1] + 1 * mm], hAlign="LEFT")
    line.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, COLOURS["signature_line"]),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return [
        Paragraph(f"<b>{text(label)}</b>", s.caption),
        line,
        Paragraph(text(_("Name: {name}").format(name=name or "")), s.cell),
        Paragraph(text(_("Date: {date}").format(date=when)), s.cell),
    ]


def _ink(ws: Workspace, row: Signature) -> Image | None:
    try:
        picture = images.signature(ws.data.media_path(row.image_sha256 or "").read_bytes())
    except (OSError, StorageError, ValueError) as exc:
        log.warning("handwritten signature of %s left out of the report: %s", row.signer_name, exc)
        return None
    scale = min(INK_BOX[0] / picture.width, INK_BOX[1] / picture.height)
    return Image(io.BytesIO(picture.data), width=picture.width * scale,
                 height=picture.height * scale, hAlign="LEFT", mask="auto")
