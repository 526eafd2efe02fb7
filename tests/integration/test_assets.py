"""Registered items asset by asset: serials, derived counts, duplicate flags, the repatriation reconciliation."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.domain.checklist import MouLineRef
from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import assets, inspections, report, units
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent
from tests.conftest import PERSONS

LINES = [
    MouLineRef(1, "Armoured personnel carriers", "APC wheeled", 10, "wet"),
    MouLineRef(2, "Armoured personnel carriers", "APC recovery", 1, "wet"),
    MouLineRef(3, "Support vehicles", "Jeep 4x4", 3, "dry", registered=True),
]


@pytest.fixture
def unit(ws: Workspace) -> str:
    mission = units.create_mission(ws, "Test Mission", "TEST")
    units.create_unit(ws, mission.id, name="REG FPU", contributing_country="Testland", mou=LINES,
                      ss_categories=["catering"], persons=PERSONS)
    return "REG FPU"


def _value(ws: Workspace, inspection_id: str, key: str) -> object:
    with ws.db.read() as session:
        row = session.exec(inspections.answer_query(inspection_id, key)).first()
        return inspections.value_of(row) if row else None


def _finish(ws: Workspace, inspection_id: str) -> None:
    for line, value in {1: "found=10 serviceable=9", 2: "found=1 serviceable=1"}.items():
        inspections.answer(ws, inspection_id, f"me.count/{line}", value)
    for key in ("me.general.records", "me.general.self_reports", "me.general.spares"):
        inspections.answer(ws, inspection_id, key, "yes")
    inspections.submit(ws, inspection_id)


def test_the_scope_carries_registered_lines(ws: Workspace, unit: str) -> None:
    inspection = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    lines = inspections.load(ws, inspection.id).checklist.scope.mou_lines
    assert [m.registered for m in lines] == [False, False, True]


def test_serials_are_normalised_and_counts_derive_from_the_assets(ws: Workspace, unit: str) -> None:
    inspection = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    row = assets.add(ws, inspection.id, 3, "  un 1234 \t ab ")
    assert row.serial == "UN 1234 AB"
    assets.add(ws, inspection.id, 3, "UN-2", "unserviceable", "gearbox")
    assets.add(ws, inspection.id, 3, "UN-3", "missing")
    assets.add(ws, inspection.id, 3, "UN-4", "written off")
    # found: serviceable + unserviceable = 2; serviceable 1 (missing and written off are not found)
    assert _value(ws, inspection.id, "me.count/3") == {"found": 2, "serviceable": 1}
    assert inspections.load(ws, inspection.id).status is Status.IN_PROGRESS
    with pytest.raises(ValidationError, match="already holds UN-2"):
        assets.add(ws, inspection.id, 3, "un-2")
    with pytest.raises(ValidationError, match="empty"):
        assets.add(ws, inspection.id, 3, "   ")
    with pytest.raises(ValidationError, match="not a condition"):
        assets.add(ws, inspection.id, 3, "UN-9", "broken")
    with pytest.raises(ValidationError, match="not of registered items"):
        assets.add(ws, inspection.id, 1, "APC-1")
    with pytest.raises(NotFound):
        assets.add(ws, inspection.id, 7, "X")
    # a hand count for a line with assets is refused
    with pytest.raises(ValidationError, match="derives from its assets"):
        inspections.answer(ws, inspection.id, "me.count/3", "found=3 serviceable=3")
    # changing and removing rewrite the count; the last one removed withdraws it
    assets.put(ws, inspection.id, 3, "UN-2", condition="serviceable")
    assert _value(ws, inspection.id, "me.count/3") == {"found": 2, "serviceable": 2}
    assets.remove_serial(ws, inspection.id, 3, "un 1234 ab")
    assert _value(ws, inspection.id, "me.count/3") == {"found": 1, "serviceable": 1}
    for left in assets.list_assets(ws, inspection.id):
        assets.remove(ws, left.id)
    assert _value(ws, inspection.id, "me.count/3") is None
    inspections.answer(ws, inspection.id, "me.count/3", "found=0 serviceable=0")  # no assets: by hand again


def test_asset_writes_are_audited(ws: Workspace, unit: str) -> None:
    inspection = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    row = assets.add(ws, inspection.id, 3, "A1")
    assets.edit(ws, row.id, condition="missing", remark="not seen")
    assets.remove(ws, row.id)
    with ws.db.read() as session:
        actions = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.entity == "asset"))]
    assert actions == ["asset.create", "asset.update", "asset.delete"]


def test_a_submitted_inspection_refuses_asset_edits(ws: Workspace, unit: str) -> None:
    inspection = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    row = assets.add(ws, inspection.id, 3, "A1")
    _finish(ws, inspection.id)
    with ws.db.session() as session:
        stored = session.get(inspections.Inspection, inspection.id)
        assert stored is not None
        stored.status = Status.SIGNED.value
    with pytest.raises(ValidationError):
        assets.add(ws, inspection.id, 3, "A2")
    with pytest.raises(ValidationError):
        assets.remove(ws, row.id)


def test_duplicate_serials_are_flagged_on_two_lines_and_two_units(ws: Workspace, unit: str) -> None:
    inspection = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    assets.add(ws, inspection.id, 3, "DUP-1")
    assets.add(ws, inspection.id, 3, "ONLY-1")
    with ws.db.read() as session:
        assert assets.duplicate_serials(session, session.get(inspections.Inspection, inspection.id)) == []
    other_mission = units.create_mission(ws, "Other Mission", "OTH")
    units.create_unit(ws, other_mission.id, name="OTHER FPU",
                      contributing_country="Elsewhere", mou=LINES, ss_categories=[], persons=[])
    other = inspections.start(ws, "OTHER FPU", "coe-major-equipment", "arrival")
    assets.add(ws, other.id, 3, "dup-1")
    with ws.db.read() as session:
        flags = assets.duplicate_serials(session, session.get(inspections.Inspection, inspection.id))
    assert [(d.serial, [s.unit for s in d.seen]) for d in flags] == [("DUP-1", ["OTHER FPU", "REG FPU"])]
    assert flags[0].across_units


def test_repatriation_reconciles_against_the_arrival_baseline(ws: Workspace, unit: str) -> None:
    arrival = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    for serial in ("J-1", "J-2", "J-3"):
        assets.add(ws, arrival.id, 3, serial)
    _finish(ws, arrival.id)
    ori = inspections.start(ws, unit, "coe-major-equipment", "operational_readiness")
    assets.add(ws, ori.id, 3, "J-1")
    assets.add(ws, ori.id, 3, "J-2", "written_off", "burnt out")
    assets.add(ws, ori.id, 3, "J-3", "unserviceable")
    _finish(ws, ori.id)
    repatriation = inspections.start(ws, unit, "coe-major-equipment", "repatriation")
    assets.add(ws, repatriation.id, 3, "J-1", "unserviceable", "axle")
    assets.add(ws, repatriation.id, 3, "J-9")
    result = assets.reconciliation(ws, repatriation.id)
    # J-1 recorded unserviceable: damaged; J-2 written off at the ORI, not recorded now: written off;
    # J-3 not recorded now: missing; J-9 was not in the baseline.
    assert [(a.serial, a.status) for a in result.assets] == [
        ("J-1", "damaged"), ("J-2", "written_off"), ("J-3", "missing")]
    assert [a.serial for a in result.not_in_baseline] == ["J-9"]
    line3 = next(q for q in result.lines if q.line_no == 3)
    # found at arrival 3; at the ORI J-1 and J-3 (J-2 written off) = 2; now J-1 and J-9 = 2
    assert (line3.baseline, line3.last, line3.now, line3.change) == (3, 2, 2, -1)
    line1 = next(q for q in result.lines if q.line_no == 1)
    assert (line1.baseline, line1.last, line1.now) == (10, 10, None)


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_asset_assets_and_show(ws: Workspace, unit: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
                                   tmp_path: Path) -> None:
    inspection = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    ws.close()
    photo = tmp_path / "jeep.png"
    Image.new("RGB", (8, 8), "red").save(photo)
    code, out, _err = _cli(capsys, data_dir, "inspections", "asset", inspection.id[:8], "3", " ab 12 ",
                           "--remark", "dent", "--photo", str(photo), "--json")
    assert code == 0
    assert json.loads(out)["serial"] == "AB 12" and json.loads(out)["photo"]
    assert _cli(capsys, data_dir, "inspections", "asset", inspection.id, "3", "CD-3", "--condition",
                "unserviceable")[0] == 0
    code, out, err = _cli(capsys, data_dir, "inspections", "asset", inspection.id, "1", "X")
    assert code != 0 and "not of registered items" in err
    code, out, _err = _cli(capsys, data_dir, "inspections", "show", inspection.id, "--json")
    data = json.loads(out)
    line3 = next(line for line in data["assets"] if line["line"] == 3)
    assert [(a["serial"], a["condition"], a["photos"]) for a in line3["assets"]] == [
        ("AB 12", "serviceable", 1), ("CD-3", "unserviceable", 0)]
    assert data["duplicate_serials"] == [] and data["reconciliation"] is None
    # the line's figures come from the assets: found 2, serviceable 1
    figures = next(x for x in data["serviceability"]["lines"] if x["line"] == 3)
    assert (figures["deployed"], figures["serviceable"]) == (2, 1)
    code, out, _err = _cli(capsys, data_dir, "inspections", "show", inspection.id)
    assert "AB 12" in out and "CD-3" in out
    assert _cli(capsys, data_dir, "inspections", "asset", inspection.id, "3", "cd-3", "--remove")[0] == 0
    code, out, _err = _cli(capsys, data_dir, "inspections", "assets", inspection.id)
    assert code == 0 and "AB 12" in out and "CD-3" not in out


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def test_the_report_lists_assets_and_the_repatriation_reconciliation(ws: Workspace, unit: str) -> None:
    arrival = inspections.start(ws, unit, "coe-major-equipment", "arrival")
    assets.add(ws, arrival.id, 3, "JEEP-01")
    assets.add(ws, arrival.id, 3, "JEEP-02")
    _finish(ws, arrival.id)
    repatriation = inspections.start(ws, unit, "coe-major-equipment", "repatriation")
    assets.add(ws, repatriation.id, 3, "JEEP-01", "unserviceable", "cracked axle")
    text = _pdf_text(report.render(ws, repatriation.id, "en").pdf)
    assert "Registered items per MOU line" in text and "cracked axle" in text
    assert "Repatriation reconciliation" in text
    assert "0 present, 1 damaged, 1 missing, 0 written off; 0 found" in text
    jeep2 = next(line for line in text.splitlines() if "JEEP-02" in line)
    assert "missing" in jeep2 and "not recorded" in jeep2
    french = _pdf_text(report.render(ws, repatriation.id, "fr").pdf)
    assert "Rapprochement de rapatriement" in french and "endommagé" in french
    assert "Repatriation reconciliation" not in _pdf_text(report.render(ws, arrival.id, "en").pdf)
