"""The verification report of a unit for a period: gathering its data (``gather``), the per-line figures HQ
exports (``periods_of``), and producing it (``produce``: render, or read back its signed file, and sign).

Which inspections a period takes is ``domain.verification`` (docs/coe-rules.md, "The verification report").
Figures come from the inspections' answers and frozen scopes exactly as an inspection's own results do
(``domain.results.compute``, the installation's serviceability standard), so the report, ``inspections show``
and HQ's per-line export agree. Signing and its record: ``services.verification_signing``.

ReportLab loads when a report is rendered, not when this module is imported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from inspector_app import i18n
from inspector_app.crypto import keys
from inspector_app.domain import self_sustainment, verification
from inspector_app.domain.checklist import Checklist, Scope
from inspector_app.domain.results import Results, compute
from inspector_app.domain.template_model import Rules, Template, TemplateKind
from inspector_app.progress import Progress
from inspector_app.reports.verification_data import (
    FindingEntry,
    InspectionEntry,
    MouVersion,
    SelfSustainmentRow,
    VerificationData,
)
from inspector_app.services import inspections, templates, units, verification_signing
from inspector_app.storage.models import Answer, Finding, Inspection, Mission, Mou, TemplateRecord, Unit

if TYPE_CHECKING:
    from inspector_app.services.report import Signer
    from inspector_app.services.workspace import Workspace

ME, SS = TemplateKind.COE_MAJOR_EQUIPMENT.value, TemplateKind.COE_SELF_SUSTAINMENT.value


@dataclass(frozen=True)
class ProducedVerification:
    """A verification report as produced; ``pages`` None for a signed rendition read back as it was signed."""

    pdf: bytes
    document_id: str
    lang: str
    provisional: bool
    as_signed: bool
    pages: int | None = None
    roles: tuple[str, ...] = ()  # the report's signature roles, the last countersigning
    signed_by: str | None = None
    role: str | None = None

    @property
    def file_name(self) -> str:
        return f"{self.document_id}.pdf"


def gather(ws: Workspace, unit_ref: str, period: str, lang: str = "en") -> VerificationData:
    """The verification report of unit ``unit_ref`` (name or id, or a unique prefix) for ``period``
    ("2026-11" or "2026Q4") in ``lang``: the signatures recorded so far decide whether it is provisional."""
    chosen_period = verification.parse_period(period)
    threshold = inspections.threshold(ws)
    with ws.db.read() as session:
        unit = units.find_unit(session, unit_ref)
        data = _gather(session, unit, chosen_period, lang, threshold)
        signed = verification_signing.records(session, data.document_id())
    return replace(data, signed_roles=tuple(r.role for r in signed), author=ws.actor)


def periods_of(ws: Workspace, kind: str = verification.QUARTER) -> list[tuple[str, str]]:
    """(unit id, period code) of every unit and period (month or quarter) holding a counted COE
    major-equipment inspection, by mission code, unit name and period."""
    with ws.db.read() as session:
        kinds = {t.id: t.kind for t in session.exec(select(TemplateRecord))}
        rows = session.exec(select(Inspection, Unit, Mission).join(Unit, col(Unit.id) == Inspection.unit_id)
                            .join(Mission, col(Mission.id) == Unit.mission_id))
        found: set[tuple[str, str, str, str]] = set()
        for inspection, unit, mission in rows:
            candidate = _candidate(inspection, kinds[inspection.template_pk])
            if candidate.kind == ME and candidate.on is not None:
                p = verification.period_of(candidate.on, kind)
                if verification.counted_in(candidate, p):
                    found.add((mission.code, unit.name, p.code, unit.id))
    return [(unit_id, code) for _m, _u, code, unit_id in sorted(found)]


def units_with_major_equipment(ws: Workspace, period: str) -> list[str]:
    """The ids of the units with a counted COE major-equipment inspection in ``period``, by mission code and
    unit name."""
    chosen = verification.parse_period(period)
    with ws.db.read() as session:
        kinds = {t.id: t.kind for t in session.exec(select(TemplateRecord))}
        rows = session.exec(select(Inspection, Unit, Mission).join(Unit, col(Unit.id) == Inspection.unit_id)
                            .join(Mission, col(Mission.id) == Unit.mission_id))
        found = {(mission.code, unit.name, unit.id) for inspection, unit, mission in rows
                 if (c := _candidate(inspection, kinds[inspection.template_pk])).kind == ME
                 and verification.counted_in(c, chosen)}
    return [unit_id for _m, _u, unit_id in sorted(found)]


def produce(ws: Workspace, unit_ref: str, period: str, lang: str = "en", *, sign: Signer | None = None,
            progress: Progress | None = None) -> ProducedVerification:
    """The verification report of ``unit_ref`` for ``period`` in ``lang``: the signed file of that rendition
    once signed (never rendered again), else rendered now, "PROVISIONAL" until countersigned; with ``sign``
    (who signs, with what), signed and recorded as well. A wrong passphrase, or one who signed the
    rendition already, is told before anything is rendered."""
    from inspector_app.reports import verification as layout  # noqa: PLC0415  (ReportLab: load on use)

    progress = progress or Progress()
    steps = 3 if sign is not None else 1
    progress.report(0, steps)
    data = gather(ws, unit_ref, period, lang)
    document_id = data.document_id()
    if sign is not None:
        identity = keys.load_identity(ws.data, sign.passphrase)  # a wrong passphrase is told before the rendering
        verification_signing.check_signer(ws, document_id, identity.name)
        progress.report(1, steps)
    signed = verification_signing.signed_file(ws, document_id)
    boxes = None
    if signed is not None:
        produced = ProducedVerification(signed, document_id, lang, data.provisional, as_signed=True,
                                        roles=data.roles)
    else:
        with i18n.language(lang):
            rendered = layout.render(data)
        boxes = rendered.signature_boxes
        produced = ProducedVerification(verification_signing.with_marks(rendered, data), document_id, lang,
                                        data.provisional, False, rendered.pages, data.roles)
    if sign is not None:
        progress.report(2, steps)
        pdf, record = verification_signing.sign(ws, produced.pdf, data, sign.passphrase, sign.role,
                                                sign.location, boxes)
        with ws.db.read() as session:
            roles = [r.role for r in verification_signing.records(session, document_id)]
        produced = replace(produced, pdf=pdf, as_signed=True, signed_by=record.signer, role=record.role,
                           provisional=verification.provisional(data.roles, roles))
    progress.report(steps, steps)
    return produced


def check_period(period: str) -> str:
    """The canonical code of ``period``; a ValidationError names the forms when it is not one."""
    return verification.parse_period(period).code


def mou_version(scope: dict[str, Any], fallback: Mou | None) -> MouVersion:
    """The MOU version frozen in the inspection's scope (``mou_version``: reference, version,
    effective_from), else the unit's MOU as it stands (its reference; a version once the MOU has one)."""
    frozen = scope.get("mou_version")
    if isinstance(frozen, dict) and frozen.get("reference") is not None:
        raw = frozen.get("effective_from")
        version = frozen.get("version")
        return MouVersion(str(frozen["reference"]), version if isinstance(version, int) else None,
                          date.fromisoformat(raw) if isinstance(raw, str) and raw else None)
    if fallback is None:
        return MouVersion("")
    return MouVersion(fallback.reference, None, None)


def _gather(session: Session, unit: Unit, period: verification.Period, lang: str,
            threshold: float | None) -> VerificationData:
    mission = session.get(Mission, unit.mission_id)
    assert mission is not None  # a foreign key
    records = {t.id: t for t in session.exec(select(TemplateRecord))}
    rows = list(session.exec(select(Inspection).where(Inspection.unit_id == unit.id)
                             .order_by(col(Inspection.start_date), col(Inspection.created_at))))
    by_id = {i.id: i for i in rows}
    chosen = verification.select((_candidate(i, records[i.template_pk].kind) for i in rows), period)
    scored: dict[str, tuple[Template, dict[str, Any], Results, Checklist, dict[str, Any]]] = {}
    for candidate in (chosen.major_equipment, chosen.self_sustainment):
        if candidate is not None:
            inspection = by_id[candidate.id]
            template = templates.model(records[inspection.template_pk])
            scope = json.loads(inspection.scope_json or "{}")
            checklist = Checklist(template, Scope.from_dict(scope))
            values = _values(session, inspection.id)
            scored[candidate.kind] = (template, scope, compute(checklist, values, threshold), checklist, values)
    me, ss = scored.get(ME), scored.get(SS)
    source = me or ss  # the template whose rules (roles, standard) the report follows; its frozen scope
    rules = source[0].rules if source else Rules()
    mou = session.exec(select(Mou).where(Mou.unit_id == unit.id).order_by(col(Mou.version).desc())).first()
    ids = [c.id for c in chosen.inspections]
    findings: list[Finding] = list(session.exec(select(Finding).where(col(Finding.inspection_id).in_(ids))
                                                .order_by(col(Finding.created_at)))) if ids else []
    me_results = me[2] if me else None
    return VerificationData(
        lang=lang, mission_code=mission.code, mission_name=mission.name, unit_id=unit.id, unit_name=unit.name,
        country=unit.contributing_country, location=unit.location, commander=unit.commander,
        mou=mou_version(source[1] if source else {}, mou),
        period=period,
        inspections=tuple(InspectionEntry(c.id, c.kind, c.type, c.status, c.start, c.end, by_id[c.id].team,
                                          c.id in chosen.used) for c in chosen.inspections),
        strength=self_sustainment.strength(ss[3], ss[4]) if ss else None,
        lines=tuple(me_results.lines) if me_results else (),
        categories=tuple(me_results.categories) if me_results else (),
        threshold=threshold if threshold is not None else rules.serviceability_threshold,
        self_sustainment=tuple(_ss_rows(ss[3], ss[2], lang)) if ss else (),
        findings=tuple(FindingEntry(f.inspection_id, f.text, f.recommendation) for f in findings),
        roles=verification.roles(rules.verification_roles),
    )


def _ss_rows(checklist: Checklist, results: Results, lang: str) -> list[SelfSustainmentRow]:
    """Every category the MOU lists (``domain.self_sustainment``): provider, verdict, reimbursement affected."""
    titles = {s.code: s.title.get(lang) for s in checklist.template.sections}
    return [SelfSustainmentRow(c.category, titles.get(c.section_code or "", c.category),
                               c.verdict.value if c.verdict else None, c.provider, c.reimbursement_affected)
            for c in self_sustainment.categories(checklist, results, {})]


def _candidate(inspection: Inspection, kind: str) -> verification.Candidate:
    return verification.Candidate(inspection.id, kind, inspection.type, inspection.status, inspection.start_date,
                                  inspection.end_date)


def _values(session: Session, inspection_id: str) -> dict[str, Any]:
    rows = session.exec(select(Answer.key, Answer.value_json).where(
        Answer.inspection_id == inspection_id, col(Answer.value_json).is_not(None)))
    return {key: json.loads(raw) for key, raw in rows if raw is not None}

