"""Issue 6, end to end, through the command line: HQ sets up, two laptops inspect one unit, merge, sign and
export; HQ imports into SQLite and PostgreSQL, and both give the same summary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from inspector_app.cli.main import main
from inspector_app.crypto import ca, keys
from inspector_app.crypto.certificates import fingerprint
from inspector_app.domain.checklist import PersonRef
from inspector_app.paths import DataDir
from inspector_app.services import inspections, units
from inspector_app.services.installation import open_workspace
from inspector_app.storage.engine import sqlite_url
from tests.integration.field import CA_PASS, PASS, Field, issue_identity

LINES = 6
MOU_CSV = "line;category;item;quantity;lease\n" + "".join(
    f"{n};Vehicles;Item {n};{4 + n};{'wet' if n % 2 else 'dry'}\n" for n in range(1, LINES + 1))


def run(*argv: str) -> None:
    """A command that must succeed."""
    assert main(list(argv)) == 0, argv


def out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The standard output of a command that must succeed."""
    capsys.readouterr()
    run(*argv)
    return capsys.readouterr().out


def answer_my_half(data: Path, inspection_id: str, lines: range, general: dict[str, str]) -> None:
    for n in lines:
        run("--data-dir", str(data), "inspections", "answer", inspection_id[:8], f"me.count/{n}",
            f"found={4 + n} serviceable={3 + n}")
    for key, value in general.items():
        run("--data-dir", str(data), "inspections", "answer", inspection_id[:8], key, value)


def test_two_laptops_merge_sign_export_and_hq_gets_the_same_summary_on_both_databases(
        tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    field = Field(tmp_path)
    hq, leader, colleague = field.hq, tmp_path / "leader", tmp_path / "colleague"

    # HQ: its CA, its own (RSA) identity for encrypted bundles, the mission's unit, roster and MOU.
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", CA_PASS)
    run("--data-dir", str(hq), "hq", "ca", "init", "--name", "UN Police Division CA", "--dir", str(field.ca_dir))
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    issue_identity(field, hq, "HQ Registry", role="hq", kind="rsa")
    registry = sqlite_url(DataDir(hq).hq_database)
    with open_workspace(hq, actor="HQ Registry", db_url=registry) as ws:
        mission = units.create_mission(ws, "Mission in Testland", "MIT")
        units.create_unit(ws, mission.id, name="FPU Alpha", contributing_country="Senegal",
                          persons=[PersonRef(f"A-{n}", f"Officer {n}", "Constable",
                                             "female" if n % 3 == 0 else "male", "") for n in range(9)])
    (tmp_path / "mou.csv").write_text(MOU_CSV, encoding="utf-8")
    run("--data-dir", str(hq), "hq", "mou", "import", str(tmp_path / "mou.csv"), "--unit", "FPU Alpha")
    run("--data-dir", str(hq), "hq", "package", "-o", str(tmp_path / "reference.bundle"),
        "--ca-dir", str(field.ca_dir))
    ca_fingerprint = fingerprint(ca.ca_certificate(field.ca_dir))

    # Two laptops certified by HQ take the reference package, then the leader shares a new inspection.
    for laptop, name in ((leader, "Awa Diop"), (colleague, "Jean Kabila")):
        issue_identity(field, laptop, name)
        run("--data-dir", str(laptop), "bundle", "import", str(tmp_path / "reference.bundle"),
            "--accept-ca", ca_fingerprint)
    created = out(capsys, "--data-dir", str(leader), "inspections", "new", "--unit", "FPU Alpha",
                  "--template", "coe-major-equipment", "--type", "periodic")
    inspection_id = created.split()[-1]
    run("--data-dir", str(leader), "bundle", "share", inspection_id, "-o", str(tmp_path / "share.bundle"))
    run("--data-dir", str(colleague), "bundle", "import", str(tmp_path / "share.bundle"))

    # Each counts half the lines; both answer the records question, differently.
    answer_my_half(leader, inspection_id, range(1, 4), {"me.general.records": "yes", "me.general.spares": "yes"})
    answer_my_half(colleague, inspection_id, range(4, LINES + 1),
                   {"me.general.records": "no", "me.general.self_reports": "yes"})
    run("--data-dir", str(colleague), "bundle", "share", inspection_id, "-o", str(tmp_path / "back.bundle"))
    merged = out(capsys, "--data-dir", str(leader), "bundle", "import", str(tmp_path / "back.bundle"))
    assert "1 conflict(s) to resolve" in merged
    (conflict,) = json.loads(out(capsys, "--data-dir", str(leader), "bundle", "conflicts", "--json"))
    assert (conflict["key"], conflict["mine"], conflict["theirs"]) == ("me.general.records", "yes", "no")
    run("--data-dir", str(leader), "bundle", "resolve", conflict["id"][:8], "--theirs")

    # The leader submits, signs, and exports for HQ, encrypted to HQ's certificate.
    run("--data-dir", str(leader), "inspections", "submit", inspection_id[:8])
    run("--data-dir", str(leader), "report", inspection_id[:8], "-o", str(tmp_path / "report.pdf"), "--sign")
    (tmp_path / "hq.pem").write_bytes(keys.certificate_path(DataDir(hq)).read_bytes())  # as HQ hands it out
    run("--data-dir", str(leader), "bundle", "export", "-o", str(tmp_path / "field.bundle"),
        "--encrypt-to", str(tmp_path / "hq.pem"))
    with open_workspace(leader) as ws:
        state = inspections.load(ws, inspection_id)
        assert state.status.value == "signed" and state.values()["me.general.records"] == "no"
        overall = state.results().overall
        assert overall is not None and overall.serviceability is not None

    # HQ imports into a fresh SQLite file and a fresh PostgreSQL database: the same summary.
    summaries = []
    for url in (sqlite_url(tmp_path / "consolidated.sqlite"), postgres_url):
        text = out(capsys, "--data-dir", str(hq), "hq", "import", str(tmp_path / "field.bundle"), "--db", url)
        assert "imported bundle" in text and "inspections 1 added" in text
        summaries.append(json.loads(out(capsys, "--data-dir", str(hq), "hq", "summary", "--json", "--db", url)))
    assert summaries[0] == summaries[1]
    (mission_summary,) = summaries[0]["missions"]
    (unit_summary,) = mission_summary["units"]
    assert unit_summary["name"] == "FPU Alpha" and unit_summary["last_inspection"]["id"] == inspection_id
    (point,) = unit_summary["trend"]
    assert point["serviceability"] == pytest.approx(overall.serviceability)
    assert unit_summary["women"] == 3 and unit_summary["strength"] == 9
    assert date.fromisoformat(point["date"]) == date.today()
