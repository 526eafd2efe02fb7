"""Answer one item: the window's autosave and ``inspector inspections answer``, in one short SQLite transaction.

The value is checked against the checklist (cached in the workspace once the inspection is open), then the answer,
the inspection's status (a draft moves into progress) and the audit event are written with prepared statements
(``storage.answer_rows``) and committed at once, durably. Everything that must hold at the moment of writing is
read in that transaction, which holds SQLite's write lock: the inspection's status (signed work stays locked even
if another window or the command line signed it meanwhile), the answer's revision and version vector, and the last
event of this device's audit chain. ``revise`` and ``checked`` are shared with the ORM path
(``services.inspections``), which other services compose within their own transactions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from inspector_app.domain.answers import check_remark, check_value, parse_value
from inspector_app.domain.checklist import Checklist, Scope
from inspector_app.domain.template_loader import parse_template
from inspector_app.domain.template_model import AnswerType, Template
from inspector_app.domain.workflow import Status, status_after_edit
from inspector_app.errors import NotFound, ValidationError
from inspector_app.storage import answer_rows
from inspector_app.storage.answer_rows import AnswerRow
from inspector_app.sync import clock

if TYPE_CHECKING:
    import sqlite3

    from inspector_app.services.workspace import Workspace
    from inspector_app.storage.models import Answer


class UnknownInspection(NotFound):
    """No inspection has this id, nor is it the only one whose id starts with it (``services.lookup`` says which
    match, if any)."""


def answer(ws: Workspace, ref: str, key: str, text: str | None = None, *, value: Any = None,
           remark: str | None = None) -> AnswerRow:
    """Record the answer to ``key`` (typed ``text`` or a ready ``value``) in the inspection ``ref`` (its id or a
    unique prefix), committed and audited at once."""
    device = ws.db.device_id
    with ws.db.cursor() as cursor:
        found = answer_rows.inspection(cursor, ref)
        if found is None:
            raise UnknownInspection(f"no inspection matches {ref!r}")
        inspection_id, status = found
        after = status_after_edit(Status(status))  # refuses signed work and work under review
        checklist = _checklist(ws, cursor, inspection_id)
        new_value = checked(
            checklist, key, text, value,
            has_assets=lambda line_no: answer_rows.has_assets(cursor, inspection_id, line_no),
            answered=lambda other: loaded(answer_rows.value_json(cursor, inspection_id, other)))
        at = answer_rows.now()
        row = answer_rows.answer(cursor, inspection_id, key)
        created = row is None
        if row is None:
            row = answer_rows.new_answer(inspection_id, key, at)
        old, new = revise(row, key, new_value, remark, device, ws.actor, created=created)
        row.device_id, row.updated_at = device, at
        answer_rows.write_answer(cursor, row, new=created)
        if after.value != status:
            answer_rows.set_status(cursor, inspection_id, after.value, device, at)
        answer_rows.append_event(cursor, device_id=device, actor=ws.actor, action="answer.set", entity="answer",
                                 entity_id=row.id, old=old, new=new)
    return row


def revise(row: Answer | AnswerRow, key: str, value: Any, remark: str | None, device_id: str, actor: str, *,
           created: bool) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """Give ``row`` its next revision: ``value``, ``remark`` (None keeps it; checked by HQ's rule), one more edit
    by ``device_id`` in its version vector, ``actor``. Returns the audit event's old and new values."""
    if remark is not None:
        remark = check_remark(key, remark)
    old = None if created else {"value": loaded(row.value_json), "remark": row.remark}
    row.value_json = None if value is None else json.dumps(value, ensure_ascii=False)
    if remark is not None:
        row.remark = remark
    row.base_revision, row.revision = row.revision, row.revision + 1
    row.clock = clock.dumps(clock.tick(clock.parse(row.clock), device_id))
    row.answered_by = actor
    return old, {"key": key, "value": value, "remark": row.remark}


def checked(checklist: Checklist, key: str, text: str | None, value: Any, *, has_assets: Callable[[int], bool],
            answered: Callable[[str], Any]) -> Any:
    """``text`` (as typed) or ``value`` checked against the item of ``key``, which must apply here.

    ``has_assets(line_no)`` says whether registered items are recorded on an MOU line, ``answered(key)`` gives
    another item's current value (for a condition); both read in the caller's transaction."""
    slot = checklist.slot(key)
    if slot is None:
        raise NotFound(_unknown_key(checklist, key))
    if (slot.item.type is AnswerType.MOU_COUNT and slot.mou_line is not None and slot.mou_line.registered
            and has_assets(slot.mou_line.line_no)):
        raise ValidationError(f"line {slot.mou_line.line_no} is of registered items: its count derives from its "
                              "assets (see 'inspector inspections assets ID')")
    options = checklist.template.options(slot.item)
    new = parse_value(slot.item, text, options) if text is not None else check_value(slot.item, value, options)
    cond = slot.item.when
    known = {cond.item: answered(cond.item)} if cond is not None and cond.item is not None else {}
    if not checklist.relevant(slot, known):
        why = f"the answer to {cond.item}" if cond and cond.item else "the MOU line's lease"
        raise ValidationError(f"{key} does not apply here: it depends on {why}")
    return new


def checklist_from(template: Template, scope_json: str) -> Checklist:
    """An inspection's checklist: its template over its frozen scope."""
    return Checklist(template, Scope.from_dict(json.loads(scope_json)))


def _checklist(ws: Workspace, cursor: sqlite3.Cursor, inspection_id: str) -> Checklist:
    checklist = ws.cached_checklist(inspection_id)
    if checklist is None:
        sha256, source, scope_json = answer_rows.template_and_scope(cursor, inspection_id)
        checklist = checklist_from(parse_template(source, f"template {sha256[:8]}"), scope_json)
        ws.cache_checklist(inspection_id, checklist)
    return checklist


def loaded(value_json: str | None) -> Any:
    """A stored value (JSON) as Python; None for no answer."""
    return None if value_json is None else json.loads(value_json)


def _unknown_key(checklist: Checklist, key: str) -> str:
    code = key.split("/", 1)[0]
    item = next((i for _, i in checklist.template.items() if i.code == code), None)
    if item is None:
        return f"this inspection has no item {code!r}; see its item keys with 'inspector inspections items ID'"
    if item.per is not None and "/" not in key:
        example = next((s.key for s in checklist.slots if s.item is item), f"{code}/…")
        return f"{code} is answered per {item.per.value.replace('_', ' ')}: give e.g. {example}"
    return f"this inspection has no {key!r} (no such MOU line or person)"
