"""HQ's quarterly performance of formed units, over one mission or all (``domain.performance_status``).

What counts:
- **Rating**: the overall rating of the unit's last settled performance assessment (ready for review, signed or
  exported) whose period is the quarter; the quarter before's gives the trend.
- **Actions**: improvement actions raised by the unit's inspections that started by the quarter's end, open as
  recorded on the day the report is made, and overdue when due before that day.
- **AOC**: the unit's last AOC that started by the quarter's end; once settled, whether it passed, the share of
  the officers assessed who are certified, and the women's share among those certified (``domain.aoc``).
- **Gender**: the unit's roster, against the parity target in force for its type in the quarter's year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app.domain import gender, performance
from inspector_app.domain.performance_status import (
    AocResult,
    MissionPerformance,
    PerformanceStatus,
    Rating,
    UnitPerformance,
)
from inspector_app.domain.quarter_status import quarter_before, quarter_of
from inspector_app.domain.template_model import TemplateKind
from inspector_app.errors import NotFound
from inspector_app.services import hq_views, settings, units
from inspector_app.services.hq_views import Scored
from inspector_app.storage.models import Finding, ImprovementAction, Inspection, Mission, Unit

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


def performance_status(ws: Workspace, quarter: str, mission_code: str | None = None,
                       today: date | None = None) -> PerformanceStatus:
    """The performance of every unit of mission ``mission_code`` (None: of every mission) in ``quarter``."""
    start, end = hq_views.quarter_dates(quarter)
    label = quarter_of(start)
    today = today or date.today()
    before = quarter_before(start)
    ratings = _ratings(ws, (label, quarter_of(before[0])), mission_code)
    aocs = _aocs(ws, end, mission_code)
    targets = settings.parity_targets(ws)
    with ws.db.read() as session:
        missions = _missions(session, mission_code)
        formed = session.exec(select(Unit).where(col(Unit.mission_id).in_([m.id for m in missions]),
                                                 Unit.kind != units.CANDIDATES)).all()  # AMS candidates: no PAER
        rosters = hq_views.roster_counts(session)
        actions = _actions(session, end, today)
    out = []
    for mission in missions:
        rows = []
        for unit in sorted((u for u in formed if u.mission_id == mission.id), key=lambda u: u.name):
            assessment = ratings[label].get(unit.id)
            rows.append(UnitPerformance(
                unit.id, unit.name, unit.contributing_country, unit.kind,
                assessment[0].ref if assessment else None, assessment[1] if assessment else None,
                previous[1] if (previous := ratings[quarter_of(before[0])].get(unit.id)) else None,
                *actions.get(unit.id, (0, 0)), aocs.get(unit.id), rosters.get(unit.id, gender.RosterCounts()),
                gender.target(targets, unit.kind, start.year)))
        out.append(MissionPerformance(mission.code, mission.name, tuple(rows)))
    return PerformanceStatus(label, start, end, today, missions[0].code if mission_code else None, tuple(out))


def _missions(session: Session, code: str | None) -> list[Mission]:
    missions = sorted(session.exec(select(Mission)).all(), key=lambda m: m.code)
    if code is None:
        return missions
    chosen = [m for m in missions if m.code.lower() == code.strip().lower()]
    if not chosen:
        known = ", ".join(m.code for m in missions) or "none"
        raise NotFound(f"no mission {code!r} (missions: {known})")
    return chosen


def _ratings(ws: Workspace, quarters: tuple[str, ...],
             mission_code: str | None) -> dict[str, dict[str, tuple[Scored, Rating]]]:
    """Per quarter ("2026Q3") and unit: its last settled performance assessment of that quarter, and its overall
    rating if it has one."""
    out: dict[str, dict[str, tuple[Scored, Rating]]] = {q: {} for q in quarters}
    for s in hq_views.scored_inspections(ws, TemplateKind.PERFORMANCE, settled_only=True, mission_code=mission_code):
        option = next((o for o in performance.scale(s.template) if o.code == s.results.rating), None)
        if option is not None and s.results.period in out:  # by unit, oldest first: the last one stands
            out[s.results.period][s.unit.id] = (s, Rating(
                option.code, {"en": option.label.en, "fr": option.label.fr},
                performance.rank(s.template, option.code), bool(option.passes)))
    return out


def _aocs(ws: Workspace, end: date, mission_code: str | None) -> dict[str, AocResult]:
    """Per unit: its last AOC that started by ``end``."""
    out: dict[str, AocResult] = {}
    for s in hq_views.scored_inspections(ws, TemplateKind.AOC, mission_code=mission_code):  # by unit, oldest first
        started = s.inspection.start_date
        if started is not None and started <= end:
            if not s.settled:
                out[s.unit.id] = AocResult(s.ref, None)
                continue
            officers = s.results.officers
            out[s.unit.id] = AocResult(s.ref, s.results.passed, officers.certified_share,
                                       officers.women_certified_share)
    return out


def _actions(session: Session, end: date, today: date) -> dict[str, tuple[int, int]]:
    """Per unit: (open actions raised by the quarter's end, those of them due before ``today``)."""
    rows: Iterable[tuple[str, date]] = session.exec(
        select(col(ImprovementAction.unit_id), col(ImprovementAction.due_date))
        .join(Finding, col(Finding.id) == ImprovementAction.finding_id)
        .join(Inspection, col(Inspection.id) == Finding.inspection_id)
        .where(ImprovementAction.status == "open", col(Inspection.start_date) <= end))
    out: dict[str, tuple[int, int]] = {}
    for unit_id, due in rows:
        n, late = out.get(unit_id, (0, 0))
        out[unit_id] = (n + 1, late + ((hq_views.as_date(due) or today) < today))
    return out


@dataclass(frozen=True)
class PerformanceReport:
    """The quarterly performance report as PDF or XLSX bytes; ``pages`` and ``document_id`` for a PDF."""

    data: bytes
    assessed: int
    units: int
    pages: int | None = None
    document_id: str | None = None


def report(ws: Workspace, quarter: str, mission_code: str | None = None, lang: str = "en", *,
           xlsx: bool = False) -> PerformanceReport:
    """HQ's quarterly performance report of ``mission_code`` (None: every mission) in ``quarter``, PDF or XLSX."""
    from inspector_app.reports import performance_status as layout  # noqa: PLC0415  (ReportLab: load on use)

    status = performance_status(ws, quarter, mission_code)
    counts = status.tally.assessed, status.tally.units
    if xlsx:
        return PerformanceReport(layout.render_xlsx(status, lang), *counts)
    rendered = layout.render_pdf(status, lang, ws.actor)
    return PerformanceReport(rendered.pdf, *counts, rendered.pages, rendered.document_id)
