"""An AOC's officers assessed and certified and the women among them, through ``inspections show`` and
``hq summary``: checked against the genders read from the roster with sqlite3, not through the code under test."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inspector_app.cli.main import main
from inspector_app.domain.answers import NA
from inspector_app.domain.template_model import AnswerType
from inspector_app.services import hq_views, inspections, templates
from inspector_app.services.workspace import Workspace
from tests import shipped
from tests.conftest import add_test_unit

# Moussa Fall carries no pistol (n/a: still certified); Khady Sow fails first aid (not certified)
CHANGES = {"aoc.firearms.pistol/T-0002": NA, "aoc.first_aid.test/T-0003": "fail"}
CERTIFIED = {"T-0001", "T-0002"}


def _aoc(ws: Workspace, unit: str, day: date, changes: dict[str, Any], *, submit: bool,
         template: str = "aoc-fpu") -> str:
    """An AOC with every scored item passed, but for ``changes``."""
    inspection = inspections.start(ws, unit, template, "aoc_in_mission", start_date=day)
    for slot in inspections.load(ws, inspection.id).checklist.slots:
        item, value = slot.item, changes.get(slot.key)
        if value is None:
            value = {AnswerType.SCORE: 85, AnswerType.YES_NO: item.expected, AnswerType.CHOICE: "pass"}.get(item.type)
        if value is not None:
            inspections.answer(ws, inspection.id, slot.key, value=value)
    if submit:
        inspections.submit(ws, inspection.id)
    return inspection.id


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Any:
    assert main(["--data-dir", str(data_dir), *args]) == 0
    out, _err = capsys.readouterr()
    return out


def _genders(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id_number, gender FROM person"))


def test_show_and_hq_summary_count_officers_certified_and_women(
        ws: Workspace, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = add_test_unit(ws)
    settled = _aoc(ws, unit, date(2026, 10, 1), CHANGES, submit=True)
    assert inspections.load(ws, settled).checklist.template.version == 3
    # a later AOC still in progress, everyone failing first aid: hq summary keeps to the settled one
    _aoc(ws, unit, date(2026, 11, 1), {f"aoc.first_aid.test/T-000{n}": "fail" for n in (1, 2, 3)}, submit=False)
    db = data_dir / "inspector.sqlite"
    genders = _genders(db)
    women = {i for i, g in genders.items() if g == "female"}
    assessed, certified = len(genders), len(CERTIFIED)
    expected = {"assessed": assessed, "certified": certified, "certified_share": pytest.approx(certified / assessed),
                "women_assessed": len(women), "women_certified": len(women & CERTIFIED),
                "women_assessed_share": pytest.approx(len(women) / assessed),
                "women_certified_share": pytest.approx(len(women & CERTIFIED) / certified)}
    assert (assessed, certified, len(women), len(women & CERTIFIED)) == (3, 2, 2, 1)

    shown = json.loads(_cli(capsys, data_dir, "inspections", "show", settled, "--json"))
    assert {k: shown[k] for k in expected} == expected
    assert shown["outcome"]["overall"] == "fail"  # first aid: 2 of 3 pass, under the 90 % pass rate
    assert [c for c, v in shown["outcome"]["components"].items() if v != "pass"] == ["aoc.first_aid"]
    assert {"aoc.screening", "aoc.language", "aoc.protection"} <= set(shown["outcome"]["components"])

    text = _cli(capsys, data_dir, "inspections", "show", settled)
    assert "Officers: 3 assessed, 2 certified (66.7% of those assessed); roster strength 3, women 2" in text
    assert "Women: 2 assessed (66.7% of those assessed), 1 certified (50.0% of those certified)" in text
    assert "still have tests to answer" not in text  # every test answered
    french = _cli(capsys, data_dir, "inspections", "show", settled, "--lang", "fr")
    assert "Policiers : 3 évalués, 2 certifiés (66,7" in french
    assert "Femmes : 2 évaluées (66,7" in french

    summary = json.loads(_cli(capsys, data_dir, "hq", "summary", "--json", "--db", f"sqlite:///{db}"))
    tst = next(u for m in summary["missions"] for u in m["units"] if u["name"] == unit)
    assert tst["aoc"]["outcome"] == "pending"  # the latest AOC is the one in progress
    assert {k: tst[k] for k in ("certified_share", "women_assessed_share", "women_certified_share")} == {
        k: expected[k] for k in ("certified_share", "women_assessed_share", "women_certified_share")}
    text = _cli(capsys, data_dir, "hq", "summary", "--db", f"sqlite:///{db}")
    assert "pending (66.7% certified, women 50.0%)" in text  # the settled AOC's figures beside the latest's state

    # the quarterly COE status of the quarter after, and of the AOC's own: the settled AOC by the quarter's end
    for quarter in ("2026Q4", "2027Q1"):
        [mission] = hq_views.global_status(ws, quarter).missions
        found = next(u for u in mission.units if u.name == unit).gender.officers
        assert (found.assessed, found.certified, found.women_assessed, found.women_certified) == (3, 2, 2, 1)
        assert found.women_certified_share == expected["women_certified_share"]
    [mission] = hq_views.global_status(ws, "2026Q3").missions  # before it: none
    assert next(u for u in mission.units if u.name == unit).gender.officers.assessed == 0


def test_a_version_2_aoc_computes_and_shows_as_before(ws: Workspace, data_dir: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """An AOC begun on version 2 (installed before version 3 shipped) keeps its checklist and gets its figures."""
    with ws.db.session() as session:
        record = templates.install(ws, session, shipped.v2("aoc-fpu.yaml"), "aoc-fpu.yaml")
        assert record is not None and record.version == 2
        record_id = record.id
    unit = add_test_unit(ws)
    inspection = _aoc(ws, unit, date(2026, 10, 1), {"aoc.mandate.conduct/T-0001": "fail"}, submit=False,
                      template=record_id)
    checklist = inspections.load(ws, inspection).checklist
    assert checklist.template.version == 2 and "aoc.screening" not in {s.code for s in checklist.template.sections}
    shown = json.loads(_cli(capsys, data_dir, "inspections", "show", inspection, "--json"))
    assert (shown["assessed"], shown["certified"], shown["women_assessed"], shown["women_certified"]) == (3, 2, 2, 1)
    assert shown["outcome"]["overall"] == "fail"
    assert list(shown["outcome"]["components"]) == [
        "aoc.c2", "aoc.firearms", "aoc.pom", "aoc.tactics", "aoc.driving", "aoc.first_aid", "aoc.mandate",
        "aoc.equipment"]
