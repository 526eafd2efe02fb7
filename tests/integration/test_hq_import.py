"""HQ import of field-report bundles: all or nothing, idempotent, signed work never altered, quarantine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, func, select

from inspector_app.cli.main import main
from inspector_app.crypto import CryptoError, ca, keys, trust
from inspector_app.paths import DataDir
from inspector_app.services import assets, bundle_export, followups, hq_import, inspections, signing
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import audit
from inspector_app.storage.models import (
    Answer,
    Asset,
    Attachment,
    AuditEvent,
    Finding,
    FollowUp,
    ImportedBundle,
    ImprovementAction,
    Inspection,
    Mou,
    MouLine,
    Person,
    Signature,
)
from inspector_app.sync import envelope
from inspector_app.sync.archive import read_bundle, write_bundle
from tests.integration.field import (
    CA_PASS,
    DEMO_ASSETS,
    DEMO_INSPECTIONS,
    PASS,
    Field,
    issue_identity,
    make_field,
    png,
    sign_coe,
)
from tests.integration.field import inspections as all_inspections

COUNTED = (Inspection, Answer, Attachment, Signature, Person, AuditEvent, ImportedBundle)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo laptop before signing (bundle 'early.bundle' exported then), then with the COE signed."""
    field = make_field(tmp_path_factory.mktemp("hq"), sign=False)
    with open_workspace(field.laptop) as ws:
        bundle_export.export_bundle(ws, field.root / "early.bundle", PASS)
        sign_coe(ws)
    return field.root


def _export(field: Field, name: str, refs: list[str] | None = None) -> Path:
    """A bundle with every audit chain whole: these tests import bundles in any order, or skip some."""
    out = field.root / name
    with open_workspace(field.laptop) as ws:
        bundle_export.export_bundle(ws, out, PASS, refs, full_history=True)
    return out


def _counts(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as session:
        return {m.__name__: session.exec(select(func.count()).select_from(m)).one() for m in COUNTED}


def _statuses(ws: Workspace) -> dict[str, str]:
    with ws.db.read() as session:
        return {i.id: i.status for i in session.exec(select(Inspection))}


def _laptop_statuses(field: Field) -> dict[str, str]:
    """The laptop's inspections as they are now: the demo's COE signed, the AOC in progress, TGO FPU 3's cycle
    ready for review."""
    with open_workspace(field.laptop) as laptop:
        statuses = _statuses(laptop)
    assert sorted(set(statuses.values())) == ["in_progress", "ready_for_review", "signed"]
    assert list(statuses.values()).count("signed") == 1 and len(statuses) == DEMO_INSPECTIONS
    return statuses


def _answers(ws: Workspace) -> dict[tuple[str, str], str | None]:
    with ws.db.read() as session:
        return {(a.inspection_id, a.key): a.value_json for a in session.exec(select(Answer))}


def _recraft(field: Field, source: Path, out: Path, change: Any) -> Path:
    """``source`` with its records changed by ``change(records)``, signed again by the (trusted) laptop."""
    bundle = read_bundle(source, trust.load(DataDir(field.hq)))
    records = {table: [dict(r) for r in rows] for table, rows in bundle.records.items()}
    change(records)
    files = {p: bundle.read(p) for p in bundle.paths if not p.startswith("records/")}
    write_bundle(out, "field-report", records, files, keys.load_identity(DataDir(field.laptop), PASS),
                 sender_name="Awa Diop", device_id=bundle.manifest.source_device)
    return out


def test_import_everything_then_again_changes_nothing(field: Field, hq: Workspace) -> None:
    path = _export(field, "all.bundle")
    with open_workspace(field.laptop) as laptop:
        expected = _counts(laptop)
        laptop_answers = _answers(laptop)
        signed = next(i for i in all_inspections(laptop) if i.status == "signed")
        report = signing.signed_report(laptop, signed.id)
    batch = hq_import.import_files(hq, [path])
    assert not batch.refused and len(batch.imported) == 1
    result = batch.imported[0]
    assert result.counts["inspection"] == {"added": DEMO_INSPECTIONS} and result.conflicts == 0
    after = _counts(hq)
    for model in (Inspection, Answer, Attachment, Signature, Person):
        assert after[model.__name__] == expected[model.__name__], model
    with hq.db.read() as session:
        actions = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.device_id == hq.db.device_id))]
    assert after["AuditEvent"] == expected["AuditEvent"] + len(actions) and actions[-1] == "bundle.import"
    assert _answers(hq) == laptop_answers
    assert signing.signed_report(hq, signed.id) == report
    with hq.db.read() as session:
        assert audit.verify_chains(session)[1] == []
        for row in session.exec(select(Attachment)):
            assert hq.data.media_path(row.sha256).is_file()

    again = hq_import.import_files(hq, [path])
    assert not again.imported and not again.refused and again.duplicates[0].already_imported is not None
    assert _counts(hq) == after and path.exists()


def test_overlapping_bundles_never_duplicate(field: Field, hq: Workspace) -> None:
    with open_workspace(field.laptop) as ws:
        aoc = next(i for i in all_inspections(ws) if i.status == "in_progress")
    one = _export(field, "one.bundle", [aoc.id])
    whole = _export(field, "all.bundle")
    batch = hq_import.import_files(hq, [one, whole])
    assert not batch.refused and len(batch.imported) == 2
    second = batch.imported[1]
    assert second.counts["inspection"] == {"added": DEMO_INSPECTIONS - 1, "unchanged": 1}
    assert second.counts["answer"]["unchanged"] > 0
    with open_workspace(field.laptop) as laptop:
        assert _answers(hq) == _answers(laptop)


def test_a_later_bundle_brings_later_answers(field: Field, hq: Workspace) -> None:
    first = _export(field, "first.bundle")
    with open_workspace(field.laptop) as ws:
        aoc = next(i for i in all_inspections(ws) if i.status == "in_progress")
        state = inspections.load(ws, aoc.id)
        key = next(k for k, a in state.answers.items() if a.value_json is not None)
        slot = state.checklist.slot(key)
        assert slot is not None
        inspections.set_remark(ws, aoc.id, key, "checked again on the range")
    later = _export(field, "later.bundle")
    assert not hq_import.import_files(hq, [first]).refused
    result = hq_import.import_files(hq, [later]).imported[0]
    assert result.counts["answer"]["updated"] == 1 and result.conflicts == 0
    with hq.db.read() as session:
        row = session.exec(inspections.answer_query(aoc.id, key)).one()
    assert row.remark == "checked again on the range"
    # The earlier bundle once more (a copy under another name) is a duplicate: nothing goes back.
    assert hq_import.import_files(hq, [first]).duplicates
    with hq.db.read() as session:
        assert session.exec(inspections.answer_query(aoc.id, key)).one().remark == "checked again on the range"


def test_an_older_copy_of_a_signed_inspection_is_ignored(field: Field, hq: Workspace) -> None:
    signed = _export(field, "signed.bundle")
    assert not hq_import.import_files(hq, [signed]).refused
    before = _answers(hq)
    batch = hq_import.import_files(hq, [field.root / "early.bundle"])  # exported before the COE was signed
    assert not batch.refused
    assert batch.imported[0].counts["inspection"]["kept"] == 1
    assert _answers(hq) == before
    assert _statuses(hq) == _laptop_statuses(field)  # the COE stays signed; TGO FPU 3's cycle ready for review


def test_a_bundle_that_changes_a_signed_inspection_is_refused(field: Field, hq: Workspace) -> None:
    signed_bundle = _export(field, "signed.bundle")
    assert not hq_import.import_files(hq, [signed_bundle]).refused
    before = _counts(hq), _answers(hq)
    with open_workspace(field.laptop) as ws:
        signed_id = next(i.id for i in all_inspections(ws) if i.status == "signed")

    def change(records: dict[str, list[dict[str, Any]]]) -> None:
        answer = next(a for a in records["answer"] if a["inspection_id"] == signed_id and a["value_json"])
        answer["remark"] = "changed after signing"
        answer["clock"] = json.dumps({"another-device": 99})

    forged = _recraft(field, signed_bundle, field.root / "forged.bundle", change)
    batch = hq_import.import_files(hq, [forged])
    assert len(batch.refused) == 1 and not batch.imported
    refusal = batch.refused[0]
    assert "signed here and cannot be changed" in refusal.reason and signed_id[:8] in refusal.reason
    assert refusal.copied_to is not None and refusal.copied_to.read_bytes() == forged.read_bytes()
    reason_file = refusal.copied_to.with_name(refusal.copied_to.name + ".reason.txt")
    assert "cannot be changed" in reason_file.read_text()
    assert (_counts(hq), _answers(hq)) == before


def test_an_unsigned_inspection_signed_elsewhere_takes_the_signed_answers(field: Field, hq: Workspace) -> None:
    assert not hq_import.import_files(hq, [field.root / "early.bundle"]).refused
    signed = _export(field, "signed.bundle")
    result = hq_import.import_files(hq, [signed]).imported[0]
    assert result.counts["inspection"]["updated"] == 1 and result.conflicts == 0
    with open_workspace(field.laptop) as laptop:
        assert _answers(hq) == _answers(laptop)
    assert _statuses(hq) == _laptop_statuses(field)  # the COE stays signed; TGO FPU 3's cycle ready for review


def _break_chain(records: dict[str, list[dict[str, Any]]]) -> None:
    records["audit_event"][3]["actor"] = "someone else"


def _drop_media(records: dict[str, list[dict[str, Any]]]) -> None:
    records["attachment"][0]["sha256"] = "ab" * 32


def _orphan_answer(records: dict[str, list[dict[str, Any]]]) -> None:
    records["answer"][0]["inspection_id"] = "00000000-0000-0000-0000-000000000000"


def _bad_column(records: dict[str, list[dict[str, Any]]]) -> None:
    records["mouline"][0]["quantity"] = "ten"


@pytest.mark.parametrize(("change", "reason"), [
    (_break_chain, "audit log of device"),
    (_drop_media, "lacks the file media/"),
    (_orphan_answer, "its records do not fit the records here"),
    (_bad_column, "records/mouline.jsonl line 1, column quantity"),
])
def test_bad_records_from_a_trusted_laptop_change_nothing(field: Field, hq: Workspace, change: Any,
                                                          reason: str) -> None:
    honest = _export(field, "honest.bundle")
    before = _counts(hq)
    batch = hq_import.import_files(hq, [_recraft(field, honest, field.root / "bad.bundle", change)])
    assert len(batch.refused) == 1 and reason in batch.refused[0].reason
    assert _counts(hq) == before


def test_untrusted_revoked_tampered_and_foreign_files_are_quarantined_while_the_rest_imports(
        field: Field, hq: Workspace) -> None:
    good = _export(field, "good.bundle")
    tampered = field.root / "tampered.bundle"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    garbage = field.root / "garbage.bundle"
    garbage.write_bytes(b"not a bundle at all" * 50)
    stranger = field.root / "stranger"
    keys.create_identity(DataDir(stranger), "Stranger", "inspector", PASS)
    with open_workspace(stranger) as ws:
        untrusted = field.root / "untrusted.bundle"
        bundle_export.export_bundle(ws, untrusted, PASS)
    batch = hq_import.import_files(hq, [tampered, garbage, untrusted, good])
    assert len(batch.imported) == 1 and len(batch.refused) == 3
    reasons = {r.path.name: r.reason for r in batch.refused}
    assert "not yet trusted by HQ" in reasons["untrusted.bundle"]
    assert all(reasons.values())
    assert sorted(p.name.split("-", 1)[1] for p in hq.data.quarantine.iterdir() if p.suffix == ".bundle") == [
        "garbage.bundle", "tampered.bundle", "untrusted.bundle"]

    revoked = _export(field, "after-revocation.bundle")
    ca.revoke(field.ca_dir, keys.read_certificate(DataDir(field.laptop)), CA_PASS)
    crl = ca.current_crl(field.ca_dir)
    assert crl is not None
    trust.add_crl(hq.data, crl)
    before = _counts(hq)
    batch = hq_import.import_files(hq, [revoked])
    assert "revoked" in batch.refused[0].reason and _counts(hq) == before


def test_encrypted_bundles_open_with_hq_identity(field: Field, hq: Workspace) -> None:
    issue_identity(field, field.hq, "HQ registry", role="hq", kind="rsa")
    out = field.root / "sealed.bundle"
    trust.add_ca(DataDir(field.laptop), ca.ca_certificate(field.ca_dir))  # as a reference package brings it
    with open_workspace(field.laptop) as ws:
        bundle_export.export_bundle(ws, out, PASS, encrypt_to=keys.read_certificate(DataDir(field.hq)),
                                    full_history=True)
    assert envelope.is_encrypted(out)
    with pytest.raises(CryptoError, match="passphrase is needed"):
        hq_import.import_files(hq, [out])
    assert out.exists() and not hq.data.quarantine.exists()  # not the bundle's fault: left where it is
    batch = hq_import.import_files(hq, [out], passphrase=lambda: PASS)
    assert not batch.refused and batch.imported[0].counts["inspection"] == {"added": DEMO_INSPECTIONS}


def test_reference_bundles_are_not_field_reports(field: Field, hq: Workspace) -> None:
    identity = keys.load_identity(DataDir(field.laptop), PASS)
    path = field.root / "ref.bundle"
    write_bundle(path, "reference", {}, {}, identity, sender_name="Awa Diop", device_id="dev")
    batch = hq_import.import_files(hq, [path])
    assert "it is a reference bundle; HQ imports field-report bundles" in batch.refused[0].reason


def test_cli(field: Field, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = _export(field, "good.bundle")
    bad = field.root / "bad.bundle"
    bad.write_bytes(b"\x00" * 10)
    base = ["--data-dir", str(field.hq), "hq", "import"]
    assert main([*base, str(good), str(bad), "--quarantine", str(tmp_path / "q")]) == 1
    captured = capsys.readouterr()
    assert "imported bundle" in captured.out and f"inspections {DEMO_INSPECTIONS} added" in captured.out
    assert "[2/2] bad.bundle" in captured.err
    assert "inspector: refused bad.bundle:" in captured.err and str(tmp_path / "q") in captured.err
    assert main([*base, str(good), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["imported"] == [] and len(report["already_imported"]) == 1
    assert (field.hq / "hq.sqlite").is_file()


def _signed_id(field: Field) -> str:
    with open_workspace(field.laptop) as ws:
        return next(i.id for i in all_inspections(ws) if i.status == "signed")


def test_leaving_out_a_signed_inspection_does_not_open_it_to_changes(field: Field, hq: Workspace) -> None:
    honest = _export(field, "honest.bundle")
    assert not hq_import.import_files(hq, [honest]).refused
    before = _counts(hq), _answers(hq)
    signed_id = _signed_id(field)

    def change(records: dict[str, list[dict[str, Any]]]) -> None:
        records["inspection"] = [r for r in records["inspection"] if r["id"] != signed_id]
        answer = next(a for a in records["answer"] if a["inspection_id"] == signed_id and a["value_json"])
        answer["remark"], answer["clock"] = "changed after signing", json.dumps({"another-device": 99})

    batch = hq_import.import_files(hq, [_recraft(field, honest, field.root / "forged.bundle", change)])
    assert "signed here and cannot be changed" in batch.refused[0].reason
    assert (_counts(hq), _answers(hq)) == before


def test_a_signed_status_needs_the_signature_and_the_signed_report(field: Field, hq: Workspace) -> None:
    with open_workspace(field.laptop) as ws:
        aoc = next(i.id for i in all_inspections(ws) if i.status == "in_progress")

    def claim(records: dict[str, list[dict[str, Any]]]) -> None:
        next(r for r in records["inspection"] if r["id"] == aoc)["status"] = "signed"

    forged = _recraft(field, field.root / "early.bundle", field.root / "claimed.bundle", claim)
    batch = hq_import.import_files(hq, [forged])
    assert f"brings inspection {aoc[:8]} as signed, but no digital signature" in batch.refused[0].reason


def _set(table: str, column: str, value: Any, where: Any = None) -> Any:
    def change(records: dict[str, list[dict[str, Any]]]) -> None:
        row = next(r for r in records[table] if where is None or where(r))
        row[column] = value
    return change


@pytest.mark.parametrize(("change", "reason"), [
    (_set("inspection", "status", "bogus"), "column status: 'bogus' is not one of"),
    (_set("answer", "value_json", "{not json"), "column value_json: not JSON"),
    (_set("answer", "clock", '{"d": -1}'), "column clock: a version vector maps"),
    (_set("attachment", "sha256", "/etc/hostname"), "column sha256: not a SHA-256"),
    (_set("answer", "remark", "nul\x00byte"), "column remark: a NUL character"),
    (_set("answer", "remark", "esc\x1b[1m"), "the remark 'esc\\x1b[1m' holds the control character U+001B"),
    (_set("answer", "remark", "r" * 4001), "is 4001 characters long, more than the 4000 accepted"),
    (_set("answer", "revision", 2**40), "column revision: 1099511627776 is out of range"),
    (_set("answer", "key", "no.such.item"), "has no item 'no.such.item'"),
    (_set("answer", "value_json", '"many"', where=lambda a: a["key"].startswith("me.count/")),
     "is not valid"),
])
def test_values_the_app_never_writes_are_refused(field: Field, hq: Workspace, change: Any, reason: str) -> None:
    honest = _export(field, "honest.bundle")
    batch = hq_import.import_files(hq, [_recraft(field, honest, field.root / "bad.bundle", change)])
    assert len(batch.refused) == 1 and reason in batch.refused[0].reason, batch.refused
    assert _counts(hq)["Inspection"] == 0
    assert not hq.data.media.exists() or not any(p.is_file() for p in hq.data.media.rglob("*"))  # none left


def test_an_unsigned_copy_of_an_inspection_signed_here_is_left_out_not_refused(field: Field, hq: Workspace) -> None:
    assert not hq_import.import_files(hq, [_export(field, "signed.bundle")]).refused
    before = _answers(hq)
    signed_id = _signed_id(field)

    def late_edit(records: dict[str, list[dict[str, Any]]]) -> None:  # by a colleague who had not merged the signing
        answer = next(a for a in records["answer"] if a["inspection_id"] == signed_id and a["value_json"])
        answer["remark"], answer["clock"] = "late remark", json.dumps({"colleague": 5})

    batch = hq_import.import_files(hq, [_recraft(field, field.root / "early.bundle", field.root / "late.bundle",
                                                 late_edit)])
    assert not batch.refused, batch.refused[0].reason
    assert any("unsigned copy" in note for note in batch.imported[0].notes)
    assert _answers(hq) == before


def test_refused_bundles_of_the_same_name_never_overwrite_each_other(field: Field, hq: Workspace) -> None:
    for folder in ("a", "b"):
        (field.root / folder).mkdir()
        (field.root / folder / "field.bundle").write_bytes(folder.encode() * 100)
    batch = hq_import.import_files(hq, [field.root / "a" / "field.bundle", field.root / "b" / "field.bundle"])
    copies = [r.copied_to for r in batch.refused]
    assert len(set(copies)) == 2 and sorted(p.read_bytes()[:1] for p in copies if p) == [b"a", b"b"]


def test_a_follow_up_inspection_exported_alone_brings_what_it_follows_up(field: Field, hq: Workspace) -> None:
    with open_workspace(field.laptop) as ws:
        coe = next(i for i in all_inspections(ws) if i.status == "signed")
        later = inspections.start(ws, coe.unit_id, "coe-major-equipment", "spot_check")
        assert followups.follow_ups(ws, later.id)  # the signed COE's open action, the assessments' ones
        sources: set[str] = set()  # the inspections whose actions it follows up, and theirs in turn
        todo = {later.id}
        with ws.db.read() as session:
            while todo:
                found = set(session.exec(select(Finding.inspection_id)
                                         .join(ImprovementAction, col(ImprovementAction.finding_id) == Finding.id)
                                         .join(FollowUp, col(FollowUp.action_id) == ImprovementAction.id)
                                         .where(col(FollowUp.inspection_id).in_(todo))).all())
                todo = found - sources - {later.id}
                sources |= found
    assert coe.id in sources
    path = _export(field, "later.bundle", [later.id])
    batch = hq_import.import_files(hq, [path])
    assert not batch.refused and batch.imported[0].counts["inspection"] == {"added": 1 + len(sources)}


def test_concurrent_reports_of_an_unsigned_inspection_become_conflicts_listed_at_hq(
        field: Field, hq_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_workspace(field.hq, actor="HQ", db_url=hq_url) as hq:
        assert not hq_import.import_files(hq, [field.root / "early.bundle"]).refused
    with open_workspace(field.laptop) as ws:
        aoc = next(i.id for i in all_inspections(ws) if i.status == "in_progress")

    def colleague(records: dict[str, list[dict[str, Any]]]) -> None:  # the same answer, changed elsewhere
        answer = next(a for a in records["answer"] if a["key"] == "aoc.c2.planning")
        answer["value_json"], answer["clock"] = "12", json.dumps({"colleague-laptop": 1})

    other = _recraft(field, field.root / "early.bundle", field.root / "other.bundle", colleague)
    with open_workspace(field.hq, actor="HQ", db_url=hq_url) as hq:
        assert hq_import.import_files(hq, [other]).imported[0].conflicts == 1
    capsys.readouterr()
    assert main(["--data-dir", str(field.hq), "bundle", "conflicts", "--db", hq_url, "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["inspection_id"], row["key"], row["theirs"]) == (aoc, "aoc.c2.planning", 12)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_never_moves_changes_or_deletes_an_input(field: Field, capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    """'hq import .' once copied the folder into quarantine and deleted its contents; folders are refused now."""
    stick = tmp_path / "stick"
    (stick / "photos").mkdir(parents=True)
    (stick / "photos" / "apc.png").write_bytes(png())
    (stick / "garbage.inspector-bundle").write_bytes(b"not a bundle" * 20)
    shutil.copyfile(_export(field, "good.bundle"), stick / "good.inspector-bundle")
    before = _tree(stick)
    base = ["--data-dir", str(field.hq), "hq", "import"]
    for given in (stick, stick / "photos", stick / "photos" / ".."):
        assert main([*base, str(given)]) == 1
        err = capsys.readouterr().err
        assert f"{given} is a folder, not a bundle file: give the bundle files in it, or add --recursive" in err
        assert _tree(stick) == before
    assert main([*base, "/dev/null"]) == 1
    assert "/dev/null is not a regular file (a device or a pipe)" in capsys.readouterr().err
    assert not (field.hq / "quarantine").exists()  # only regular files are ever copied there

    assert main([*base, "--recursive", str(stick), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert len(report["imported"]) == 1 and [r["file"] for r in report["refused"]] == [
        str(stick / "garbage.inspector-bundle")]
    copy = Path(report["refused"][0]["quarantine_copy"])
    assert copy.read_bytes() == (stick / "garbage.inspector-bundle").read_bytes()
    assert str(stick / "garbage.inspector-bundle") in copy.with_name(copy.name + ".reason.txt").read_text()
    assert _tree(stick) == before  # the photos untouched, the refused file still on the stick
    assert "never moved" in _help(capsys, [*base, "--help"])


def _help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit):
        main(argv)
    return " ".join(capsys.readouterr().out.split())


def test_a_refused_bundle_on_a_read_only_medium_is_copied_and_left_in_place(
        field: Field, hq: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "usb" / "bad.inspector-bundle"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00" * 64)

    def no_changes(*_args: object, **_kwargs: object) -> None:
        raise OSError(30, "Read-only file system")  # what moving or deleting on a read-only stick meets

    for name in ("move", "rmtree"):
        monkeypatch.setattr(shutil, name, no_changes)
    batch = hq_import.import_files(hq, [bad])
    refusal = batch.refused[0]
    assert refusal.copied_to is not None and refusal.copied_to.read_bytes() == bad.read_bytes()
    assert "Read-only" not in refusal.reason and bad.exists()


def test_a_bundle_carries_assets(field: Field, hq: Workspace) -> None:
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        unit = all_inspections(ws)[0].unit_id
        with ws.db.session() as session:
            mou = session.exec(select(Mou).where(Mou.unit_id == unit)).one()
            line = session.exec(select(MouLine).where(MouLine.mou_id == mou.id).order_by(MouLine.line_no)).first()
            assert line is not None
            line.registered, line_no = True, line.line_no
        inspection = inspections.start(ws, unit, "coe-major-equipment", "periodic")
        assets.add(ws, inspection.id, line_no, "ab 1")
        assets.add(ws, inspection.id, line_no, "AB 2", "missing", "stolen")
    path = _export(field, "assets.bundle")
    batch = hq_import.import_files(hq, [path])
    assert not batch.refused, batch.refused
    assert batch.imported[0].counts["asset"] == {"added": 2 + DEMO_ASSETS}  # and the demo's
    with hq.db.read() as session:
        rows = session.exec(select(Asset).where(Asset.inspection_id == inspection.id).order_by(Asset.serial)).all()
        assert [(r.serial, r.condition, r.remark) for r in rows] == [("AB 1", "serviceable", ""),
                                                                     ("AB 2", "missing", "stolen")]
    assert hq_import.import_files(hq, [path]).duplicates  # again: nothing changes


def test_a_bundle_with_a_bad_asset_is_refused(field: Field, hq: Workspace) -> None:
    honest = _export(field, "honest.bundle")

    def change(records: dict[str, list[dict[str, Any]]]) -> None:
        inspection = records["inspection"][0]["id"]
        records.setdefault("asset", []).append({"id": "a" * 32, "inspection_id": inspection, "line_no": 1,
                                                "serial": "X", "condition": "stolen", "remark": "",
                                                "created_at": "2026-01-01T00:00:00", "updated_at":
                                                "2026-01-01T00:00:00", "device_id": ""})
    batch = hq_import.import_files(hq, [_recraft(field, honest, field.root / "bad-asset.bundle", change)])
    assert batch.refused and "condition" in str(batch.refused[0])
