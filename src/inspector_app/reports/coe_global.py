"""HQ's global quarterly COE status report: every mission of the database, as PDF or XLSX.

A summary table, a row per mission, then each mission's part as in its own report (``reports.coe_status``:
major equipment, trend, self-sustainment, overdue inspections, gender), but for each unit's table by category: the
PDF gives a row per unit (its figures over every category) and the mission's categories, and leaves each unit's
categories to the mission's own report, so that every mission's part stays a few pages (the XLSX keeps them: its
"Units by category" sheet). The **content hash** is the SHA-256 of
the canonical JSON of ``{"format": 1, "report": "coe-global-quarterly-status", "status": GlobalStatus.to_dict()}``;
the **document id** is ``COE-ALL-<quarter>-<first 8 hex digits of the hash>-<language>``, so that
``services.quarterly_signing`` signs and records it as a mission's report (its "mission" is ``ALL``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from inspector_app import gc_pause, i18n
from inspector_app.domain.quarter_status import GlobalStatus, QuarterStatus, change
from inspector_app.i18n import _
from inspector_app.locale_format import format_date, format_percent
from inspector_app.reports import coe_status, page, quarter_parts
from inspector_app.reports.data import content_hash
from inspector_app.reports.sections import note
from inspector_app.reports.styles import FRAME_WIDTH, Flagged, grid_table, key_value_table, para, styles
from inspector_app.reports.xlsx import PERCENT, Sheet, xlsx_bytes

HASH_FORMAT = 1
SCOPE = "ALL"  # the document id's mission part


def identity(status: GlobalStatus, lang: str = "en") -> tuple[str, str]:
    """The document id of the global report in ``lang`` and its content hash (see the module's docstring)."""
    digest = content_hash({"format": HASH_FORMAT, "report": "coe-global-quarterly-status",
                           "status": status.to_dict()})
    return f"COE-{SCOPE}-{status.quarter}-{digest[:8]}-{lang.upper()}", digest


@gc_pause.paused()
def render_pdf(status: GlobalStatus, lang: str = "en", author: str = "",
               known: tuple[str, str] | None = None) -> coe_status.RenderedStatus:
    """The PDF report in ``lang`` ("en" or "fr"); only reads ``status``. ``known``: its ``identity(status, lang)``
    when the caller has it (the content hash reads every figure)."""
    document_id, digest = known or identity(status, lang)
    with i18n.language(lang):
        title = _("Global quarterly COE status report")
        quarter = quarter_parts.this_quarter(status)
        story: list[Flowable] = [
            para(title, styles().title),
            para(_("All missions — {quarter}").format(quarter=quarter), styles().subtitle),
            key_value_table(_about(status, document_id), 38 * mm),
            Spacer(1, 3 * mm),
            *_summary(status),
        ]
        for mission in status.missions:
            story += [PageBreak(), para(f"{mission.mission_name} ({mission.mission_code})", styles().title),
                      *coe_status.mission_body(mission, detail=False)]
        meta = coe_status.page_meta(title, _("All missions"), quarter, f"{title} — {quarter}", document_id, digest,
                                    author, lang)
        pdf, pages = page.build(story, meta)
    return coe_status.RenderedStatus(pdf, document_id, digest, pages)


def render_xlsx(status: GlobalStatus, lang: str = "en") -> bytes:
    """The summary, then every mission's tables with a Mission column, one sheet each."""
    document_id, _digest = identity(status, lang)
    with i18n.language(lang):
        about = [[label, value] for label, value in _about(status, document_id)]
        return xlsx_bytes([
            Sheet(_("Report"), [_("Item"), _("Value")], about, widths={0: 28, 1: 60}),
            Sheet(_("Missions"), _summary_heads(), [_summary_values(m) for m in status.missions],
                  {k: PERCENT for k in (4, 5, 6, 12)}, {0: 12, 1: 30}),
            *coe_status.figure_sheets(status.missions, mission_column=True),
            *quarter_parts.sheets(status.missions),
        ])


def _summary(status: GlobalStatus) -> list[Flowable]:
    s = styles()
    if not status.missions:
        return [para(_("No mission in this database yet."), s.body)]
    rows: list[list[object]] = [[_("Mission"), _("Inspected"), _("Availability"), _("Serviceability"), _("Change"),
                                 _("Reimbursable"), _("Self-sustainment: not met"), _("Overdue"),
                                 _("Women"), _("Units under target")]]
    for m in status.missions:
        values = _summary_values(m)
        rows.append([values[0], f"{values[2]} / {values[3]}", format_percent(values[4]), format_percent(values[5]),
                     quarter_parts.points(values[6]), "—" if values[7] is None else values[7],
                     *(Flagged(n, strong=True) if n else 0 for n in values[10:12]),
                     format_percent(values[12]),
                     Flagged(values[13], strong=True) if values[13] else 0])
    widths = [20 * mm, 15 * mm, 17 * mm, 19 * mm, 16 * mm, 21 * mm, 24 * mm, 14 * mm, 14 * mm]
    widths.append(FRAME_WIDTH - sum(widths))
    return [para(_("Summary by mission"), s.h1),
            note(_("Availability and serviceability pool every category of the inspected units: indicators, not COE "
                   "results. The change is against the previous quarter, in percentage points. Self-sustainment: "
                   "categories not met. Overdue: units whose periodic or readiness inspection is overdue as the "
                   "quarter ends. Women: share of the rosters; under target: units whose share is below the parity "
                   "target.")),
            grid_table(rows, widths, fit=True, right=tuple(range(1, 10)), plain=tuple(range(1, 10)))]


def _summary_heads() -> list[str]:
    return [_("Mission"), _("Name"), _("Units inspected"), _("Units"), _("Availability"), _("Serviceability"),
            _("Serviceability change"), _("Reimbursable"), _("Reimbursable change"), _("Self-sustainment inspected"),
            _("Categories not met"), _("Overdue"), _("Women"), _("Units under target")]


def _summary_values(m: QuarterStatus) -> list[Any]:
    """A mission's summary row (``_summary_heads``): shares, changes (now − a quarter earlier), counts."""
    now, before = m.total, m.previous_total
    ss = [u.self_sustainment for u in m.units if u.self_sustainment is not None]
    women = m.gender
    return [m.mission_code, m.mission_name, len(m.inspected), len(m.units),
            now.availability if now else None, now.serviceability if now else None,
            change(now.serviceability if now else None, before.serviceability if before else None),
            now.reimbursable if now else None,
            change(now.reimbursable if now else None, before.reimbursable if before else None),
            len(ss), sum(s.count("not_met") for s in ss), len(m.overdue),
            women.women_share if women else None,
            sum(1 for u in m.units if u.gender is not None and u.gender.under_target)]


def _about(status: GlobalStatus, document_id: str) -> list[tuple[str, object]]:
    units = status.units
    return [
        (_("Missions"), ", ".join(m.mission_code for m in status.missions) or "—"),
        (_("Quarter"), quarter_parts.this_quarter(status)),
        (_("Period"), f"{format_date(status.start)} – {format_date(status.end)}"),
        (_("Units"), _("{inspected} of {units} inspected").format(
            inspected=sum(1 for u in units if u.inspection is not None), units=len(units))),
        (_("Document id"), document_id),
        (_("Generated on"), format_date(date.today())),
    ]
