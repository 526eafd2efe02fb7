"""Signed verification reports travel to HQ: a field-report bundle carries the signed PDF of every report signature
it logs, HQ checks it against the log, lists the reports and counts them in the per-line export."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlmodel import func, select

from inspector_app.cli.main import main
from inspector_app.crypto import keys, trust
from inspector_app.crypto.verify import verify_pdf
from inspector_app.paths import DataDir
from inspector_app.services import bundle_export, demo, hq_import, signed_verifications, verification_report
from inspector_app.services.installation import open_workspace
from inspector_app.services.report import Signer
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent, ImportedBundle, Inspection
from inspector_app.sync.archive import read_bundle, write_bundle
from tests.integration.field import PASS, Field, demo_coe, issue_identity, make_field

CHIEF = "Chief COE Officer"


def signed_field(root: Path) -> Field:
    """The demo laptop whose SEN FPU 1 verification report (the COE's quarter, in French) is signed by Awa Diop
    as COE inspector, exported as 'provisional.bundle', then countersigned by the chief COE officer (on the
    same laptop, with their own identity) and exported as 'countersigned.bundle' (every audit chain whole, so
    that it imports alone). 'unit' holds the unit's id and the period, 'signed.pdf' the countersigned file."""
    field = make_field(root)
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        coe = demo_coe(ws)
        period = verification_report.check_period(f"{coe.start_date.year}Q{(coe.start_date.month - 1) // 3 + 1}")
        (field.root / "unit").write_text(f"{coe.unit_id} {period}")
        first = verification_report.produce(ws, coe.unit_id, period, "fr", sign=Signer(PASS))
        assert first.role == "coe_inspector" and first.provisional
        bundle_export.export_bundle(ws, field.root / "provisional.bundle", PASS)
    keys.identity_path(DataDir(field.laptop)).unlink()
    issue_identity(field, field.laptop, CHIEF, role="chief_coe_officer")
    with open_workspace(field.laptop, actor=CHIEF) as ws:
        second = verification_report.produce(ws, coe.unit_id, period, "fr", sign=Signer(PASS))
        assert second.role == "chief_coe_officer" and not second.provisional
        (field.root / "signed.pdf").write_bytes(second.pdf)
        bundle_export.export_bundle(ws, field.root / "countersigned.bundle", PASS, full_history=True)
    return field


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return signed_field(tmp_path_factory.mktemp("vsync")).root


def _unit_period(field: Field) -> tuple[str, str]:
    unit_id, period = (field.root / "unit").read_text().split()
    return unit_id, period


def _import(hq: Workspace, bundle: Path) -> hq_import.BatchResult:
    return hq_import.import_files(hq, [bundle])


def test_the_signed_report_travels_is_listed_and_verifies_at_hq(field: Field, hq: Workspace, hq_url: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    signed = (field.root / "signed.pdf").read_bytes()
    digest = hashlib.sha256(signed).hexdigest()
    with zipfile.ZipFile(field.root / "countersigned.bundle") as archive:
        assert archive.read(f"media/{digest}") == signed  # the countersigned file, named by its hash

    batch = _import(hq, field.root / "provisional.bundle")
    assert len(batch.imported) == 1 and not batch.refused
    [report] = signed_verifications.signed_reports(hq)
    unit_id, period = _unit_period(field)
    assert (report.unit_id, report.unit_name, report.mission_code, report.period, report.lang) == (
        unit_id, demo.SENEGAL.name, demo.MISSION_CODE, period, "fr")
    assert [(s.signer, s.role) for s in report.signatures] == [("Awa Diop", "coe_inspector")]
    assert report.roles == ("coe_inspector", "contingent_commander", "chief_coe_officer")
    assert not report.countersigned

    batch = _import(hq, field.root / "countersigned.bundle")
    assert len(batch.imported) == 1 and not batch.refused
    [report] = signed_verifications.signed_reports(hq, unit="SEN FPU", period=period)
    assert [(s.signer, s.role) for s in report.signatures] == [("Awa Diop", "coe_inspector"),
                                                               (CHIEF, "chief_coe_officer")]
    assert report.countersigned and report.document_sha256 == digest
    held = signed_verifications.signed_file(hq, report.document_id[:20])
    assert held == signed
    checks = verify_pdf(held, trust.load(hq.data))
    assert [(c.signer, c.field, c.intact, c.trusted) for c in checks] == [
        ("Awa Diop", "Signature_coe_inspector", True, True), (CHIEF, "Signature_chief_coe_officer", True, True)]
    assert signed_verifications.signed_reports(hq, period="2001Q1") == []

    # the command line: the list, and the signed file written out
    data = str(field.hq)
    assert main(["--data-dir", data, "hq", "verifications", "--json", "--db", hq_url]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["document_id"], listed["status"], listed["unit"]) == (report.document_id, "countersigned",
                                                                         demo.SENEGAL.name)
    assert [s["role"] for s in listed["signatures"]] == ["coe_inspector", "chief_coe_officer"]
    assert main(["--data-dir", data, "hq", "verifications", "--unit", "SEN", "--db", hq_url]) == 0
    text = capsys.readouterr().out
    assert report.document_id in text and "countersigned" in text and CHIEF in text
    out = field.root / "out.pdf"
    assert main(["--data-dir", data, "hq", "verifications", report.document_id[:24], "-o", str(out),
                 "--db", hq_url]) == 0
    assert out.read_bytes() == signed


def test_the_per_line_export_marks_a_countersigned_unit_and_period(field: Field, hq: Workspace, hq_url: str) -> None:
    unit_id, period = _unit_period(field)
    _import(hq, field.root / "provisional.bundle")

    def statuses() -> set[str]:
        out = field.root / "lines.csv"
        assert main(["--data-dir", str(field.hq), "hq", "export", "--per-line", "--period", period,
                     "-o", str(out), "--db", hq_url]) == 0
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        return {r["Report status"] for r in rows if r["Unit"] == demo.SENEGAL.name}

    assert statuses() == {"provisional"}
    _import(hq, field.root / "countersigned.bundle")
    assert statuses() == {"countersigned"}
    assert signed_verifications.countersigned(hq) == {(unit_id, period)}


def _resigned(field: Field, source: Path, change: dict[str, bytes | None]) -> Path:
    """``source`` with its files changed (None: left out), re-signed by the laptop's own identity (a sender
    who forges, or a bug): the manifest verifies, so only the import's check against the audit log stands."""
    bundle = read_bundle(source, trust.load(DataDir(field.hq)))
    files = {p: bundle.read(p) for p in bundle.paths if not p.startswith("records/")}
    for path, data in change.items():
        files.pop(path, None)
        if data is not None:
            files[f"media/{hashlib.sha256(data).hexdigest()}"] = data
    out = field.root / "forged.bundle"
    identity = keys.load_identity(DataDir(field.laptop), PASS)
    write_bundle(out, bundle.manifest.kind, {t: list(rows) for t, rows in bundle.records.items()}, files, identity,
                 sender_name=bundle.manifest.sender.name, device_id=bundle.manifest.source_device,
                 format_=bundle.manifest.format)
    return out


def _state(hq: Workspace) -> tuple[int, int, list[str]]:
    with hq.db.read() as session:
        counts = (session.exec(select(func.count()).select_from(Inspection)).one(),
                  session.exec(select(func.count()).select_from(AuditEvent)).one())
    return (*counts, sorted(p.name for p in hq.data.media.rglob("*") if p.is_file()))


@pytest.mark.parametrize("tamper", ["altered", "missing"])
def test_a_signed_report_that_is_not_the_one_logged_refuses_the_bundle(field: Field, hq: Workspace,
                                                                      tamper: str) -> None:
    signed = (field.root / "signed.pdf").read_bytes()
    name = f"media/{hashlib.sha256(signed).hexdigest()}"
    altered = signed + b"% one more line\n" if tamper == "altered" else None
    forged = _resigned(field, field.root / "countersigned.bundle", {name: altered})
    before = _state(hq)

    batch = _import(hq, forged)
    [refusal] = batch.refused
    assert "the bundle is refused: it lacks the signed verification report" in refusal.reason
    assert "that its audit log records; nothing was imported" in refusal.reason
    assert _state(hq) == before  # no record, and no media file left behind (the attachments' were written first)
    with hq.db.read() as session:
        assert session.exec(select(func.count()).select_from(ImportedBundle)).one() == 0


def test_a_bundle_file_named_for_the_logged_report_but_holding_other_bytes_is_refused(field: Field,
                                                                                   hq: Workspace) -> None:
    signed = (field.root / "signed.pdf").read_bytes()
    name = f"media/{hashlib.sha256(signed).hexdigest()}"
    source = field.root / "countersigned.bundle"
    swapped = field.root / "swapped.bundle"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(swapped, "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item) if item.filename != name else signed[:-10] + b"0000%%EOF\n")
    before = _state(hq)
    [refusal] = _import(hq, swapped).refused
    assert "was altered" in refusal.reason or "SHA-256" in refusal.reason
    assert _state(hq) == before
