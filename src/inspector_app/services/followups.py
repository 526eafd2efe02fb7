"""Findings, their recommendations and improvement actions, and follow-up at the next inspection.

``carry_open_actions`` and ``check_settled`` work within the caller's unit of work (starting, submitting or signing
an inspection); the others open their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, or_, select

from inspector_app.domain import workflow
from inspector_app.domain.labels import FOLLOW_UP_STATUSES, status_label  # noqa: F401  (the services' names)
from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import lookup
from inspector_app.storage.models import Finding, FollowUp, ImprovementAction, Inspection

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

SETTLED = ("done", "extended")  # the follow-ups that settle a carried action (with a remark)


@dataclass(frozen=True)
class ActionPlan:
    """What a unit must do about a finding, by whom and by when."""

    description: str
    owner: str
    due_date: date


def add_finding(
    ws: Workspace,
    inspection_ref: str,
    text: str,
    recommendation: str = "",
    key: str = "",
    action: ActionPlan | None = None,
) -> FindingRow:
    """Record a finding on inspection ``inspection_ref`` (of item ``key``, or "" the whole inspection), with the
    improvement action the unit must take, if any: both in one transaction."""
    if not text.strip():
        raise ValidationError("a finding needs a text")
    if action is not None and not (action.description.strip() and action.owner.strip()):
        raise ValidationError("an improvement action needs a description and an owner")
    with ws.db.session() as session:
        inspection = _unlocked(session, inspection_ref)
        finding = Finding(inspection_id=inspection.id, key=key, text=text.strip(),
                          recommendation=recommendation.strip())
        session.add(ws.stamp(finding))
        session.flush()
        ws.audit(session, "finding.add", "finding", finding.id, new={"text": finding.text, "key": key})
        if action is not None:
            record = ImprovementAction(
                unit_id=inspection.unit_id,
                finding_id=finding.id,
                description=action.description.strip(),
                owner=action.owner.strip(),
                due_date=action.due_date,
            )
            session.add(ws.stamp(record))
            session.flush()
            ws.audit(session, "action.add", "improvementaction", record.id, new=record.description)
    return FindingRow(finding.id, finding.text, finding.recommendation, key,
                      None if action is None else _action_row(record))


def carry_open_actions(ws: Workspace, session: Session, inspection: Inspection) -> int:
    """List the unit's open actions from earlier inspections for follow-up in ``inspection``: those raised by an
    inspection that started on or before its start date (one recorded later, for an earlier visit, follows up
    nothing raised after it)."""
    query = (select(ImprovementAction)
             .join(Finding, col(Finding.id) == ImprovementAction.finding_id)
             .join(Inspection, col(Inspection.id) == Finding.inspection_id)
             .where(ImprovementAction.unit_id == inspection.unit_id, ImprovementAction.status == "open"))
    if inspection.start_date is not None:
        started = col(Inspection.start_date)
        query = query.where(or_(started.is_(None), started <= inspection.start_date))
    open_actions = session.exec(query).all()
    for action in open_actions:
        session.add(ws.stamp(FollowUp(inspection_id=inspection.id, action_id=action.id)))
    return len(open_actions)


def follow_up(ws: Workspace, inspection_ref: str, action_ref: str, status: str, remark: str = "",
              due: date | None = None) -> FollowUp:
    """Record what became of an open action in a later inspection: done closes it for good, extended gives it
    the later due date ``due`` (it stays open)."""
    if status not in FOLLOW_UP_STATUSES:
        raise ValidationError(f"follow-up status must be one of {', '.join(FOLLOW_UP_STATUSES)}")
    with ws.db.session() as session:
        inspection = _unlocked(session, inspection_ref)
        action = lookup.find(session, ImprovementAction, action_ref, "improvement action")
        row = _follow_up_of(session, inspection.id, action.id)
        if row is None:
            raise NotFound("that action is not open for follow-up in this inspection")
        _record(ws, session, row, action, status, remark, due)
    return row


def close(ws: Workspace, action_ref: str, remark: str, inspection_ref: str | None = None) -> ImprovementAction:
    """Close an open action, with a remark: in the follow-up of ``inspection_ref`` (default: of the latest
    unsigned inspection that follows it up), or on its own (the remark then lives in the audit log)."""
    return _settle(ws, action_ref, "done", remark, None, inspection_ref)


def extend(ws: Workspace, action_ref: str, due: date, remark: str,
           inspection_ref: str | None = None) -> ImprovementAction:
    """Give an open action a later due date, with a remark; recorded as ``close`` records."""
    return _settle(ws, action_ref, "extended", remark, due, inspection_ref)


def check_settled(session: Session, inspection_id: str) -> None:
    """Refuse, naming them, while any action the inspection follows up is not closed or extended with a remark
    (the template rule ``follow_up_required``)."""
    rows = session.exec(
        select(FollowUp, ImprovementAction)
        .join(ImprovementAction, col(ImprovementAction.id) == FollowUp.action_id)
        .where(FollowUp.inspection_id == inspection_id)
        .order_by(col(ImprovementAction.due_date))
    )
    open_ = [a for fu, a in rows if fu.status not in SETTLED or not fu.remark.strip()]
    if open_:
        names = "; ".join(f"{a.id[:8]} {a.description!r}" for a in open_)
        raise ValidationError(f"{len(open_)} carried improvement action{'s' if len(open_) != 1 else ''} still to "
                              f"close or extend with a remark: {names}")


def _settle(ws: Workspace, action_ref: str, status: str, remark: str, due: date | None,
            inspection_ref: str | None) -> ImprovementAction:
    if not remark.strip():
        raise ValidationError("give a remark: what was done, or why more time is needed")
    with ws.db.session() as session:
        action = lookup.find(session, ImprovementAction, action_ref, "improvement action")
        if action.status != "open":
            raise ValidationError(f"the action {action.id[:8]} is already closed")
        row = _open_follow_up(session, action, inspection_ref)
        if row is not None:
            _record(ws, session, row, action, status, remark, due)
        else:
            if status == "extended":
                _check_extension(action, due)
            _change(ws, session, action, status, due, remark.strip(), "action.close" if status == "done"
                    else "action.extend")
    return action


def _record(ws: Workspace, session: Session, row: FollowUp, action: ImprovementAction, status: str, remark: str,
            due: date | None) -> None:
    """The follow-up ``row`` of ``action`` set, and the action with it, each audited."""
    again = row.status == "extended" and due == action.due_date  # the same extension, its remark corrected
    if status == "extended" and not again:
        _check_extension(action, due)
    old = row.status
    row.status, row.remark = status, remark.strip()
    session.add(ws.stamp(row))
    ws.audit(session, "followup.set", "followup", row.id, old=old, new={"status": status, "remark": row.remark})
    _change(ws, session, action, status, due, row.remark, "action.follow_up", row.inspection_id)


def _change(ws: Workspace, session: Session, action: ImprovementAction, status: str, due: date | None, remark: str,
            event: str, inspection_id: str | None = None) -> None:
    """The action closed (done), reopened or extended (to ``due``), audited on the action itself: its new state
    then travels in bundles (``sync.merge.child``) and its last remark is found (``services.actions``)."""
    old = {"status": action.status, "due_date": action.due_date.isoformat()}
    action.status = "done" if status == "done" else "open"
    if status == "extended" and due is not None:
        action.due_date = due
    session.add(ws.stamp(action))
    ws.audit(session, event, "improvementaction", action.id, old=old, new={
        "status": action.status, "due_date": action.due_date.isoformat(), "remark": remark,
        **({"inspection": inspection_id} if inspection_id else {})})


def _check_extension(action: ImprovementAction, due: date | None) -> None:
    if due is None:
        raise ValidationError("an extension needs the new due date")
    if due <= action.due_date:
        raise ValidationError(f"the new due date must be later than the current one ({action.due_date.isoformat()})")


def _follow_up_of(session: Session, inspection_id: str, action_id: str) -> FollowUp | None:
    return session.exec(
        select(FollowUp).where(FollowUp.inspection_id == inspection_id, FollowUp.action_id == action_id)
    ).first()


def _open_follow_up(session: Session, action: ImprovementAction, inspection_ref: str | None) -> FollowUp | None:
    """The follow-up of ``action`` in ``inspection_ref`` (refused when it has none), or in the latest unsigned
    inspection that follows it up (None: no such inspection)."""
    if inspection_ref is not None:
        inspection = _unlocked(session, inspection_ref)
        row = _follow_up_of(session, inspection.id, action.id)
        if row is None:
            raise NotFound(f"the action {action.id[:8]} is not followed up in inspection {inspection.id[:8]}")
        return row
    return session.exec(
        select(FollowUp).join(Inspection, col(Inspection.id) == FollowUp.inspection_id)
        .where(FollowUp.action_id == action.id, col(Inspection.status).not_in([s.value for s in workflow.LOCKED]))
        .order_by(col(Inspection.created_at).desc())
    ).first()


@dataclass(frozen=True)
class ActionRow:
    """An improvement action as the review page and the summary show it."""

    id: str
    description: str
    owner: str
    due_date: date
    status: str


@dataclass(frozen=True)
class FindingRow:
    id: str
    text: str
    recommendation: str
    key: str  # the item it is about, or ""
    action: ActionRow | None


@dataclass(frozen=True)
class FollowUpRow:
    """An earlier inspection's action, followed up in this one."""

    status: str
    remark: str
    action: ActionRow


def findings(ws: Workspace, inspection_id: str) -> list[FindingRow]:
    """The inspection's findings in the order they were made, each with its action if it has one."""
    with ws.db.read() as session:
        rows = session.exec(
            select(Finding, ImprovementAction)
            .join(ImprovementAction, col(ImprovementAction.finding_id) == Finding.id, isouter=True)
            .where(Finding.inspection_id == inspection_id)
            .order_by(col(Finding.created_at))
        )
        return [FindingRow(f.id, f.text, f.recommendation, f.key, None if a is None else _action_row(a))
                for f, a in rows]


def follow_ups(ws: Workspace, inspection_id: str) -> list[FollowUpRow]:
    """The earlier actions this inspection follows up, soonest due first."""
    with ws.db.read() as session:
        rows = session.exec(
            select(FollowUp, ImprovementAction)
            .join(ImprovementAction, col(ImprovementAction.id) == FollowUp.action_id)
            .where(FollowUp.inspection_id == inspection_id)
            .order_by(col(ImprovementAction.due_date))
        )
        return [FollowUpRow(fu.status, fu.remark, _action_row(a)) for fu, a in rows]


def _action_row(action: ImprovementAction) -> ActionRow:
    return ActionRow(action.id, action.description, action.owner, action.due_date, action.status)


def _unlocked(session: Session, ref: str) -> Inspection:
    inspection = lookup.find(session, Inspection, ref, "inspection")
    workflow.check_unlocked(Status(inspection.status))
    return inspection
