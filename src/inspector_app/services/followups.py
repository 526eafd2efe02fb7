"""Findings, their recommendations and improvement actions, and follow-up at the next inspection.

``carry_open_actions`` works within the caller's unit of work (starting an inspection); the others open their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app.domain import workflow
from inspector_app.domain.labels import FOLLOW_UP_STATUSES, status_label  # noqa: F401  (the services' names)
from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import lookup
from inspector_app.storage.models import Finding, FollowUp, ImprovementAction, Inspection

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

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
    """List the unit's open actions from earlier inspections for follow-up in ``inspection``."""
    open_actions = session.exec(
        select(ImprovementAction).where(
            ImprovementAction.unit_id == inspection.unit_id, ImprovementAction.status == "open"
        )
    ).all()
    for action in open_actions:
        session.add(ws.stamp(FollowUp(inspection_id=inspection.id, action_id=action.id)))
    return len(open_actions)


def follow_up(ws: Workspace, inspection_ref: str, action_ref: str, status: str, remark: str = "") -> FollowUp:
    """Record whether an open action was done; a done action is closed for good."""
    if status not in FOLLOW_UP_STATUSES:
        raise ValidationError(f"follow-up status must be one of {', '.join(FOLLOW_UP_STATUSES)}")
    with ws.db.session() as session:
        inspection = _unlocked(session, inspection_ref)
        action = lookup.find(session, ImprovementAction, action_ref, "improvement action")
        row = session.exec(
            select(FollowUp).where(FollowUp.inspection_id == inspection.id, FollowUp.action_id == action.id)
        ).first()
        if row is None:
            raise NotFound("that action is not open for follow-up in this inspection")
        old = row.status
        row.status, row.remark = status, remark.strip()
        action.status = "done" if status == "done" else "open"
        session.add(ws.stamp(row))
        session.add(ws.stamp(action))
        ws.audit(session, "followup.set", "followup", row.id, old=old, new={"status": status, "remark": row.remark})
    return row


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
