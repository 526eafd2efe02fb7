"""Kept results (``services.kept_results``, migration 0010), on SQLite and PostgreSQL: HQ's views read what was
kept and score nothing again; any change to an inspection's answers, status or scope forgets its kept results, so
no view ever shows a stale figure, even when the change lands while a view is keeping them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect, text
from sqlmodel import SQLModel, select

from inspector_app.domain import self_sustainment
from inspector_app.domain.kept_results import FORMAT
from inspector_app.domain.quarter_status import SsCategory
from inspector_app.domain.serviceability import aggregate, by_category
from inspector_app.domain.template_model import TemplateKind
from inspector_app.domain.workflow import Status
from inspector_app.services import hq_demo, hq_views, kept_results, settings
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import migrations
from inspector_app.storage.engine import make_engine
from inspector_app.storage.models import Answer, KeptResult
from tests.integration.old_rows import insert_row, signed_inspection

TODAY = date(2026, 11, 20)


@pytest.fixture
def hq(tmp_path: Path, hq_url: str) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "data", db_url=hq_url) as ws:
        hq_demo.build(ws, 0.05, today=TODAY)
        yield ws


def _kept(ws: Workspace) -> dict[str, dict[str, Any]]:
    with ws.db.read() as session:
        return {i: json.loads(d) for i, d in session.exec(select(KeptResult.inspection_id, KeptResult.data))}


def _forget_all(ws: Workspace) -> None:
    with ws.db.session() as session:
        session.execute(text("DELETE FROM kept_result"))


def _latest_coe(ws: Workspace) -> hq_views.Scored:
    """The settled COE major-equipment inspection the first unit's summary takes its shortfalls from."""
    unit = hq_views.mission_summary(ws)[0].units[0]
    assert unit.latest_coe is not None
    return next(s for s in hq_views.coe_inspections(ws) if s.inspection.id == unit.latest_coe.id)


def _answers(ws: Workspace, inspection_id: str) -> dict[str, Any]:
    return kept_results.answers(ws.db, [inspection_id])[inspection_id]


def test_the_demo_keeps_every_inspection_s_results_and_the_views_read_them_as_scored(hq: Workspace) -> None:
    kept = _kept(hq)
    with hq.db.read() as session:
        assert set(kept) == {i for (i,) in session.exec(text("SELECT id FROM inspection"))}
    read = hq_views.mission_summary(hq), hq_views.global_status(hq, "2026Q3"), hq_views.coe_inspections(hq)
    _forget_all(hq)
    scored = hq_views.mission_summary(hq), hq_views.global_status(hq, "2026Q3"), hq_views.coe_inspections(hq)
    assert read[0] == scored[0] and read[1] == scored[1]
    assert [(s.inspection.id, s.results.lines, s.results.overall, s.results.officers, s.results.passed)
            for s in read[2]] == [(s.inspection.id, s.results.lines, s.results.overall, s.results.officers,
                                   s.results.passed) for s in scored[2]]


def test_a_changed_answer_forgets_the_kept_results_and_the_summary_shows_the_new_count(hq: Workspace) -> None:
    scored = _latest_coe(hq)
    inspection_id = scored.inspection.id
    values = _answers(hq, inspection_id)
    key = next(k for k, v in values.items() if isinstance(v, dict) and v["found"] > 0)
    assert inspection_id in _kept(hq)
    with hq.db.session() as session:  # as a merge or an import writes it: no service, just the row
        answer = session.exec(select(Answer).where(Answer.inspection_id == inspection_id, Answer.key == key)).one()
        answer.value_json = json.dumps({"found": 0, "serviceable": 0})
        session.add(answer)
    assert inspection_id not in _kept(hq)
    line_no = int(key.rsplit("/", 1)[1])
    unit = hq_views.mission_summary(hq)[0].units[0]
    short = {s.line_no: s for s in unit.shortfalls}
    assert short[line_no].found == 0 and short[line_no].shortfall == short[line_no].mou_quantity
    assert inspection_id in _kept(hq)  # kept again, with the new count
    assert [line.found for line in _latest_coe(hq).results.lines if line.line_no == line_no] == [0]


@pytest.mark.parametrize("change", ["insert", "delete", "status", "scope"])
def test_every_kind_of_change_forgets_the_kept_results(hq: Workspace, change: str) -> None:
    inspection_id = _latest_coe(hq).inspection.id
    statements = {
        "insert": "INSERT INTO answer (id, created_at, updated_at, device_id, inspection_id, key, value_json, remark,"
                  " revision, base_revision, answered_by, clock) VALUES ('new-answer', :now, :now, '', :id, 'x', "
                  "'1', '', 1, 0, '', '{}')",
        "delete": "DELETE FROM answer WHERE id = (SELECT min(id) FROM answer WHERE inspection_id = :id)",
        "status": f"UPDATE inspection SET status = '{Status.IN_PROGRESS.value}' WHERE id = :id",
        "scope": "UPDATE inspection SET scope_json = scope_json WHERE id = :id",
    }
    others = set(_kept(hq)) - {inspection_id}
    with hq.db.session() as session:
        session.execute(text(statements[change]), {"id": inspection_id, "now": "2026-11-20 00:00:00"})
    kept = _kept(hq)
    assert inspection_id not in kept and set(kept) == others  # that inspection's only


def test_an_answer_written_while_results_are_kept_is_not_hidden_by_them(hq: Workspace,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    inspection_id = _latest_coe(hq).inspection.id
    key = next(k for k, v in _answers(hq, inspection_id).items() if isinstance(v, dict) and v["found"] > 0)
    _forget_all(hq)
    read = kept_results._answers

    def read_then_someone_writes(session: Any, ids: Any) -> dict[str, dict[str, Any]]:
        values = read(session, ids)  # the view has read the answers; now a merge changes one before it keeps
        with hq.db.session() as session:
            answer = session.exec(select(Answer).where(Answer.inspection_id == inspection_id,
                                                       Answer.key == key)).one()
            answer.value_json = json.dumps({"found": 0, "serviceable": 0})
            session.add(answer)
        return values

    monkeypatch.setattr(kept_results, "_answers", read_then_someone_writes)
    hq_views.mission_summary(hq)
    monkeypatch.undo()
    kept = _kept(hq)
    assert inspection_id not in kept  # its figures came from the answers before the change: not kept
    assert len(kept) > 10  # the others were
    line_no = int(key.rsplit("/", 1)[1])
    assert [line.found for line in _latest_coe(hq).results.lines if line.line_no == line_no] == [0]


def test_the_serviceability_standard_in_force_judges_kept_figures_without_scoring_again(hq: Workspace) -> None:
    hq_views.mission_summary(hq)
    seen: list[str] = []
    engine = hq.db.reader or hq.db.engine

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    settings.put(hq, settings.SERVICEABILITY_THRESHOLD, "1.0")
    event.listen(engine, "before_cursor_execute", count)
    try:
        strict = hq_views.mission_summary(hq)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert seen and not [s for s in seen if "FROM answer" in s]
    points = [p for m in strict for u in m.units for p in u.trend]
    assert points and all(p.below_threshold == (p.serviceability < 1.0) for p in points)
    assert any(p.below_threshold for p in points)


def test_results_of_another_format_are_scored_again(hq: Workspace) -> None:
    before = hq_views.mission_summary(hq)
    with hq.db.session() as session:
        session.execute(text("UPDATE kept_result SET data = :old"), {"old": json.dumps({"format": 0})})
    assert hq_views.mission_summary(hq) == before
    assert 0 < sum(d["format"] == FORMAT for d in _kept(hq).values()) < len(_kept(hq))  # those the summary read
    hq_views.keep_results(hq)
    assert {d["format"] for d in _kept(hq).values()} == {FORMAT}


def test_migrations_0010_and_0011_keep_the_triggers_and_downgrade(hq_url: str) -> None:
    """0010 adds the table and its triggers; 0011 drops two redundant indexes without rebuilding a table, so the
    triggers stay; both downgrade."""
    engine = make_engine(hq_url)
    migrations.migrate(engine, "0009")
    with engine.begin() as conn:
        signed_inspection(conn)
    migrations.migrate(engine, migrations.head_revision())
    with engine.begin() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
        assert "ix_answer_inspection_id" not in {i["name"] for i in inspect(conn).get_indexes("answer")}
        conn.execute(text("INSERT INTO kept_result (inspection_id, data) VALUES ('i', '{}')"))
        insert_row(conn, "answer", id="a", inspection_id="i", key="k", value_json="1", remark="", revision=1,
                   base_revision=0, answered_by="", clock="{}")
        assert conn.execute(text("SELECT count(*) FROM kept_result")).scalar() == 0  # the trigger forgot it
    migrations.migrate(engine, "0010", down=True)
    with engine.begin() as conn:
        assert "ix_answer_inspection_id" in {i["name"] for i in inspect(conn).get_indexes("answer")}
        assert "ix_audit_event_device_id" in {i["name"] for i in inspect(conn).get_indexes("audit_event")}
    migrations.migrate(engine, "0009", down=True)
    with engine.begin() as conn:
        assert not inspect(conn).has_table("kept_result")
        insert_row(conn, "answer", id="b", inspection_id="i", key="l", value_json="1", remark="", revision=1,
                   base_revision=0, answered_by="", clock="{}")  # no trigger left behind
    engine.dispose()


def test_a_read_only_database_shows_the_figures_and_keeps_nothing(hq: Workspace,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = hq_views.mission_summary(hq)
    _forget_all(hq)
    monkeypatch.setattr(hq.db, "read_only", True)
    assert hq_views.mission_summary(hq) == before  # scored from the answers
    assert _kept(hq) == {}  # and nothing written


def test_kept_sums_by_category_and_self_sustainment_verdicts_are_those_of_the_lines_and_the_scope(
        hq: Workspace) -> None:
    major = hq_views.scored_inspections(hq, TemplateKind.COE_MAJOR_EQUIPMENT)
    assert major
    for s in major:
        kept, threshold = s.results, s.results.threshold
        assert [vars(c) for c in kept.categories] == [vars(a) for a in by_category(kept.lines, threshold)]
        assert vars(kept.totals("overall")) == vars(aggregate("overall", kept.lines, threshold))
    assert any(c.uncounted or c.shortfall for s in major for c in s.results.categories)
    sustainment = hq_views.scored_inspections(hq, TemplateKind.COE_SELF_SUSTAINMENT)
    checklists = hq_views.checklists(hq, sustainment)
    assert sustainment and len(checklists) == len(sustainment)
    for s in sustainment:
        verdicts = self_sustainment.categories(checklists[s.inspection.id], s.results, {})
        assert s.results.ss_categories == tuple(
            SsCategory(v.category, v.provider, v.verdict.value if v.verdict else None, v.reimbursement_affected)
            for v in verdicts)
    assert len({c.verdict for s in sustainment for c in s.results.ss_categories}) > 2  # met, partly, unanswered
