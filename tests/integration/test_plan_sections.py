"""A planned spot check names its sections: planned, checked, started with them; the 0007 column on both backends."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel, select

from inspector_app.cli.main import main
from inspector_app.errors import ValidationError
from inspector_app.services import inspections, planning
from inspector_app.services.workspace import Workspace
from inspector_app.storage import migrations
from inspector_app.storage.engine import make_engine
from inspector_app.storage.models import PlannedInspection
from tests.integration.old_rows import insert_row, unit_of_mission

SS = "coe-self-sustainment"


def test_a_planned_spot_check_starts_with_its_sections(ws: Workspace, unit_name: str) -> None:
    row = planning.plan(ws, unit_name, SS, "spot_check", date(2026, 6, 1), ["Awa Diop"],
                        [" ss.medical", "ss.catering", "ss.medical", ""])
    assert planning.sections_of(row.sections_json) == ["ss.catering", "ss.medical"]  # the template's order, once
    state = inspections.load(ws, planning.start(ws, row.id, date(2026, 6, 2)).id)
    assert state.inspection.type == "spot_check"
    assert state.checklist.scope.sections == ("ss.catering", "ss.medical")
    assert {s.section.code for s in state.checklist.slots} == {"ss.catering", "ss.medical"}
    whole = planning.plan(ws, unit_name, SS, "spot_check", date(2026, 6, 1), ["Awa Diop"])
    assert inspections.load(ws, planning.start(ws, whole.id).id).checklist.scope.sections == ()


def test_sections_are_refused_but_for_a_spot_check_and_must_be_the_template_s(ws: Workspace, unit_name: str) -> None:
    with pytest.raises(ValidationError, match="only a spot check covers part of the template"):
        planning.plan(ws, unit_name, SS, "periodic", date(2026, 6, 1), ["Awa Diop"], ["ss.medical"])
    with pytest.raises(ValidationError, match="has no section ss.laundry; its sections: ss.personnel, ss.catering"):
        planning.plan(ws, unit_name, SS, "spot_check", date(2026, 6, 1), ["Awa Diop"], ["ss.laundry"])
    with ws.db.read() as session:
        assert session.exec(select(PlannedInspection)).all() == []


def test_cli_plan_new_sections(data_dir: Path, ws: Workspace, unit_name: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    ws.close()
    new = ["inspections", "plan", "new", "--data-dir", str(data_dir), "--unit", unit_name, "--template", SS,
           "--date", "2026-06-01", "--team", "Awa Diop"]
    capsys.readouterr()
    assert main([*new, "--type", "periodic", "--sections", "ss.medical"]) != 0
    assert "only a spot check covers part of the template" in capsys.readouterr().err
    assert main([*new, "--type", "spot_check", "--sections", "ss.medical,ss.catering"]) == 0
    plan_id = capsys.readouterr().out.strip()
    assert main(["inspections", "plan", "list", "--data-dir", str(data_dir), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["id"], row["type"], row["sections"]) == (plan_id, "spot_check", ["ss.catering", "ss.medical"])
    assert main(["inspections", "plan", "start", "--data-dir", str(data_dir), plan_id[:8]]) == 0
    inspection_id = capsys.readouterr().out.strip()
    assert main(["inspections", "show", "--data-dir", str(data_dir), inspection_id]) == 0
    assert "Spot check: 2 of" in capsys.readouterr().out


def test_migration_0007_gives_existing_plans_no_sections_and_downgrades(hq_url: str) -> None:
    engine = make_engine(hq_url)
    migrations.migrate(engine, "0006")
    with engine.begin() as conn:
        unit_of_mission(conn)
        insert_row(conn, "planned_inspection", id="p", unit_id="u", type="spot_check", template_id=SS,
                   planned_date=date(2026, 6, 1), team_json='["Awa Diop"]', status="planned")
    migrations.migrate(engine, "0007")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT id, sections_json FROM planned_inspection")).all() == [("p", "[]")]
    migrations.migrate(engine, migrations.head_revision())  # the models are those of the latest revision
    with engine.begin() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
        conn.execute(text("UPDATE planned_inspection SET sections_json = '[\"ss.medical\"]'"))
    migrations.migrate(engine, "0006", down=True)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, status FROM planned_inspection")).all() == [("p", "planned")]
        columns = conn.execute(text("SELECT * FROM planned_inspection")).keys()
        assert "sections_json" not in columns
    engine.dispose()
