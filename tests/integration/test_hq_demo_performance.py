"""The HQ demo's quarterly performance assessments: one per formed unit and quarter it served, ratings that vary by
unit and quarter, improvement plans closed, open and overdue, and the performance report that reads them (on
SQLite and PostgreSQL, and from the command line)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from inspector_app.cli.main import main
from inspector_app.domain import performance
from inspector_app.domain.performance_status import Trend
from inspector_app.domain.quarter_status import quarter_of
from inspector_app.domain.workflow import Status
from inspector_app.services import followups, hq_demo, hq_views, inspections, performance_status
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Finding, FollowUp, ImprovementAction, Inspection, Unit
from tests.integration.test_hq_demo import SCALE, TODAY

QUARTERS = [quarter_of(start) for start, _end in hq_demo.quarters_before(TODAY)]  # 2024Q4 .. 2026Q3
SETTLED = (Status.READY_FOR_REVIEW, Status.SIGNED, Status.EXPORTED)
ASSESSMENT = "performance_assessment"


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "data") as ws:
        hq_demo.build(ws, SCALE, today=TODAY)
        yield ws


def _assessments(ws: Workspace) -> list[tuple[str, Inspection]]:
    """Every assessment with its unit's name, by date."""
    with ws.db.read() as session:
        return list(session.exec(select(Unit.name, Inspection).join(Unit, col(Unit.id) == Inspection.unit_id)
                                 .where(Inspection.type == ASSESSMENT).order_by(col(Inspection.start_date))))


def _period(inspection: Inspection) -> str:
    return str(json.loads(inspection.scope_json)["period"])


def _settled(ws: Workspace, quarter: str) -> set[str]:
    return {i.id for _name, i in _assessments(ws) if _period(i) == quarter and Status(i.status) in SETTLED}


def test_every_formed_unit_has_one_assessment_per_quarter_it_served(tmp_path: Path, hq_url: str) -> None:
    with open_workspace(tmp_path / "data", db_url=hq_url) as ws:
        hq_demo.build(ws, SCALE, today=TODAY)
        with ws.db.read() as session:
            visits = session.exec(select(Unit.name, Inspection.type, Inspection.start_date)
                                  .join(Unit, col(Unit.id) == Inspection.unit_id)).all()
        assessed = _assessments(ws)
    arrived = {name: quarter_of(on) for name, type_, on in visits if type_ == "arrival"}
    left = {name: quarter_of(on) for name, type_, on in visits if type_ == "repatriation"}
    periods: dict[str, list[str]] = defaultdict(list)
    for name, inspection in assessed:
        periods[name].append(_period(inspection))
        end = hq_views.quarter_dates(_period(inspection))[1]
        assert inspection.start_date == end - timedelta(days=10), name  # ten days before the quarter ends
    assert len(arrived) == 12 and sorted(periods) == sorted(arrived)
    for name, first in arrived.items():  # every quarter from its arrival to the last it served to the end
        served = QUARTERS[QUARTERS.index(first):QUARTERS.index(left[name]) if name in left else None]
        assert periods[name] == served, name
    assert len(assessed) == sum(len(p) for p in periods.values()) > 60
    statuses = Counter(i.status for _name, i in assessed)
    assert statuses[Status.SIGNED] + statuses[Status.EXPORTED] > 40
    last = [i for _name, i in assessed if _period(i) == QUARTERS[-1]]
    assert {i.status for i in last} <= {Status.IN_PROGRESS, Status.READY_FOR_REVIEW}  # the last quarter's
    assert Status.READY_FOR_REVIEW in {i.status for i in last}


def test_the_performance_report_rates_each_unit_as_its_assessment_does(hq: Workspace) -> None:
    ratings: Counter[str] = Counter()
    trends: Counter[Trend | None] = Counter()
    for quarter in QUARTERS:
        status = performance_status.performance_status(hq, quarter, today=TODAY)
        rows = [u for m in status.missions for u in m.units]
        assert len(rows) == 12
        assert {u.assessment.id for u in rows if u.assessment} == _settled(hq, quarter), quarter
        for row in rows:
            if row.assessment is None:
                assert row.rating is None
                continue
            state = inspections.load(hq, row.assessment.id)
            overall = performance.assess(state.checklist, state.values()).overall
            assert row.rating is not None and overall.option is not None
            assert row.rating.code == overall.option.code, (quarter, row.name)
            ratings[row.rating.code] += 1
            trends[row.trend] += 1
    assert ratings["meets"] > 20 and ratings["partially"] > 5  # most units meet the standard, some do not
    assert trends[Trend.SAME] > trends[Trend.UP] > 0 and trends[Trend.DOWN] > 0  # steady, improving, slipping

    last = performance_status.performance_status(hq, QUARTERS[-1], today=TODAY)
    units = [u for m in last.missions for u in m.units]
    opened, overdue = sum(u.open_actions for u in units), sum(u.overdue_actions for u in units)
    assert 0 < overdue < opened  # some of the last quarter's actions are due after TODAY
    one = performance_status.report(hq, QUARTERS[-2], hq_demo.MISSIONS[0][0], "fr")
    assert one.data.startswith(b"%PDF") and one.units == 2
    every = performance_status.report(hq, QUARTERS[-2], xlsx=True)
    assert every.data.startswith(b"PK") and (every.assessed, every.units) == (len(_settled(hq, QUARTERS[-2])), 12)


def test_each_criterion_below_the_standard_is_an_action_closed_extended_or_open(hq: Workspace) -> None:
    with hq.db.read() as session:
        actions = session.exec(select(Finding.inspection_id, Finding.key, ImprovementAction)
                               .join(ImprovementAction, col(ImprovementAction.finding_id) == Finding.id)).all()
        follow_ups = session.exec(select(FollowUp)).all()
        for _name, inspection in _assessments(hq):
            if Status(inspection.status) in SETTLED:
                followups.check_settled(session, inspection.id)  # every carried action closed or extended
    by_inspection: dict[str, list[str]] = defaultdict(list)
    for inspection_id, key, _action in actions:
        by_inspection[inspection_id].append(key)
    for _name, inspection in _assessments(hq):
        state = inspections.load(hq, inspection.id)
        below = [] if inspection.status == Status.IN_PROGRESS else [
            s.key for s in performance.assess(state.checklist, state.values()).below]
        assert by_inspection.get(inspection.id, []) == below, inspection.start_date

    plan = [a for inspection_id, _key, a in actions if inspection_id in {i.id for _n, i in _assessments(hq)}]
    states = Counter("done" if a.status == "done" else "overdue" if a.due_date < TODAY else "open" for a in plan)
    assert min(states.values()) > 10 and states["done"] > states["open"], states
    assert Counter(f.status for f in follow_ups).keys() == {"done", "extended", "pending"}
    assert all(f.remark for f in follow_ups if f.status != "pending")


def test_the_command_line_reports_the_demo_s_performance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'hq-demo.sqlite'}"
    base = ["--data-dir", str(tmp_path / "data"), "hq"]
    assert main([*base, "demo", "--scale", str(SCALE), "--db", db]) == 0
    quarter = quarter_of(hq_demo.quarters_before(date.today())[-2][0])
    with open_workspace(tmp_path / "data", db_url=db) as ws:
        settled = len(_settled(ws, quarter))
    capsys.readouterr()
    assert main([*base, "report", "--kind", "performance", "--quarter", quarter, "--db", db,
                 "-o", str(tmp_path / "all.pdf")]) == 0
    assert f"{settled} of 12 unit(s) assessed in every mission" in capsys.readouterr().out
    assert main([*base, "report", "--kind", "performance", "--quarter", quarter, "--mission", "unmika", "--db", db,
                 "-o", str(tmp_path / "one.xlsx")]) == 0
    assert "of 2 unit(s) assessed\n" in capsys.readouterr().out and (tmp_path / "one.xlsx").stat().st_size > 0
