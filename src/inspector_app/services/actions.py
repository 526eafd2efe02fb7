"""The register of improvement actions (the Performance Improvement Plan): every action, who owns it, when it
is due, whether it is overdue, and the last remark made when it was followed up, closed or extended.

The writes are ``services.followups``'s (``add_finding``, ``follow_up``, ``close``, ``extend``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from inspector_app.services import units
from inspector_app.storage.bulk import select_in
from inspector_app.storage.models import AuditEvent, Finding, ImprovementAction, Unit

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

REMARKED = ("action.follow_up", "action.close", "action.extend")  # the audit events that carry an action's remark


@dataclass(frozen=True)
class ActionEntry:
    """One improvement action as the register lists it."""

    id: str
    unit_id: str
    unit: str
    inspection_id: str  # the inspection whose finding it answers
    finding: str
    description: str
    owner: str
    due: date
    status: str  # open or done
    overdue: bool  # open and due before the day asked about
    remark: str  # the last remark made about it ("" when none)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "unit": self.unit, "unit_id": self.unit_id, "inspection": self.inspection_id,
                "finding": self.finding, "description": self.description, "owner": self.owner,
                "due": self.due.isoformat(), "status": self.status, "overdue": self.overdue, "remark": self.remark}


def overdue(status: str, due: date, today: date) -> bool:
    """An action is overdue while it is open after its due date."""
    return status == "open" and due < today


def register(ws: Workspace, unit_ref: str | None = None, overdue_only: bool = False,
             today: date | None = None) -> list[ActionEntry]:
    """Every action (of the unit ``unit_ref``), soonest due first; ``overdue_only``: those overdue on ``today``."""
    today = today or date.today()
    with ws.db.read() as session:
        query = (select(ImprovementAction, Finding, Unit)
                 .join(Finding, col(Finding.id) == ImprovementAction.finding_id)
                 .join(Unit, col(Unit.id) == ImprovementAction.unit_id))
        if unit_ref is not None:
            query = query.where(ImprovementAction.unit_id == units.find_unit(session, unit_ref).id)
        if overdue_only:
            query = query.where(ImprovementAction.status == "open", col(ImprovementAction.due_date) < today)
        rows = list(session.exec(query.order_by(col(ImprovementAction.due_date), col(Unit.name))))
        remarks = _last_remarks(session, [a.id for a, _f, _u in rows])
    return [ActionEntry(a.id, u.id, u.name, f.inspection_id, f.text, a.description, a.owner, a.due_date, a.status,
                        overdue(a.status, a.due_date, today), remarks.get(a.id, "")) for a, f, u in rows]


def _last_remarks(session: Session, action_ids: list[str]) -> dict[str, str]:
    """Per action: the remark of its latest follow-up, closing or extension (from the audit log)."""
    events = sorted((e for e in select_in(session, AuditEvent, AuditEvent.entity_id, action_ids)
                     if e.action in REMARKED), key=lambda e: (e.at, e.seq))
    out: dict[str, str] = {}
    for event in events:
        remark = json.loads(event.new_json or "{}").get("remark", "")
        if remark:
            out[event.entity_id] = remark
    return out
