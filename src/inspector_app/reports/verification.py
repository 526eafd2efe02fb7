"""The COE verification report of a unit for a period (month or quarter): major equipment and
self-sustainment together, with the reimbursable quantities, as PDF.

Data in (``reports.verification_data.VerificationData``), PDF bytes out, in the language in force
(``i18n.language``). Until the countersigning role has signed, the report is **provisional**, but a signed PDF
never changes: the pages are drawn without their state, and leave a place for it below the header table
(``status_box``); the signing service shows the state there and across each page as marks the countersignature
settles (``crypto.provisional``). Per MOU line and
per category: MOU quantity, deployed, serviceable, unserviceable, shortfall, surplus, availability,
serviceability and the reimbursable quantity (``domain.serviceability``); no pooled figure over categories.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from inspector_app.domain import labels
from inspector_app.domain.results import Compliance
from inspector_app.domain.self_sustainment import provider_label, verdict_label
from inspector_app.domain.serviceability import DEPLOYED, Aggregate, LineCount
from inspector_app.domain.template_model import TemplateKind
from inspector_app.domain.verification import MONTH
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.i18n import N_, _
from inspector_app.locale_format import format_date, format_percent
from inspector_app.reports import kinds, page
from inspector_app.reports.sections import note
from inspector_app.reports.signatures import Boxes, Place, role_blocks
from inspector_app.reports.styles import (
    COLOURS,
    FRAME_WIDTH,
    bold,
    coloured,
    grid_table,
    key_value_table,
    para,
    styles,
)
from inspector_app.reports.verification_data import SelfSustainmentRow, VerificationData

TITLE = kinds.COE_VERIFICATION
STATUS = "status"  # the key of the provisional mark's line in the status box
STATUS_HEIGHT = 5 * mm
PADDING = 5  # a grid cell's left and right padding together, in points (reports.styles.grid_table)
NUMBER_WIDTH = 8 * mm  # the narrowest figure column: "1 000"
SHARE_WIDTH = 12.5 * mm  # a percentage column: "100,0 %"
ITEM_WIDTH = 24 * mm  # the item column gets what the others leave, at least this

@dataclass(frozen=True)
class Column:
    """One column of the self-sustainment table: its heading (a msgid), width and cell."""

    heading: str
    width: float
    cell: Callable[[SelfSustainmentRow], object]


def _verdict(row: SelfSustainmentRow) -> object:
    label = verdict_label(row.verdict, row.provider)
    if row.verdict == Compliance.NOT_MET:
        return coloured(label, "below", styles().cell, strong=True)
    return label


def _affected(row: SelfSustainmentRow) -> object:
    return coloured(_("yes"), "below", styles().cell, strong=True) if row.reimbursement_affected else _("no")


# The self-sustainment table's columns, in order: a new figure is one entry here and one field of
# SelfSustainmentRow. The first column takes the width the others leave.
SS_COLUMNS: list[Column] = [
    Column(N_("Category"), 0, lambda row: row.label),
    Column(N_("Provided by"), 24 * mm, lambda row: provider_label(row.provider)),
    Column(N_("Verdict"), 36 * mm, _verdict),
    Column(N_("Reimbursement affected"), 28 * mm, _affected),
]


@dataclass(frozen=True)
class RenderedVerification:
    pdf: bytes
    document_id: str
    content_sha256: str
    pages: int
    # where each role's place to sign is drawn, by role code: (page, 0 = first, (x1, y1, x2, y2) in points)
    signature_boxes: Boxes = field(default_factory=dict)
    status_box: tuple[int, tuple[float, float, float, float]] | None = None  # the provisional mark's line


def render(data: VerificationData) -> RenderedVerification:
    """The PDF of ``data`` in the language in force (the caller's ``i18n.language``)."""
    document_id, digest = data.document_id(), data.content_sha256()
    title = _(TITLE)
    meta = page.PageMeta(
        header_left=f"{data.mission_code} — {data.unit_name} — {period_label(data)}",
        header_right=title,
        page_label=_("Page {page} of {pages}"),
        id_line=_("Document id: {id}").format(id=document_id),
        hash_line=_("Content SHA-256: {hash}").format(hash=digest),
        qr_value=page.qr_text(document_id, digest),
        title=f"{title} — {data.unit_name} {data.period.code}",
        author=data.author,
        subject=f"{title} — {data.unit_name} ({data.country}), {data.period.code}",
        keywords=page.keywords(document_id, digest),
        lang=data.lang,
        document_id=document_id,
    )
    boxes: Boxes = {}
    marks: Boxes = {}
    pdf, pages = page.build(story(data, title, boxes, marks), meta)
    return RenderedVerification(pdf, document_id, digest, pages, boxes, marks.get(STATUS))


def story(data: VerificationData, title: str, boxes: Boxes, marks: Boxes) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        para(title, s.title),
        para(f"{data.unit_name} ({data.country}) — {period_label(data)}", s.subtitle),
        key_value_table(_about(data), 42 * mm),
        Spacer(1, 1 * mm),
        Place(STATUS, FRAME_WIDTH, STATUS_HEIGHT, marks) if data.provisional else Spacer(1, STATUS_HEIGHT),
        Spacer(1, 2 * mm),
    ]
    out += _inspections(data)
    out += _major_equipment(data)
    out += _self_sustainment(data)
    out += _findings(data)
    out += role_blocks(data.roles, data.commander, (), boxes)
    return out


def period_label(data: VerificationData) -> str:
    p = data.period
    if p.kind == MONTH:
        return f"{p.code} ({format_date(p.start)} – {format_date(p.end)})"
    return _("Q{quarter} {year}").format(quarter=p.code[-1], year=p.start.year)


def _about(data: VerificationData) -> list[tuple[str, object]]:
    mou = data.mou.reference or "—"
    if data.mou.version is not None:
        mou = _("{reference}, version {version}").format(reference=mou, version=data.mou.version)
    if data.mou.effective_from is not None:
        mou = _("{mou} (in force from {date})").format(mou=mou, date=format_date(data.mou.effective_from))
    basis = _("deployed, up to the MOU quantity") if data.basis == DEPLOYED else \
        _("serviceable, up to the MOU quantity")
    return [
        (_("Mission"), f"{data.mission_name} ({data.mission_code})"),
        (_("Unit"), data.unit_name),
        (_("Contributing country"), data.country),
        (_("MOU"), mou),
        (_("Period"), f"{period_label(data)}: {format_date(data.period.start)} – {format_date(data.period.end)}"
         if data.period.kind != MONTH else period_label(data)),
        (_("Personnel strength"), _("not recorded") if data.strength is None else str(data.strength)),
        (_("Serviceability standard"), format_percent(data.threshold)),
        (_("Reimbursable quantity"), basis),
        (_("Generated on"), format_date(data.generated_on)),
    ]


def _inspections(data: VerificationData) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Inspections in the period"), s.h1)]
    if not data.inspections:
        return [*out, para(_("No COE inspection of the unit in the period is ready for review, signed or "
                             "exported."), s.body)]
    rows: list[list[object]] = [[_("Inspection"), _("Checklist"), _("Type"), _("Dates"), _("Status"), _("Team"),
                                 _("Figures used")]]
    for i in data.inspections:
        kind = _("Major equipment") if i.kind == TemplateKind.COE_MAJOR_EQUIPMENT.value else _("Self-sustainment")
        dates = format_date(i.start) if i.end in (None, i.start) else \
            f"{format_date(i.start)} – {format_date(i.end)}"
        rows.append([i.id[:8], kind, _type(i.type), dates, Status(i.status).label, i.team or "—",
                     _("yes") if i.used else "—"])
    out.append(grid_table(rows, [17 * mm, 25 * mm, 27 * mm, 27 * mm, 22 * mm, 44 * mm, 18 * mm],
                          centre=(6,)))
    out.append(note(_("When several inspections of one kind fall in the period, the latest whole one gives the "
                      "figures; a spot check only when nothing else falls in the period.")))
    return out


def _major_equipment(data: VerificationData) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Major equipment (Annex B)"), s.h1)]
    if not data.lines:
        return [*out, para(_("No major-equipment inspection of the unit in the period."), s.body)]
    heads = [_("Line"), _("Item"), _("Lease"), _("MOU"), _("Deployed"), _("Serviceable"), _("Unserviceable"),
             _("Shortfall"), _("Surplus"), _("Availability"), _("Serviceability"), _("Reimbursable")]
    rows: list[list[object]] = [list(heads)]
    extra: list[tuple[object, ...]] = []
    by_category: dict[str, list[LineCount]] = {}
    for line in data.lines:
        by_category.setdefault(line.category, []).append(line)
    totals = {c.name: c for c in data.categories}
    for category, lines in by_category.items():
        r = len(rows)
        rows.append([category, *[""] * 11])
        extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), COLOURS["header_bg"])]
        for line in lines:
            rows.append([line.line_no, line.item, labels.lease(line.lease), *_line_cells(line)])
        total = totals.get(category)
        if total is not None:
            r = len(rows)
            rows.append(["", _strong(_("Total {category}").format(category=category), styles().cell), "",
                         *_total_cells(total)])
            extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["total_bg"]))
            if total.below_threshold:
                extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
    out.append(grid_table(rows, line_widths(heads), right=tuple(range(3, 12)), plain=(0,), extra=extra))
    uncounted = sum(1 for line in data.lines if not line.counted)
    out.append(note(_("Availability = deployed (up to the MOU quantity) ÷ MOU quantity; serviceability = "
                      "serviceable (up to the MOU quantity) ÷ deployed (up to the MOU quantity). Reimbursable: "
                      "{basis}; surplus is never reimbursed. A category below the standard is shaded.").format(
        basis=_("deployed, up to the MOU quantity") if data.basis == DEPLOYED
        else _("serviceable, up to the MOU quantity"))))
    if uncounted:
        out.append(note(_("{n} MOU lines are not counted yet and are left out of these figures.").format(n=uncounted)))
    return out


def line_widths(heads: list[str]) -> list[float]:
    """Column widths of the major-equipment table in the language in force: each heading's longest word fits
    on a line (a heading wraps between words, never inside one); the item column takes the rest."""
    head, cell = styles().head, styles().cell

    def longest(words: str, style: ParagraphStyle) -> float:
        return max(float(stringWidth(word, style.fontName, style.fontSize)) for word in words.split())

    def fit(heading: str, least: float) -> float:
        return max(least, longest(heading, head) + PADDING + 0.5)

    shares = (9, 10)  # availability, serviceability
    widths = [fit(h, SHARE_WIDTH if n in shares else NUMBER_WIDTH) for n, h in enumerate(heads)]
    widths[2] = max(widths[2], *(longest(labels.lease(code), cell) + PADDING + 0.5 for code in ("wet", "dry")))
    widths[1] = max(ITEM_WIDTH, FRAME_WIDTH - sum(widths) + widths[1])
    return widths


def _line_cells(line: LineCount) -> list[object]:
    if not line.counted:
        return [line.quantity, *["—"] * 8]
    service: object = format_percent(line.serviceability)
    return [line.quantity, line.deployed, line.serviceable, line.unserviceable, line.shortfall, line.surplus,
            format_percent(line.availability), service, line.reimbursable]


def _total_cells(total: Aggregate) -> list[object]:
    right = styles().cell_right
    service: object = _strong(format_percent(total.serviceability), right)
    if total.below_threshold:
        service = coloured(format_percent(total.serviceability), "below", right, strong=True)
    return [*(_strong(v, right) for v in (total.quantity, total.deployed, total.serviceable, total.unserviceable,
                                          total.shortfall, total.surplus, format_percent(total.availability))),
            service, _strong(total.reimbursable, right)]


def _strong(value: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(bold(value), style)


def _self_sustainment(data: VerificationData) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Self-sustainment (Annex C)"), s.h1)]
    if not data.self_sustainment:
        return [*out, para(_("No self-sustainment inspection of the unit in the period."), s.body)]
    fixed = sum(c.width for c in SS_COLUMNS[1:])
    widths = [FRAME_WIDTH - fixed, *(c.width for c in SS_COLUMNS[1:])]
    rows: list[list[object]] = [[_(c.heading) for c in SS_COLUMNS]]
    rows += [[c.cell(row) for c in SS_COLUMNS] for row in data.self_sustainment]
    return [*out, grid_table(rows, widths)]


def _findings(data: VerificationData) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Findings"), s.h1)]
    if not data.findings:
        return [*out, para(_("No findings were recorded."), s.body)]
    rows: list[list[object]] = [[_("No."), _("Inspection"), _("Finding"), _("Recommendation")]]
    for n, f in enumerate(data.findings, 1):
        rows.append([n, f.inspection_id[:8], f.text, f.recommendation or "—"])
    return [*out, grid_table(rows, [8 * mm, 17 * mm, 80 * mm, FRAME_WIDTH - 105 * mm], right=(0,))]


def _type(code: str) -> str:
    try:
        return InspectionType(code).label
    except ValueError:
        return code
