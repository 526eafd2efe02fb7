"""The parts a quarterly COE status report gives per mission beside the major equipment, PDF and XLSX: the trend
against the previous quarter, self-sustainment verdicts, overdue inspections, and the women's share against the
parity target (``domain.quarter_status`` holds the figures; ``reports.coe_status`` and ``reports.coe_global``
lay them out).

A change is ``now − before``: percentage points for availability and serviceability (pooled over a unit's
categories, an indicator), a count for the reimbursable quantity (``domain.serviceability``: the basis count up
to the MOU quantity).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from inspector_app.domain.quarter_status import Figures, Gender, GlobalStatus, QuarterStatus, change
from inspector_app.domain.results import Compliance
from inspector_app.i18n import _
from inspector_app.locale_format import format_date, format_number, format_percent
from inspector_app.reports.sections import note
from inspector_app.reports.styles import COLOURS, FRAME_WIDTH, Flagged, grid_table, para, styles
from inspector_app.reports.xlsx import DATE, PERCENT, Sheet

SS_VERDICTS = (Compliance.MET, Compliance.PARTIALLY_MET, Compliance.NOT_MET)


def sections(status: QuarterStatus) -> list[Flowable]:
    """The trend, self-sustainment, overdue inspections and gender of a mission, as PDF flowables."""
    return [*_trend(status), *_self_sustainment(status), *_overdue(status), *_gender(status)]


def previous_quarter(status: QuarterStatus) -> str:
    """The quarter before the report's, as its headings name it ("Q3 2026")."""
    year, q = status.start.year, int(status.quarter[-1])
    return _("Q{quarter} {year}").format(quarter=q - 1 if q > 1 else 4, year=year if q > 1 else year - 1)


def this_quarter(status: QuarterStatus | GlobalStatus) -> str:
    """The report's quarter as its headings name it ("Q4 2026")."""
    return _("Q{quarter} {year}").format(quarter=status.quarter[-1], year=status.start.year)


def _trend(status: QuarterStatus) -> list[Flowable]:
    s = styles()
    before, now = previous_quarter(status), this_quarter(status)
    head = styles().head_right
    groups = (_("Availability"), _("Serviceability"), _("Reimbursable"))
    rows: list[list[object]] = [
        [_("Unit"), *(cell for label in groups for cell in (Paragraph(label, styles().head_centre), "", ""))],
        ["", *(Paragraph(when, head) for _label in groups for when in (before, now, _("change")))],
    ]
    spans: list[tuple[object, ...]] = [("SPAN", (c, 0), (c + 2, 0)) for c in (1, 4, 7)]
    spans += [("SPAN", (0, 0), (0, 1)), ("BACKGROUND", (0, 1), (-1, 1), COLOURS["header_bg"])]
    for u in status.units:
        rows.append([u.name, *_trend_cells(u.total, u.previous_total)])
    rows.append([_("All units (indicator)"), *_trend_cells(status.total, status.previous_total)])
    widths = [FRAME_WIDTH - 9 * 16 * mm, *[16 * mm] * 9]
    return [para(_("Trend against the previous quarter"), s.h1),
            note(_("The same figures from the last COE major-equipment inspection of each unit in {before}, and "
                   "the change in percentage points (availability, serviceability: indicators, every category "
                   "pooled) or in items (reimbursable: serviceable up to the MOU quantity, or deployed where the "
                   "template says so).").format(before=before)),
            grid_table(rows, widths, fit=True, right=tuple(range(1, 10)), plain=tuple(range(1, 10)), total_row=True,
                       extra=spans)]


def _trend_cells(now: Figures | None, before: Figures | None) -> list[object]:
    out: list[object] = []
    for attr in ("availability", "serviceability"):
        old, new = (getattr(f, attr) if f else None for f in (before, now))
        out += [format_percent(old), format_percent(new), points(change(new, old))]
    old_n, new_n = (f.reimbursable if f else None for f in (before, now))
    delta = change(new_n, old_n)
    out += [_count(old_n), _count(new_n), "—" if delta is None else f"{delta:+d}".replace("-", "−")]
    return out


def points(delta: float | int | None) -> str:
    """A change of share in percentage points: "+2.5 pts"."""
    if delta is None:
        return "—"
    return _("{sign}{points} pts").format(sign="+" if delta >= 0 else "−", points=format_number(abs(100 * delta), 1))


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _self_sustainment(status: QuarterStatus) -> list[Flowable]:
    s = styles()
    rows: list[list[object]] = [[_("Unit"), _("Inspection"), *_verdict_heads(),
                                 _("Reimbursement affected")]]
    for u in status.units:
        ss = u.self_sustainment
        if ss is None:
            rows.append([u.name, _("no self-sustainment inspection in the quarter"), "—", "—", "—", ""])
            continue
        affected = ", ".join(ss.affected) or _("none")
        rows.append([u.name, format_date(ss.inspection.date), *[ss.count(v) for v in SS_VERDICTS],
                     Flagged(affected) if ss.affected else affected])
    widths = [30 * mm, 30 * mm, 22 * mm, 22 * mm, 22 * mm, FRAME_WIDTH - 126 * mm]
    return [para(_("Self-sustainment"), s.h1),
            note(_("Categories met, partially met and not met in the last COE self-sustainment inspection of each "
                   "unit in the quarter (ready for review, signed or exported); the categories whose verdict affects "
                   "the reimbursement under the template's rule.")),
            grid_table(rows, widths, fit=True, right=(2, 3, 4), plain=(2, 3, 4))]


def _verdict_heads() -> list[str]:
    return [v.label.capitalize() for v in SS_VERDICTS]


def _overdue(status: QuarterStatus) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Overdue inspections"), s.h1)]
    late = status.overdue
    if not late:
        return [*out, para(_("No unit's periodic or operational readiness inspection is overdue as the quarter "
                             "ends."), s.body)]
    rows: list[list[object]] = [[_("Unit"), _("Contributing country"), _("Due since")]]
    rows += [[u.name, u.country, Flagged(format_date(u.next_due), strong=True)] for u in late]
    return [*out, note(_("Units whose next periodic or operational readiness inspection was due before the quarter's "
                         "end (or today, for the quarter under way).")),
            grid_table(rows, [60 * mm, 50 * mm, FRAME_WIDTH - 110 * mm], fit=True)]


def _gender(status: QuarterStatus) -> list[Flowable]:
    s = styles()
    rows: list[list[object]] = [[_("Unit"), _("Strength"), _("Women"), _("Share"), _("In command"),
                                 _("Women in command"), _("Share in command"), _("Among assessed"),
                                 _("Among certified"), _("Target")]]
    for u in status.units:
        rows.append([u.name, *_gender_cells(u.gender)])
    total = status.gender
    rows.append([_("Mission"), *_gender_cells(total)])
    # strength, women, share; in command, women in command, share in command; among assessed, certified; target
    figures = [14 * mm, 14 * mm, 15 * mm, 22 * mm, 24 * mm, 22 * mm, 17 * mm, 17 * mm, 14 * mm]
    widths = [FRAME_WIDTH - sum(figures), *figures]
    return [para(_("Women and the parity target"), s.h1),
            note(_("Women on each unit's roster and in command positions (a role naming a commander) against the "
                   "parity target in force for the unit's type in the quarter's year; a share under the target is in "
                   "red. Among assessed and certified: the women's share of the officers the unit's latest settled AOC "
                   "by the quarter's end assessed, and certified.")),
            grid_table(rows, widths, fit=True, right=tuple(range(1, 10)), plain=tuple(range(1, 10)), total_row=True)]


def _gender_cells(g: Gender | None) -> list[object]:
    if g is None or not g.strength:
        return ["—"] * 9
    def share(value: float | None, under: bool) -> object:
        return Flagged(format_percent(value), strong=True) if under else format_percent(value)

    return [g.strength, g.women, share(g.women_share, g.under_target), g.in_command, g.women_in_command,
            share(g.command_share, g.command_under_target), format_percent(g.officers.women_assessed_share),
            format_percent(g.officers.women_certified_share), format_percent(g.target)]


def sheets(missions: Sequence[QuarterStatus]) -> list[Sheet]:
    """The same parts as XLSX sheets over ``missions``, a row per unit (and a total per mission)."""
    trend, ss, overdue, women = [], [], [], []
    for m in missions:
        for name, now, before in [*((u.name, u.total, u.previous_total) for u in m.units),
                                  (_("All units (indicator)"), m.total, m.previous_total)]:
            trend.append([m.mission_code, name, *_trend_values(now, before)])
        for u in m.units:
            if u.self_sustainment is not None:
                found = u.self_sustainment
                ss.append([m.mission_code, u.name, found.inspection.id, found.inspection.date,
                           *[found.count(v) for v in SS_VERDICTS], ", ".join(found.affected)])
            else:
                ss.append([m.mission_code, u.name, None, None, None, None, None, None])
            if u.overdue:
                overdue.append([m.mission_code, u.name, u.country, u.next_due])
            women.append([m.mission_code, u.name, *_gender_values(u.gender)])
        women.append([m.mission_code, _("Mission"), *_gender_values(m.gender)])
    share_heads = [f"{label} ({when})" for label in (_("Availability"), _("Serviceability"))
                   for when in (_("previous quarter"), _("this quarter"), _("change"))]
    count_heads = [f"{_('Reimbursable')} ({when})" for when in (_("previous quarter"), _("this quarter"),
                                                                 _("change"))]
    return [
        Sheet(_("Trend"), [_("Mission"), _("Unit"), *share_heads, *count_heads], trend,
              {k: PERCENT for k in range(2, 8)}, {1: 24}),
        Sheet(_("Self-sustainment"), [_("Mission"), _("Unit"), _("Inspection id"), _("Date"),
                                      *_verdict_heads(), _("Reimbursement affected")], ss,
              {3: DATE}, {1: 18, 2: 38, 7: 40}),
        Sheet(_("Overdue"), [_("Mission"), _("Unit"), _("Contributing country"), _("Due since")], overdue,
              {3: DATE}, {1: 18, 2: 18}),
        Sheet(_("Parity"), [_("Mission"), _("Unit"), _("Strength"), _("Women"), _("Share"), _("In command"),
                            _("Women in command"), _("Share in command"), _("Target"), _("Under target"),
                            _("Officers assessed (AOC)"), _("Women among assessed"), _("Officers certified"),
                            _("Women among certified")], women,
              {4: PERCENT, 7: PERCENT, 8: PERCENT, 11: PERCENT, 13: PERCENT}, {1: 18}),
    ]


def _trend_values(now: Figures | None, before: Figures | None) -> list[Any]:
    out: list[Any] = []
    for attr in ("availability", "serviceability", "reimbursable"):
        old, new = (getattr(f, attr) if f else None for f in (before, now))
        out += [old, new, change(new, old)]
    return out


def _gender_values(g: Gender | None) -> list[Any]:
    if g is None or not g.strength:
        return [None] * 12
    under = [_("women") for flag in (g.under_target,) if flag] + [_("in command") for flag in
                                                                   (g.command_under_target,) if flag]
    o = g.officers
    return [g.strength, g.women, g.women_share, g.in_command, g.women_in_command, g.command_share, g.target,
            ", ".join(under) or None, o.assessed, o.women_assessed_share, o.certified, o.women_certified_share]
