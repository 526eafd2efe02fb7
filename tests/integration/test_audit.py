"""The hash-chained audit log: every change is recorded, and tampering is detected."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlmodel import select

from inspector_app.services import inspections, maintenance
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent


def _answered(ws: Workspace, unit_name: str) -> str:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    inspections.answer(ws, inspection.id, "me.count/1", "found=10 serviceable=9")
    inspections.answer(ws, inspection.id, "me.count/1", "found=10 serviceable=8", remark="one APC in repair")
    return inspection.id


def test_each_answer_is_audited_with_old_and_new_values(ws: Workspace, unit_name: str) -> None:
    _answered(ws, unit_name)
    with ws.db.session() as session:
        query = select(AuditEvent).where(AuditEvent.action == "answer.set").order_by(AuditEvent.seq)
        events = session.exec(query).all()
    assert [json.loads(e.new_json or "")["value"]["serviceable"] for e in events] == [9, 8]
    assert events[0].old_json is None
    assert json.loads(events[1].old_json or "")["value"] == {"found": 10, "serviceable": 9}
    assert {e.actor for e in events} == {"tester"} and {e.device_id for e in events} == {ws.db.device_id}


def test_intact_chain_passes_the_check(ws: Workspace, unit_name: str) -> None:
    _answered(ws, unit_name)
    report = maintenance.check(ws)
    assert report.ok, report.problems
    assert report.audit_events > 5


def test_edited_event_is_detected(ws: Workspace, unit_name: str) -> None:
    _answered(ws, unit_name)
    with ws.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET new_json = '{\"forged\": 1}' WHERE action = 'answer.set'"))
    problems = maintenance.check(ws).problems
    assert any("altered after it was written" in p for p in problems)


def test_deleted_event_is_detected_as_a_gap(ws: Workspace, unit_name: str) -> None:
    _answered(ws, unit_name)
    with ws.db.engine.begin() as conn:
        seq = conn.execute(text("SELECT min(seq) FROM audit_event WHERE action = 'answer.set'")).scalar()
        conn.execute(text("DELETE FROM audit_event WHERE seq = :s"), {"s": seq})
    problems = maintenance.check(ws).problems
    assert any("gap" in p for p in problems)
    assert any("does not link" in p for p in problems)
