"""HQ views: the mission summary, the reimbursement export and the quarterly COE status report.

Figures are checked against arithmetic done here, on answers and MOU lines read straight from the database
with sqlite3, not through the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import event, insert
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.domain import verification
from inspector_app.domain.checklist import MouLineRef
from inspector_app.domain.template_model import AnswerType
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import demo, followups, hq_views, inspections, profile, units
from inspector_app.services.hq_views import AocVerdict
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Answer, Inspection, new_id
from tests.conftest import LINES, PERSONS

TODAY = date.today()
# TST FPU (tests/conftest.py LINES): APC 10, APC recovery 1, jeeps 8 (dry)
TST_COUNTS = {1: (9, 8), 2: (1, 1), 3: (9, 7)}  # 16 of 19 serviceable; line 1 short 1, line 3 surplus 1
SEN_EARLIER = {1: (8, 6), 3: (8, 8), 4: (12, 12)}  # lines not listed: found = serviceable = MOU quantity


@dataclass(frozen=True)
class Hq:
    data: Path
    db: Path
    ids: dict[str, str]
    quarters: dict[str, verification.Period]  # "demo": the demo's SEN inspection's (dated from today); "before"

    @property
    def url(self) -> str:
        return f"sqlite:///{self.db}"

    def open(self) -> Workspace:
        return open_workspace(self.data, actor="HQ", db_url=self.url)


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Hq:
    """The demo mission plus a second mission, with COE and AOC inspections of known figures (read only)."""
    root = tmp_path_factory.mktemp("hq-views")
    hq = Hq(root / "data", root / "hq.sqlite", {}, {})
    with hq.open() as ws:
        profile.save(ws, "HQ Police Division", "hq")  # who is on the record: no "no profile" warning
        demo.seed(ws)
        mission = units.create_mission(ws, "Test Mission", "TEST")
        units.create_unit(ws, mission.id, name="TST FPU", contributing_country="Testland", mou=LINES, persons=PERSONS)
        units.create_unit(ws, mission.id, name="TST FPU 2", contributing_country="Otherland")
        hq.ids["sen_demo"] = _only(ws, demo.SENEGAL.name, "periodic")
        demo_day = inspections.load(ws, hq.ids["sen_demo"]).inspection.start_date
        assert demo_day is not None
        hq.quarters["demo"] = verification.period_of(demo_day)
        hq.quarters["before"] = verification.period_of(hq.quarters["demo"].start - timedelta(days=1))
        # 41st day of the quarter before the demo's (10 August when the demo is dated in the fourth quarter)
        hq.ids["sen_earlier"] = _coe(ws, demo.SENEGAL.name, hq.quarters["before"].start + timedelta(days=40),
                                     _sen_earlier_counts(ws))
        # newest of all for SEN, but in progress: the last inspection, not a trend point
        hq.ids["sen_open"] = _coe(ws, demo.SENEGAL.name, TODAY, {1: (3, 3)}, submit=False)
        hq.ids["tst_coe"] = _coe(ws, "TST FPU", date(2026, 10, 5), TST_COUNTS, action_due=date(2026, 12, 1))
        hq.ids["tst_aoc_old"] = _aoc(ws, "TST FPU", date(2026, 9, 1), fail=False)
        hq.ids["tst_aoc_new"] = _aoc(ws, "TST FPU", date(2026, 10, 20), fail=True)
    return hq


def _only(ws: Workspace, unit: str, type_: str) -> str:
    return next(s.inspection.id for s in inspections.list_states(ws)
                if s.unit.name == unit and s.inspection.type == type_)


def _sen_earlier_counts(ws: Workspace) -> dict[int, tuple[int, int]]:
    scope = units.scope(ws, demo.SENEGAL.name)
    return {m.line_no: SEN_EARLIER.get(m.line_no, (m.quantity, m.quantity)) for m in scope.mou_lines}


def _coe(ws: Workspace, unit: str, day: date, counts: dict[int, tuple[int, int]], *, submit: bool = True,
         action_due: date | None = None) -> str:
    inspection = inspections.start(ws, unit, "coe-major-equipment", "periodic", start_date=day)
    for line, (found, serviceable) in counts.items():
        inspections.answer(ws, inspection.id, f"me.count/{line}", value={"found": found, "serviceable": serviceable})
    if action_due is not None:
        followups.add_finding(ws, inspection.id, "APC short", action=followups.ActionPlan(
            "Bring the missing APC", "Contingent commander", action_due))
    if submit:
        for key in ("me.general.records", "me.general.self_reports", "me.general.spares"):
            inspections.answer(ws, inspection.id, key, "yes")
        inspections.submit(ws, inspection.id)
    return inspection.id


def _aoc(ws: Workspace, unit: str, day: date, *, fail: bool) -> str:
    """A complete, submitted AOC: every test passed, except the planning score when ``fail``."""
    inspection = inspections.start(ws, unit, "aoc-fpu", "aoc_in_mission", start_date=day)
    state = inspections.load(ws, inspection.id)
    template, given = state.checklist.template, {}
    for slot in state.checklist.slots:
        item = slot.item
        if not state.checklist.relevant(slot, given):
            continue
        match item.type:
            case AnswerType.SCORE | AnswerType.NUMBER:
                value: Any = item.max if item.max is not None else 100
                if fail and item.code == "aoc.c2.planning":
                    value = 10
            case AnswerType.CHOICE:
                value = next(o.code for o in template.options(item) if o.passes or o.score == 1)
            case AnswerType.YES_NO:
                value = item.expected or "yes"
            case AnswerType.TEXT:
                value = "Assessed."
            case _:
                continue
        inspections.answer(ws, inspection.id, slot.key, value=value)
        given[slot.key] = value
    inspections.submit(ws, inspection.id)
    return inspection.id


def _expected(db: Path, inspection_id: str) -> dict[str, Any]:
    """Overall figures and shortfall lines of a COE inspection, from raw rows: the MOU lines it froze when it started
    (the version in force on its date: the demo's TGO FPU 3 has an amendment)."""
    with sqlite3.connect(db) as conn:
        (scope,) = conn.execute("SELECT scope_json FROM inspection WHERE id = ?", (inspection_id,)).fetchone()
        mou = {m["line_no"]: (m["category"], m["item"], m["quantity"]) for m in json.loads(scope)["mou_lines"]}
        counted = {int(k.split("/")[1]): json.loads(v) for k, v in conn.execute(
            "SELECT key, value_json FROM answer WHERE inspection_id = ? AND key LIKE 'me.count/%' "
            "AND value_json IS NOT NULL", (inspection_id,))}
    conn.close()
    quantity = sum(mou[n][2] for n in counted)
    serviceable = sum(min(v["serviceable"], mou[n][2]) for n, v in counted.items())
    available = sum(min(v["found"], mou[n][2]) for n, v in counted.items())
    short = sorted((n, mou[n][2] - v["found"]) for n, v in counted.items() if v["found"] < mou[n][2])
    return {"quantity": quantity, "serviceability": serviceable / available, "availability": available / quantity,
            "shortfalls": short, "lines": len(mou), "counted": len(counted)}


def _quarter_coe(db: Path, mission_code: str, quarter: str) -> dict[str, str]:
    """Per unit of the mission, from raw rows: its last settled COE major-equipment inspection that starts in the
    quarter (the demo's TGO FPU 3 has its COE cycle dated back from today, so which quarters it falls in varies)."""
    start, end = hq_views.quarter_dates(quarter)
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT u.name, i.id FROM inspection i JOIN unit u ON u.id = i.unit_id "
            "JOIN mission m ON m.id = u.mission_id JOIN template t ON t.id = i.template_pk "
            "WHERE m.code = ? AND t.kind = 'coe_major_equipment' "
            "AND i.status IN ('ready_for_review', 'signed', 'exported') AND i.start_date BETWEEN ? AND ? "
            "ORDER BY i.start_date, i.created_at", (mission_code, start.isoformat(), end.isoformat())).fetchall()
    conn.close()
    return dict(rows)  # the last of a unit wins


def _units(missions: list[hq_views.MissionSummary]) -> dict[str, hq_views.UnitSummary]:
    return {u.name: u for m in missions for u in m.units}


def test_mission_summary(hq: Hq) -> None:
    with hq.open() as ws:
        missions = hq_views.mission_summary(ws)
    assert [m.code for m in missions] == ["MINUDEM", "TEST"]
    assert [u.name for u in missions[1].units] == ["TST FPU", "TST FPU 2"]
    by_name = _units(missions)

    sen = by_name[demo.SENEGAL.name]
    assert sen.last_inspection is not None and sen.last_inspection.id == hq.ids["sen_open"]
    assert sen.last_inspection.status == "in_progress"
    # the trend: settled COE inspections only, oldest first; the in-progress one is left out
    assert [p.inspection_id for p in sen.trend] == [hq.ids["sen_earlier"], hq.ids["sen_demo"]]
    earlier, latest = (_expected(hq.db, hq.ids[k]) for k in ("sen_earlier", "sen_demo"))
    assert [p.serviceability for p in sen.trend] == pytest.approx([earlier["serviceability"], latest["serviceability"]])
    assert sen.trend[0].date == hq.quarters["before"].start + timedelta(days=40)
    assert sen.trend[0].below_threshold is (earlier["serviceability"] < 0.9)
    assert sen.latest_coe is not None and sen.latest_coe.id == hq.ids["sen_demo"]
    assert [(s.line_no, s.shortfall) for s in sen.shortfalls] == latest["shortfalls"]
    assert all(s.found == s.mou_quantity - s.shortfall for s in sen.shortfalls)
    assert sen.aoc is None
    with sqlite3.connect(hq.db) as conn:  # its open actions: the COE's, and those of its performance assessments
        dues = [date.fromisoformat(d) for (d,) in conn.execute(
            "SELECT due_date FROM improvementaction JOIN unit ON unit.id = unit_id "
            "WHERE unit.name = ? AND status = 'open'", (demo.SENEGAL.name,))]
    assert TODAY.fromordinal(TODAY.toordinal() + 30) in dues
    assert (sen.open_actions, sen.oldest_action_due) == (len(dues), min(dues))

    bgd = by_name[demo.BANGLADESH.name]
    assert bgd.trend == () and bgd.shortfalls == () and bgd.latest_coe is None
    assert bgd.aoc is not None and bgd.aoc.outcome is AocVerdict.PENDING  # the demo's AOC is in progress
    assert bgd.aoc.inspection.kind == "aoc"

    tst = by_name["TST FPU"]
    assert tst.serviceability == pytest.approx(16 / 18)  # the indicator: 16 serviceable of 18 deployed up to the MOU
    assert tst.trend[0].below_threshold is True
    assert [(s.line_no, s.item, s.mou_quantity, s.found, s.serviceable, s.shortfall) for s in tst.shortfalls] == [
        (1, "APC wheeled", 10, 9, 8, 1)]
    assert tst.aoc is not None and tst.aoc.inspection.id == hq.ids["tst_aoc_new"]  # the latest AOC decides
    assert tst.aoc.outcome is AocVerdict.FAIL
    assert tst.last_inspection is not None and tst.last_inspection.id == hq.ids["tst_aoc_new"]
    assert (tst.open_actions, tst.oldest_action_due) == (1, date(2026, 12, 1))
    assert (tst.strength, tst.women) == (3, 2) and tst.women_share == pytest.approx(2 / 3)
    assert (tst.in_command, tst.women_in_command, tst.women_in_command_share) == (1, 1, 1.0)  # Awa Diop, Commander
    # the default target: 10 % in 2018, a point a year, 20 % from 2028 on (domain/gender.py)
    assert tst.parity_target == pytest.approx(min(0.20, 0.10 + 0.01 * (date.today().year - 2018)))

    empty = by_name["TST FPU 2"]
    assert empty.last_inspection is None and empty.aoc is None and empty.trend == ()
    assert empty.women_share is None and empty.serviceability is None and empty.oldest_action_due is None


def test_women_share_counts_the_roster(hq: Hq) -> None:
    share = ("SELECT u.name, SUM(p.gender = 'female') * 1.0 / COUNT(*) FROM person p JOIN unit u ON u.id = p.unit_id "
             "{where} GROUP BY u.name")
    with sqlite3.connect(hq.db) as conn:
        rows = dict(conn.execute(share.format(where="")))
        command = dict(conn.execute(share.format(where="WHERE lower(p.role) LIKE '%commander%'")))
    conn.close()
    with hq.open() as ws:
        by_name = _units(hq_views.mission_summary(ws))
    for name in (demo.SENEGAL.name, demo.BANGLADESH.name, "TST FPU"):
        assert by_name[name].women_share == pytest.approx(rows[name])
        assert by_name[name].women_in_command_share == pytest.approx(command[name])
    assert 0 < by_name[demo.SENEGAL.name].women_share < 0.5


def test_aoc_passed_when_the_latest_passes(hq: Hq, tmp_path: Path) -> None:
    copy = replace(hq, db=tmp_path / "hq.sqlite")
    shutil.copy(hq.db, copy.db)
    with sqlite3.connect(copy.db) as conn:  # leave only the older, passed AOC
        conn.execute("DELETE FROM answer WHERE inspection_id = ?", (hq.ids["tst_aoc_new"],))
        conn.execute("DELETE FROM followup WHERE inspection_id = ?", (hq.ids["tst_aoc_new"],))
        conn.execute("DELETE FROM inspection WHERE id = ?", (hq.ids["tst_aoc_new"],))
    conn.close()
    with copy.open() as ws:
        tst = _units(hq_views.mission_summary(ws))["TST FPU"]
    assert tst.aoc is not None and tst.aoc.outcome is AocVerdict.PASS


def run(capsys: pytest.CaptureFixture[str], hq: Hq, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(hq.data), "hq", *args, "--db", hq.url])
    out, err = capsys.readouterr()
    return code, out, err


def test_parity_targets_are_settings_the_summary_reads(hq: Hq, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    copy = replace(hq, db=tmp_path / "hq.sqlite")
    shutil.copy(hq.db, copy.db)
    year = date.today().year
    code, out, _ = run(capsys, copy, "parity", "--set", "fpu", str(year), "0.3")
    assert code == 0 and f"fpu        {year}   30.0%" in out
    for wrong, said in [(["fpu", str(year), "30"], "between 0 and 1"), (["fpu", "soon", "0.2"], "--set takes")]:
        code, _, err = run(capsys, copy, "parity", "--set", *wrong)
        assert code == 1 and said in err
    code, out, _ = run(capsys, copy, "parity", "--json")
    targets = {(t["unit_type"], t["from_year"]): t["share"] for t in json.loads(out)["parity_targets"]}
    assert targets[("fpu", year)] == 0.3 and targets[("fpu", 2018)] == 0.10  # the others kept
    code, out, _ = run(capsys, copy, "summary", "--json")
    tst = next(u for m in json.loads(out)["missions"] for u in m["units"] if u["name"] == "TST FPU")
    assert (tst["parity_target"], tst["women_in_command_share"]) == (0.3, 1.0)
    code, out, _ = run(capsys, copy, "summary")
    assert "66.7% (command 100.0%, target 30.0%)" in out


def test_summary_command(hq: Hq, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, hq, "summary", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    tst = next(u for m in data["missions"] for u in m["units"] if u["name"] == "TST FPU")
    assert set(tst) == {
        "unit_id", "name", "country", "kind", "last_inspection", "trend", "latest_coe", "shortfalls", "aoc",
        "open_actions", "oldest_action_due", "overdue_actions", "strength", "women", "women_share", "serviceability",
        "serviceability_is", "next_ori_due", "ori_overdue", "in_command", "women_in_command", "women_in_command_share",
        "parity_target", "certified_share", "women_assessed_share", "women_certified_share"}
    assert tst["serviceability_is"].startswith("indicator")
    assert (tst["next_ori_due"], tst["ori_overdue"]) == (None, False)  # a periodic inspection, no arrival yet
    # TST: MOU 10 + 1 + 8, found 9 + 1 + 9 -> 9 + 1 + 8 = 18 up to the MOU, serviceable 8 + 1 + 7 = 16
    assert tst["trend"] == [{"inspection_id": hq.ids["tst_coe"], "date": "2026-10-05",
                             "serviceability": pytest.approx(16 / 18), "below_threshold": True,
                             "availability": pytest.approx(18 / 19)}]
    assert tst["aoc"]["outcome"] == "fail" and tst["oldest_action_due"] == "2026-12-01"
    assert tst["shortfalls"] == [{"line_no": 1, "category": "Armoured personnel carriers", "item": "APC wheeled",
                                  "mou_quantity": 10, "found": 9, "serviceable": 8, "shortfall": 1}]

    code, out, _ = run(capsys, hq, "summary")
    assert code == 0
    assert "MINUDEM — UN Multidimensional Demonstration Mission" in out and "TEST — Test Mission" in out
    tst_line = next(line for line in out.splitlines() if line.startswith("TST FPU "))
    assert "SERVICEABILITY (INDICATOR)" in out and "not a COE result" in out
    assert "88.9%" in tst_line and "fail" in tst_line and "66.7%" in tst_line and "(due 2026-12-01)" in tst_line
    sen_line = next(line for line in out.splitlines() if line.startswith("SEN FPU 1 "))
    assert "(in progress)" in sen_line and " → " in sen_line
    assert "Open shortfalls" in out and "APC wheeled" in out


def _coe_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute(
            "SELECT i.id FROM inspection i JOIN template t ON t.id = i.template_pk "
            "WHERE t.kind = 'coe_major_equipment'")]
    conn.close()
    return ids


def test_export_csv(hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "coe.csv"
    code, out, _ = run(capsys, hq, "export", "--format", "csv", "-o", str(target))
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    ids = _coe_ids(hq.db)
    expected_rows = sum(_expected(hq.db, i)["lines"] for i in ids)
    assert len(rows) == expected_rows and f"{expected_rows} MOU line(s) of {len(ids)} COE inspection(s)" in out
    assert list(rows[0]) == ["Mission", "Unit", "Country", "Inspection id", "Inspection type", "Inspection date",
                             "Status", "Line", "Category", "Item", "Lease", "MOU qty", "Found", "Serviceable",
                             "Shortfall", "Surplus", "Serviceability %"]
    tst = [r for r in rows if r["Inspection id"] == hq.ids["tst_coe"]]
    assert [(r["Line"], r["MOU qty"], r["Found"], r["Serviceable"], r["Shortfall"], r["Surplus"],
             r["Serviceability %"]) for r in tst] == [
        ("1", "10", "9", "8", "1", "0", "88.9"), ("2", "1", "1", "1", "0", "0", "100.0"),  # 8/9
        ("3", "8", "9", "7", "0", "1", "87.5")]  # 7 of the 8 up to the MOU
    assert {(r["Mission"], r["Country"], r["Lease"]) for r in tst} == {("TEST", "Testland", "wet"),
                                                                      ("TEST", "Testland", "dry")}
    # the in-progress inspection: one line counted, the others left empty (not zero)
    open_rows = [r for r in rows if r["Inspection id"] == hq.ids["sen_open"]]
    assert open_rows[0]["Status"] == "in_progress" and open_rows[0]["Found"] == "3"
    assert all(r["Found"] == r["Serviceability %"] == r["Shortfall"] == "" for r in open_rows[1:])
    # every counted line agrees with arithmetic on the raw answers
    for inspection_id in ids:
        mine = [r for r in rows if r["Inspection id"] == inspection_id and r["Found"]]
        short = sorted((int(r["Line"]), int(r["Shortfall"])) for r in mine if int(r["Shortfall"]))
        assert short == _expected(hq.db, inspection_id)["shortfalls"]


def test_export_xlsx(hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "coe.xlsx"
    code, _, _ = run(capsys, hq, "export", "--format", "xlsx", "-o", str(target))
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["MOU lines", "Inspections"]
    lines = list(book["MOU lines"].iter_rows(values_only=True))
    assert lines[0][-1] == "Serviceability %" and len(lines) - 1 == sum(
        _expected(hq.db, i)["lines"] for i in _coe_ids(hq.db))
    first = next(r for r in lines if r[3] == hq.ids["tst_coe"])
    assert first[5].date() == date(2026, 10, 5) and first[-1] == pytest.approx(8 / 9)
    assert book["MOU lines"].cell(row=2, column=len(lines[0])).number_format == "0.0%"
    totals = {r[3]: r for r in book["Inspections"].iter_rows(min_row=2, values_only=True)}
    assert len(totals) == len(_coe_ids(hq.db))
    header = next(book["Inspections"].iter_rows(max_row=1, values_only=True))
    col = {name: i for i, name in enumerate(header)}
    for key in ("tst_coe", "sen_demo", "sen_earlier"):
        want, row = _expected(hq.db, hq.ids[key]), totals[hq.ids[key]]
        assert row[col["MOU qty"]] == want["quantity"]
        assert row[col["Serviceability % (indicator)"]] == pytest.approx(want["serviceability"])
        assert row[col["Shortfall"]] == sum(n for _, n in want["shortfalls"])
        assert row[col["Below standard (indicator)"]] == ("yes" if want["serviceability"] < 0.9 else "no")
    assert totals[hq.ids["sen_open"]][col["Counted lines"]] == 1


def test_quarter_status(hq: Hq) -> None:
    with hq.open() as ws:
        q4 = hq_views.quarter_status(ws, "test", "2026Q4")
        this, before = hq.quarters["demo"].code, hq.quarters["before"].code  # the demo's (today's) and the one before
        minudem_now = hq_views.quarter_status(ws, "MINUDEM", this.replace("Q", "-q"))  # written loosely
        minudem_before = hq_views.quarter_status(ws, "MINUDEM", before)
        with pytest.raises(ValidationError, match="not a quarter"):
            hq_views.quarter_status(ws, "TEST", "2026Q5")
        with pytest.raises(NotFound, match="no mission 'NOPE'.*MINUDEM, TEST"):
            hq_views.quarter_status(ws, "NOPE", "2026Q4")
    assert (q4.start, q4.end, q4.quarter) == (date(2026, 10, 1), date(2026, 12, 31), "2026Q4")
    assert [u.name for u in q4.inspected] == ["TST FPU"] and [u.name for u in q4.not_inspected] == ["TST FPU 2"]
    tst = q4.inspected[0]
    assert tst.inspection is not None and tst.inspection.id == hq.ids["tst_coe"] and tst.total is not None
    assert (tst.total.quantity, tst.total.found, tst.total.available, tst.total.serviceable) == (19, 19, 18, 16)
    assert tst.total.availability == pytest.approx(18 / 19) and tst.total.serviceability == pytest.approx(16 / 18)
    by_name = {c.name: c for c in tst.categories}
    apc, jeeps = by_name["Armoured personnel carriers"], by_name["Support vehicles"]
    assert (apc.quantity, apc.serviceability, apc.below_threshold) == (11, pytest.approx(9 / 10), False)
    assert (jeeps.quantity, jeeps.serviceability, jeeps.below_threshold) == (8, pytest.approx(7 / 8), True)
    # the quarter's settled inspection, not the newer one in progress
    sen = next(u for u in minudem_now.units if u.name == demo.SENEGAL.name)
    assert sen.inspection is not None and sen.inspection.id == hq.ids["sen_demo"]
    want = _expected(hq.db, hq.ids["sen_demo"])
    assert sen.total is not None and sen.total.serviceability == pytest.approx(want["serviceability"])
    assert sen.total.availability == pytest.approx(want["availability"])
    # the mission's figures pool each inspected unit's: SEN FPU 1's and any of TGO FPU 3's COE cycle in the quarter
    now_coe, before_coe = _quarter_coe(hq.db, "MINUDEM", this), _quarter_coe(hq.db, "MINUDEM", before)
    assert now_coe[demo.SENEGAL.name] == hq.ids["sen_demo"] and before_coe[demo.SENEGAL.name] == hq.ids["sen_earlier"]
    assert {u.name: u.inspection.id for u in minudem_now.inspected if u.inspection} == now_coe
    assert minudem_now.total is not None
    assert minudem_now.total.quantity == sum(_expected(hq.db, i)["quantity"] for i in now_coe.values())
    assert {u.name: u.inspection.id for u in minudem_before.inspected if u.inspection} == before_coe
    assert sum(c.quantity for c in minudem_before.categories) == sum(
        _expected(hq.db, i)["quantity"] for i in before_coe.values())


def _pdf_text(path: Path) -> str:
    """The PDF's text (poppler's pdftotext), white space folded: wrapped lines read as one."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_quarterly_report_pdf(hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "q4.pdf"
    code, out, err = run(capsys, hq, "report", "--mission", "TEST", "--quarter", "2026Q4", "-o", str(target))
    assert (code, err) == (0, ""), err
    assert "1 of 2 unit(s) inspected" in out and "document COE-TEST-2026Q4-" in out
    text = _pdf_text(target)
    assert "Quarterly COE status report" in text and "Serviceability by unit (indicator)" in text
    assert "TST FPU" in text and "Testland" in text
    assert "88.9%" in text and "94.7%" in text  # serviceability 16/18, availability 18/19
    assert "87.5%" in text and "BELOW" in text  # the support vehicles, 7 of the 8 up to the MOU
    assert "TST FPU 2 (Otherland)" in text  # named as not inspected
    assert "category standard 90.0%" in text  # the chart's threshold line, for scale
    assert "All categories (indicator)" in text and "All units (indicator)" in text
    assert "Overall" not in text and "Mission total" not in text  # no pooled figure as a COE result
    assert "Page 1 of" in text

    french = tmp_path / "q4-fr.pdf"
    code, _, _ = run(capsys, hq, "report", "--mission", "TEST", "--quarter", "2026Q4", "-o", str(french),
                     "--lang", "fr")
    text = _pdf_text(french)
    assert code == 0 and "Disponibilité par unité" in text and "88,9 %" in text and "EN DEÇÀ" in text
    assert "Page 1 sur" in text and "inspection périodique du 5 oct. 2026" in text


def test_quarterly_report_pdf_without_inspections(hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "q1.pdf"
    code, _, _ = run(capsys, hq, "report", "--mission", "TEST", "--quarter", "2026Q1", "-o", str(target))
    assert code == 0
    text = _pdf_text(target)
    assert "No unit of the mission had a COE major-equipment inspection in the quarter." in text
    assert "TST FPU (Testland); TST FPU 2 (Otherland)" in text


def test_quarterly_report_xlsx(hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target, quarter = tmp_path / "q4.xlsx", hq.quarters["demo"].code  # the demo's SEN inspection's
    code, _, _ = run(capsys, hq, "report", "--mission", "MINUDEM", "--quarter", quarter, "-o", str(target))
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Report", "Units", "Categories", "Units by category", "Trend", "Self-sustainment",
                               "Overdue", "Parity"]
    units_rows = list(book["Units"].iter_rows(values_only=True))
    header = {name: i for i, name in enumerate(units_rows[0])}
    by_unit = {r[0]: r for r in units_rows[1:]}
    want = _expected(hq.db, hq.ids["sen_demo"])
    sen = by_unit[demo.SENEGAL.name]
    assert sen[header["Inspection id"]] == hq.ids["sen_demo"]
    assert sen[header["Serviceability"]] == pytest.approx(want["serviceability"])
    assert sen[header["Availability"]] == pytest.approx(want["availability"])
    assert by_unit[demo.BANGLADESH.name][header["Status"]] == "no COE inspection in the quarter"
    categories = list(book["Categories"].iter_rows(min_row=2, values_only=True))
    quantity = sum(_expected(hq.db, i)["quantity"] for i in _quarter_coe(hq.db, "MINUDEM", quarter).values())
    assert categories[-1][0] == "All categories (indicator)" and categories[-1][2] == quantity
    assert categories[-1][9] is None  # an indicator: no verdict against the standard
    assert sum(r[2] for r in categories[:-1]) == quantity

    french = tmp_path / "q4-fr.xlsx"
    code, _, _ = run(capsys, hq, "report", "--mission", "MINUDEM", "--quarter", quarter, "-o", str(french),
                     "--lang", "fr")
    assert code == 0 and openpyxl.load_workbook(french).sheetnames[1] == "Unités"


@pytest.mark.parametrize(("args", "message"), [
    (["report", "--mission", "NOPE", "--quarter", "2026Q4", "-o", "x.pdf"], "no mission 'NOPE'"),
    (["report", "--mission", "TEST", "--quarter", "Q4", "-o", "x.pdf"], "'Q4' is not a quarter"),
    (["report", "--mission", "TEST", "--quarter", "2026Q4", "-o", "x.docx"], "name the file FILE.pdf or FILE.xlsx"),
])
def test_errors_are_one_line(hq: Hq, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, hq, *args)
    assert code == 1 and out == "" and message in err and len(err.strip().splitlines()) == 1


@pytest.fixture
def crowded(hq: Hq, tmp_path: Path) -> Iterator[Workspace]:
    """A copy of the HQ database, ready to receive many more inspections."""
    db = tmp_path / "hq.sqlite"
    shutil.copy(hq.db, db)
    with open_workspace(hq.data, actor="HQ", db_url=f"sqlite:///{db}") as ws:
        yield ws


def _clone(ws: Workspace, inspection_id: str, copies: int) -> None:
    """``copies`` more inspections like ``inspection_id`` (same unit, answers and status), in one transaction."""
    with ws.db.session() as session:
        source = session.get(Inspection, inspection_id)
        assert source is not None
        answers = [a.model_dump() for a in session.exec(select(Answer).where(Answer.inspection_id == inspection_id))]
        rows, answer_rows = [], []
        for n in range(copies):
            copy_id = new_id()
            rows.append(source.model_dump() | {"id": copy_id, "start_date": date(2025, 1, 1).fromordinal(
                date(2025, 1, 1).toordinal() + n % 365)})
            answer_rows += [a | {"id": new_id(), "inspection_id": copy_id} for a in answers]
        session.execute(insert(Inspection), rows)
        session.execute(insert(Answer), answer_rows)


def _statements(ws: Workspace) -> tuple[list[str], Any]:
    seen: list[str] = []
    engine = ws.db.reader or ws.db.engine

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    return seen, lambda: event.remove(engine, "before_cursor_execute", count)


def test_queries_do_not_grow_with_the_inspections(crowded: Workspace, hq: Hq) -> None:
    seen, stop = _statements(crowded)
    before = hq_views.mission_summary(crowded)
    few = len(seen)
    _clone(crowded, hq.ids["tst_coe"], 1200)  # more than two chunks of answers to fetch
    _clone(crowded, hq.ids["sen_open"], 30)
    seen.clear()
    after = hq_views.mission_summary(crowded)  # scores the new inspections from their answers, and keeps them
    scoring = len(seen)
    seen.clear()
    again = hq_views.mission_summary(crowded)  # reads what was kept
    stop()
    chunks = 2  # 1,230 more ids: two more IN (...) lists of CHUNK ids
    # scoring: per list, the kept results, then the scopes and the answers of those not kept; one more read begun
    assert scoring <= few + 1 + 3 * (chunks + 1), f"{scoring} statements for 1,230 more inspections (was {few})"
    assert len(seen) <= few + chunks, f"{len(seen)} statements for 1,230 more inspections, kept (was {few})"
    assert not [s for s in seen if "FROM answer" in s], "kept results are read, not scored again"
    assert again == after
    tst = _units(after)["TST FPU"]
    assert len(tst.trend) == len(_units(before)["TST FPU"].trend) + 1200
    assert all(p.serviceability == pytest.approx(16 / 18) for p in tst.trend)
    scored = hq_views.coe_inspections(crowded)
    assert len(scored) == len(_coe_ids(hq.db)) + 1230


def test_mou_change_between_inspections_keeps_each_inspections_lines(hq: Hq, tmp_path: Path) -> None:
    """An inspection's figures use the MOU lines frozen when it started, not the unit's MOU of today."""
    db = tmp_path / "hq.sqlite"
    shutil.copy(hq.db, db)
    with open_workspace(hq.data, actor="HQ", db_url=f"sqlite:///{db}") as ws:
        mission = units.create_mission(ws, "Third", "THIRD")
        units.create_unit(ws, mission.id, name="NEW FPU", contributing_country="Newland",
                          mou=[MouLineRef(1, "Medical", "Level 1 module", 2, "wet")])
        first = _coe(ws, "NEW FPU", date(2026, 10, 2), {1: (2, 1)})
        with sqlite3.connect(db) as conn:  # the MOU is amended afterwards: the quantity doubles
            conn.execute("UPDATE mouline SET quantity = 4 WHERE item = 'Level 1 module'")
        conn.close()
        second = _coe(ws, "NEW FPU", date(2026, 11, 2), {1: (4, 4)})
        new = _units(hq_views.mission_summary(ws))["NEW FPU"]
    assert [(p.inspection_id, p.serviceability) for p in new.trend] == [(first, 0.5), (second, 1.0)]
