"""HQ's global quarterly COE status report (every mission) and the parts every quarterly report gained: the trend
against the previous quarter, self-sustainment verdicts, overdue inspections, women against the parity target.

Two missions built by hand, each figure worked out below from the counts given (quarter 2026Q2, previous 2026Q1):

* ALPHA / A FPU 1 (MOU: APC 10, APC recovery 1, jeeps 8; reimbursed on serviceable): arrival on 10 Feb with
  APC 10/9, recovery 1/1, jeeps 8/8 (found/serviceable); periodic on 5 May with APC 9/8, recovery 1/1, jeeps 9/7.
  Q1: available 19 of 19, serviceable 18, reimbursable 9+1+8 = 18. Q2: available 9+1+8 = 18, serviceable 16,
  reimbursable 8+1+7 = 16. Self-sustainment on 6 May: catering met, medical not met (affects reimbursement).
  Roster: 3, women 2; command 1, a woman. Next inspection due 6 Nov 2026 (six months after the last periodic
  one, self-sustainment's): not overdue.
* ALPHA / A FPU 2: arrival on 15 Oct 2025 only: due 15 Apr 2026, overdue as Q2 ends. Roster: 4 men, one commands:
  0 % against the FPU target of 2026 (18 %, the default).
* BRAVO / B FPU 1: arrival on 1 Jun with APC 10/10, recovery 0/0, jeeps 8/4: available 18 of 19, serviceable 14,
  reimbursable 14; nothing in Q1. No roster.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from inspector_app.cli.main import main
from inspector_app.crypto import keys
from inspector_app.domain.checklist import PersonRef
from inspector_app.paths import DataDir
from inspector_app.services import hq_database, hq_views, inspections, profile, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from tests.conftest import LINES, PERSONS, mark_ready_for_review
from tests.integration.field import PASS
from tests.integration.test_hq_views import _statements

MEN = [PersonRef(f"M-{n}", f"Officer {n}", "Police Sergeant", "male", "Commander" if n == 1 else "Driver")
       for n in range(1, 5)]


@dataclass(frozen=True)
class Db:
    data: Path
    url: str

    def open(self) -> Workspace:
        return open_workspace(self.data, actor="HQ", db_url=self.url)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Db:
    data = tmp_path_factory.mktemp("global") / "data"
    built = Db(data, hq_database.default_url(DataDir(data)))
    with built.open() as ws:
        profile.save(ws, "HQ Police Division", "hq")
        alpha = units.create_mission(ws, "Alpha Mission", "ALPHA")
        bravo = units.create_mission(ws, "Bravo Mission", "BRAVO")
        units.create_unit(ws, alpha.id, name="A FPU 1", contributing_country="Testland", mou=LINES,
                          ss_categories=["catering", "medical"], persons=PERSONS)
        units.create_unit(ws, alpha.id, name="A FPU 2", contributing_country="Otherland", mou=LINES, persons=MEN)
        units.create_unit(ws, bravo.id, name="B FPU 1", contributing_country="Farland", mou=LINES)
        _coe(ws, "A FPU 1", "arrival", date(2026, 2, 10), {1: (10, 9), 2: (1, 1), 3: (8, 8)})
        _coe(ws, "A FPU 1", "periodic", date(2026, 5, 5), {1: (9, 8), 2: (1, 1), 3: (9, 7)})
        _ss(ws, "A FPU 1", date(2026, 5, 6), {"catering": "met", "medical": "not_met"})
        _coe(ws, "A FPU 2", "arrival", date(2025, 10, 15), {1: (10, 10), 2: (1, 1), 3: (8, 8)})
        _coe(ws, "B FPU 1", "arrival", date(2026, 6, 1), {1: (10, 10), 2: (0, 0), 3: (8, 4)})
        _coe(ws, "B FPU 1", "periodic", date(2026, 6, 20), {1: (1, 1)}, settled=False)  # in progress: left out
    return built


def _coe(ws: Workspace, unit: str, type_: str, day: date, counts: dict[int, tuple[int, int]], *,
         settled: bool = True) -> str:
    inspection = inspections.start(ws, unit, "coe-major-equipment", type_, start_date=day)
    for line, (found, serviceable) in counts.items():
        inspections.answer(ws, inspection.id, f"me.count/{line}", value={"found": found, "serviceable": serviceable})
    if settled:
        mark_ready_for_review(ws, inspection.id)
    return inspection.id


def _ss(ws: Workspace, unit: str, day: date, verdicts: dict[str, str]) -> None:
    """Every item of a category answered with its verdict."""
    inspection = inspections.start(ws, unit, "coe-self-sustainment", "periodic", start_date=day)
    for slot in inspections.load(ws, inspection.id).checklist.slots:
        category = slot.section.mou_category
        if category in verdicts:
            inspections.answer(ws, inspection.id, slot.key, value=verdicts[category])
    mark_ready_for_review(ws, inspection.id)


def test_global_status_figures(db: Db) -> None:
    with db.open() as ws:
        status = hq_views.global_status(ws, "2026q2")
        alpha_alone = hq_views.quarter_status(ws, "alpha", "2026Q2")
    assert (status.quarter, status.start, status.end) == ("2026Q2", date(2026, 4, 1), date(2026, 6, 30))
    alpha, bravo = status.missions
    assert (alpha.mission_code, bravo.mission_code) == ("ALPHA", "BRAVO")
    assert alpha == alpha_alone  # a mission's part of the global report is its own report's figures
    a1, a2 = alpha.units
    assert a1.total is not None and a1.previous_total is not None
    assert (a1.total.available, a1.total.serviceable, a1.total.reimbursable) == (18, 16, 16)
    assert (a1.previous_total.available, a1.previous_total.serviceable, a1.previous_total.reimbursable) == (19, 18, 18)
    assert a1.total.availability == pytest.approx(18 / 19) and a1.previous_total.availability == 1.0
    assert a1.previous is not None and a1.previous.date == date(2026, 2, 10)
    # the mission: A FPU 1 alone was inspected in both quarters
    assert alpha.total is not None and alpha.previous_total is not None
    assert (alpha.total.reimbursable, alpha.previous_total.reimbursable) == (16, 18)
    assert a2.inspection is None and a2.total is None and a2.previous_total is None
    # self-sustainment
    assert a1.self_sustainment is not None and a2.self_sustainment is None
    assert [(c.category, c.verdict, c.reimbursement_affected) for c in a1.self_sustainment.categories] == [
        ("catering", "met", False), ("medical", "not_met", True)]
    assert (a1.self_sustainment.count("met"), a1.self_sustainment.count("not_met")) == (1, 1)
    assert a1.self_sustainment.affected == ("medical",)
    # overdue as the quarter ends
    assert (a1.next_due, a1.overdue) == (date(2026, 11, 6), False)  # the self-sustainment one counts too
    assert (a2.next_due, a2.overdue) == (date(2026, 4, 15), True)
    assert [u.name for u in alpha.overdue] == ["A FPU 2"] and bravo.overdue == []
    # gender: the default FPU target of 2026 is 18 %
    assert a1.gender is not None and a2.gender is not None
    assert (a1.gender.women_share, a1.gender.command_share, a1.gender.target) == (pytest.approx(2 / 3), 1.0, 0.18)
    assert (a1.gender.under_target, a1.gender.command_under_target) == (False, False)
    assert (a2.gender.women_share, a2.gender.command_share) == (0.0, 0.0)
    assert (a2.gender.under_target, a2.gender.command_under_target) == (True, True)
    total = alpha.gender
    assert total is not None and (total.strength, total.women, total.in_command, total.women_in_command) == (7, 2, 2, 1)
    assert total.target == 0.18 and not total.under_target
    # BRAVO: its settled arrival, not the periodic in progress; no quarter before; no roster
    [b1] = bravo.units
    assert b1.total is not None and (b1.total.available, b1.total.serviceable, b1.total.reimbursable) == (18, 14, 14)
    assert b1.previous_total is None and bravo.previous_total is None and bravo.gender is None


def _run(capsys: pytest.CaptureFixture[str], db: Db, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(db.data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out


def test_global_pdf_in_english_and_french(db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "global.pdf"
    code, out, err = _run(capsys, db, "hq", "report", "--quarter", "2026Q2", "-o", str(target), "--db", db.url)
    assert code == 0, err
    assert "document COE-ALL-2026Q2-" in out and "-EN," in out and "2 of 3 unit(s) inspected in every mission" in out
    lines = {"".join(line.split()) for line in _text(target).splitlines()}  # a table row, blanks left out
    # the summary: ALPHA 1 of 2 inspected, 94.7 % available, serviceability 88.9 % (−5.8 pts from 94.7 %),
    # reimbursable 16, one category not met, one unit overdue, women 28.6 %, one unit under target
    assert "ALPHA 1 / 2 94.7% 88.9% −5.8 pts 16 1 1 28.6% 1".replace(' ', '') in lines
    assert "BRAVO 1 / 1 94.7% 77.8% — 14 0 0 — 0".replace(' ', '') in lines
    assert "A FPU 1 100.0% 94.7% −5.3 pts 94.7% 88.9% −5.8 pts 18 16 −2".replace(' ', '') in lines
    assert "A FPU 2 Otherland 15 Apr 2026".replace(' ', '') in lines
    assert "A FPU 2 4 0 0.0% 1 0 0.0% — — 18.0%".replace(" ", "") in lines  # no AOC: no women among its officers
    assert "Mission 7 2 28.6% 2 1 50.0% — — 18.0%".replace(" ", "") in lines
    assert "A FPU 1 6 May 2026 1 0 1 medical".replace(' ', '') in lines

    french = tmp_path / "global-fr.pdf"
    code, out, err = _run(capsys, db, "hq", "report", "--kind", "coe", "--quarter", "2026Q2", "-o", str(french),
                          "--lang", "fr", "--db", db.url)
    assert code == 0 and "-FR," in out, err
    text = " ".join(_text(french).split())
    assert "Rapport trimestriel global sur l'état du matériel appartenant aux contingents" in text
    assert "Tendance par rapport au trimestre précédent" in text
    assert "−5,8 pts" in text and "Inspections en retard" in text and "15 avr. 2026" in text


def test_global_xlsx_sheets(db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "global.xlsx"
    code, _out, err = _run(capsys, db, "hq", "report", "--quarter", "2026Q2", "-o", str(target), "--db", db.url)
    assert code == 0, err
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Report", "Missions", "Units", "Categories", "Units by category", "Trend",
                               "Self-sustainment", "Overdue", "Parity"]

    def rows(name: str) -> list[dict[str, object]]:
        head, *body = book[name].iter_rows(values_only=True)
        return [dict(zip(head, row, strict=False)) for row in body]

    missions = {r["Mission"]: r for r in rows("Missions")}
    assert missions["ALPHA"]["Reimbursable"] == 16 and missions["ALPHA"]["Reimbursable change"] == -2
    assert missions["ALPHA"]["Overdue"] == 1 and missions["BRAVO"]["Units inspected"] == 1
    assert missions["ALPHA"]["Serviceability change"] == pytest.approx(16 / 18 - 18 / 19)
    units_rows = {(r["Mission"], r["Unit"]): r for r in rows("Units")}
    assert units_rows[("BRAVO", "B FPU 1")]["Serviceability"] == pytest.approx(14 / 18)
    trend = {(r["Mission"], r["Unit"]): r for r in rows("Trend")}
    a1 = trend[("ALPHA", "A FPU 1")]
    assert (a1["Reimbursable (previous quarter)"], a1["Reimbursable (this quarter)"], a1["Reimbursable (change)"]) == (
        18, 16, -2)
    assert a1["Availability (change)"] == pytest.approx(18 / 19 - 1)
    [ss] = [r for r in rows("Self-sustainment") if r["Inspection id"]]
    assert (ss["Unit"], ss["Met"], ss["Not met"], ss["Reimbursement affected"]) == ("A FPU 1", 1, 1, "medical")
    [late] = rows("Overdue")
    assert (late["Unit"], late["Due since"]) == ("A FPU 2", datetime(2026, 4, 15))  # a real date
    gender = {(r["Mission"], r["Unit"]): r for r in rows("Parity")}
    assert gender[("ALPHA", "A FPU 2")]["Under target"] == "women, in command"
    assert gender[("ALPHA", "A FPU 1")]["Under target"] is None
    assert gender[("ALPHA", "Mission")]["Share"] == pytest.approx(2 / 7)


def test_one_mission_report_keeps_its_parts_and_gains_the_new_ones(db: Db, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "alpha.pdf"
    code, out, err = _run(capsys, db, "hq", "report", "--mission", "ALPHA", "--quarter", "2026Q2", "-o", str(target),
                          "--db", db.url)
    assert code == 0, err
    assert "document COE-ALPHA-2026Q2-" in out and "1 of 2 unit(s) inspected" in out and "every mission" not in out
    text = " ".join(_text(target).split())
    for part in ("Serviceability by unit (indicator)", "Availability and serviceability by category",
                 "Detail by unit and category", "Trend against the previous quarter", "Self-sustainment",
                 "Overdue inspections", "Women and the parity target"):
        assert part in text
    assert "BRAVO" not in text


def test_the_global_report_is_signed_and_verified(db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    keys.create_identity(DataDir(db.data), "Chief Officer", "chief_coe_officer", PASS)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    target = tmp_path / "signed.pdf"
    code, out, err = _run(capsys, db, "hq", "report", "--quarter", "2026Q2", "-o", str(target), "--sign",
                          "--db", db.url)
    assert code == 0, err
    assert "signed by Chief Officer as chief_coe_officer" in out
    doc_id = out.split("document ")[1].split(",")[0]
    assert doc_id.startswith("COE-ALL-2026Q2-") and doc_id.endswith("-EN")
    code, out, err = _run(capsys, db, "verify", str(target), "--json")
    verdict = json.loads(out)
    assert verdict["document_id"] == doc_id
    assert [s["recorded"] for s in verdict["signatures"]] == [
        f"document {doc_id}: matches the record (recorded when Chief Officer signed)"]
    # asked again, the report is its signed file
    again = tmp_path / "again.pdf"
    code, out, err = _run(capsys, db, "hq", "report", "--quarter", "2026Q2", "-o", str(again), "--db", db.url)
    assert code == 0 and "the signed report" in out and again.read_bytes() == target.read_bytes()


def test_queries_do_not_grow_with_the_missions(db: Db, tmp_path: Path) -> None:
    copy = Db(db.data, f"sqlite:///{tmp_path / 'copy.sqlite'}")
    shutil.copy(DataDir(db.data).hq_database, tmp_path / "copy.sqlite")
    with copy.open() as ws:
        hq_views.global_status(ws, "2026Q2")  # every result scored and kept
        seen, stop = _statements(ws)
        hq_views.global_status(ws, "2026Q2")
        few = len(seen)
        charlie = units.create_mission(ws, "Charlie Mission", "CHARLIE")
        for n in range(6):
            units.create_unit(ws, charlie.id, name=f"C FPU {n}", contributing_country="Testland", mou=LINES,
                              persons=MEN)
            _coe(ws, f"C FPU {n}", "arrival", date(2026, 4, n + 1), {1: (10, 10)})
        hq_views.global_status(ws, "2026Q2")  # the new inspections scored and kept
        seen.clear()
        status = hq_views.global_status(ws, "2026Q2")
        stop()
    assert len(seen) <= few, f"{len(seen)} statements for one more mission of six units (was {few})"
    assert not [s for s in seen if "FROM answer" in s], "kept results are read, not scored again"
    assert [m.mission_code for m in status.missions] == ["ALPHA", "BRAVO", "CHARLIE"]
    assert len(status.missions[2].inspected) == 6


def test_the_performance_kind_writes_every_mission_s_units_and_is_not_signed(
        db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "p.pdf"
    code, _out, err = _run(capsys, db, "hq", "report", "--kind", "performance", "--quarter", "2026Q2", "-o",
                           str(target), "--sign", "--db", db.url)
    assert code == 1 and "not signed" in err and not target.exists()
    code, out, _err = _run(capsys, db, "hq", "report", "--kind", "performance", "--quarter", "2026Q2", "-o",
                           str(target), "--db", db.url)
    assert code == 0 and "PERF-ALL-2026Q2-" in out and "unit(s) assessed in every mission" in out
    text = _text(target)
    assert "Quarterly performance report" in text and "Alpha Mission (ALPHA)" in text and "Bravo Mission" in text
    book = tmp_path / "p.xlsx"
    code, _out, _err = _run(capsys, db, "hq", "report", "--kind", "performance", "--mission", "bravo",
                            "--quarter", "2026Q2", "-o", str(book), "--lang", "fr", "--db", db.url)
    assert code == 0
    missions = [r[0] for r in openpyxl.load_workbook(book)["Missions"].iter_rows(min_row=2, values_only=True)]
    assert missions == ["BRAVO", "Toutes"]


def test_the_performance_report_of_an_unknown_mission_or_quarter_is_refused_and_writes_nothing(
        db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "p.pdf"
    code, _out, err = _run(capsys, db, "hq", "report", "--kind", "performance", "--mission", "NOPE", "--quarter",
                           "2026Q2", "-o", str(target), "--db", db.url)
    assert code == 1 and "no mission 'NOPE' (missions: ALPHA, BRAVO" in err and not target.exists()
    code, _out, err = _run(capsys, db, "hq", "report", "--kind", "performance", "--quarter", "2026Q5", "-o",
                           str(target), "--db", db.url)
    assert code == 1 and "is not a quarter" in err and not target.exists()
