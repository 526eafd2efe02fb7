"""Merge conflicts: concurrent edits of one answer, kept for the team leader to resolve.

The local answer stands until a person chooses: keep mine, keep theirs, or edit (a new value). The choice
is a new edit that follows both versions (its version vector covers both), so neither comes back at the
next merge; it is audited with both versions. Nothing is ever dropped without a person's choice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlmodel import and_, col, select

from inspector_app.domain import workflow
from inspector_app.domain.workflow import Status
from inspector_app.errors import ValidationError
from inspector_app.services import inspections, lookup
from inspector_app.storage.models import Answer, Conflict, Inspection
from inspector_app.sync import clock, merge

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

OPEN, RESOLVED = "open", "resolved"


class Choice(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    EDIT = "edit"


@dataclass(frozen=True)
class ConflictView:
    """Both versions of a conflicting answer, as a person compares them."""

    id: str
    inspection_id: str
    key: str
    mine: Any
    mine_remark: str
    mine_by: str
    theirs: Any
    theirs_remark: str
    theirs_by: str
    found_at: datetime


def list_open(ws: Workspace, inspection_ref: str | None = None) -> list[ConflictView]:
    """Open conflicts, of one inspection or of all, by inspection and item."""
    with ws.db.read() as session:
        query = select(Conflict, Answer).join(Answer, and_(col(Answer.inspection_id) == col(Conflict.inspection_id),
                                                           col(Answer.key) == col(Conflict.key)))
        query = query.where(Conflict.status == OPEN)
        if inspection_ref is not None:
            query = query.where(Conflict.inspection_id == inspections.find(session, inspection_ref).id)
        rows = session.exec(query.order_by(col(Conflict.inspection_id), col(Conflict.key), col(Conflict.created_at)))
        return [ConflictView(c.id, c.inspection_id, c.key, inspections.value_of(a), a.remark, a.answered_by,
                             _value(c.theirs_json), c.theirs_remark, c.theirs_by, c.created_at) for c, a in rows]


def resolve(ws: Workspace, conflict_ref: str, choice: Choice | str, text: str | None = None) -> Answer:
    """Settle a conflict: keep mine, keep theirs, or ``edit`` to ``text`` (typed as for ``answer``)."""
    choice = Choice(choice)
    if choice is Choice.EDIT and text is None:
        raise ValidationError("give the new value to settle the conflict with")
    with ws.db.session() as session:
        conflict = lookup.find(session, Conflict, conflict_ref, "conflict")
        if conflict.status != OPEN:
            raise ValidationError(f"the conflict on {conflict.key} was resolved already ({conflict.resolution}, "
                                  f"by {conflict.resolved_by})")
        inspection = session.get(Inspection, conflict.inspection_id)
        assert inspection is not None  # a foreign key
        workflow.check_editable(Status(inspection.status))
        row = session.exec(inspections.answer_query(inspection.id, conflict.key)).one()
        if merge.superseded(clock.parse(conflict.theirs_clock), clock.parse(row.clock)):
            raise ValidationError(f"the conflict on {conflict.key} was settled already by a later edit that "
                                  "knew both versions; import again to see it closed")
        mine = {"value": inspections.value_of(row), "remark": row.remark, "by": row.answered_by}
        theirs = {"value": _value(conflict.theirs_json), "remark": conflict.theirs_remark, "by": conflict.theirs_by}
        if choice is Choice.MINE:
            value, remark = mine["value"], row.remark
        elif choice is Choice.THEIRS:
            value, remark = theirs["value"], conflict.theirs_remark
        else:
            value, remark = inspections.checked_value(ws, session, inspection, conflict.key, text), row.remark
        row.clock = clock.dumps(clock.merge(clock.parse(row.clock), clock.parse(conflict.theirs_clock)))
        answer = inspections.store_answer(ws, session, inspection, conflict.key, value, remark)
        conflict.status, conflict.resolution, conflict.resolved_by = RESOLVED, choice.value, ws.actor
        session.add(ws.stamp(conflict))
        session.flush()
        from inspector_app.services.bundle_import import close_superseded  # noqa: PLC0415  (its imports: pyHanko)

        close_superseded(ws, session, answer)  # any other conflict on the item that this choice covers
        ws.audit(session, "conflict.resolve", "conflict", conflict.id, old={"mine": mine, "theirs": theirs},
                 new={"resolution": choice.value, "value": value, "remark": remark})
        return answer


def _value(value_json: str | None) -> Any:
    return None if value_json is None else json.loads(value_json)
