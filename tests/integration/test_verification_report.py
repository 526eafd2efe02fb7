"""The verification report of a unit and period: which inspections, the figures, provisional until countersigned,
signed renditions kept (services.verification_report, services.verification_signing, reports.verification)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from inspector_app.crypto import keys, pdf_sign
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import inspections, verification_report
from inspector_app.services.report import Signer
from inspector_app.services.workspace import Workspace
from tests.conftest import mark_ready_for_review

PASS = "laptop-secret"


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _me(ws: Workspace, unit: str, day: date, counts: dict[int, tuple[int, int]], type_: str = "periodic",
        ready: bool = True) -> str:
    ref = inspections.start(ws, unit, "coe-major-equipment", type_, start_date=day).id
    for line, (found, serviceable) in counts.items():
        inspections.answer(ws, ref, f"me.count/{line}", f"found={found} serviceable={serviceable}")
    if ready:
        mark_ready_for_review(ws, ref)
    return ref


@pytest.fixture
def unit(ws: Workspace, unit_name: str) -> str:
    """TST FPU (lines: 1 APC wheeled 10, 2 APC recovery 1, 3 Jeep 8) with, in 2026Q4: an arrival in October,
    an ORI in November (the latest counted), a spot check in December still in progress, and a
    self-sustainment inspection in November."""
    _me(ws, unit_name, date(2026, 10, 5), {1: (10, 10), 2: (1, 1), 3: (8, 8)}, "arrival")
    _me(ws, unit_name, date(2026, 11, 20), {1: (12, 9), 2: (0, 0), 3: (6, 5)}, "operational_readiness")
    _me(ws, unit_name, date(2026, 12, 1), {1: (1, 1)}, "spot_check", ready=False)
    ss = inspections.start(ws, unit_name, "coe-self-sustainment", "periodic", start_date=date(2026, 11, 2)).id
    inspections.answer(ws, ss, "ss.catering.kitchen", "met")
    inspections.answer(ws, ss, "ss.catering.food_storage", "met")
    inspections.answer(ws, ss, "ss.medical.basic", "not_met")
    mark_ready_for_review(ws, ss)
    return unit_name


def test_the_quarter_takes_the_latest_counted_major_equipment_inspection(ws: Workspace, unit: str) -> None:
    data = verification_report.gather(ws, unit, "2026Q4")
    assert [(i.type, i.used) for i in data.inspections] == [
        ("arrival", False), ("periodic", True), ("operational_readiness", True)]  # the spot check is in progress
    by_line = {n.line_no: n for n in data.lines}
    # line 1: MOU 10, found 12, serviceable 9
    one = by_line[1]
    assert (one.deployed, one.unserviceable, one.shortfall, one.surplus, one.reimbursable) == (12, 3, 0, 2, 9)
    assert one.availability == 1.0 and one.serviceability == pytest.approx(9 / 10)
    # line 2: MOU 1, nothing deployed: no serviceability, nothing reimbursed
    two = by_line[2]
    assert (two.shortfall, two.availability, two.serviceability, two.reimbursable) == (1, 0.0, None, 0)
    # line 3: MOU 8, found 6, serviceable 5
    three = by_line[3]
    assert (three.shortfall, three.reimbursable) == (2, 5)
    assert three.availability == pytest.approx(6 / 8) and three.serviceability == pytest.approx(5 / 6)
    apc = next(c for c in data.categories if c.name == "Armoured personnel carriers")
    # MOU 10 + 1; deployed up to the MOU 10 + 0; serviceable up to the MOU 9 + 0; reimbursable 9 + 0
    assert (apc.quantity, apc.deployed, apc.reimbursable) == (11, 12, 9)
    assert apc.availability == pytest.approx(10 / 11) and apc.serviceability == pytest.approx(9 / 10)
    verdicts = {r.category: r.verdict for r in data.self_sustainment}
    assert verdicts == {"catering": "met", "medical": "not_met"}
    assert data.strength is None and data.roles == ("coe_inspector", "contingent_commander", "chief_coe_officer")
    assert data.provisional


def test_a_month_takes_its_own_inspections(ws: Workspace, unit: str) -> None:
    october = verification_report.gather(ws, unit, "2026-10")
    assert [i.type for i in october.inspections] == ["arrival"] and october.self_sustainment == ()
    assert {n.line_no: n.reimbursable for n in october.lines} == {1: 10, 2: 1, 3: 8}
    december = verification_report.gather(ws, unit, "2026-12")
    assert december.inspections == () and december.lines == ()
    with pytest.raises(ValidationError, match="not a period"):
        verification_report.gather(ws, unit, "2026-13")


@pytest.mark.parametrize(("lang", "word"), [("en", "PROVISIONAL"), ("fr", "PROVISOIRE")])
def test_the_report_reads_provisional_on_every_page(ws: Workspace, unit: str, lang: str, word: str) -> None:
    produced = verification_report.produce(ws, unit, "2026Q4", lang)
    assert produced.provisional and not produced.as_signed and produced.pages
    pages = _text(produced.pdf).split("\f")
    assert all(word in page for page in pages if page.strip())
    assert "not recorded" in pages[0] or "non consigné" in pages[0]


def _become(ws: Workspace, tmp_path: Path, name: str, role: str) -> None:
    """This installation's identity is now ``name``'s (self-signed; signing does not need HQ's trust)."""
    other = tmp_path / name.replace(" ", "_")
    other.mkdir()
    keys.create_identity(DataDir(other), name, role, PASS)
    shutil.copyfile(keys.identity_path(DataDir(other)), keys.identity_path(ws.data))


def test_signed_by_each_role_and_no_longer_provisional_once_countersigned(
    ws: Workspace, unit: str, tmp_path: Path,
) -> None:
    _become(ws, tmp_path, "Jean Martin", "inspector")
    first = verification_report.produce(ws, unit, "2026Q4", sign=Signer(PASS, "coe_inspector"))
    assert (first.signed_by, first.role, first.provisional) == ("Jean Martin", "coe_inspector", True)
    assert pdf_sign.is_certified(first.pdf)
    assert sorted(pdf_sign.empty_fields(first.pdf)) == ["Signature_chief_coe_officer",
                                                        "Signature_contingent_commander"]
    with pytest.raises(ValidationError, match="already signed"):
        verification_report.produce(ws, unit, "2026Q4", sign=Signer(PASS, "coe_inspector"))
    again = verification_report.produce(ws, unit, "2026Q4")
    assert again.as_signed and again.pdf == first.pdf  # the signed rendition, not rendered again
    _become(ws, tmp_path, "Col. Ndiaye", "team_leader")
    second = verification_report.produce(ws, unit, "2026Q4", sign=Signer(PASS, "contingent_commander"))
    assert second.pdf.startswith(first.pdf) and second.provisional
    _become(ws, tmp_path, "Chief Officer", "hq")
    with pytest.raises(ValidationError, match="no 'force_commander' signature"):
        verification_report.produce(ws, unit, "2026Q4", sign=Signer(PASS, "force_commander"))
    third = verification_report.produce(ws, unit, "2026Q4", sign=Signer(PASS, "chief_coe_officer"))
    assert third.pdf.startswith(second.pdf) and pdf_sign.empty_fields(third.pdf) == []
    assert not third.provisional and not verification_report.gather(ws, unit, "2026Q4").provisional
    # new figures make a new rendition, provisional again; the signed one stays as it was signed
    _me(ws, unit, date(2026, 12, 10), {1: (10, 10), 2: (1, 1), 3: (8, 8)}, "spot_check")
    fresh = verification_report.produce(ws, unit, "2026Q4")
    assert fresh.document_id != third.document_id and fresh.provisional and not fresh.as_signed


def test_hq_per_line_export_carries_the_report_s_figures(ws: Workspace, unit: str, tmp_path: Path) -> None:
    import csv  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415

    from inspector_app.services import hq_export  # noqa: PLC0415

    done = hq_export.export_per_line(ws, tmp_path / "lines.csv", period="2026Q4")
    assert (done.inspections, done.rows) == (1, 3)
    with (tmp_path / "lines.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(hq_export.PER_LINE_COLUMNS)
    figures = ["Deployed", "Serviceable", "Unserviceable", "Shortfall", "Surplus", "Availability %",
               "Serviceability %", "Reimbursable"]
    by_line = {r["Line"]: [r[c] for c in figures] for r in rows}
    # by hand from the November ORI: line 1 MOU 10 found 12 serviceable 9; line 2 MOU 1 none; line 3 MOU 8, 6, 5
    assert by_line == {"1": ["12", "9", "3", "0", "2", "100.0", "90.0", "9"],
                       "2": ["0", "0", "0", "1", "0", "0.0", "", "0"],
                       "3": ["6", "5", "1", "2", "0", "75.0", "83.3", "5"]}
    assert {(r["Unit"], r["Period"], r["Inspection type"], r["Report status"], r["Reimbursable basis"])
            for r in rows} == {(unit, "2026Q4", "operational_readiness", "provisional", "serviceable")}
    # the same numbers as the report of that unit and period
    data = verification_report.gather(ws, unit, "2026Q4")
    assert {str(n.line_no): [n.deployed, n.reimbursable] for n in data.lines} == {
        k: [int(v[0]), int(v[7])] for k, v in by_line.items()}
    # every quarter holding an inspection, and XLSX with shares as numbers
    hq_export.export_per_line(ws, tmp_path / "lines.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "lines.xlsx").active
    assert sheet is not None
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(values) == 3 and {v[5] for v in values} == {"2026Q4"}
    line_one = next(v for v in values if v[10] == 1)
    assert line_one[20] == 1.0 and line_one[21] == pytest.approx(0.9) and line_one[22] == 9
    by_month = hq_export.export_per_line(ws, tmp_path / "months.csv", by="month")
    assert by_month.inspections == 2  # October's arrival and November's ORI; December's spot check is not counted


def test_the_cli_writes_and_signs_the_verification_report(
    ws: Workspace, unit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from inspector_app.cli.main import main  # noqa: PLC0415

    out = tmp_path / "v.pdf"
    base = ["--data-dir", str(ws.data.root)]
    assert main([*base, "report", "--unit", unit, "--period", "2026Q4", "-o", str(out), "--lang", "fr"]) == 0
    said = capsys.readouterr().out
    assert "document VER-TST-FPU-2026Q4-" in said and "-FR, provisional" in said
    assert "PROVISOIRE" in _text(out.read_bytes())
    assert main([*base, "report", "--unit", unit, "-o", str(out)]) != 0
    assert "--unit and --period go together" in capsys.readouterr().err
    _become(ws, tmp_path, "Chief Officer", "hq")
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    assert main([*base, "report", "--unit", unit, "--period", "2026Q4", "-o", str(out), "--sign",
                 "--role", "chief_coe_officer"]) == 0
    assert "signed by Chief Officer as chief_coe_officer, countersigned" in capsys.readouterr().out
    # inspector verify finds the record of the rendition by its document id (the self-signed key is not trusted)
    main([*base, "verify", str(out), "--json"])
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["document_id"].startswith("VER-TST-FPU-2026Q4-")
    assert [s["recorded"] for s in verdict["signatures"]] == [
        f"document {verdict['document_id']}: matches the record (recorded when Chief Officer signed)"]


def test_the_role_a_signer_signs_as() -> None:
    from inspector_app.services.verification_signing import signer_role  # noqa: PLC0415

    roles = ("coe_inspector", "contingent_commander", "chief_coe_officer")
    assert signer_role(roles, [], None, "inspector") == "coe_inspector"  # the certificate's role, as named
    assert signer_role(roles, [], None, "chief_coe_officer") == "chief_coe_officer"
    assert signer_role(roles, ["coe_inspector"], None, "hq") == "contingent_commander"  # the first not signed yet
    assert signer_role(roles, [], "Contingent commander", "inspector") == "contingent_commander"
    with pytest.raises(ValidationError, match="no 'hq_reviewer' signature"):
        signer_role(roles, [], "hq_reviewer", "inspector")
