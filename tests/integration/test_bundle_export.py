"""Field → HQ export: a signed field-report bundle of the demo inspections, readable by read_bundle and openssl."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from inspector_app.cli.main import main
from inspector_app.crypto import CryptoError, ca, trust
from inspector_app.errors import NotFound
from inspector_app.paths import DataDir
from inspector_app.services import bundle_export, demo, signing
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Answer, Attachment, AuditEvent, Mou, Person
from inspector_app.sync.archive import read_bundle
from inspector_app.sync.records import table_name
from tests.integration.field import (
    DEMO_INSPECTIONS,
    DEMO_MOU_VERSIONS,
    DEMO_UNIT_COUNT,
    PASS,
    inspections,
    make_field,
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo data, a laptop identity issued by HQ's CA, the COE signed by hand and digitally."""
    return make_field(tmp_path_factory.mktemp("export")).root


@pytest.fixture
def root(seeded: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(seeded, tmp_path / "copy"))


def _count(ws: Workspace, model: type, *where: object) -> int:
    with ws.db.session() as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_export_all_reads_back_with_every_record_and_file(root: Path) -> None:
    out = root / "field.inspector-bundle"
    with open_workspace(root / "laptop") as ws:
        manifest = bundle_export.export_bundle(ws, out, PASS)
        answers, attachments = _count(ws, Answer), _count(ws, Attachment)
        persons, mous = _count(ws, Person), _count(ws, Mou)
        events = _count(ws, AuditEvent, AuditEvent.device_id == ws.db.device_id)
        signed = next(i for i in inspections(ws) if i.status == "signed")
        report = signing.signed_report(ws, signed.id)
        templates = len({i.template_pk for i in inspections(ws)})  # the versions the inspections were made with
        device = ws.db.device_id
    bundle = read_bundle(out, trust.load(DataDir(root / "laptop")),
                         allow_untrusted=True)
    counts = bundle.manifest.record_counts
    assert manifest.bundle_id == bundle.manifest.bundle_id and bundle.manifest.kind == "field-report"
    assert bundle.manifest.source_device == device and bundle.manifest.sender.name
    assert set(counts) == {table_name(m) for m in bundle_export.TABLES}
    assert counts["inspection"] == DEMO_INSPECTIONS and counts["answer"] == answers > 0
    assert counts["attachment"] == attachments > 0 and counts["person"] == persons
    # every version of each FPU's MOU (TGO FPU 3 has an amendment); the AMS candidates' units hold none
    assert counts["mission"] == 1 and counts["mou"] == mous == DEMO_MOU_VERSIONS and counts["mouline"] > 0
    assert counts["unit"] == DEMO_UNIT_COUNT
    assert counts["template"] == templates == len({"aoc-fpu", "ams", demo.PERFORMANCE,
                                                   *(t for _type, ts, _days in demo.CYCLE for t in ts)})
    assert counts["signature"] == 2 and counts["audit_event"] == events
    answer = bundle.records["answer"][0]
    assert {"id", "inspection_id", "key", "value_json", "revision", "updated_at"} <= set(answer)
    assert isinstance(answer["updated_at"], str)
    media = [p for p in bundle.paths if p.startswith("media/")]
    expected = {r["sha256"] for r in bundle.records["attachment"]}
    expected |= {r["display_sha256"] for r in bundle.records["attachment"] if r["display_sha256"]}
    expected |= {r["image_sha256"] for r in bundle.records["signature"] if r["image_sha256"]}
    assert {p.removeprefix("media/") for p in media} == expected
    for path in media:
        assert hashlib.sha256(bundle.read(path)).hexdigest() == path.removeprefix("media/")
    assert report is not None and bundle.read(f"reports/{signed.id}.pdf") == report


def test_bundle_is_trusted_by_hq_and_verifies_with_openssl(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "field.inspector-bundle"
    with open_workspace(root / "laptop") as ws:
        bundle_export.export_bundle(ws, out, PASS)
    bundle = read_bundle(out, trust.load(DataDir(root / "hq")))
    assert bundle.signer.trusted and bundle.signer.name == "Awa Diop"
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "manifest.json").write_bytes(archive.read("manifest.json"))
        (tmp_path / "manifest.sig").write_bytes(archive.read("manifest.sig"))
    result = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.sig", "-content",
         "manifest.json", "-CAfile", str(root / "hq" / "ca" / ca.CA_PEM), "-purpose", "any", "-out", "/dev/null"],
        cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_one_inspection_and_since(root: Path, tmp_path: Path) -> None:
    with open_workspace(root / "laptop") as ws:
        aoc = next(i for i in inspections(ws) if i.status == "in_progress")
        answers = _count(ws, Answer, Answer.inspection_id == aoc.id)
        one = bundle_export.export_bundle(ws, tmp_path / "one.bundle", PASS, [aoc.id[:8]])
        none = bundle_export.export_bundle(ws, tmp_path / "none.bundle", PASS,
                                           since=datetime.now(UTC) + timedelta(days=1))
    assert one.record_counts["inspection"] == 1 and one.record_counts["answer"] == answers
    assert one.record_counts["unit"] == 1 and one.record_counts["template"] == 1
    assert none.record_counts["inspection"] == 0 and none.record_counts["answer"] == 0


def test_unknown_inspection_and_no_identity_are_clear_errors(root: Path, tmp_path: Path) -> None:
    with open_workspace(root / "laptop") as ws, pytest.raises(NotFound, match="no inspection matches 'zzz'"):
        bundle_export.export_bundle(ws, tmp_path / "x.bundle", PASS, ["zzz"])
    with open_workspace(tmp_path / "bare") as ws, pytest.raises(CryptoError, match="no identity yet"):
        bundle_export.export_bundle(ws, tmp_path / "x.bundle", PASS)
    assert not (tmp_path / "x.bundle").exists()


def test_cli_export(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    data, out = str(root / "laptop"), tmp_path / "f.inspector-bundle"
    assert main(["--data-dir", data, "bundle", "export", "-o", str(out), "--since", "2000-01-01"]) == 0
    stdout = capsys.readouterr().out
    bundle = read_bundle(out, trust.load(DataDir(root / "hq")))
    assert str(bundle.manifest.bundle_id) in stdout and f"inspection {DEMO_INSPECTIONS}," in stdout
    code = main(["--data-dir", data, "bundle", "export", "--inspection", "zzz", "-o", str(tmp_path / "g")])
    captured = capsys.readouterr()
    assert code == 1 and captured.err.strip().splitlines() == ["inspector: error: no inspection matches 'zzz'"]
    code = main(["--data-dir", str(tmp_path / "bare"), "bundle", "export", "-o", str(tmp_path / "h")])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "no identity yet" in err
    assert not (tmp_path / "g").exists() and not (tmp_path / "h").exists()
