"""``inspector hq mou import``: an MOU spreadsheet (xlsx or csv) into HQ's database, dry run, errors by row+column."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.domain.checklist import MouLineRef, Scope
from inspector_app.domain.mou import MouVersionRef
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import inspections, mou_import, profile, report, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.summary import inspection_summary
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.storage.models import AuditEvent, Inspection
from tests.conftest import LINES

HEADER = ["Line", "Category", "Item", "Quantity", "Lease"]
# Line 1 quantity up, line 2 gone, line 3 another item and lease, line 4 new.
CHANGED = [
    [1, "Armoured personnel carriers", "APC wheeled", 12, "wet"],
    [3, "Support vehicles", "Jeep 4x4 with radio", 8, "wet"],
    [4, "Medical", "Ambulance 4x4", 2, "dry"],
]
EXPECTED = (
    MouLineRef(1, "Armoured personnel carriers", "APC wheeled", 12, "wet"),
    MouLineRef(3, "Support vehicles", "Jeep 4x4 with radio", 8, "wet"),
    MouLineRef(4, "Medical", "Ambulance 4x4", 2, "dry"),
)


def _hq(data: Path) -> Workspace:
    return open_workspace(data, actor="hq-tester", db_url=sqlite_url(DataDir.resolve(data).hq_database))


@pytest.fixture
def hq(data_dir: Path) -> Path:
    """HQ's default database (DATA_DIR/hq.sqlite) with one unit whose MOU has the three LINES."""
    with _hq(data_dir) as ws:
        mission = units.create_mission(ws, "Test Mission", "TEST")
        units.create_unit(ws, mission.id, name="TST FPU", contributing_country="Testland",
                          mou=LINES, ss_categories=["catering", "medical"])
        units.create_unit(ws, mission.id, name="NEW FPU", contributing_country="Testland")
    with _hq(data_dir) as ws:
        profile.save(ws, "HQ Tester", "hq")  # who is on the record: no "no profile" warning
    return data_dir


def _scope(data: Path, unit: str = "TST FPU") -> Scope:
    with _hq(data) as ws:
        return units.scope(ws, unit)


def _audit(data: Path) -> list[str]:
    with _hq(data) as ws, ws.db.read() as session:
        return list(session.exec(select(AuditEvent.action).order_by(AuditEvent.seq)))


def _xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "Annex B", before: Sequence[str] = ()) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    for name in before:  # sheets in front of the MOU sheet
        first.title = name
        first = book.create_sheet()
    first.title = title
    for row in rows:
        first.append(list(row))
    book.save(path)
    return path


def _csv(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "hq", "mou", "import", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- dry run, apply, re-import ---------------------------------------------------------------------------------


def test_dry_run_shows_the_changes_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    # A title row above the header, headers in odd case and spacing, a column Inspector does not know.
    rows = [["MOU Annex B, TST FPU"], [], ["  line NO. ", "CATEGORY", " Item ", "Quantity", "Lease type", "Remarks"],
            *[[*r, "note"] for r in CHANGED]]
    sheet = _xlsx(tmp_path / "mou.xlsx", rows)
    before = _audit(hq)

    code, out, err = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--dry-run", "--json")
    assert (code, err) == (0, "")
    diff = json.loads(out)
    assert diff["applied"] is False and diff["unit"]["name"] == "TST FPU"
    assert [line["line_no"] for line in diff["added"]] == [4]
    assert diff["removed"] == [{"line_no": 2, "category": "Armoured personnel carriers", "item": "APC recovery",
                                "quantity": 1, "lease": "wet", "registered": False}]
    assert {c["line_no"]: c["changes"] for c in diff["changed"]} == {
        1: {"quantity": [10, 12]},
        3: {"item": ["Jeep 4x4", "Jeep 4x4 with radio"], "lease": ["dry", "wet"]},
    }
    assert diff["unchanged"] == 0

    code, out, err = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--dry-run")
    assert code == 0 and "1 added, 1 removed, 2 changed, 0 unchanged (dry run: nothing was changed)" in out
    assert "  + line 4: Medical / Ambulance 4x4, 2 dry lease" in out
    assert "  - line 2: Armoured personnel carriers / APC recovery, 1 wet lease" in out
    assert "  ~ line 1: APC wheeled: quantity 10 -> 12" in out
    assert _scope(hq).mou_lines == tuple(LINES) and _audit(hq) == before


def test_import_applies_in_one_go_and_again_changes_nothing(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    sheet = _xlsx(tmp_path / "mou.xlsx", [HEADER, *CHANGED])
    code, out, err = run(capsys, hq, str(sheet), "--unit", "TST FPU")
    assert (code, err) == (0, "")
    assert "TST FPU: imported" in out and "1 added, 1 removed, 2 changed, 0 unchanged" in out
    scope = _scope(hq)
    assert scope.mou_lines == EXPECTED
    assert scope.ss_categories == ("catering", "medical")  # Annex C untouched
    actions = _audit(hq)
    assert actions[-5:] == ["mou.line.remove", "mou.line.change", "mou.line.change", "mou.line.add", "mou.import"]

    code, out, _ = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 3 and json.loads(out)["applied"] is False
    code, out, _ = run(capsys, hq, str(sheet), "--unit", "TST FPU")
    assert code == 0 and "the MOU already matches" in out and "nothing to change" in out
    assert _audit(hq) == actions and _scope(hq).mou_lines == EXPECTED


def test_a_unit_without_an_mou_gets_one(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path / "mou.xlsx", [HEADER, *CHANGED])
    code, out, _ = run(capsys, hq, str(sheet), "--unit", "NEW FPU", "--json")
    assert code == 0 and json.loads(out)["new_mou"] is True and json.loads(out)["applied"] is True
    assert _scope(hq, "NEW FPU").mou_lines == EXPECTED and _scope(hq, "NEW FPU").ss_categories == ()
    assert _scope(hq).mou_lines == tuple(LINES)


def test_an_inspection_in_progress_keeps_the_scope_it_started_with(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    with _hq(hq) as ws:
        started = inspections.start(ws, "TST FPU", "coe-major-equipment", "periodic")
    code, _, _ = run(capsys, hq, str(_xlsx(tmp_path / "mou.xlsx", [HEADER, *CHANGED])), "--unit", "TST FPU")
    assert code == 0 and _scope(hq).mou_lines == EXPECTED
    with _hq(hq) as ws, ws.db.read() as session:
        inspection = session.get(Inspection, started.id)
        assert inspection is not None
        assert Scope.from_dict(json.loads(inspection.scope_json)).mou_lines == tuple(LINES)


# --- what the sheet may look like ------------------------------------------------------------------------------


def test_french_headers_and_lease_words(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    rows = [["N° de ligne", "Catégorie", "Équipement", "Quantité", "Type de location"],
            [1, "Véhicules blindés", "VBTT à roues", 10, "Humide"],
            [2, "Véhicules blindés", "VBTT de dépannage", "1", "SÈCHE"],
            [3, "Véhicules de soutien", "Jeep 4x4", 8.0, "seche"]]
    code, _, err = run(capsys, hq, str(_xlsx(tmp_path / "annexe-b.xlsx", rows, "Annexe B")), "--unit", "TST FPU")
    assert (code, err) == (0, "")
    assert _scope(hq).mou_lines == (
        MouLineRef(1, "Véhicules blindés", "VBTT à roues", 10, "wet"),
        MouLineRef(2, "Véhicules blindés", "VBTT de dépannage", 1, "dry"),
        MouLineRef(3, "Véhicules de soutien", "Jeep 4x4", 8, "dry"),
    )
    rows[2][3] = "dix"
    code, _, err = run(capsys, hq, str(_xlsx(tmp_path / "bad.xlsx", rows)), "--unit", "TST FPU")
    assert code == 1 and "row 3, column D (Quantité): 'dix' is not a whole number" in err


def test_csv_with_bom_semicolons_and_no_line_column(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    # Excel's "CSV UTF-8" in a French locale: a BOM, semicolons, commas inside the items; blank rows skipped.
    text = ("Catégorie;Équipement;Quantité;Type de location\r\n"
            "Véhicules de soutien;Camion, cargo, 5 t;4;humide\r\n"
            ";;;\r\n"
            "\r\n"
            "Génie;Citerne d'eau, 10 000 l;2;Sèche\r\n")
    sheet = _csv(tmp_path / "annexe-b.csv", text, bom=True)
    code, _, err = run(capsys, hq, str(sheet), "--unit", "TST FPU")
    assert (code, err) == (0, "")
    assert _scope(hq).mou_lines == (  # numbered in row order, the blank rows left out
        MouLineRef(1, "Véhicules de soutien", "Camion, cargo, 5 t", 4, "wet"),
        MouLineRef(2, "Génie", "Citerne d'eau, 10 000 l", 2, "dry"),
    )


def test_csv_with_commas_and_quotes(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    text = ('line,category,item,quantity,lease\n'
            '1,Support vehicles,"Truck, cargo; 5 t",4,Wet\n'
            '7,Medical,Ambulance," 2 ",DRY\n')
    code, out, err = run(capsys, hq, str(_csv(tmp_path / "mou.csv", text)), "--unit", "TST FPU", "--dry-run",
                         "--json")
    assert (code, err) == (0, "")
    added = json.loads(out)["added"]
    assert [(a["line_no"], a["item"], a["quantity"], a["lease"]) for a in added] == [(7, "Ambulance", 2, "dry")]
    assert json.loads(out)["changed"][0]["new"]["item"] == "Truck, cargo; 5 t"


def test_sheet_option_picks_a_sheet(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    book = _xlsx(tmp_path / "mous.xlsx", [HEADER, *CHANGED], title="TST FPU", before=["Cover"])
    code, _, err = run(capsys, hq, str(book), "--unit", "TST FPU")  # the first sheet is the cover: no header
    assert code == 1 and err.startswith("inspector: error: ") and "no header row" in err and err.count("\n") == 1
    code, _, err = run(capsys, hq, str(book), "--unit", "TST FPU", "--sheet", "TST FPU")
    assert (code, err) == (0, "") and _scope(hq).mou_lines == EXPECTED
    code, _, err = run(capsys, hq, str(book), "--unit", "TST FPU", "--sheet", "Other")
    assert code == 1 and "has no sheet 'Other' (its sheets: 'Cover', 'TST FPU')" in err


# --- problems: every one named by row and column, nothing written ----------------------------------------------


def test_every_problem_names_its_row_and_column(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    rows = [HEADER,
            [1, "Armoured personnel carriers", "APC wheeled", "ten", "wet"],
            [2, "Armoured personnel carriers", "APC recovery", -1, "leased"],
            [],
            [2, "Support vehicles", "Jeep 4x4", 2.5, "dry"],
            [4, "support vehicles", " JEEP  4x4 ", 3, "dry"],
            [0, "Medical", "", None, "wet"]]
    sheet = _xlsx(tmp_path / "mou.xlsx", rows)
    before = _audit(hq)
    code, out, err = run(capsys, hq, str(sheet), "--unit", "TST FPU")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"inspector: error: {sheet} (sheet 'Annex B'): 9 problems; nothing was imported"
    assert lines[1:] == [
        "  row 2, column D (Quantity): 'ten' is not a whole number",
        "  row 3, column D (Quantity): -1 cannot be negative",
        "  row 3, column E (Lease): 'leased' is not a lease type: wet or dry (humide or sèche)",
        "  row 5, column D (Quantity): 2.5 is not a whole number",
        "  row 5, column A (Line): line 2 is already on row 3",
        "  row 6, column C (Item): 'JEEP 4x4' in 'support vehicles' is already on row 5",
        "  row 7, column A (Line): 0 cannot be less than 1",
        "  row 7, column C (Item): is empty",
        "  row 7, column D (Quantity): is empty",
    ]
    assert _scope(hq).mou_lines == tuple(LINES) and _audit(hq) == before

    code, out, err = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--json")
    problems = json.loads(out)["problems"]
    assert code == 1 and len(problems) == 9 and err.startswith("inspector: error: ")
    assert problems[0] == {"row": 2, "column": "D", "header": "Quantity", "message": "'ten' is not a whole number",
                           "text": "row 2, column D (Quantity): 'ten' is not a whole number"}


def test_header_problems(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    rows = [["Item", "Quantity", "Qty", "Category"], ["Jeep", 1, 1, "Vehicles"]]
    code, _, err = run(capsys, hq, str(_xlsx(tmp_path / "mou.xlsx", rows)), "--unit", "TST FPU")
    assert code == 1
    assert "  row 1, column C (Qty): a second quantity column (the first is column B)" in err
    assert "  row 1: no lease column: name one 'lease' or 'type de location'" in err


def test_problems_are_capped(tmp_path: Path) -> None:
    rows = [(1, HEADER), *((n, [n, "Cat", f"item {n}", "many", "wet"]) for n in range(2, 82))]
    with pytest.raises(mou_import.SheetProblems) as caught:
        mou_import.parse_rows(rows, "big.csv")
    assert caught.value.total == 80 and len(caught.value.problems) == mou_import.MAX_PROBLEMS
    first = str(caught.value).splitlines()[0]
    assert first == f"big.csv: 80 problems (the first {mou_import.MAX_PROBLEMS} below); nothing was imported"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("mou.xlsx", b"PK\x03\x04 this is no workbook", "is not a readable .xlsx workbook"),
    ("mou.xlsx", b"category,item,quantity,lease\n", "is not an .xlsx workbook (it is not a ZIP archive)"),
    ("mou.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Excel (.xls) workbook"),
    ("mou.pdf", b"%PDF-1.7\n", "is not a spreadsheet Inspector reads"),
    ("mou.ods", b"PK\x03\x04 mimetype", "is an OpenDocument spreadsheet; save it as .xlsx or .csv"),
    ("mou.csv", "catégorie;équipement".encode("cp1252"), "is not UTF-8 text"),
    ("mou.csv", b"", "no header row"),
])
def test_a_file_that_is_no_spreadsheet_is_one_line(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, hq, str(path), "--unit", "TST FPU")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"inspector: error: {path}") and message in err


def test_a_truncated_workbook_is_one_line(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    whole = _xlsx(tmp_path / "whole.xlsx", [HEADER, *CHANGED]).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    code, _, err = run(capsys, hq, str(cut), "--unit", "TST FPU")
    assert code == 1 and err.count("\n") == 1 and "is not a readable .xlsx workbook" in err
    assert "Traceback" not in err


def test_unknown_unit_and_missing_file(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path / "mou.xlsx", [HEADER, *CHANGED])
    code, _, err = run(capsys, hq, str(sheet), "--unit", "NOPE", "--dry-run")
    assert (code, err) == (1, "inspector: error: no unit matches 'NOPE'; choose one of NEW FPU, TST FPU\n")
    code, _, err = run(capsys, hq, str(tmp_path / "absent.csv"), "--unit", "TST FPU")
    assert (code, err) == (1, f"inspector: error: {tmp_path / 'absent.csv'} does not exist\n")
    code, _, err = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--db", f"sqlite:///{tmp_path / 'other.sqlite'}")
    assert (code, err) == (1, "inspector: error: no unit matches 'TST FPU'\n")  # --db names another database


def test_an_empty_annex_b_is_allowed(tmp_path: Path, hq: Path) -> None:
    """Annex B may be empty when the UN provides the equipment: a header alone removes every line."""
    sheet = mou_import.read_mou(_csv(tmp_path / "empty.csv", "category,item,quantity,lease\n"))
    assert sheet.lines == ()
    with _hq(hq) as ws:
        diff = mou_import.import_mou(ws, "TST FPU", sheet)
    assert diff.applied and len(diff.removed) == 3 and _scope(hq).mou_lines == ()


def test_quantity_forms(tmp_path: Path) -> None:
    values = ["12", " 1 000 ", "7.0", "3,0", "+4", 5.0, 6]
    rows = [(n, ["C", f"i{n}", v, "wet"]) for n, v in enumerate(values, 2)]
    lines = mou_import.parse_rows(iter([(1, ["category", "item", "quantity", "lease"]), *rows]), "t")
    assert [line.quantity for line in lines] == [12, 1000, 7, 3, 4, 5, 6]
    with pytest.raises(ValidationError, match=r"row 2, column C \(quantity\): '1,000' is not a whole number"):
        mou_import.parse_rows([(1, ["category", "item", "quantity", "lease"]), (2, ["C", "i", "1,000", "dry"])], "t")


def test_a_sheet_far_too_long_is_refused(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> None:
    rows = [HEADER, *([n, "Cat", f"item {n}", 1, "wet"] for n in range(1, mou_import.MAX_LINES + 2))]
    code, _, err = run(capsys, hq, str(_xlsx(tmp_path / "long.xlsx", rows)), "--unit", "TST FPU")
    assert code == 1 and err.count("\n") == 1 and f"more than {mou_import.MAX_LINES} lines" in err
    assert _scope(hq).mou_lines == tuple(LINES)


# --- amendments: MOU versions in force from a date --------------------------------------------------------------


def _list(capsys: pytest.CaptureFixture[str], data: Path, unit: str = "TST FPU") -> dict[str, Any]:
    code = main(["--data-dir", str(data), "hq", "mou", "list", "--unit", unit, "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    return dict(json.loads(out))


def _amend(capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path) -> dict[str, Any]:
    sheet = _xlsx(tmp_path / "amendment.xlsx", [HEADER, *CHANGED])
    code, out, err = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--effective", "2026-03-01",
                         "--reference", "MOU/TST/FPU-A1", "--json")
    assert (code, err) == (0, "")
    return dict(json.loads(out))


def test_an_amendment_is_a_new_version_and_the_original_stays(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    diff = _amend(capsys, hq, tmp_path)
    assert diff["applied"] is True and diff["version"] == 2 and diff["effective_from"] == "2026-03-01"
    assert diff["amends"] == {"reference": "", "version": 1, "effective_from": None}
    assert [line["line_no"] for line in diff["added"]] == [4]  # compared with version 1
    listed = _list(capsys, hq)["versions"]
    assert [(v["version"], v["reference"], v["effective_from"], v["lines"]) for v in listed] == [
        (1, "", None, 3), (2, "MOU/TST/FPU-A1", "2026-03-01", 3)]
    assert [v["quantity"] for v in listed] == [10 + 1 + 8, 12 + 8 + 2]
    assert [v["ss_categories"] for v in listed] == [2, 2]  # Annex C copied into the amendment
    with _hq(hq) as ws, ws.db.read() as session:
        unit = units.find_unit(session, "TST FPU")
        assert units.unit_scope(session, unit, date(2026, 2, 28)).mou_lines == tuple(LINES)
        now = units.unit_scope(session, unit)
        assert now.mou_lines == EXPECTED and now.ss_categories == ("catering", "medical")
    assert "mou.amend" in _audit(hq)


def test_an_amendment_dated_on_or_before_the_latest_is_refused(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    _amend(capsys, hq, tmp_path)
    sheet = _xlsx(tmp_path / "again.xlsx", [HEADER, *CHANGED[:1]])
    before = _audit(hq)
    for when in ("2026-03-01", "2026-02-01"):
        code, _, err = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--effective", when)
        assert code == 1
        assert ("version 2 is in force from 2026-03-01, so " + when + " is too early") in err
    with pytest.raises(SystemExit):  # argparse refuses it
        run(capsys, hq, str(sheet), "--unit", "TST FPU", "--effective", "1 March")
    assert "'1 March' is not a date (YYYY-MM-DD)" in capsys.readouterr().err
    assert _audit(hq) == before and len(_list(capsys, hq)["versions"]) == 2


def test_an_amendment_s_dry_run_shows_the_difference_with_the_version_it_amends(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    _amend(capsys, hq, tmp_path)
    sheet = _xlsx(tmp_path / "a2.xlsx", [HEADER, [1, "Armoured personnel carriers", "APC wheeled", 14, "wet"],
                                           *CHANGED[1:]])
    before = _audit(hq)
    code, out, _ = run(capsys, hq, str(sheet), "--unit", "TST FPU", "--effective", "2026-09-15", "--dry-run")
    assert code == 0
    assert ("would add MOU version 3 in force from 2026-09-15, amending version 2: 0 added, 0 removed, 1 changed, "
            "2 unchanged (dry run: nothing was changed)") in out
    assert "  ~ line 1: APC wheeled: quantity 12 -> 14" in out  # 12: version 2's, not version 1's 10
    assert _audit(hq) == before and len(_list(capsys, hq)["versions"]) == 2


def test_an_inspection_is_judged_against_the_version_in_force_on_its_date(
    capsys: pytest.CaptureFixture[str], hq: Path, tmp_path: Path
) -> None:
    with _hq(hq) as ws:
        early = inspections.start(ws, "TST FPU", "coe-major-equipment", "periodic", start_date=date(2026, 2, 20))
    _amend(capsys, hq, tmp_path)  # takes effect after ``early`` started: its scope keeps version 1
    with _hq(hq) as ws:
        before = inspections.start(ws, "TST FPU", "coe-major-equipment", "periodic", start_date=date(2026, 2, 28))
        on = inspections.start(ws, "TST FPU", "coe-major-equipment", "periodic", start_date=date(2026, 3, 1))
    with _hq(hq) as ws:
        scopes = {i.id: inspections.load(ws, i.id).checklist.scope for i in (early, before, on)}
    quantities = {i: {m.line_no: m.quantity for m in s.mou_lines} for i, s in scopes.items()}
    assert quantities[early.id] == quantities[before.id] == {1: 10, 2: 1, 3: 8}
    assert quantities[on.id] == {1: 12, 3: 8, 4: 2}
    assert scopes[before.id].mou_version == MouVersionRef("", 1, None)
    assert scopes[on.id].mou_version == MouVersionRef("MOU/TST/FPU-A1", 2, date(2026, 3, 1))

    with _hq(hq) as ws:
        text = subprocess.run(["pdftotext", "-", "-"], input=report.render(ws, on.id, "en").pdf,
                              capture_output=True, check=True).stdout.decode()
        assert "MOU/TST/FPU-A1, amendment 1 in force from 1 Mar 2026" in " ".join(text.split())
        summary = inspection_summary(ws, before.id, "en")
        assert summary["mou_version"] == {"reference": "", "version": 1, "effective_from": None}


def test_set_mou_without_a_date_on_a_unit_that_has_one_is_refused(hq: Path) -> None:
    with _hq(hq) as ws, pytest.raises(ValidationError, match="needs the date it takes effect"), \
            ws.db.session() as session:
        units.set_mou(ws, session, units.find_unit(session, "TST FPU"), LINES)


def test_inspections_show_names_the_version(
    capsys: pytest.CaptureFixture[str], ws: Workspace, unit_name: str, data_dir: Path
) -> None:
    amended = [MouLineRef(1, "Armoured personnel carriers", "APC wheeled", 7, "wet")]
    with ws.db.session() as session:
        units.amend_mou(ws, session, units.find_unit(session, unit_name), amended, date(2026, 6, 1), "MOU/T/A1")
    started = inspections.start(ws, unit_name, "coe-major-equipment", "periodic", start_date=date(2026, 6, 2))
    assert main(["--data-dir", str(data_dir), "inspections", "show", started.id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mou_version"] == {"reference": "MOU/T/A1", "version": 2, "effective_from": "2026-06-01"}
    assert [line["mou"] for line in data["serviceability"]["lines"]] == [7]
    assert main(["--data-dir", str(data_dir), "inspections", "show", started.id]) == 0
    assert "MOU: MOU/T/A1, amendment 1 in force from 1 Jun 2026" in capsys.readouterr().out


def test_the_registered_column_is_optional_yes_or_no() -> None:
    header = ["category", "item", "quantity", "lease", "Immatriculé"]
    rows = [(2, ["C", "Jeep", 3, "dry", "oui"]), (3, ["C", "Truck", 2, "dry", "No"]), (4, ["C", "Tent", 9, "wet", ""])]
    lines = mou_import.parse_rows(iter([(1, header), *rows]), "t")
    assert [line.registered for line in lines] == [True, False, False]
    without = mou_import.parse_rows(iter([(1, header[:4]), (2, ["C", "Jeep", 3, "dry"])]), "t")
    assert without[0].registered is False
    with pytest.raises(ValidationError, match=r"row 2, column E \(Immatriculé\): 'maybe' is not yes or no"):
        mou_import.parse_rows([(1, header), (2, ["C", "Jeep", 3, "dry", "maybe"])], "t")
