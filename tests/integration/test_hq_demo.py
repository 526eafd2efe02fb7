"""``inspector hq demo``: a realistic HQ database at a tiny scale, on SQLite and PostgreSQL: what it holds, that a
second run changes nothing, that every HQ summary row is computed and a quarterly report renders on it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from inspector_app.cli.main import main
from inspector_app.domain.workflow import Status
from inspector_app.errors import ValidationError
from inspector_app.services import hq_demo, hq_views, report
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import audit
from inspector_app.storage.models import (
    Answer,
    Attachment,
    ImprovementAction,
    Inspection,
    Mission,
    Mou,
    Person,
    PlannedInspection,
    Signature,
    Unit,
)
from tests.integration.test_bench import quick_run

TODAY = date(2026, 11, 20)  # the eight quarters before: 2024Q4 .. 2026Q3
SCALE = 0.05  # 2 units per mission


@pytest.fixture
def hq(tmp_path: Path, hq_url: str) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "data", db_url=hq_url) as ws:
        yield ws


def _count(ws: Workspace, model: object, *where: object) -> int:
    with ws.db.read() as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())  # type: ignore[arg-type]


def test_demo_holds_what_it_says_and_a_second_run_changes_nothing(hq: Workspace) -> None:
    counts = hq_demo.build(hq, SCALE, today=TODAY)
    assert (counts.created, counts.missions, counts.units) == (True, 6, 12)
    assert _count(hq, Mission) == 6 and _count(hq, Unit) == 12
    assert _count(hq, Inspection) == counts.inspections and 160 < counts.inspections < 280  # about 18 per unit
    assert _count(hq, Answer) == counts.answers and _count(hq, Person) == counts.persons == 12 * 140
    assert _count(hq, ImprovementAction) == counts.actions > 0
    assert _count(hq, Mou) > 12  # every unit's MOU, some amended
    assert _count(hq, Attachment) > 0 and _count(hq, PlannedInspection) > 0
    settled = Inspection.status.in_([Status.SIGNED, Status.EXPORTED])  # type: ignore[attr-defined]
    assessed = _count(hq, Inspection, settled, Inspection.type == "performance_assessment")
    others = _count(hq, Inspection, settled, Inspection.type != "performance_assessment")
    # the team leader's and the contingent commander's; an assessment's assessor, commander and police commissioner
    assert _count(hq, Signature) == 2 * others + 3 * assessed and others > 0 and assessed > 0
    with hq.db.read() as session:
        events, problems = audit.verify_chains(session)
        dates = [i.start_date for i in session.exec(select(Inspection))]
    assert problems == [] and events > counts.inspections  # the laptops' chains and HQ's own event
    assert min(dates) >= date(2024, 10, 1) and max(dates) <= date(2026, 9, 30)

    again = hq_demo.build(hq, 4, today=TODAY)
    assert again.created is False and again.inspections == counts.inspections and again.scale == SCALE
    assert _count(hq, Inspection) == counts.inspections and _count(hq, Answer) == counts.answers


def test_every_summary_row_is_computed_and_a_quarterly_report_renders(hq: Workspace) -> None:
    hq_demo.build(hq, SCALE, today=TODAY)
    summary = hq_views.mission_summary(hq)
    assert [m.code for m in summary] == sorted(code for code, _name in hq_demo.MISSIONS)
    rows = [u for m in summary for u in m.units]
    assert len(rows) == 12
    for row in rows:
        assert row.last_inspection is not None and row.trend, row.name
        assert 0.5 < (row.serviceability or 0) <= 1 and row.strength == 140 and row.parity_target is not None
        assert row.aoc is not None
    assert sum(0.85 <= (r.serviceability or 0) <= 0.99 for r in rows) >= len(rows) // 2  # mostly 85-98 %
    assert any(r.overdue_actions for r in rows)
    assert any((r.women_share or 0) < (r.parity_target or 0) for r in rows)

    status = hq_views.quarter_status(hq, summary[0].code, "2026Q2")
    assert len(status.units) == 2
    produced = report.quarterly_coe(hq, summary[0].code, "2026Q2", "fr")
    assert produced.data.startswith(b"%PDF") and (produced.pages or 0) >= 1
    assert produced.units == 2 and produced.inspected == sum(u.total is not None for u in status.units)


def test_same_scale_and_day_give_the_same_demo(tmp_path: Path) -> None:
    def figures(folder: str) -> list[tuple[str, float | None]]:
        with open_workspace(tmp_path / folder) as ws:
            hq_demo.build(ws, SCALE, today=TODAY)
            return [(u.name, u.serviceability) for m in hq_views.mission_summary(ws) for u in m.units]

    assert figures("one") == figures("two")


def test_cli_demo_twice_and_bad_scale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'hq-demo.sqlite'}"
    base = ["--data-dir", str(tmp_path / "data"), "hq", "demo", "--scale", str(SCALE), "--db", db]
    assert main(base) == 0
    first = capsys.readouterr().out
    assert first.startswith("added the HQ demo at scale 0.05: 6 missions, 12 units, ")
    assert main(base) == 0
    assert "already holds the HQ demo (scale 0.05" in capsys.readouterr().out
    assert main([*base[:-4], "--scale", "-1", "--db", db]) != 0
    assert "the scale must be above 0" in capsys.readouterr().err


def test_refuses_a_database_holding_a_mission_of_the_same_code(hq: Workspace) -> None:
    with hq.db.session() as session:
        session.add(Mission(name="Real", code=hq_demo.MISSIONS[0][0]))
    with pytest.raises(ValidationError, match="not made by the demo"):
        hq_demo.build(hq, SCALE, today=TODAY)
    assert _count(hq, Unit) == 0


@pytest.mark.slow
def test_hq_scale_benchmark_quick_run(tmp_path: Path) -> None:
    out = quick_run("hq_scale.py", tmp_path)
    assert "sqlite: rows grow" in out and "hq summary, sqlite 0.2x" in out
    assert "postgresql" in out  # measured, or said loudly that it was not
