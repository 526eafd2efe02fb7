"""A plain-data summary of an inspection and its results, for the CLI, JSON and reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlmodel import func, select

from inspector_app.domain import aoc, self_sustainment
from inspector_app.domain.answers import display
from inspector_app.domain.checklist import Checklist, section_applies
from inspector_app.domain.results import Results
from inspector_app.domain.serviceability import Aggregate, LineCount
from inspector_app.domain.template_model import TemplateKind
from inspector_app.services import assets, followups, inspections, performance, units
from inspector_app.storage.answer_rows import AnswerRow
from inspector_app.storage.models import Answer, Attachment, Mission

NOT_INSPECTED = "not_inspected"

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


def inspection_summary(ws: Workspace, ref: str, lang: str = "en") -> dict[str, Any]:
    state = inspections.load(ws, ref)
    results = state.results(inspections.threshold(ws))
    template = state.checklist.template
    values = state.values()
    insp, unit = state.inspection, state.unit
    with ws.db.read() as session:
        mission = session.get(Mission, unit.mission_id)
        held = units.ori_held(ws, session, insp)
        photos = session.exec(
            select(func.count()).select_from(Attachment).where(Attachment.inspection_id == insp.id)
        ).one()
    found, follow = followups.findings(ws, insp.id), followups.follow_ups(ws, insp.id)
    persons = state.checklist.scope.persons
    return {
        "id": insp.id,
        "unit": unit.name,
        "country": unit.contributing_country,
        "mission": mission.name if mission else "",
        "template": {"id": template.id, "version": template.version, "kind": template.kind.value,
                     "title": template.title.get(lang)},
        "type": insp.type,
        "status": insp.status,
        "team": insp.team,
        "start_date": insp.start_date.isoformat() if insp.start_date else None,
        "mou_version": version.to_dict() if (version := state.checklist.scope.mou_version) else None,
        "completion": round(results.percent_complete, 1),
        "sections": [
            {"code": c.section.code, "title": c.section.title.get(lang), "required": c.required,
             "answered": c.answered}
            for c in results.completion
        ],
        "missing": [s.key for s in results.missing],
        "serviceability": _serviceability(results.categories, results.overall, results.lines),
        "spot_check": _spot_check(state.checklist, lang),
        "ori_due": None if held is None else {"due": held.due.isoformat(), "held": held.on.isoformat(),
                                              "days_late": held.days_late},
        "self_sustainment": _self_sustainment(state.checklist, results, state.answers, lang),
        "strength": self_sustainment.strength(state.checklist, values),
        "compliance": [
            {"code": c.section.code, "category": c.section.mou_category, "title": c.section.title.get(lang),
             "status": c.status.value, "score": _round(c.score)}
            for c in results.compliance
        ],
        "outcomes": [
            {"code": o.section.code, "title": o.section.title.get(lang), "passed": o.passed,
             "criteria": [vars(c) for c in o.criteria]}
            for o in results.outcomes
        ],
        "passed": results.passed,
        **_aoc(template.kind, results),
        "performance": performance.summary(ws, state, lang),
        "persons": {
            "strength": len(persons),
            "women": sum(1 for p in persons if p.gender == "female"),
            "assessed": (officers := aoc.officers(results.persons)).assessed,
            "certified": officers.certified,
            "results": [vars(p) for p in results.persons],
        },
        "answers": {key: {"value": values.get(key), "text": display(values.get(key)), "remark": a.remark,
                           "answered_by": a.answered_by}
                    for key, a in sorted(state.answers.items())},
        "attachments": photos,
        "findings": [
            {"id": f.id, "text": f.text, "recommendation": f.recommendation, "key": f.key,
             "action": None if f.action is None else {
                 "id": f.action.id, "description": f.action.description, "owner": f.action.owner,
                 "due_date": f.action.due_date.isoformat(), "status": f.action.status}}
            for f in found
        ],
        "follow_ups": [
            {"action_id": fu.action.id, "description": fu.action.description, "owner": fu.action.owner,
             "due_date": fu.action.due_date.isoformat(), "status": fu.status, "remark": fu.remark}
            for fu in follow
        ],
        **assets.summary_of(ws, insp.id),
    }


def _aoc(kind: TemplateKind, results: Results) -> dict[str, Any]:
    """An AOC's officers assessed and certified, women among them, and the unit outcome (domain/aoc.py); the
    same keys, None, for other kinds."""
    figures = aoc.figures(results)
    return figures if kind is TemplateKind.AOC else dict.fromkeys(figures)


def _spot_check(checklist: Checklist, lang: str) -> dict[str, Any] | None:
    """The sections a spot check covers, of those the unit's template applies; None for a whole inspection."""
    chosen = checklist.scope.sections
    if not chosen:
        return None
    applying = [s for s in checklist.template.sections if section_applies(s, checklist.scope)]
    covered = [s for s in applying if s.code in chosen]
    return {"sections": [s.code for s in covered], "titles": [s.title.get(lang) for s in covered],
            "of": len(applying)}


def _self_sustainment(checklist: Checklist, results: Results, answers: Mapping[str, Answer | AnswerRow],
                      lang: str) -> dict[str, Any] | None:
    """Per category the MOU lists (Annex C): provider, standard, verdict (None: not the contingent's to judge),
    whether the reimbursement is affected, and the remarks; None for a checklist without such categories."""
    if checklist.template.kind is not TemplateKind.COE_SELF_SUSTAINMENT:
        return None
    titles = {s.code: s.title.get(lang) for s in checklist.template.sections}
    rows = self_sustainment.categories(checklist, results, {k: a.remark for k, a in answers.items()})
    return {"categories": [
        {"category": c.category, "title": titles.get(c.section_code or "", c.category), "provider": c.provider,
         "standard": c.standard, "verdict": c.verdict.value if c.verdict else None, "score": _round(c.score),
         "reimbursement_affected": c.reimbursement_affected, "remarks": list(c.remarks)}
        for c in rows
    ]}


def _serviceability(
    categories: list[Aggregate], overall: Aggregate | None, lines: list[LineCount]
) -> dict[str, Any] | None:
    """Per MOU line and per category (sums, ratios recomputed from the sums); a group with no line counted yet
    has the status ``not_inspected``, never "ok". ``indicator`` pools every line: an indicator, not a COE
    result, so it carries no verdict against the standard (docs/coe-rules.md)."""
    if overall is None:
        return None
    counted = {line.category for line in lines if line.counted}
    indicator = _figures(overall) | {"status": "counted" if counted else NOT_INSPECTED}
    return {
        "threshold": overall.threshold,
        "indicator": indicator,
        "categories": [_aggregate(c, c.name in counted) for c in categories],
        "lines": [
            {"line": line.line_no, "category": line.category, "item": line.item, "lease": line.lease,
             "mou": line.quantity, "deployed": line.deployed, "found": line.found, "serviceable": line.serviceable,
             "unserviceable": line.unserviceable if line.counted else None,
             "shortfall": line.shortfall, "surplus": line.surplus,
             "availability": _round(line.availability), "serviceability": _round(line.serviceability),
             "reimbursable": line.reimbursable, "reimbursable_basis": line.basis,
             "status": "counted" if line.counted else NOT_INSPECTED}
            for line in lines
        ],
    }


def _figures(a: Aggregate) -> dict[str, Any]:
    return {"name": a.name, "mou": a.quantity, "deployed": a.deployed, "found": a.found,
            "serviceable": a.serviceable, "unserviceable": a.unserviceable, "shortfall": a.shortfall,
            "surplus": a.surplus, "availability": _round(a.availability), "serviceability": _round(a.serviceability),
            "reimbursable": a.reimbursable, "uncounted": a.uncounted}


def _aggregate(a: Aggregate, inspected: bool) -> dict[str, Any]:
    status = ("below" if a.below_threshold else "ok") if inspected else NOT_INSPECTED
    return _figures(a) | {"below_threshold": a.below_threshold, "status": status}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
