"""Inspections: start one from a template, answer its items, compute results, move it on.

The functions that take a ``session`` (``find``, ``checked_value``, ``store_answer``, ``checklist_of``) work within
the caller's unit of work, for other services to compose; the others open their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from inspector_app.domain import performance, workflow
from inspector_app.domain.checklist import Checklist, Slot
from inspector_app.domain.results import Results, compute
from inspector_app.domain.template_model import Template
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import answering, followups, lookup, settings, templates, units
from inspector_app.storage.answer_rows import AnswerRow
from inspector_app.storage.models import Answer, Asset, Conflict, Inspection, TemplateRecord, Unit

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


@dataclass
class InspectionState:
    """An inspection with all it takes to show and score it."""

    inspection: Inspection
    unit: Unit
    template: TemplateRecord
    checklist: Checklist
    answers: dict[str, Answer | AnswerRow]  # as loaded, or as the answer path wrote them since

    @property
    def status(self) -> Status:
        return Status(self.inspection.status)

    def values(self) -> dict[str, Any]:
        """Answered keys only (a withdrawn answer keeps its row for the remark and history)."""
        return {key: v for key, a in self.answers.items() if (v := value_of(a)) is not None}

    def results(self, threshold: float | None = None) -> Results:
        return compute(self.checklist, self.values(), threshold)


def start(
    ws: Workspace,
    unit_ref: str,
    template_ref: str,
    type_: str,
    team: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
    sections: Sequence[str] = (),
    then: Callable[[Session, Inspection], None] | None = None,
    period: str | None = None,
) -> Inspection:
    """A new draft inspection of ``unit_ref`` that freezes the template version and the unit's scope.

    A spot check may cover only some of the template's ``sections`` (codes); every other type takes them all.
    A performance assessment covers a ``period``, a quarter ("2026Q3"), which no other type takes.
    ``then`` runs in the same transaction once the inspection is written (a plan links it, ``services.planning``)."""
    try:
        kind = InspectionType(type_)
    except ValueError:
        names = ", ".join(t.value for t in InspectionType)
        raise ValidationError(f"unknown inspection type {type_!r}; use one of {names}") from None
    with ws.db.session() as session:
        unit = units.find_unit(session, unit_ref)
        record = templates.latest(session, template_ref)
        template = templates.model(record)
        workflow.check_template_fits(kind, template.kind)
        start_date = start_date or date.today()
        # the MOU version in force on the inspection's date; a spot check's chosen sections
        chosen = chosen_sections(template, kind, sections)
        scope = replace(units.unit_scope(session, unit, start_date), sections=chosen,
                        period=checked_period(kind, period, start_date))
        checklist = Checklist(template, scope)
        if not checklist.slots:
            raise ValidationError(
                f"template {record.template_id} has nothing to inspect for {unit.name} "
                "(no MOU lines or roster?)"
            )
        inspection = Inspection(
            unit_id=unit.id,
            template_pk=record.id,
            type=kind.value,
            team=team,
            start_date=start_date,
            end_date=end_date,
            scope_json=json.dumps(scope.to_dict(), ensure_ascii=False),
        )
        ws.stamp(inspection)
        session.add(inspection)
        session.flush()
        ws.audit(
            session, "inspection.start", "inspection", inspection.id,
            new={"unit": unit.name, "template": f"{record.template_id} v{record.version}", "type": kind.value,
                 "mou_version": scope.mou_version.version if scope.mou_version else None}
            | ({"period": scope.period} if scope.period else {}),
        )
        followups.carry_open_actions(ws, session, inspection)
        if then is not None:
            then(session, inspection)
    return inspection


def chosen_sections(template: Template, kind: InspectionType, sections: Sequence[str]) -> tuple[str, ...]:
    """The section codes a spot check covers, checked against the template (empty: all of it)."""
    chosen = tuple(dict.fromkeys(code.strip() for code in sections if code.strip()))
    if not chosen:
        return ()
    if kind is not InspectionType.SPOT_CHECK:
        raise ValidationError(f"only a spot check covers part of the template; a {kind.label} inspection takes "
                              "all of it")
    known = [s.code for s in template.sections]
    unknown = [code for code in chosen if code not in known]
    if unknown:
        raise ValidationError(f"{template.id} has no section {', '.join(unknown)}; its sections: {', '.join(known)}")
    return tuple(code for code in known if code in chosen)  # in the template's order


def checked_period(kind: InspectionType, period: str | None, on: date) -> str | None:
    """The quarter a performance assessment covers (required for it, refused for every other type)."""
    if kind is not InspectionType.PERFORMANCE_ASSESSMENT:
        if period:
            raise ValidationError(f"only a performance assessment covers a period; a {kind.label} inspection "
                                  "takes none")
        return None
    if not period:
        raise ValidationError("a performance assessment needs the quarter it covers: --period YYYYQN, e.g. 2026Q3")
    return performance.parse_period(period, on)


def find(session: Session, ref: str) -> Inspection:
    return lookup.find(session, Inspection, ref, "inspection")


def load(ws: Workspace, ref: str) -> InspectionState:
    with ws.db.read() as session:
        inspection = find(session, ref)
        return _state(ws, session, inspection)


def answer(
    ws: Workspace, ref: str, key: str, text: str | None = None, *, value: Any = None, remark: str | None = None
) -> AnswerRow:
    """Record the answer to ``key`` (typed ``text`` or a ready ``value``), committed and audited at once; returns
    the row as written.

    On SQLite the prepared statements of ``services.answering`` (the autosave path); ``ref`` may be an id prefix."""
    if not ws.db.prepared_writes:
        with ws.db.session() as session:
            inspection = find(session, ref)
            workflow.check_editable(Status(inspection.status))
            new = checked_value(ws, session, inspection, key, text, value)
            written = store_answer(ws, session, inspection, key, new, remark)
            return AnswerRow(**{name: getattr(written, name) for name in AnswerRow.__slots__})
    try:
        return answering.answer(ws, ref, key, text, value=value, remark=remark)
    except answering.UnknownInspection:
        with ws.db.read() as session:
            find(session, ref)  # says what matches (several), or that nothing does
        raise


def checked_value(ws: Workspace, session: Session, inspection: Inspection, key: str, text: str | None,
                  value: Any = None) -> Any:
    """``text`` (as typed) or ``value`` checked against the item of ``key``, which must apply here."""
    def has_assets(line_no: int) -> bool:
        return session.exec(select(Asset.id).where(Asset.inspection_id == inspection.id,
                                                   Asset.line_no == line_no)).first() is not None

    def answered(other: str) -> Any:
        row = session.exec(answer_query(inspection.id, other)).first()
        return value_of(row) if row else None

    return answering.checked(checklist_of(ws, session, inspection), key, text, value, has_assets=has_assets,
                             answered=answered)


def store_answer(
    ws: Workspace, session: Session, inspection: Inspection, key: str, value: Any, remark: str | None = None
) -> Answer:
    """Write a checked ``value`` for ``key`` in the caller's transaction: new revision, audited.

    A ``remark`` is checked here (``answers.check_remark``), so every way of entering one obeys HQ's rule."""
    status = workflow.status_after_edit(Status(inspection.status))
    row = session.exec(answer_query(inspection.id, key)).first()
    created = row is None
    if row is None:
        row = Answer(inspection_id=inspection.id, key=key, revision=0)
    old, new = answering.revise(row, key, value, remark, ws.db.device_id, ws.actor, created=created)
    session.add(ws.stamp(row))
    if status is not Status(inspection.status):
        inspection.status = status.value
        session.add(ws.stamp(inspection))
    ws.audit(session, "answer.set", "answer", row.id, old=old, new=new)
    return row


def clear(ws: Workspace, ref: str, key: str) -> Answer | None:
    """Withdraw the answer to ``key`` (its remark stays); audited like any change."""
    with ws.db.session() as session:
        inspection = find(session, ref)
        workflow.check_editable(Status(inspection.status))
        row = session.exec(answer_query(inspection.id, key)).first()
        if row is None or row.value_json is None:
            return row
        return store_answer(ws, session, inspection, key, None)


def set_remark(ws: Workspace, ref: str, key: str, remark: str) -> Answer:
    """Set the remark of ``key``, answered or not."""
    with ws.db.session() as session:
        inspection = find(session, ref)
        workflow.check_editable(Status(inspection.status))
        if checklist_of(ws, session, inspection).slot(key) is None:
            raise NotFound(f"this inspection has no item {key!r}")
        row = session.exec(answer_query(inspection.id, key)).first()
        return store_answer(ws, session, inspection, key, value_of(row) if row else None, remark)


def submit(ws: Workspace, ref: str) -> Inspection:
    """In progress → ready for review; refused, with every open required item listed, while any remain."""
    with ws.db.session() as session:
        inspection = find(session, ref)
        workflow.check_transition(Status(inspection.status), Status.READY_FOR_REVIEW)
        conflicts = session.exec(select(func.count()).select_from(Conflict).where(
            Conflict.inspection_id == inspection.id, Conflict.status == "open")).one()
        if conflicts:
            raise ValidationError(f"{conflicts} merge conflict{'s' if conflicts != 1 else ''} still to resolve "
                                  "(keep mine, keep theirs or edit) before review")
        state = _state(ws, session, inspection)
        missing = state.results().missing
        if missing:
            raise ValidationError(unanswered(missing))
        check_follow_ups(ws, session, inspection)
        return _move(ws, session, inspection, Status.READY_FOR_REVIEW)


def check_follow_ups(ws: Workspace, session: Session, inspection: Inspection) -> None:
    """Under its template's ``follow_up_required`` rule, refuse while a carried action is not settled."""
    if checklist_of(ws, session, inspection).template.rules.follow_up_required:
        followups.check_settled(session, inspection.id)


def unanswered(missing: list[Slot]) -> str:
    """How many required items are unanswered, naming the first ten keys."""
    keys = ", ".join(s.key for s in missing[:10])
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return f"{len(missing)} required item{'s are' if len(missing) != 1 else ' is'} still unanswered: {keys}{more}"


def reopen(ws: Workspace, ref: str) -> Inspection:
    """Ready for review → in progress, to correct answers before signing."""
    with ws.db.session() as session:
        return _move(ws, session, find(session, ref), Status.IN_PROGRESS)


def list_states(ws: Workspace) -> list[InspectionState]:
    with ws.db.read() as session:
        rows = session.exec(select(Inspection).order_by(col(Inspection.start_date), col(Inspection.created_at)))
        return [_state(ws, session, i) for i in rows]


def threshold(ws: Workspace) -> float | None:
    """The serviceability threshold set for this installation, if any (else the template's)."""
    raw = settings.get(ws, settings.SERVICEABILITY_THRESHOLD)
    return float(raw) if raw else None


def _move(ws: Workspace, session: Session, inspection: Inspection, target: Status) -> Inspection:
    current = Status(inspection.status)
    workflow.check_transition(current, target)
    inspection.status = target.value
    session.add(ws.stamp(inspection))
    ws.audit(session, "inspection.status", "inspection", inspection.id, old=current.value, new=target.value)
    return inspection


def _state(ws: Workspace, session: Session, inspection: Inspection) -> InspectionState:
    unit = session.get(Unit, inspection.unit_id)
    record = session.get(TemplateRecord, inspection.template_pk)
    assert unit is not None and record is not None  # foreign keys guarantee both
    answers: dict[str, Answer | AnswerRow] = {
        a.key: a for a in session.exec(select(Answer).where(Answer.inspection_id == inspection.id))}
    return InspectionState(inspection, unit, record, checklist_of(ws, session, inspection), answers)


def checklist_of(ws: Workspace, session: Session, inspection: Inspection) -> Checklist:
    checklist = ws.cached_checklist(inspection.id)
    if checklist is None:
        record = session.get(TemplateRecord, inspection.template_pk)
        assert record is not None
        checklist = answering.checklist_from(templates.model(record), inspection.scope_json)
        ws.cache_checklist(inspection.id, checklist)
    return checklist


def answer_query(inspection_id: str, key: str) -> SelectOfScalar[Answer]:
    return select(Answer).where(Answer.inspection_id == inspection_id, Answer.key == key)


def value_of(answer: Answer | AnswerRow) -> Any:
    return None if answer.value_json is None else json.loads(answer.value_json)
