"""The quarterly COE status report of a mission, as PDF (ReportLab, with a chart) or XLSX (the same tables).

Availability and serviceability of the major equipment the contributing countries provide under their MOUs
(Annex B), by unit and by category, from the last settled COE major-equipment inspection of each unit within
the quarter (``services.hq_views.quarter_status`` says which inspections count and how figures are made).
Units with no such inspection are named. A figure pooled over a unit's categories, or over the mission, is
printed as an *indicator* only, never judged against the standard (docs/coe-rules.md): the standard applies per
category. Then the trend against the previous quarter, self-sustainment, overdue inspections and women against
the parity target (``reports.quarter_parts``). ``mission_body`` and ``figure_sheets`` serve HQ's global report
(``reports.coe_global``) too.

The **content hash** is the SHA-256 of the canonical JSON (``reports.data.content_hash``) of
``{"format": 1, "report": "coe-quarterly-status", "status": QuarterStatus.to_dict()}``, independent of the
language; the **document id** names the rendition: ``COE-<mission code>-<quarter>-<first 8 hex digits of the
hash>-<language>``, e.g. ``COE-MINUDEM-2026Q4-0123abcd-EN`` (``reports.page`` says where it is written).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from inspector_app import gc_pause, i18n
from inspector_app.domain.quarter_status import Figures, InspectionRef, QuarterStatus
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.i18n import _
from inspector_app.locale_format import format_date, format_number, format_percent
from inspector_app.reports import fonts, kinds, page, quarter_parts
from inspector_app.reports.data import content_hash
from inspector_app.reports.sections import note
from inspector_app.reports.styles import (
    COLOURS,
    FRAME_WIDTH,
    Flagged,
    grid_table,
    key_value_table,
    para,
    styles,
)
from inspector_app.reports.xlsx import DATE, PERCENT, Sheet, xlsx_bytes

HASH_FORMAT = 1
CHART_HEIGHT = 64 * mm
BAR_LABEL_SIZE = 6.5  # points: the value over each bar
# MOU qty, found, serviceable, availability, serviceability, shortfall, surplus, standard
FIGURE_WIDTHS = [13 * mm, 13.5 * mm, 17.5 * mm, 17 * mm, 20 * mm, 13.5 * mm, 13.5 * mm, 14 * mm]


@dataclass(frozen=True)
class RenderedStatus:
    pdf: bytes
    document_id: str
    content_sha256: str
    pages: int


def identity(status: QuarterStatus, lang: str = "en") -> tuple[str, str]:
    """The document id of the report in ``lang`` and its content hash (see the module's docstring)."""
    digest = content_hash({"format": HASH_FORMAT, "report": "coe-quarterly-status", "status": status.to_dict()})
    return f"COE-{status.mission_code}-{status.quarter}-{digest[:8]}-{lang.upper()}", digest


@gc_pause.paused()
def render_pdf(status: QuarterStatus, lang: str = "en", author: str = "",
               known: tuple[str, str] | None = None) -> RenderedStatus:
    """The PDF report in ``lang`` ("en" or "fr"); only reads ``status``. ``known``: its ``identity(status, lang)``
    when the caller has it (the content hash reads every figure)."""
    document_id, digest = known or identity(status, lang)
    with i18n.language(lang):
        title = _(kinds.QUARTERLY_COE.title)
        story = _story(status, title, document_id)
        meta = page_meta(title, status.mission_code, _quarter(status),
                         f"{title} — {status.mission_name} ({status.mission_code}), {_quarter(status)}",
                         document_id, digest, author, lang)
        pdf, pages = page.build(story, meta)
    return RenderedStatus(pdf, document_id, digest, pages)


def page_meta(title: str, scope: str, quarter: str, subject: str, document_id: str, digest: str, author: str,
              lang: str) -> page.PageMeta:
    """A quarterly report's page furniture: ``scope`` (a mission's code) and ``quarter`` head every page."""
    return page.PageMeta(
        header_left=f"{scope} — {quarter}",
        header_right=title,
        page_label=_("Page {page} of {pages}"),
        id_line=_("Document id: {id}").format(id=document_id),
        hash_line=_("Content SHA-256: {hash}").format(hash=digest),
        qr_value=page.qr_text(document_id, digest),
        title=f"{title} — {scope} {quarter}",
        author=author,
        subject=subject,
        keywords=page.keywords(document_id, digest),
        lang=lang,
        document_id=document_id,
    )


def render_xlsx(status: QuarterStatus, lang: str = "en") -> bytes:
    """The same tables as the PDF, one sheet each, after a sheet that says what the workbook holds."""
    document_id, _digest = identity(status, lang)
    with i18n.language(lang):
        about = [[label, value] for label, value in _about(status, document_id)]
        return xlsx_bytes([Sheet(_("Report"), [_("Item"), _("Value")], about, widths={0: 28, 1: 60}),
                           *figure_sheets([status], mission_column=False), *quarter_parts.sheets([status])])


def figure_sheets(missions: Sequence[QuarterStatus], *, mission_column: bool) -> list[Sheet]:
    """The major-equipment sheets (Units, Categories, Units by category) over ``missions``, each row led by the
    mission's code when ``mission_column``."""
    figure_heads = [*_figure_headers(), _("Uncounted lines")]
    lead = [_("Mission")] if mission_column else []
    shift = len(lead)
    shares = {k: PERCENT for k in (3, 4)}
    units: list[list[Any]] = []
    categories: list[list[Any]] = []
    detail: list[list[Any]] = []
    for status in missions:
        code = [status.mission_code] if mission_column else []
        for u in status.units:
            ref = u.inspection
            if ref is None or u.total is None:
                units.append([*code, u.name, u.country, None, None, None, _("no COE inspection in the quarter")])
                continue
            units.append([*code, u.name, u.country, ref.id, _type_label(ref), ref.date, Status(ref.status).label,
                          *_figure_values(u.total, verdict=False)])
        categories += [[*code, c.name, _units_with(status, c.name), *_figure_values(c)] for c in status.categories]
        if status.total is not None:
            categories.append([*code, _pooled_label(), len(status.inspected),
                               *_figure_values(status.total, verdict=False)])
        detail += [[*code, u.name, u.country, c.name, *_figure_values(c)] for u in status.inspected
                   for c in u.categories]
    return [
        Sheet(_("Units"), [*lead, _("Unit"), _("Contributing country"), _("Inspection id"), _("Inspection type"),
                           _("Date"), _("Status"), *figure_heads], units,
              {4 + shift: DATE} | {k + 6 + shift: f for k, f in shares.items()},
              {0 + shift: 18, 1 + shift: 16, 2 + shift: 38, 3 + shift: 20, 5 + shift: 30}),
        Sheet(_("Categories"), [*lead, _("Category"), _("Units"), *figure_heads], categories,
              {k + 2 + shift: f for k, f in shares.items()}, {shift: 40}),
        Sheet(_("Units by category"), [*lead, _("Unit"), _("Contributing country"), _("Category"), *figure_heads],
              detail, {k + 3 + shift: f for k, f in shares.items()}, {shift: 18, 1 + shift: 16, 2 + shift: 40}),
    ]


def _story(status: QuarterStatus, title: str, document_id: str) -> list[Flowable]:
    s = styles()
    return [
        para(title, s.title),
        para(f"{status.mission_name} — {_quarter(status)}", s.subtitle),
        key_value_table(_about(status, document_id), 38 * mm),
        Spacer(1, 3 * mm),
        *mission_body(status),
    ]


def mission_body(status: QuarterStatus, *, detail: bool = True) -> list[Flowable]:
    """A mission's part of a quarterly report: its major equipment (with ``detail``, each unit's by category too;
    without, a note that the mission's own report has them), then the trend, self-sustainment, overdue inspections
    and gender (``reports.quarter_parts``)."""
    s = styles()
    threshold = format_percent(status.threshold)
    out: list[Flowable] = [
        para(_("Availability and serviceability against the MOU (Annex B) of the major equipment the contributing "
               "countries provide, from the last COE major-equipment inspection of each unit within the quarter "
               "that is ready for review, signed or exported. Standard: {threshold} serviceability."
               ).format(threshold=threshold), s.body),
        note(_("Availability = found (capped at the MOU quantity) ÷ MOU quantity; serviceability = serviceable "
               "(capped at the MOU quantity) ÷ found (capped at the MOU quantity). Surplus is not reimbursed and "
               "never raises either. MOU lines not counted are left out of the figures.")),
        para(_("Serviceability by unit (indicator)"), s.h1),
        note(_("Each unit's figures pool all its categories: an indicator, not a COE result. The standard applies "
               "per category (below).")),
    ]
    if not status.inspected:
        out.append(para(_("No unit of the mission had a COE major-equipment inspection in the quarter."), s.body))
    else:
        out += [chart(status), Spacer(1, 2 * mm), _unit_table(status)]
    out.append(_not_inspected(status))
    if status.inspected:
        out += _category_section(status)
        out += _detail_section(status) if detail else [
            note(_("Each unit's figures by category are in the mission's own quarterly COE status report."))]
    return out + quarter_parts.sections(status)


def chart(status: QuarterStatus) -> Drawing:
    """Availability and serviceability per inspected unit (pooled: an indicator), as bars, with the category
    standard as a dashed line for scale: a pooled bar is not judged against it. Each bar carries its value where
    the bars are as wide as the value (up to about nine units; the table under the chart gives every figure)."""
    regular, _bold = fonts.register()
    units = status.inspected
    names = [u.name if len(u.name) <= 18 else u.name[:17] + "…" for u in units]
    slanted = len(units) > 6 or max(len(n) for n in names) > 12
    bars = VerticalBarChart()
    bars.x, bars.y = 14 * mm, (17 if slanted else 9) * mm
    bars.width = min(FRAME_WIDTH - 56 * mm, 12 * mm + 26 * mm * len(units))  # no giant bars for a few units
    bars.height = CHART_HEIGHT - 14 * mm
    drawing = Drawing(FRAME_WIDTH, bars.y + bars.height + 5 * mm)
    drawing.initialFontName = regular  # the renderer's first font, Helvetica otherwise: every font is embedded
    bars.data = [[100 * (u.total.availability or 0) for u in units if u.total],
                 [100 * (u.total.serviceability or 0) for u in units if u.total]]
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = 0, 100, 20
    bars.valueAxis.labels.fontName, bars.valueAxis.labels.fontSize = regular, 7
    bars.valueAxis.labelTextFormat = lambda v: format_percent(v / 100, 0)
    bars.categoryAxis.categoryNames = names
    bars.categoryAxis.labels.fontName, bars.categoryAxis.labels.fontSize = fonts.CONDENSED, 7
    if slanted:
        bars.categoryAxis.labels.angle, bars.categoryAxis.labels.boxAnchor = 30, "ne"
        bars.categoryAxis.labels.dx, bars.categoryAxis.labels.dy = 3, -3
    bars.groupSpacing, bars.barSpacing = 6, 1
    bars.bars[0].fillColor = COLOURS["header_bg"]
    bars.bars[1].fillColor = COLOURS["accent"]
    bars.bars.strokeColor = COLOURS["grid"]
    if bars.width / len(units) / 2 >= stringWidth(format_number(100, 1), fonts.CONDENSED, BAR_LABEL_SIZE) + 1:
        bars.barLabelFormat = lambda v: format_number(v, 1)  # a value over each bar, where the bars are wide enough
        bars.barLabels.fontName, bars.barLabels.fontSize, bars.barLabels.nudge = fonts.CONDENSED, BAR_LABEL_SIZE, 5
    drawing.add(bars)
    level = bars.y + bars.height * status.threshold
    drawing.add(Line(bars.x, level, bars.x + bars.width, level, strokeColor=COLOURS["below"], strokeWidth=0.9,
                     strokeDashArray=[3, 2]))
    drawing.add(String(bars.x + bars.width + 2, level - 2.5, _("category standard {threshold}").format(
        threshold=format_percent(status.threshold)), fontName=regular, fontSize=7, fillColor=COLOURS["below"]))
    legend = Legend()
    legend.x = bars.x + bars.width + 2
    # clear of the standard's label: at the top when the standard is low, else below it
    legend.y = bars.y + bars.height * (1.0 if status.threshold < 0.6 else min(0.5, status.threshold - 0.2))
    legend.fontName, legend.fontSize, legend.dx, legend.dy, legend.deltay = regular, 7, 6, 6, 10
    legend.alignment = "right"
    legend.colorNamePairs = [(COLOURS["header_bg"], _("Availability")), (COLOURS["accent"], _("Serviceability"))]
    drawing.add(legend)
    return drawing


def _unit_table(status: QuarterStatus) -> Flowable:
    rows: list[list[object]] = [[_("Unit"), _("Contributing country"), _("Inspection"), *_figure_headers()[:-1]]]
    for u in status.inspected:
        assert u.inspection is not None and u.total is not None
        ref = u.inspection
        when = f"{_type_label(ref)}\n{format_date(ref.date)}\n({Status(ref.status).label})"
        rows.append([u.name, u.country, when, *_figure_cells(u.total, verdict=False)[:-1]])
    if status.total is not None:
        rows.append([_("All units (indicator)"), "", "", *_figure_cells(status.total, verdict=False)[:-1]])
    widths = [28 * mm, 20 * mm, FRAME_WIDTH - 48 * mm - sum(FIGURE_WIDTHS[:-1]), *FIGURE_WIDTHS[:-1]]
    return grid_table(rows, widths, fit=True, right=tuple(range(3, 10)), plain=tuple(range(3, 10)),
                      total_row=status.total is not None)


def _not_inspected(status: QuarterStatus) -> Flowable:
    missing = status.not_inspected
    if not missing:
        return para(_("Every unit of the mission had a COE major-equipment inspection in the quarter."), styles().body)
    names = "; ".join(f"{u.name} ({u.country})" for u in missing)
    return para(_("No COE major-equipment inspection in the quarter (ready for review, signed or exported) for: "
                  "{units}.").format(units=names), styles().body)


def _category_section(status: QuarterStatus) -> list[Flowable]:
    s = styles()
    rows: list[list[object]] = [[_("Category"), _("Units"), *_figure_headers()]]
    extra: list[tuple[object, ...]] = []
    for r, c in enumerate(status.categories, 1):
        rows.append([c.name, _units_with(status, c.name), *_figure_cells(c)])
        if c.below_threshold:
            extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
    if status.total is not None:
        rows.append([_pooled_label(), len(status.inspected), *_figure_cells(status.total, verdict=False)])
    widths = [FRAME_WIDTH - sum(FIGURE_WIDTHS) - 10.5 * mm, 10.5 * mm, *FIGURE_WIDTHS]
    return [
        para(_("Availability and serviceability by category"), s.h1),
        para(_("All inspected units of the mission together; a category below the standard is flagged."), s.body),
        grid_table(rows, widths, fit=True, right=tuple(range(1, 9)), plain=tuple(range(1, 9)), centre=(9,),
                   total_row=True, extra=extra),
    ]


def _detail_section(status: QuarterStatus) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Detail by unit and category"), s.h1)]
    widths = [FRAME_WIDTH - sum(FIGURE_WIDTHS), *FIGURE_WIDTHS]
    for u in status.inspected:
        assert u.inspection is not None and u.total is not None
        rows: list[list[object]] = [[_("Category"), *_figure_headers()]]
        extra: list[tuple[object, ...]] = []
        for r, c in enumerate(u.categories, 1):
            rows.append([c.name, *_figure_cells(c)])
            if c.below_threshold:
                extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
        rows.append([_pooled_label(), *_figure_cells(u.total, verdict=False)])
        ref = u.inspection
        heading = _("{unit} ({country}): {type} inspection of {date}").format(
            unit=u.name, country=u.country, type=_type_label(ref), date=format_date(ref.date))
        out += [para(heading, s.h2), grid_table(rows, widths, fit=True, right=tuple(range(1, 8)),
                                                plain=tuple(range(1, 8)), centre=(8,), total_row=True, extra=extra)]
        if u.total.uncounted:
            out.append(note(_("{n} MOU lines are not counted yet and are left out of these figures.").format(
                n=u.total.uncounted)))
    return out


def _figure_headers() -> list[str]:
    return [_("MOU qty"), _("Found"), _("Serviceable"), _("Availability"), _("Serviceability"), _("Shortfall"),
            _("Surplus"), _("Standard")]


def _pooled_label() -> str:
    """The label of a row that pools every category (translated when the report renders)."""
    return _("All categories (indicator)")


def _figure_cells(f: Figures, verdict: bool = True) -> list[object]:
    """A group's figures as the PDF prints them: percentages, the serviceability coloured when below; a pooled
    group (``verdict`` False) is an indicator and gets no verdict."""
    service: object = format_percent(f.serviceability)
    flag: object = _("ok") if f.serviceability is not None and verdict else "—"
    if f.below_threshold and verdict:
        service, flag = Flagged(service, strong=True), Flagged(_("BELOW"), strong=True)
    return [f.quantity, f.found, f.serviceable, format_percent(f.availability), service, f.shortfall, f.surplus, flag]


def _figure_values(f: Figures, verdict: bool = True) -> list[Any]:
    """A group's figures for a spreadsheet: numbers and shares, then the standard (none for a pooled group, an
    indicator) and the uncounted lines."""
    flag = None if f.serviceability is None or not verdict else (_("BELOW") if f.below_threshold else _("ok"))
    return [f.quantity, f.found, f.serviceable, f.availability, f.serviceability, f.shortfall, f.surplus, flag,
            f.uncounted]


def _about(status: QuarterStatus, document_id: str) -> list[tuple[str, object]]:
    return [
        (_("Mission"), f"{status.mission_name} ({status.mission_code})"),
        (_("Quarter"), _quarter(status)),
        (_("Period"), f"{format_date(status.start)} – {format_date(status.end)}"),
        (_("Units"), _("{inspected} of {units} inspected").format(inspected=len(status.inspected),
                                                                   units=len(status.units))),
        (_("Standard"), format_percent(status.threshold)),
        (_("Document id"), document_id),
        (_("Generated on"), format_date(date.today())),
    ]


def _quarter(status: QuarterStatus) -> str:
    return quarter_parts.this_quarter(status)


def _units_with(status: QuarterStatus, category: str) -> int:
    return sum(1 for u in status.inspected if any(c.name == category for c in u.categories))


def _type_label(ref: InspectionRef) -> str:
    try:
        return InspectionType(ref.type).label
    except ValueError:
        return ref.type
