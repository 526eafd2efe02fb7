"""Improvement actions: ``inspector actions list|add|close|extend``, the template rule ``follow_up_required``,
closed and extended actions in bundles, and HQ's count of overdue actions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text
from sqlmodel import col, func, select

from inspector_app.cli.main import main
from inspector_app.crypto import keys, trust
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import actions as action_register
from inspector_app.services import bundle_export, followups, hq_import, hq_views, inspections, signing, templates
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent, FollowUp, ImprovementAction, Inspection, Signature
from inspector_app.sync.archive import read_bundle
from tests.conftest import mark_ready_for_review
from tests.integration.field import PASS, Field, demo_coe, make_field, pdf

QUARTERLY = """\
format: 1
id: test-quarterly
version: 1
kind: aoc
title: {en: "Quarterly test", fr: "Test trimestriel"}
rules:
  follow_up_required: true
sections:
  - code: q.one
    title: {en: "One", fr: "Un"}
    items:
      - code: q.one.ok
        label: {en: "All well?", fr: "Tout va bien ?"}
        type: yes_no
        required: true
"""
LATE, LATER = "2020-01-31", "2999-12-31"


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--data-dir", str(data_dir), *argv])
    except SystemExit as exc:  # argparse's refusals
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _rows(ws: Workspace) -> tuple[int, list[Any], list[Any]]:
    """Everything an action command may write: the audit log's length, every action and follow-up."""
    with ws.db.read() as session:
        events = session.exec(select(func.count()).select_from(AuditEvent)).one()
        kept = [session.exec(select(model).order_by(col(model.id))).all() for model in (ImprovementAction, FollowUp)]
        return events, *([r.model_dump() for r in rows] for rows in kept)


def _action(ws: Workspace, action_id: str) -> ImprovementAction:
    with ws.db.read() as session:
        row = session.get(ImprovementAction, action_id)
        assert row is not None
        return row


def test_add_list_extend_and_close_from_the_command_line(
        ws: Workspace, unit_name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival").id
    code, out, err = run(capsys, data_dir, "actions", "add", inspection[:8], "--finding", "Logbooks incomplete",
                         "--owner", "Logistics officer", "--due", LATE)
    assert code == 0, err
    late = out.strip()
    code, out, _err = run(capsys, data_dir, "actions", "add", inspection, "--finding", "No spare wheels",
                          "--owner", "Contingent commander", "--due", LATER, "--action", "Buy four spare wheels")
    later = out.strip()

    code, out, _err = run(capsys, data_dir, "actions", "list", "--json")
    assert json.loads(out) == [
        {"id": late, "unit": "TST FPU", "unit_id": _action(ws, late).unit_id, "inspection": inspection,
         "finding": "Logbooks incomplete", "description": "Logbooks incomplete", "owner": "Logistics officer",
         "due": LATE, "status": "open", "overdue": True, "remark": ""},
        {"id": later, "unit": "TST FPU", "unit_id": _action(ws, later).unit_id, "inspection": inspection,
         "finding": "No spare wheels", "description": "Buy four spare wheels", "owner": "Contingent commander",
         "due": LATER, "status": "open", "overdue": False, "remark": ""},
    ]
    code, out, _err = run(capsys, data_dir, "actions", "list", "--overdue")
    assert "Logbooks incomplete" in out and "OVERDUE" in out and "spare wheels" not in out

    code, out, err = run(capsys, data_dir, "actions", "extend", late[:8], "--due", "2999-01-01",
                         "--remark", "the new logbooks are printed in January")
    assert (code, out) == (0, f"{late[:8]} now due 2999-01-01\n"), err
    code, out, _err = run(capsys, data_dir, "actions", "list", "--overdue", "--json")
    assert json.loads(out) == []
    code, out, err = run(capsys, data_dir, "actions", "close", later, "--remark", "four wheels seen in store")
    assert (code, out) == (0, f"{later[:8]} closed\n"), err

    code, out, _err = run(capsys, data_dir, "actions", "list", "--unit", "tst", "--json")
    assert [(a["id"], a["due"], a["status"], a["remark"]) for a in json.loads(out)] == [
        (late, "2999-01-01", "open", "the new logbooks are printed in January"),
        (later, LATER, "done", "four wheels seen in store")]
    assert (_action(ws, late).due_date, _action(ws, later).status) == (date(2999, 1, 1), "done")
    with ws.db.read() as session:
        logged = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.entity_id.in_([late, later]))
                                                 .order_by(col(AuditEvent.seq)))]
    assert logged == ["action.add", "action.add", "action.extend", "action.close"]


@pytest.fixture
def refusals(ws: Workspace, unit_name: str) -> dict[str, str]:
    """An open inspection with an open action and a closed one, and a signed inspection."""
    plan = followups.ActionPlan("Mark the APCs", "Contingent commander", date(2027, 1, 15))
    first = inspections.start(ws, unit_name, "coe-major-equipment", "arrival").id
    open_ = followups.add_finding(ws, first, "APCs unmarked", action=plan).action
    closed = followups.add_finding(ws, first, "Hatch broken", action=plan).action
    assert open_ is not None and closed is not None
    followups.close(ws, closed.id, "repaired")
    signed = inspections.start(ws, unit_name, "coe-major-equipment", "periodic").id
    with ws.db.session() as session:
        row = session.get(Inspection, signed)
        assert row is not None
        row.status = "signed"
    return {"OPEN": open_.id, "CLOSED": closed.id, "INSPECTION": first, "SIGNED": signed}


@pytest.mark.parametrize(("argv", "message"), [
    (["add", "nowhere", "--finding", "F", "--owner", "O", "--due", LATER], "no inspection matches 'nowhere'"),
    (["add", "SIGNED", "--finding", "F", "--owner", "O", "--due", LATER], "is signed and locked"),
    (["add", "INSPECTION", "--finding", "F", "--owner", "  ", "--due", LATER], "needs a description and an owner"),
    (["add", "INSPECTION", "--finding", " ", "--owner", "O", "--due", LATER], "a finding needs a text"),
    (["add", "INSPECTION", "--finding", "F", "--owner", "O", "--due", "2027-02-30"], "is not a date"),
    (["close", "nothing", "--remark", "R"], "no improvement action matches 'nothing'"),
    (["close", "OPEN", "--remark", "  "], "give a remark"),
    (["close", "CLOSED", "--remark", "R"], "is already closed"),
    (["close", "OPEN", "--remark", "R", "--inspection", "SIGNED"], "is signed and locked"),
    (["close", "OPEN", "--remark", "R", "--inspection", "INSPECTION"], "is not followed up in inspection"),
    (["extend", "OPEN", "--due", "2027-01-15", "--remark", "R"], "later than the current one (2027-01-15)"),
    (["extend", "OPEN", "--due", "2026-12-01", "--remark", "R"], "later than the current one"),
    (["extend", "OPEN", "--due", "soon", "--remark", "R"], "is not a date"),
    (["extend", "OPEN", "--due", LATER, "--remark", ""], "give a remark"),
    (["extend", "CLOSED", "--due", LATER, "--remark", "R"], "is already closed"),
])
def test_refusals_say_why_and_change_nothing(ws: Workspace, data_dir: Path, refusals: dict[str, str],
                                             capsys: pytest.CaptureFixture[str], argv: list[str],
                                             message: str) -> None:
    before = _rows(ws)
    code, out, err = run(capsys, data_dir, "actions", *(refusals.get(a, a) for a in argv))
    assert code != 0 and out == "" and message in err
    assert "Traceback" not in err
    assert _rows(ws) == before


def _quarterly(ws: Workspace, unit_name: str, source: str = QUARTERLY) -> str:
    """A quarterly inspection of the test template ``source`` (installed if need be), its one item answered."""
    with ws.db.session() as session:
        templates.install(ws, session, source, "test.yaml")
    inspection = inspections.start(ws, unit_name, yaml.safe_load(source)["id"], "aoc_in_mission").id
    inspections.answer(ws, inspection, "q.one.ok", value="yes")
    return inspection


def test_carried_actions_must_be_closed_or_extended_with_a_remark_before_review(
        ws: Workspace, unit_name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _quarterly(ws, unit_name)
    made = [followups.add_finding(ws, first, text, action=followups.ActionPlan(text, "Commander", date(2027, 3, 31)))
            for text in ("Train the drivers", "Repair the radios")]
    drivers, radios = (f.action.id for f in made if f.action is not None)
    inspections.submit(ws, first)  # nothing carried into the first quarter

    second = _quarterly(ws, unit_name)
    followups.follow_up(ws, second, drivers, "not_done", "half trained")  # neither closed nor extended
    before = _rows(ws)
    with pytest.raises(ValidationError) as refused:
        inspections.submit(ws, second)
    assert str(refused.value) == (f"2 carried improvement actions still to close or extend with a remark: "
                                  f"{drivers[:8]} 'Train the drivers'; {radios[:8]} 'Repair the radios'")
    assert _rows(ws) == before
    code, _out, err = run(capsys, data_dir, "inspections", "submit", second)
    assert code != 0 and "still to close or extend with a remark" in err

    code, out, err = run(capsys, data_dir, "actions", "close", drivers, "--remark", "all 12 drivers passed")
    assert code == 0, err  # recorded in the open quarterly inspection that follows it up
    code, out, err = run(capsys, data_dir, "actions", "extend", radios, "--inspection", second[:8],
                         "--due", "2027-06-30", "--remark", "spares due in May")
    assert code == 0, err
    assert {(f.action.id, f.status, f.remark) for f in followups.follow_ups(ws, second)} == {
        (drivers, "done", "all 12 drivers passed"), (radios, "extended", "spares due in May")}
    assert (_action(ws, drivers).status, _action(ws, radios).status, _action(ws, radios).due_date) == (
        "done", "open", date(2027, 6, 30))
    assert inspections.submit(ws, second).status == "ready_for_review"

    third = _quarterly(ws, unit_name)  # the extended action comes round again, the closed one does not
    assert [(f.action.id, f.status) for f in followups.follow_ups(ws, third)] == [(radios, "pending")]


def test_nor_can_it_be_signed_while_one_is_pending(ws: Workspace, unit_name: str) -> None:
    first = _quarterly(ws, unit_name)
    followups.add_finding(ws, first, "Train the drivers",
                          action=followups.ActionPlan("Train", "Commander", date(2027, 3, 31)))
    second = _quarterly(ws, unit_name)
    mark_ready_for_review(ws, second)  # ready for review before the follow-up was reset, say
    keys.create_identity(ws.data, "Awa Diop", "team_leader", PASS)
    before = _rows(ws)
    with pytest.raises(ValidationError, match="1 carried improvement action still to close or extend"):
        signing.sign_report(ws, second, pdf(), PASS)
    assert _rows(ws) == before
    with ws.db.read() as session:
        assert session.exec(select(Signature).where(Signature.inspection_id == second)).all() == []
        assert session.get(Inspection, second).status == "ready_for_review"  # type: ignore[union-attr]


def test_without_the_rule_pending_follow_ups_do_not_hold_up_review(ws: Workspace, unit_name: str) -> None:
    free = QUARTERLY.replace("test-quarterly", "test-free").replace("rules:\n  follow_up_required: true\n", "")
    first = _quarterly(ws, unit_name, free)
    followups.add_finding(ws, first, "Train the drivers",
                          action=followups.ActionPlan("Train", "Commander", date(2027, 3, 31)))
    second = _quarterly(ws, unit_name, free)
    assert [f.status for f in followups.follow_ups(ws, second)] == ["pending"]
    assert inspections.submit(ws, second).status == "ready_for_review"


# -- bundles and HQ ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo laptop, its COE (with an open action) signed."""
    return make_field(tmp_path_factory.mktemp("actions")).root


def _send(field: Field, hq: Workspace, name: str) -> None:
    path = field.root / name
    with open_workspace(field.laptop) as laptop:
        bundle_export.export_bundle(laptop, path, PASS, full_history=True)
    batch = hq_import.import_files(hq, [path])
    assert not batch.refused, batch.refused


def _overdue_by_sql(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as session:
        rows = session.connection().execute(text(
            "SELECT unit_id, COUNT(*) FROM improvementaction WHERE status = 'open' AND due_date < :today "
            "GROUP BY unit_id"), {"today": date.today()})
        return {unit_id: n for unit_id, n in rows}


def test_extended_and_closed_actions_travel_to_hq_which_counts_the_overdue(
        field: Field, hq: Workspace, hq_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _send(field, hq, "first.bundle")
    with open_workspace(field.laptop, actor="Awa Diop") as laptop:
        coe = demo_coe(laptop)
        [action] = [a for a in action_register.register(laptop) if a.inspection_id == coe.id]
        later = inspections.start(laptop, coe.unit_id, "coe-major-equipment", "spot_check").id
        new_due = action.due + timedelta(days=60)
        followups.extend(laptop, action.id, new_due, "paint arrives next month")
        tgo = next(i for i in inspections.list_states(laptop) if i.unit.name.startswith("TGO")).inspection
        followups.add_finding(laptop, tgo.id, "Generator log missing", action=followups.ActionPlan(
            "Keep the generator log", "Logistics officer", date.today() - timedelta(days=3)))
    _send(field, hq, "extended.bundle")
    assert (_action(hq, action.id).due_date, _action(hq, action.id).status) == (new_due, "open")
    assert [(f.status, f.remark) for f in followups.follow_ups(hq, later) if f.action.id == action.id] == [
        ("extended", "paint arrives next month")]

    with open_workspace(field.laptop, actor="Awa Diop") as laptop:
        followups.close(laptop, action.id, "repainted and marked")
    _send(field, hq, "closed.bundle")
    assert _action(hq, action.id).status == "done"
    [at_hq] = [a for a in action_register.register(hq) if a.id == action.id]
    assert (at_hq.status, at_hq.remark) == ("done", "repainted and marked")

    by_sql = _overdue_by_sql(hq)
    assert by_sql.get(tgo.unit_id, 0) >= 1  # the generator log's, beside the demo assessments' overdue actions
    summary = {u.unit_id: u.overdue_actions for m in hq_views.mission_summary(hq) for u in m.units}
    assert {k: v for k, v in summary.items() if v} == by_sql
    code, out, err = run(capsys, field.hq, "hq", "summary", "--db", hq_url, "--json")
    assert code == 0, err
    assert {u["unit_id"]: u["overdue_actions"] for m in json.loads(out)["missions"] for u in m["units"]
            if u["overdue_actions"]} == by_sql
    code, out, err = run(capsys, field.hq, "hq", "summary", "--db", hq_url)
    assert f", {by_sql[tgo.unit_id]} overdue" in out


def test_an_action_closed_on_its_own_travels_in_a_bundle_of_what_changed_since(field: Field) -> None:
    since = datetime.now(UTC)  # after the demo was seeded
    path = field.root / "since.bundle"
    with open_workspace(field.laptop, actor="Awa Diop") as laptop:
        coe = demo_coe(laptop)
        [action] = [a for a in action_register.register(laptop) if a.inspection_id == coe.id]
        bundle_export.export_bundle(laptop, path, PASS, since=since)
        assert _bundled(field, path, "improvementaction") == []  # nothing changed since
        followups.close(laptop, action.id, "repainted")  # no unsigned inspection follows it up: on its own
        bundle_export.export_bundle(laptop, path, PASS, since=since)
    assert [(r["id"], r["status"]) for r in _bundled(field, path, "improvementaction")] == [(action.id, "done")]
    assert [r["id"] for r in _bundled(field, path, "inspection")] == [coe.id]


def _bundled(field: Field, path: Path, table: str) -> list[dict[str, Any]]:
    return list(read_bundle(path, trust.load(DataDir(field.hq))).records.get(table, []))
