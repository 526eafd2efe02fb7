"""HQ → field reference packages: HQ builds one from its database and CA; a laptop imports it, all or nothing."""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.crypto import CryptoError, ca, keys, trust
from inspector_app.crypto.certificates import fingerprint
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import demo, inspections, reference_package, templates, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import audit, models
from inspector_app.storage.engine import sqlite_url
from inspector_app.storage.models import Inspection, Mou, MouLine
from inspector_app.sync import BundleError
from inspector_app.sync.archive import read_bundle, write_bundle
from tests import shipped
from tests.integration.field import DEMO_AMS_UNITS, DEMO_MOU_VERSIONS, DEMO_UNIT_COUNT, DEMO_UNITS

PASS = "hq-identity-secret"
CA_PASS = "hq-ca-secret"
REFERENCE = ("mission", "unit", "mou", "mouline", "mouselfsustainment", "person", "template",
             "planned_inspection")  # the demo plans an inspection
# Every table an import may touch or must not touch.
WATCHED = tuple(getattr(models, name) for name in (
    "Mission", "Unit", "Mou", "MouLine", "MouSelfSustainment", "Person", "TemplateRecord", "Inspection", "Answer",
    "AuditEvent", "ImportedBundle"))


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HQ's data folder: its CA, an identity the CA issued, the demo mission and a template version newer than
    the shipped one in hq.sqlite, and a package built with the command line (``package.inspector-bundle``)."""
    root = tmp_path_factory.mktemp("hq")
    data = DataDir(root)
    keys.create_identity(data, "HQ Reference Desk", "hq", PASS)
    folder = root / "hq-ca"
    trust.add_ca(data, ca.init_ca(folder, "UN Police Division CA", CA_PASS))
    keys.import_certificate(data, ca.issue(folder, keys.csr_for(data), CA_PASS) + (folder / ca.CA_PEM).read_bytes(),
                            PASS)
    with _hq_workspace(root) as ws:
        assert demo.seed(ws)
        with ws.db.session() as session:
            assert templates.install(ws, session, shipped.next_version(shipped.text("coe-major-equipment.yaml")),
                                     "coe v3") is not None
    (root / "pass.txt").write_text(PASS + "\n", encoding="utf-8")
    status = main(["hq", "package", "--data-dir", str(root), "-o", str(root / "package.inspector-bundle"),
                   "--passphrase-file", str(root / "pass.txt")])
    assert status == 0
    return root


def _hq_workspace(root: Path) -> Workspace:
    return open_workspace(root, actor="HQ", db_url=sqlite_url(DataDir(root).hq_database))


@pytest.fixture
def package(hq: Path) -> Path:
    return hq / "package.inspector-bundle"


@pytest.fixture
def hq_fingerprint(hq: Path) -> str:
    return fingerprint(ca.ca_certificate(hq / "hq-ca"))


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh laptop: shipped templates only, no CA trusted yet."""
    with open_workspace(tmp_path / "laptop", actor="Awa Diop") as ws:
        yield ws


def _snapshot(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    with ws.db.read() as session:
        return {m.__tablename__: sorted((r.model_dump(mode="json") for r in session.exec(select(m))),
                                        key=lambda r: json.dumps(r, sort_keys=True)) for m in WATCHED}


def _trust_files(ws: Workspace) -> list[str]:
    folder = trust.trust_dir(ws.data)
    return sorted(p.name for p in folder.glob("*.pem")) if folder.is_dir() else []


def _repack(hq: Path, source: Path, out: Path, change: Callable[[dict[str, list[dict[str, Any]]]], None],
            identity: keys.Identity | None = None) -> Path:
    """A package with HQ's records as ``change`` edits them, signed by HQ (or ``identity``)."""
    bundle = read_bundle(source, trust.load(DataDir(hq)))
    records = {table: [dict(r) for r in rows] for table, rows in bundle.records.items()}
    change(records)
    files = {p: bundle.read(p) for p in bundle.paths if p.startswith("trust/")}
    signer = identity or keys.load_identity(DataDir(hq), PASS)
    write_bundle(out, "reference", records, files, signer, signer.name, "hq-device")
    return out


def test_cli_package_holds_reference_data_and_trust_only(hq: Path, package: Path, hq_fingerprint: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bundle = read_bundle(package, trust.load(DataDir(hq)))
    manifest = bundle.manifest
    assert manifest.kind == "reference" and bundle.signer.trusted and bundle.signer.name == "HQ Reference Desk"
    assert set(manifest.record_counts) == set(REFERENCE)  # no inspection, answer or audit event
    counts = manifest.record_counts
    assert counts["mission"] == 1 and counts["unit"] == DEMO_UNIT_COUNT and counts["mou"] == DEMO_MOU_VERSIONS
    assert counts["mouline"] == DEMO_MOU_VERSIONS * len(demo.ANNEX_B) and counts["person"] > 200
    with _hq_workspace(hq) as ws:
        versions = len(templates.installed(ws))
    assert counts["template"] == versions and {(t["template_id"], t["version"]) for t in bundle.records["template"]} \
        >= {("coe-major-equipment", 2), ("coe-major-equipment", 3)}
    assert sorted(p for p in bundle.paths if not p.startswith("records/")) == ["trust/hq-ca.pem", "trust/hq-crl.pem"]
    assert bundle.read("trust/hq-ca.pem") == (hq / "hq-ca" / ca.CA_PEM).read_bytes()
    assert bundle.read("trust/hq-crl.pem") == (hq / "hq-ca" / ca.CRL_PEM).read_bytes()

    out = hq / "one-mission.inspector-bundle"
    args = ["hq", "package", "--data-dir", str(hq), "-o", str(out), "--passphrase-file", str(hq / "pass.txt")]
    capsys.readouterr()
    assert main([*args, "--mission", demo.MISSION_CODE, "--ca-dir", str(hq / "hq-ca")]) == 0
    printed = capsys.readouterr().out
    assert "reference bundle" in printed and hq_fingerprint in printed
    assert main([*args, "--mission", "NOPE"]) == 1
    assert "no mission 'NOPE'" in capsys.readouterr().err
    assert main([*args, "--ca-dir", str(hq / "nowhere")]) == 1
    assert "no CA in" in capsys.readouterr().err


def test_package_signed_by_an_identity_the_ca_did_not_issue_is_not_built(hq: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    keys.create_identity(DataDir(other), "Someone", "hq", PASS)
    shutil.copy(DataDir(hq).hq_database, DataDir(other).hq_database)
    with _hq_workspace(other) as ws, pytest.raises(Exception, match="not issued by the CA"):
        reference_package.build_package(ws, tmp_path / "p.inspector-bundle", PASS, hq / "hq-ca")
    assert not (tmp_path / "p.inspector-bundle").exists()


def test_first_run_import_needs_the_ca_fingerprint_then_applies_everything(
        laptop: Workspace, package: Path, hq_fingerprint: str) -> None:
    before = _snapshot(laptop)
    with pytest.raises(reference_package.CaNotAccepted, match="does not trust HQ's CA yet") as refused:
        reference_package.import_reference(laptop, package)
    assert hq_fingerprint in str(refused.value) and refused.value.fingerprint == hq_fingerprint
    assert _snapshot(laptop) == before and _trust_files(laptop) == []

    spelled = hq_fingerprint.replace(":", "").lower()  # colons and case do not matter
    result = reference_package.import_reference(laptop, package, accept_ca=spelled)
    assert result.changed and not result.already_imported and result.signer == "HQ Reference Desk"
    assert result.ca_fingerprint == hq_fingerprint
    assert result.tables["mission"].added == 1 and result.tables["unit"].added == DEMO_UNIT_COUNT
    assert result.tables["mouline"].added == DEMO_MOU_VERSIONS * len(demo.ANNEX_B)
    assert result.tables["person"].added > 200
    assert all(c.updated == c.unchanged == c.removed == 0 for c in result.tables.values())
    assert result.templates_added == ("coe-major-equipment v3",) and result.templates_unchanged >= 4
    assert len(result.trust_installed) == 2 and sorted(result.trust_installed) == _trust_files(laptop)
    store = trust.load(laptop.data)
    assert [fingerprint(c) for c in store.roots] == [hq_fingerprint] and len(store.crls) == 1

    rows = units.list_units(laptop)
    assert sorted(r.unit.name for r in rows) == sorted([*(d.name for d in DEMO_UNITS), *DEMO_AMS_UNITS])
    assert all(r.mou_lines == len(demo.ANNEX_B) and r.persons > 100 for r in rows if r.unit.kind == "fpu")
    with laptop.db.read() as session:
        assert not list(session.exec(select(Inspection))) and not list(session.exec(select(models.Answer)))
        mission = session.exec(select(models.Mission)).one()
        hq_device = mission.device_id
        assert hq_device != laptop.db.device_id  # stamped as written by its origin
        events = [e.action for e in session.exec(select(models.AuditEvent))]
        assert "reference.import" in events and "template.install" in events
        assert audit.verify_chains(session)[1] == []
    # Imported reference data is usable: an inspection starts on an imported unit and template version.
    started = inspections.start(laptop, "SEN FPU 1", "coe-major-equipment", "periodic")
    assert inspections.load(laptop, started.id).checklist.template.version == 3


def test_importing_the_same_package_twice_changes_nothing(laptop: Workspace, hq: Path, package: Path,
                                                          hq_fingerprint: str, tmp_path: Path) -> None:
    reference_package.import_reference(laptop, package, accept_ca=hq_fingerprint)
    after_first = _snapshot(laptop)
    again = reference_package.import_reference(laptop, package)  # trusted now: no fingerprint needed
    assert again.already_imported and not again.changed and again.trust_installed == ()
    planned = "planned_inspection"  # the demo plans nothing: tests/integration/test_planning.py carries plans
    assert all(c.added == c.updated == c.removed == 0 and (c.unchanged > 0 or t == planned)
               for t, c in again.tables.items())
    assert _snapshot(laptop) == after_first

    # Another package of the same HQ data: every record compared, every one unchanged.
    fresh = tmp_path / "fresh.inspector-bundle"
    with _hq_workspace(hq) as ws:
        reference_package.build_package(ws, fresh, PASS, hq / "hq-ca")
    same = reference_package.import_reference(laptop, fresh)
    assert not same.already_imported and not same.changed and same.templates_added == ()
    assert all(c.added == c.updated == c.removed == 0 and (c.unchanged > 0 or t == planned)
               for t, c in same.tables.items())
    changed = _snapshot(laptop)
    for table in ("mission", "unit", "mou", "mouline", "person", "template", "inspection", "answer"):
        assert changed[table] == after_first[table]
    assert len(changed["imported_bundle"]) == 2


def test_laptop_that_trusts_hq_imports_without_fingerprint(laptop: Workspace, hq: Path, package: Path) -> None:
    trust.add_ca(laptop.data, ca.ca_certificate(hq / "hq-ca"))
    result = reference_package.import_reference(laptop, package)
    assert result.tables["unit"].added == DEMO_UNIT_COUNT and len(result.trust_installed) == 1  # only the CRL was new


def test_tampered_package_is_refused(laptop: Workspace, package: Path, hq_fingerprint: str, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.inspector-bundle"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tampered, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "records/mouline.jsonl":
                data = data.replace(b'"quantity":10', b'"quantity":99', 1)
            out.writestr(info, data)
    before = _snapshot(laptop)
    with pytest.raises(BundleError, match="altered"):
        reference_package.import_reference(laptop, tampered, accept_ca=hq_fingerprint)
    assert _snapshot(laptop) == before and _trust_files(laptop) == []


def test_wrong_fingerprint_is_refused(laptop: Workspace, package: Path, hq_fingerprint: str) -> None:
    before = _snapshot(laptop)
    wrong = ("00:" * 32)[:-1]
    with pytest.raises(reference_package.CaNotAccepted, match="do not import it") as refused:
        reference_package.import_reference(laptop, package, accept_ca=wrong)
    assert hq_fingerprint in str(refused.value)
    with pytest.raises(ValidationError, match="not a SHA-256 fingerprint"):
        reference_package.import_reference(laptop, package, accept_ca="3F:A2")
    assert _snapshot(laptop) == before and _trust_files(laptop) == []


def test_package_signed_by_someone_else_is_refused(laptop: Workspace, hq: Path, package: Path,
                                                   hq_fingerprint: str, tmp_path: Path) -> None:
    """HQ's real CA certificate inside, so the fingerprint matches, but the signer is not certified by it."""
    forger = keys.create_identity(DataDir(tmp_path / "forger"), "HQ Reference Desk", "hq", PASS)
    forged = _repack(hq, package, tmp_path / "forged.inspector-bundle", lambda _r: None, identity=forger)
    before = _snapshot(laptop)
    with pytest.raises(BundleError, match="only bundles signed with a certificate issued by HQ's CA"):
        reference_package.import_reference(laptop, forged, accept_ca=hq_fingerprint)
    assert _snapshot(laptop) == before and _trust_files(laptop) == []

    trust.add_ca(laptop.data, ca.ca_certificate(hq / "hq-ca"))  # a laptop that trusts HQ refuses it too
    with pytest.raises(reference_package.CaNotAccepted, match="did not certify"):
        reference_package.import_reference(laptop, forged)
    assert _snapshot(laptop) == before


def test_package_signed_by_an_inspector_certified_by_hq_is_refused(laptop: Workspace, hq: Path, package: Path,
                                                                   hq_fingerprint: str, tmp_path: Path) -> None:
    """Any certificate HQ's CA issued is trusted, but only one for the 'hq' role may send reference data."""
    data = DataDir(tmp_path / "inspector")
    keys.create_identity(data, "Awa Diop", "inspector", PASS)
    keys.import_certificate(data, ca.issue(hq / "hq-ca", keys.csr_for(data), CA_PASS), PASS)
    forged = _repack(hq, package, tmp_path / "rogue.inspector-bundle", lambda _r: None,
                     identity=keys.load_identity(data, PASS))
    before = _snapshot(laptop)
    with pytest.raises(BundleError, match="role 'inspector': only a certificate HQ's CA issued for the 'hq' role"):
        reference_package.import_reference(laptop, forged, accept_ca=hq_fingerprint)
    assert _snapshot(laptop) == before and _trust_files(laptop) == []
    with open_workspace(data.root) as ws, pytest.raises(CryptoError, match="role 'inspector'"):
        reference_package.build_package(ws, tmp_path / "x.bundle", PASS, hq / "hq-ca")


def test_other_bundle_kinds_are_refused(laptop: Workspace, hq: Path, package: Path, hq_fingerprint: str,
                                        tmp_path: Path) -> None:
    bundle = read_bundle(package, trust.load(DataDir(hq)))
    out = tmp_path / "field.inspector-bundle"
    write_bundle(out, "field-report", dict(bundle.records), {}, keys.load_identity(DataDir(hq), PASS), "HQ", "d")
    with pytest.raises(BundleError, match="not a reference package"):
        reference_package.import_reference(laptop, out, accept_ca=hq_fingerprint)


def test_mission_code_collision_is_refused_with_nothing_changed(
        laptop: Workspace, package: Path, hq_fingerprint: str) -> None:
    units.create_mission(laptop, "Local copy", demo.MISSION_CODE)  # the laptop made its own mission with HQ's code
    before = _snapshot(laptop)
    with pytest.raises(ValidationError, match=f"mission {demo.MISSION_CODE}.*another record than this laptop's"):
        reference_package.import_reference(laptop, package, accept_ca=hq_fingerprint)
    assert _snapshot(laptop) == before and _trust_files(laptop) == []


def test_mou_line_collision_is_refused_with_nothing_changed(
        laptop: Workspace, hq: Path, package: Path, hq_fingerprint: str, tmp_path: Path) -> None:
    reference_package.import_reference(laptop, package, accept_ca=hq_fingerprint)
    with laptop.db.session() as session:  # a line added on this laptop to HQ's MOU
        mou = session.exec(select(Mou)).first()
        assert mou is not None
        session.add(laptop.stamp(MouLine(mou_id=mou.id, line_no=99, category="Other", item="Local", quantity=1)))

    def add_line_99(records: dict[str, list[dict[str, Any]]]) -> None:
        line = dict(next(r for r in records["mouline"] if r["mou_id"] == mou.id))
        line.update(id="00000000-0000-4000-8000-000000000099", line_no=99, item="HQ's line 99")
        records["mouline"].append(line)

    changed = _repack(hq, package, tmp_path / "line99.inspector-bundle", add_line_99)
    before = _snapshot(laptop)
    with pytest.raises(ValidationError, match="MOU line 99 .*another record than this laptop's"):
        reference_package.import_reference(laptop, changed)
    assert _snapshot(laptop) == before


def test_mou_change_leaves_an_inspection_in_progress_untouched(
        laptop: Workspace, hq: Path, package: Path, hq_fingerprint: str, tmp_path: Path) -> None:
    reference_package.import_reference(laptop, package, accept_ca=hq_fingerprint)
    started = inspections.start(laptop, "SEN FPU 1", "coe-major-equipment", "periodic")
    first = inspections.load(laptop, started.id).checklist.slots[0]
    inspections.answer(laptop, started.id, first.key, value={"found": 10, "serviceable": 9})
    before = _snapshot(laptop)
    scope_before = inspections.load(laptop, started.id).checklist.slots

    with laptop.db.read() as session:
        mou_id = session.exec(select(Mou).where(Mou.unit_id == started.unit_id)).one().id

    def amend(records: dict[str, list[dict[str, Any]]]) -> None:
        """HQ amends SEN's MOU: line 1 now 12 APCs, line 2 dropped, a line 26; an officer rotates out."""
        lines = records["mouline"]
        one = next(r for r in lines if r["mou_id"] == mou_id and r["line_no"] == 1)
        one["quantity"] = 12
        one["updated_at"] = "2031-01-01T00:00:00"
        two = next(r for r in lines if r["mou_id"] == mou_id and r["line_no"] == 2)
        lines.remove(two)
        lines.append({**one, "id": "00000000-0000-4000-8000-000000000026", "line_no": 26, "item": "Drone",
                      "quantity": 2})
        records["person"].pop()

    amended = _repack(hq, package, tmp_path / "amended.inspector-bundle", amend)
    result = reference_package.import_reference(laptop, amended)
    assert result.tables["mouline"] == reference_package.TableCounts(
        added=1, updated=1, unchanged=DEMO_MOU_VERSIONS * len(demo.ANNEX_B) - 2, removed=1)
    assert result.tables["person"].removed == 1 and result.tables["unit"].unchanged == DEMO_UNIT_COUNT

    after = _snapshot(laptop)
    for table in ("inspection", "answer", "template"):
        assert after[table] == before[table]
    assert inspections.load(laptop, started.id).checklist.slots == scope_before  # its frozen scope
    with laptop.db.read() as session:
        unit = session.get(models.Unit, started.unit_id)
        assert unit is not None
        lines = {line.line_no: line for line in units.unit_scope(session, unit).mou_lines}
        line_one = session.exec(select(MouLine).where(MouLine.mou_id == mou_id, MouLine.line_no == 1)).one()
    assert lines[1].quantity == 12 and 2 not in lines and lines[26].item == "Drone"
    assert line_one.device_id != laptop.db.device_id and line_one.updated_at.year == 2031  # HQ's stamp


def test_swapped_line_numbers_apply(laptop: Workspace, hq: Path, package: Path, hq_fingerprint: str,
                                    tmp_path: Path) -> None:
    reference_package.import_reference(laptop, package, accept_ca=hq_fingerprint)
    with laptop.db.read() as session:
        mou_id = session.exec(select(Mou)).first().id  # type: ignore[union-attr]

    def swap(records: dict[str, list[dict[str, Any]]]) -> None:
        one, two = (next(r for r in records["mouline"] if r["mou_id"] == mou_id and r["line_no"] == n) for n in (1, 2))
        one["line_no"], two["line_no"] = 2, 1

    result = reference_package.import_reference(laptop, _repack(hq, package, tmp_path / "swap.inspector-bundle", swap))
    assert result.tables["mouline"].updated == 2 and result.tables["mouline"].removed == 0


def test_an_older_package_after_a_newer_one_is_refused(laptop: Workspace, hq: Path, package: Path,
                                                       hq_fingerprint: str, tmp_path: Path) -> None:
    newer = tmp_path / "newer.inspector-bundle"
    time.sleep(1.1)  # manifests carry whole seconds: HQ makes the next package at least a second later
    assert main(["hq", "package", "--data-dir", str(hq), "-o", str(newer),
                 "--passphrase-file", str(hq / "pass.txt")]) == 0
    reference_package.import_reference(laptop, newer, accept_ca=hq_fingerprint)
    before = _snapshot(laptop)
    with pytest.raises(BundleError, match="before the one applied here already"):
        reference_package.import_reference(laptop, package, accept_ca=hq_fingerprint)
    assert _snapshot(laptop) == before


def test_a_package_with_an_amendment_keeps_both_versions(
        laptop: Workspace, hq: Path, package: Path, hq_fingerprint: str, tmp_path: Path) -> None:
    reference_package.import_reference(laptop, package, accept_ca=hq_fingerprint)
    with laptop.db.read() as session:
        unit = units.find_unit(session, "SEN FPU 1")
        original = session.exec(select(Mou).where(Mou.unit_id == unit.id)).one()
        first_quantity = session.exec(select(MouLine).where(MouLine.mou_id == original.id,
                                                            MouLine.line_no == 1)).one().quantity

    def amend(records: dict[str, list[dict[str, Any]]]) -> None:
        """HQ adds version 2 of SEN's MOU, from 1 March 2026: line 1 has three more items."""
        v1 = next(r for r in records["mou"] if r["id"] == original.id)
        v2_id = "00000000-0000-4000-8000-00000000a002"
        records["mou"].append({**v1, "id": v2_id, "version": 2, "effective_from": "2026-03-01",
                               "reference": "MOU/SEN/A1"})
        for n, line in enumerate([r for r in records["mouline"] if r["mou_id"] == original.id]):
            records["mouline"].append({**line, "id": f"00000000-0000-4000-8000-{n:012d}", "mou_id": v2_id,
                                       "quantity": line["quantity"] + (3 if line["line_no"] == 1 else 0)})
        for n, category in enumerate([r for r in records["mouselfsustainment"] if r["mou_id"] == original.id]):
            records["mouselfsustainment"].append({**category, "id": f"00000000-0000-4000-9000-{n:012d}",
                                                  "mou_id": v2_id})

    result = reference_package.import_reference(
        laptop, _repack(hq, package, tmp_path / "amended.inspector-bundle", amend))
    assert result.tables["mou"].added == 1 and result.tables["mou"].removed == 0
    assert result.tables["mouline"].added == len(demo.ANNEX_B) and result.tables["mouline"].removed == 0
    with laptop.db.read() as session:
        held = units.mou_versions(session, units.find_unit(session, "SEN FPU 1"))
    assert [(m.version, m.effective_from) for m in held] == [(1, None), (2, date(2026, 3, 1))]

    before = inspections.start(laptop, "SEN FPU 1", "coe-major-equipment", "periodic", start_date=date(2026, 2, 28))
    after = inspections.start(laptop, "SEN FPU 1", "coe-major-equipment", "periodic", start_date=date(2026, 3, 1))
    scopes = [inspections.load(laptop, i.id).checklist.scope for i in (before, after)]
    assert [s.mou_lines[0].quantity for s in scopes] == [first_quantity, first_quantity + 3]
    assert [s.mou_version.version if s.mou_version else None for s in scopes] == [1, 2]
    assert scopes[1].ss_categories == scopes[0].ss_categories != ()
