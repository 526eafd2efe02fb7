"""HQ's quarterly performance report, over one mission or all of them, as PDF (ReportLab) or XLSX (the same tables).

Per mission, then per unit: the overall rating of the quarter's performance assessment and its trend against the
quarter before, open and overdue improvement actions, the latest AOC's outcome and share certified, and the
women's share against the parity target (``services.performance_status`` says what counts).

The **content hash** is the SHA-256 of the canonical JSON of ``{"format": 1, "report": "performance-quarterly",
"status": PerformanceStatus.to_dict()}``; the **document id** names the rendition:
``PERF-<mission code, or ALL>-<quarter>-<first 8 hex digits of the hash>-<language>``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from inspector_app import gc_pause, i18n
from inspector_app.domain import labels
from inspector_app.domain.performance_status import (
    MissionPerformance,
    PerformanceStatus,
    Rating,
    Tally,
    Trend,
    UnitPerformance,
)
from inspector_app.i18n import N_, _
from inspector_app.locale_format import format_date, format_percent
from inspector_app.reports import page
from inspector_app.reports.coe_status import RenderedStatus, page_meta
from inspector_app.reports.data import content_hash
from inspector_app.reports.sections import note
from inspector_app.reports.styles import FRAME_WIDTH, Flagged, grid_table, key_value_table, para, styles
from inspector_app.reports.xlsx import DATE, PERCENT, Sheet, xlsx_bytes

HASH_FORMAT = 1
TITLE = N_("Quarterly performance report")
TRENDS = {Trend.UP: "▲", Trend.DOWN: "▼", Trend.SAME: "="}
# mission, units, assessed, below standard, open, overdue, AOC passed, AOC failed, women
TALLY_WIDTHS = [16 * mm, 14 * mm, 17 * mm, 17 * mm, 16 * mm, 16 * mm, 17 * mm, 17 * mm]
# unit, country, rating, open, overdue, AOC, certified, women, in command, target
UNIT_WIDTHS = [18 * mm, 28 * mm, 14 * mm, 13 * mm, 22 * mm, 15 * mm, 13 * mm, 22 * mm, 13 * mm]


def identity(status: PerformanceStatus, lang: str = "en") -> tuple[str, str]:
    """The document id of the report in ``lang`` and its content hash (see the module's docstring)."""
    digest = content_hash({"format": HASH_FORMAT, "report": "performance-quarterly", "status": status.to_dict()})
    return f"PERF-{status.scope or 'ALL'}-{status.quarter}-{digest[:8]}-{lang.upper()}", digest


@gc_pause.paused()
def render_pdf(status: PerformanceStatus, lang: str = "en", author: str = "") -> RenderedStatus:
    """The PDF report in ``lang`` ("en" or "fr"); only reads ``status``."""
    document_id, digest = identity(status, lang)
    with i18n.language(lang):
        title, scope, quarter = _(TITLE), _scope(status), _quarter(status)
        meta = page_meta(title, status.scope or _("All missions"), quarter, f"{title} — {scope}, {quarter}",
                         document_id, digest, author, lang)
        pdf, pages = page.build(_story(status, title, document_id, lang), meta)
    return RenderedStatus(pdf, document_id, digest, pages)


def render_xlsx(status: PerformanceStatus, lang: str = "en") -> bytes:
    """The same tables as the PDF: what the workbook holds, the missions, every unit."""
    document_id, _digest = identity(status, lang)
    with i18n.language(lang):
        missions = [[m.code, m.name, *_tally_values(m.tally)] for m in status.missions]
        missions.append([_("All"), "", *_tally_values(status.tally)])
        units = [[m.code, *_unit_values(u, lang)] for m in status.missions for u in m.units]
        about = [[label, value] for label, value in _about(status, document_id)]
        return xlsx_bytes([
            Sheet(_("Report"), [_("Item"), _("Value")], about, widths={0: 28, 1: 60}),
            Sheet(_("Missions"), [_("Mission"), _("Name"), *_tally_headers()], missions, {10: PERCENT},
                  {1: 30}),
            Sheet(_("Units"), [_("Mission"), *_unit_headers_xlsx()], units,
                  {5: DATE, 9: DATE, 10: PERCENT, 11: PERCENT, 14: PERCENT, 17: PERCENT, 19: PERCENT},
                  {1: 18, 2: 16, 3: 24, 4: 24}),
        ])


def _story(status: PerformanceStatus, title: str, document_id: str, lang: str) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        para(title, s.title),
        para(f"{_scope(status)} — {_quarter(status)}", s.subtitle),
        key_value_table(_about(status, document_id), 38 * mm),
        Spacer(1, 3 * mm),
        para(_("Each unit's overall rating is that of its performance assessment of the quarter (ready for "
               "review, signed or exported), with its trend against the quarter before. Improvement actions are "
               "those raised by the quarter's end, open on {day}; overdue when due before that day. The AOC is "
               "the unit's latest up to the quarter's end. Women's shares are of the unit's roster, against the "
               "parity target in force for the unit's type in {year}.").format(
                   day=format_date(status.counted_on), year=status.start.year), s.body),
        para(_("Summary by mission"), s.h1),
        _tally_table(status),
    ]
    for mission in status.missions:
        out += _mission_section(mission, lang)
    return out


def _tally_table(status: PerformanceStatus) -> Flowable:
    rows: list[list[object]] = [[_("Mission"), *_tally_headers()[:7], _("Women's share")]]
    rows += [[m.code, *_tally_cells(m.tally)] for m in status.missions]
    rows.append([_("All"), *_tally_cells(status.tally)])
    widths = [FRAME_WIDTH - sum(TALLY_WIDTHS), *TALLY_WIDTHS]
    return grid_table(rows, widths, fit=True, right=tuple(range(1, 9)), total_row=True)


def _mission_section(mission: MissionPerformance, lang: str) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(f"{mission.name} ({mission.code})", s.h1)]
    if not mission.units:
        return [*out, para(_("The mission has no unit."), s.body)]
    rows: list[list[object]] = [[_("Unit"), _("Contributing country"), _("Rating"), _("Open"),
                                 _("Overdue"), _("AOC"), _("Certified"), _("Women"), _("In command"),
                                 _("Target")]]
    for u in mission.units:
        rows.append([u.name, u.country, _rating_cell(u, lang), u.open_actions, _overdue_cell(u.overdue_actions),
                     _aoc_text(u), format_percent(u.aoc.certified_share if u.aoc else None),
                     _women_cell(u), format_percent(u.women_in_command_share), format_percent(u.parity_target)])
    widths = [FRAME_WIDTH - sum(UNIT_WIDTHS), *UNIT_WIDTHS]
    out.append(grid_table(rows, widths, fit=True, right=(3, 4, 6, 7, 8, 9)))
    out.append(note(_("In red: a rating below standard, overdue actions, a women's share under the parity target.")))
    missing = [u.name for u in mission.units if u.rating is None]
    if missing:
        out.append(note(_("No performance assessment of the quarter for: {units}.").format(units="; ".join(missing))))
    return out


def _rating_cell(u: UnitPerformance, lang: str) -> object:
    if u.rating is None:
        return "—"
    text = u.rating.label(lang)
    if u.previous is not None and u.trend is not None:
        text += "\n" + _("{trend} was: {rating}").format(trend=TRENDS[u.trend], rating=u.previous.label(lang))
    if not u.rating.meets_standard:
        return Flagged(text, strong=True)
    return text


def _overdue_cell(n: int) -> object:
    return Flagged(n, strong=True) if n else n


def _women_cell(u: UnitPerformance) -> object:
    share = format_percent(u.women_share)
    return Flagged(share, strong=True) if u.under_target else share


def _aoc_text(u: UnitPerformance) -> str:
    if u.aoc is None:
        return "—"
    verdict = _("pending") if u.aoc.passed is None else _("passed") if u.aoc.passed else _("failed")
    return f"{verdict} ({format_date(u.aoc.inspection.date)})"


def _tally_headers() -> list[str]:
    return [_("Units"), _("Assessed"), _("Below standard"), _("Open actions"), _("Overdue actions"),
            _("AOC passed"), _("AOC failed"), _("Women"), _("Women's share")]


def _tally_cells(t: Tally) -> list[object]:
    return [t.units, t.assessed, t.below_standard, t.open_actions, t.overdue_actions, t.aoc_passed, t.aoc_failed,
            format_percent(t.women_share)]


def _tally_values(t: Tally) -> list[Any]:
    return [t.units, t.assessed, t.below_standard, t.open_actions, t.overdue_actions, t.aoc_passed, t.aoc_failed,
            t.roster.women, t.women_share]


def _unit_headers_xlsx() -> list[str]:
    return [_("Unit"), _("Contributing country"), _("Rating"), _("Rating of the quarter before"), _("Assessed on"),
            _("Open actions"), _("Overdue actions"), _("AOC"), _("AOC date"), _("Officers certified"),
            _("Women among the certified"), _("Strength"), _("Women"), _("Women's share"), _("In command"),
            _("Women in command"), _("Women's share in command"), _("Under target"), _("Parity target")]


def _unit_values(u: UnitPerformance, lang: str) -> list[Any]:
    aoc = u.aoc
    return [u.name, u.country, _label(u.rating, lang), _label(u.previous, lang),
            u.assessment.date if u.assessment else None, u.open_actions, u.overdue_actions,
            _aoc_text(u) if aoc else None, aoc.inspection.date if aoc else None,
            aoc.certified_share if aoc else None, aoc.women_certified_share if aoc else None, u.roster.persons,
            u.roster.women, u.women_share,
            u.roster.in_command, u.roster.women_in_command, u.women_in_command_share,
            _("yes") if u.under_target else "", u.parity_target]


def _label(rating: Rating | None, lang: str) -> str | None:
    return rating.label(lang) if rating else None


def _about(status: PerformanceStatus, document_id: str) -> list[tuple[str, object]]:
    t = status.tally
    return [
        (_("Missions"), _scope(status)),
        (_("Quarter"), _quarter(status)),
        (_("Period"), f"{format_date(status.start)} – {format_date(status.end)}"),
        (_("Units"), _("{assessed} of {units} assessed").format(assessed=t.assessed, units=t.units)),
        (_("Actions counted on"), format_date(status.counted_on)),
        (_("Document id"), document_id),
        (_("Generated on"), format_date(date.today())),
    ]


def _scope(status: PerformanceStatus) -> str:
    if status.scope is None:
        return _("All missions")
    return next((f"{m.name} ({m.code})" for m in status.missions), status.scope)


def _quarter(status: PerformanceStatus) -> str:
    return labels.quarter(status.quarter)
