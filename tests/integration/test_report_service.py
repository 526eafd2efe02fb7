"""services.report: the one path of the CLI (and HQ's quarterly report); signature roles from the template."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from inspector_app.cli.main import main
from inspector_app.crypto import keys
from inspector_app.errors import InspectorError
from inspector_app.resources_access import shipped_templates
from inspector_app.services import inspections, report, signing, templates
from inspector_app.services.report import ProducedReport, QuarterlyReport
from inspector_app.services.workspace import Workspace
from inspector_app.ui import hq_tasks
from tests.conftest import mark_ready_for_review

PASS = "laptop-secret"


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_a_template_s_signature_roles_are_the_report_s_signature_blocks(ws: Workspace, unit_name: str) -> None:
    resource = next(r for r in shipped_templates() if r.name == "coe-major-equipment.yaml")
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    data |= {"id": "coe-custom-roles", "signature_roles": ["inspector", "Chief of staff"]}
    with ws.db.session() as session:
        templates.install(ws, session, yaml.safe_dump(data, allow_unicode=True), "custom.yaml")
    custom = inspections.start(ws, unit_name, "coe-custom-roles", "arrival")
    shipped = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    text = _text(report.render(ws, custom.id, "en").pdf)
    assert "UN inspector" in text and "Chief of staff" in text
    assert "Team leader" not in text and "Contingent commander" not in text
    text = _text(report.render(ws, shipped.id, "en").pdf)  # the shipped template names its own
    assert "UN inspector" in text and "Team leader" in text and "Contingent commander" in text
    assert "Chief of staff" not in text


def _observe(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    real = report.produce

    def produce(ws: Workspace, ref: str, lang: str = "en", **kwargs: Any) -> ProducedReport:
        calls.append({"ref": ref, "lang": lang} | kwargs)
        return real(ws, ref, lang, **kwargs)

    monkeypatch.setattr(report, "produce", produce)
    return calls


def test_the_cli_report_goes_through_the_service(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ws: Workspace, unit_name: str,
    data_dir: Path, tmp_path: Path,
) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    mark_ready_for_review(ws, inspection.id)
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    calls = _observe(monkeypatch)
    out = tmp_path / "signed.pdf"
    code = main(["--data-dir", str(data_dir), "report", inspection.id, "-o", str(out), "--lang", "fr", "--sign",
                 "--location", "Camp Bravo"])
    assert code == 0, capsys.readouterr().err
    assert [(c["ref"], c["lang"], c["sign"]) for c in calls] == [
        (inspection.id, "fr", report.Signer(PASS, None, "Camp Bravo"))]
    assert out.read_bytes() == signing.signed_report(ws, inspection.id, "fr")
    assert "signed by Awa Diop as inspector" in capsys.readouterr().out


def test_a_wrong_passphrase_is_told_before_rendering(
    monkeypatch: pytest.MonkeyPatch, ws: Workspace, unit_name: str,
) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    mark_ready_for_review(ws, inspection.id)
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    rendered: list[str] = []
    monkeypatch.setattr(report, "render", lambda _ws, ref, *_a, **_k: rendered.append(ref))
    with pytest.raises(InspectorError, match="the passphrase does not open"):
        report.produce(ws, inspection.id, "en", sign=report.Signer("wrong"))
    assert rendered == [] and signing.signatures(ws, inspection.id) == []


def test_hq_s_quarterly_report_goes_through_the_service(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[object, ...]] = []

    def quarterly_coe(ws: object, code: str, quarter: str, lang: str, *, xlsx: bool, sign: report.Signer | None,
                      progress: object) -> QuarterlyReport:
        calls.append((ws, code, quarter, lang, xlsx, sign))
        return QuarterlyReport(b"%PDF-1.7 quarterly", 2, 3, 4, "COE-TEST-2026Q4-0123abcd-FR")

    monkeypatch.setattr(report, "quarterly_coe", quarterly_coe)
    workspace = object()
    written = hq_tasks.write_report(workspace, "TEST", "2026Q4", tmp_path / "q.pdf", "fr")  # type: ignore[arg-type]
    assert calls == [(workspace, "TEST", "2026Q4", "fr", False, None)]
    assert (tmp_path / "q.pdf").read_bytes() == b"%PDF-1.7 quarterly"
    assert (written.inspected, written.units, written.pages, written.document_id) == (
        2, 3, 4, "COE-TEST-2026Q4-0123abcd-FR")
