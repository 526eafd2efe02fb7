"""The answer path (services.answering): prepared statements in one short transaction, with every guarantee of
the ORM path: the same rows, an unbroken audit chain whoever else writes, signed work locked, bad input refused."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlmodel import select

from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import inspections, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import audit
from inspector_app.storage.models import Answer, AuditEvent, Inspection


def _chain(ws: Workspace) -> tuple[int, list[audit.ChainProblem], list[int]]:
    """Events, problems and this device's sequence numbers."""
    with ws.db.read() as session:
        count, problems = audit.verify_chains(session)
        seqs = list(session.exec(select(AuditEvent.seq).where(AuditEvent.device_id == ws.db.device_id)
                                 .order_by(AuditEvent.seq)))  # type: ignore[arg-type]
    return count, problems, seqs


def _counts(ws: Workspace) -> tuple[int, int]:
    with sqlite3.connect(ws.data.database) as conn:
        found = conn.execute("SELECT (SELECT count(*) FROM answer), (SELECT count(*) FROM audit_event)").fetchone()
    conn.close()
    return found


def test_many_fast_answers_and_other_writers_keep_one_unbroken_chain(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    before = _chain(ws)[0]
    for n in range(40):
        inspections.answer(ws, inspection.id, "me.general.records", "yes" if n % 2 else "no")
        if n == 10:  # a second workspace on the same folder (another window, the command line) writes in between
            with open_workspace(ws.data.root, actor="other") as other:
                inspections.answer(other, inspection.id[:8], "me.count/1", "found=9 serviceable=8")
        if n == 20:  # and the ORM path of another service, in this workspace
            units.create_mission(ws, "Mission B", "MB")
    count, problems, seqs = _chain(ws)
    assert problems == []
    assert seqs == list(range(1, len(seqs) + 1))  # one device, one chain, no gap
    assert count - before >= 42  # 40 answers, the other writer's answer, the mission (and its own events)
    state = inspections.load(ws, inspection.id)
    assert state.answers["me.general.records"].revision == 40
    assert state.answers["me.count/1"].answered_by == "other"


def test_the_answer_path_writes_what_the_orm_path_writes(ws: Workspace, unit_name: str) -> None:
    fast = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    orm = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    for value, remark in (("found=9 serviceable=8", "two in repair"), ("found=8 serviceable=8", None)):
        written = inspections.answer(ws, fast.id, "me.count/1", value, remark=remark)
        with ws.db.session() as session:
            row = session.get(Inspection, orm.id)
            assert row is not None
            new = inspections.checked_value(ws, session, row, "me.count/1", value)
            inspections.store_answer(ws, session, row, "me.count/1", new, remark)
    with ws.db.read() as session:
        rows = {a.inspection_id: a for a in session.exec(select(Answer).where(Answer.key == "me.count/1"))}
        events = list(session.exec(select(AuditEvent).where(AuditEvent.action == "answer.set")
                                   .order_by(AuditEvent.seq)))  # type: ignore[arg-type]
        statuses = {i.id: i.status for i in session.exec(select(Inspection))}

    def columns(a: Answer) -> dict[str, Any]:
        return a.model_dump(exclude={"id", "inspection_id", "created_at", "updated_at"})

    assert columns(rows[fast.id]) == columns(rows[orm.id])
    assert columns(rows[fast.id])["clock"] == f'{{"{ws.db.device_id}":2}}'
    assert (rows[fast.id].revision, rows[fast.id].base_revision, rows[fast.id].remark) == (2, 1, "two in repair")
    # the row returned is the row stored, times included (as the ORM reads them back)
    assert (written.id, written.updated_at, written.created_at) == (rows[fast.id].id, rows[fast.id].updated_at,
                                                                    rows[fast.id].created_at)
    assert statuses[fast.id] == statuses[orm.id] == Status.IN_PROGRESS.value
    assert [(e.old_json, e.new_json) for e in events[0::2]] == [(e.old_json, e.new_json) for e in events[1::2]]
    assert events[2].old_json == '{"remark": "two in repair", "value": {"found": 9, "serviceable": 8}}'


def test_an_inspection_signed_meanwhile_is_locked_and_nothing_changes(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    inspections.answer(ws, inspection.id, "me.general.records", "yes")  # the checklist is cached from here on
    with open_workspace(ws.data.root, actor="other") as other, other.db.session() as session:
        row = session.get(Inspection, inspection.id)
        assert row is not None
        row.status = Status.SIGNED.value  # as a signature by another process leaves it
    before = _counts(ws)
    with pytest.raises(ValidationError, match="locked; correct it with an amendment"):
        inspections.answer(ws, inspection.id, "me.general.records", "no")
    assert _counts(ws) == before
    assert inspections.load(ws, inspection.id).answers["me.general.records"].value_json == '"yes"'


@pytest.mark.parametrize(("key", "text", "error", "message"), [
    ("me.count/1", "found=3 serviceable=4", ValidationError, "serviceable"),
    ("me.general.records", "perhaps", ValidationError, "perhaps"),
    ("me.maintenance/3", "yes", ValidationError, "does not apply here: it depends on the MOU line's lease"),
    ("me.count/9", "found=1 serviceable=1", NotFound, "no such MOU line"),
    ("me.count", "found=1 serviceable=1", NotFound, "give e.g. me.count/1"),
    ("nothing.here", "yes", NotFound, "has no item 'nothing.here'"),
])
def test_bad_input_is_refused_clearly_and_changes_nothing(ws: Workspace, unit_name: str, key: str, text: str,
                                                          error: type[Exception], message: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    before = _counts(ws)
    with pytest.raises(error, match=message):
        inspections.answer(ws, inspection.id, key, text)
    assert _counts(ws) == before
    assert inspections.load(ws, inspection.id).status is Status.DRAFT


def test_a_remark_over_the_limit_is_refused_and_changes_nothing(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    before = _counts(ws)
    with pytest.raises(ValidationError, match="remark"):
        inspections.answer(ws, inspection.id, "me.general.records", "yes", remark="x" * 5000)
    assert _counts(ws) == before


def test_an_inspection_is_found_by_a_unique_prefix_only(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    row = inspections.answer(ws, inspection.id[:6], "me.general.records", "yes")
    assert (row.inspection_id, row.revision) == (inspection.id, 1)
    with pytest.raises(NotFound, match="no inspection matches 'zzzz'"):
        inspections.answer(ws, "zzzz", "me.general.records", "yes")
