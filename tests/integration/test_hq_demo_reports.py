"""HQ's charts and quarterly reports on the HQ demo (SQLite and PostgreSQL): the figures made the fast way (pooled
sums, one reading) equal those worked out from each inspection's MOU lines."""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app import i18n
from inspector_app.domain.quarter_status import figures, quarter_of
from inspector_app.domain.verification import period_of
from inspector_app.locale_format import format_percent
from inspector_app.services import hq_charts, hq_demo, hq_views, report
from inspector_app.services.hq_charts import Filters
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from tests.integration.gc_counts import collections_started
from tests.integration.test_hq_demo import SCALE, TODAY


@pytest.fixture
def hq(tmp_path: Path, hq_url: str) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "data", db_url=hq_url) as ws:
        hq_demo.build(ws, SCALE, today=TODAY)
        yield ws


def test_the_charts_pool_the_lines_of_each_unit_s_last_settled_coe_of_a_quarter(hq: Workspace) -> None:
    last: dict[str, dict[str, hq_views.Scored]] = {}  # unit id -> quarter -> its last settled COE there
    for scored in hq_views.coe_inspections(hq, settled_only=True):
        assert scored.inspection.start_date is not None
        last.setdefault(scored.unit.id, {})[period_of(scored.inspection.start_date).code] = scored
    source = hq_charts.read(hq, today=TODAY)
    threshold = source.threshold

    def from_lines(unit_ids: list[str], quarter: str) -> tuple[float, bool] | None:
        lines = [line for u in unit_ids if (s := last.get(u, {}).get(quarter)) for line in s.results.lines]
        pooled = figures("x", lines, threshold)
        return None if pooled.serviceability is None else (pooled.serviceability, pooled.below_threshold)

    quarters = source.quarters()
    assert len(quarters) == 8
    missions = {m.code: [u.unit_id for u in m.units] for m in source.missions}
    charts = hq_charts.charts(source, Filters())
    compared = 0
    for line in charts.lines:
        expected = {q: f for q in quarters if (f := from_lines(missions[line.name], q)) is not None}
        assert {p.quarter: (p.serviceability, p.below) for p in line.points} == expected  # the same integers divided
        compared += len(expected)
    assert compared > 6 * 6  # six missions, most of the eight quarters (41 at this scale)
    assert any(p.below for line in charts.lines for p in line.points)
    assert any(not p.below for line in charts.lines for p in line.points)

    mission = source.missions[0]
    quarter = quarters[-2]
    by_unit = hq_charts.charts(source, Filters(mission=mission.code, quarter=quarter))
    assert [g.name for g in by_unit.groups] == [u.name for u in mission.units]
    for unit, group in zip(mission.units, by_unit.groups, strict=True):
        expected = from_lines([unit.unit_id], quarter)
        assert (group.serviceability, group.below) == (expected or (None, False))


def _text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text, every blank left out (a table row reads as one run)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


def test_the_global_report_gives_each_unit_its_mission_report_s_figures_without_the_detail(
        hq: Workspace, tmp_path: Path) -> None:
    quarter = quarter_of(hq_demo.quarters_before(TODAY)[-1][0])
    every = _text(report.quarterly_coe(hq, None, quarter).data, tmp_path)
    assert "Detailbyunitandcategory" not in every
    assert "Eachunit'sfiguresbycategoryareinthemission'sownquarterlyCOEstatusreport." in every
    compared = 0
    for mission in hq_views.global_status(hq, quarter).missions:
        own = _text(report.quarterly_coe(hq, mission.mission_code, quarter).data, tmp_path)
        assert "Detailbyunitandcategory" in own
        for u in mission.inspected:
            assert u.total is not None
            with i18n.language("en"):
                row = (f"{u.total.quantity}{u.total.found}{u.total.serviceable}{format_percent(u.total.availability)}"
                       f"{format_percent(u.total.serviceability)}{u.total.shortfall}{u.total.surplus}")
            assert row in own and row in every
            heading = f"{u.name}({u.country}):".replace(" ", "")  # over the unit's categories
            assert heading in own and heading not in every
            compared += 1
    assert compared >= 6  # a unit or two of every mission


def _collections(ws: Workspace) -> int:
    """How many collections run while HQ's views and reports are made, one every 100 new objects unless paused."""
    with collections_started(threshold=100) as started:
        hq_views.mission_summary(ws)
        hq_charts.read(ws)
        hq_views.coe_inspections(ws)
        report.quarterly_coe(ws, None, "2026Q2")
    return len(started)


def test_the_views_and_reports_pause_the_collector(hq: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """They make many small objects, freed by reference counting: the cyclic collector waits until they end."""
    _collections(hq)  # the reports' modules imported
    paused = _collections(hq)
    monkeypatch.setattr(gc, "disable", lambda: None)  # a pause that does not pause
    assert paused * 10 < _collections(hq), paused
