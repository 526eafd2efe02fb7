"""HQ charts' data (services/hq_charts.py) against figures worked out from raw rows of test_hq_views' HQ database."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inspector_app.services import demo, hq_charts, hq_views
from inspector_app.services.hq_charts import Filters, Point
from inspector_app.services.workspace import Workspace
from tests.integration import test_hq_views
from tests.integration.test_hq_views import Hq, _clone, _expected, _quarter_coe, _statements

hq = test_hq_views.hq  # its HQ database, seeded once for this module too
crowded = test_hq_views.crowded

TARGET = min(0.20, 0.10 + 0.01 * (date.today().year - 2018))  # the default parity target for FPUs this year


def _pooled(db: Path, ids: list[str]) -> float:
    """Serviceability over the lines of several COE inspections pooled: serviceable ÷ available, both capped."""
    figures = [_expected(db, i) for i in ids]
    available = [f["availability"] * f["quantity"] for f in figures]
    return sum(f["serviceability"] * a for f, a in zip(figures, available, strict=True)) / sum(available)


def test_every_mission_by_quarter(hq: Hq) -> None:
    with hq.open() as ws:
        source = hq_charts.read(ws, today=date(2026, 12, 2))
        quarters = source.quarters()
        statuses = {q: hq_views.quarter_status(ws, "MINUDEM", q) for q in quarters}
    assert {hq.quarters["before"].code, hq.quarters["demo"].code, "2026Q4"} <= set(quarters)
    charts = hq_charts.charts(source, Filters())
    assert not charts.by_unit and [line.name for line in charts.lines] == ["MINUDEM", "TEST"]
    minudem, test = charts.lines
    assert test.points == (Point("2026Q4", pytest.approx(16 / 18), True),)  # TST FPU: 16 serviceable of 18
    expected = {q: _pooled(hq.db, list(_quarter_coe(hq.db, "MINUDEM", q).values())) for q in quarters
                if _quarter_coe(hq.db, "MINUDEM", q)}
    assert [p.quarter for p in minudem.points] == list(expected)
    assert [p.serviceability for p in minudem.points] == pytest.approx(list(expected.values()))
    assert [p.below for p in minudem.points] == [v < 0.9 for v in expected.values()]
    for point in minudem.points:  # the quarterly COE status report's figure for the mission
        overall = statuses[point.quarter].total
        assert overall is not None and overall.serviceability == pytest.approx(point.serviceability)

    group = charts.groups[1]
    assert (group.name, group.serviceability, group.below) == ("TEST", pytest.approx(16 / 18), True)
    assert (group.strength, group.women, group.women_share) == (3, 2, pytest.approx(2 / 3))
    assert group.parity_target == pytest.approx(TARGET)  # only TST FPU has a roster
    assert (group.open_actions, group.overdue_actions) == (1, 1)  # due 1 December 2026
    assert (group.aoc_decided, group.aoc_certified, group.aoc_share) == (1, 0, 0.0)  # its latest AOC failed
    latest: dict[str, str] = {}  # per unit of MINUDEM: its latest settled COE inspection
    for quarter in quarters:
        latest |= _quarter_coe(hq.db, "MINUDEM", quarter)
    assert latest[demo.SENEGAL.name] == hq.ids["sen_demo"]
    assert charts.groups[0].serviceability == pytest.approx(_pooled(hq.db, list(latest.values())))


def test_one_mission_by_unit_and_quarter(hq: Hq) -> None:
    with hq.open() as ws:
        source = hq_charts.read(ws, today=date(2026, 12, 1))
    charts = hq_charts.charts(source, Filters(mission="test"))
    assert charts.by_unit and [line.name for line in charts.lines] == ["TST FPU", "TST FPU 2"]
    assert charts.lines[0].points == (Point("2026Q4", pytest.approx(16 / 18), True),) and charts.lines[1].points == ()
    tst, empty = charts.groups
    assert (tst.open_actions, tst.overdue_actions) == (1, 0)  # due 1 December: not overdue on that day
    assert (empty.serviceability, empty.women_share, empty.parity_target, empty.aoc_share) == (None, None, None, None)

    earlier = hq_charts.charts(source, Filters(mission="TEST", quarter="2026Q3"))
    assert [line.points for line in earlier.lines] == [(), ()]  # TST FPU's COE is of 2026Q4
    assert earlier.groups[0].serviceability is None and earlier.groups[0].women == 2  # the roster as held now

    by_name = {g.name: g for g in hq_charts.charts(source, Filters(mission="MINUDEM",
                                                                   quarter=hq.quarters["before"].code)).groups}
    sen = by_name[demo.SENEGAL.name]
    assert sen.serviceability == pytest.approx(_expected(hq.db, hq.ids["sen_earlier"])["serviceability"])
    latest = {g.name: g for g in hq_charts.charts(source, Filters(mission="MINUDEM")).groups}[demo.SENEGAL.name]
    assert latest.serviceability == pytest.approx(_expected(hq.db, hq.ids["sen_demo"])["serviceability"])


def test_unit_type_filter(hq: Hq, tmp_path: Path) -> None:
    copy = replace(hq, db=tmp_path / "hq.sqlite")
    shutil.copy(hq.db, copy.db)
    with sqlite3.connect(copy.db) as conn:
        conn.execute("UPDATE unit SET kind = 'ipo' WHERE name = 'TST FPU 2'")
        candidates = {name for (name,) in conn.execute("SELECT name FROM unit WHERE kind = 'ipo' AND name != ?",
                                                        ("TST FPU 2",))}
    conn.close()
    assert candidates  # the demo's AMS candidates, in MINUDEM
    with copy.open() as ws:
        source = hq_charts.read(ws)
    assert source.unit_types() == ["fpu", "ipo"]
    ipo = hq_charts.charts(source, Filters(unit_type="ipo"))
    assert [g.name for g in ipo.groups] == ["MINUDEM", "TEST"] and ipo.groups[1].strength == 0
    assert [line.points for line in ipo.lines] == [(), ()]  # neither mission has a COE figure for candidates
    fpu = hq_charts.charts(source, Filters(mission="TEST", unit_type="fpu"))
    assert [g.name for g in fpu.groups] == ["TST FPU"]


def test_queries_do_not_grow_with_the_inspections(crowded: Workspace, hq: Hq) -> None:
    hq_charts.read(crowded)  # every result scored and kept
    seen, stop = _statements(crowded)
    hq_charts.read(crowded)
    few = len(seen)
    _clone(crowded, hq.ids["tst_coe"], 1200)  # dated through 2025: four more quarters for TST FPU
    hq_charts.read(crowded)  # the new inspections scored and kept
    seen.clear()
    source = hq_charts.read(crowded)
    stop()
    assert len(seen) <= few + 4, f"{len(seen)} statements for 1,200 more inspections (was {few})"
    assert not [s for s in seen if "FROM answer" in s], "kept results are read, not scored again"
    [tst] = hq_charts.charts(source, Filters(mission="TEST", unit_type="fpu")).lines[:1]
    assert [p.quarter for p in tst.points] == ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q4"]
    assert all(p.serviceability == pytest.approx(16 / 18) for p in tst.points)
