"""A performance assessment's ratings and the evidence that fills in by itself: the unit's COE and AOC results.

**Evidence** of a quarter, for the sections whose template names it (``Section.evidence``):
- ``coe_major_equipment``: the unit's last COE major-equipment inspection of the quarter that is ready for review,
  signed or exported: its date, type, the serviceability indicator and the categories below the standard;
- ``coe_self_sustainment``: the same for self-sustainment: how many categories are met, partially met, not met;
- ``aoc``: the unit's last settled AOC started by the quarter's end: its date, outcome, officers assessed and
  certified.
It is read when the assessment is shown or its report rendered; a signed report keeps what it showed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from inspector_app.domain import aoc, performance, self_sustainment
from inspector_app.domain.checklist import Checklist
from inspector_app.domain.template_model import TemplateKind
from inspector_app.domain.workflow import Status
from inspector_app.services import hq_views, inspections
from inspector_app.storage.models import Inspection, TemplateRecord

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

SETTLED = (Status.READY_FOR_REVIEW.value, Status.SIGNED.value, Status.EXPORTED.value)


def summary(ws: Workspace, state: inspections.InspectionState, lang: str) -> dict[str, Any] | None:
    """The assessment's period, ratings and evidence as plain data; None for another kind of inspection."""
    checklist = state.checklist
    if checklist.template.kind is not TemplateKind.PERFORMANCE:
        return None
    assessment = performance.assess(checklist, state.values())
    kinds: set[str] = {k for s in checklist.template.sections for k in s.evidence}
    period = checklist.scope.period
    return {
        "period": period,
        "overall": _rated(assessment.overall, lang),
        "sections": [{"code": r.section.code, "title": r.section.title.get(lang), "evidence": list(r.section.evidence),
                      **_rated(r.rating, lang)} for r in assessment.sections],
        "below_standard": [slot.key for slot in assessment.below],
        "evidence": evidence(ws, state.inspection.unit_id, period, kinds) if period else {},
    }


def evidence(ws: Workspace, unit_id: str, period: str, kinds: set[str]) -> dict[str, Any]:
    """The unit's results of ``period`` for each evidence kind asked (see the module's docstring)."""
    start, end = hq_views.quarter_dates(period)
    out: dict[str, Any] = {}
    with ws.db.read() as session:
        rows = _inspections(session, unit_id, end)
    threshold = inspections.threshold(ws)
    for kind in sorted(kinds):
        chosen = [i for k, i in rows if k == kind and (kind == TemplateKind.AOC or start <= (i.start_date or end))]
        if not chosen:
            out[kind] = None
            continue
        state = inspections.load(ws, chosen[-1].id)
        results = state.results(threshold)
        base = {"inspection": state.inspection.id, "type": state.inspection.type,
                "date": state.inspection.start_date.isoformat() if state.inspection.start_date else None}
        out[kind] = base | _figures(TemplateKind(kind), state.checklist, results)
    return out


def _inspections(session: Session, unit_id: str, end: date) -> list[tuple[str, Inspection]]:
    """The unit's settled inspections started by ``end``, with their template kind, oldest first."""
    rows = session.exec(
        select(TemplateRecord.kind, Inspection).join(TemplateRecord, col(TemplateRecord.id) == Inspection.template_pk)
        .where(Inspection.unit_id == unit_id, col(Inspection.status).in_(SETTLED),
               col(Inspection.start_date) <= end)
        .order_by(col(Inspection.start_date), col(Inspection.created_at)))
    return [(kind, inspection) for kind, inspection in rows]


def _figures(kind: TemplateKind, checklist: Checklist, results: Any) -> dict[str, Any]:
    if kind is TemplateKind.COE_MAJOR_EQUIPMENT:
        overall = results.overall
        return {"serviceability": overall.serviceability if overall else None,
                "threshold": overall.threshold if overall else None,
                "below_standard": [c.name for c in results.categories if c.below_threshold]}
    if kind is TemplateKind.COE_SELF_SUSTAINMENT:
        verdicts = [c.verdict.value for c in self_sustainment.categories(checklist, results, {}) if c.verdict]
        return {status: verdicts.count(status) for status in ("met", "partially_met", "not_met")}
    officers = aoc.officers(results.persons)
    return {"passed": results.passed, "assessed": officers.assessed, "certified": officers.certified}


def _rated(rated: performance.Rated, lang: str) -> dict[str, Any]:
    option = rated.option
    return {"rating": option.code if option else None,
            "label": option.label.get(lang) if option else None,
            "meets_standard": rated.meets_standard, "mean": rated.mean, "rated": rated.rated}
