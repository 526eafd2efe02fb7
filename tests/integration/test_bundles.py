"""Sync bundles: round trip, openssl interoperability, and refusal of every kind of hostile or damaged archive."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import struct
import subprocess
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import SQLModel, func, select

from inspector_app.crypto import ca, keys, trust
from inspector_app.crypto.keys import Identity
from inspector_app.crypto.trust import NOT_YET_TRUSTED, TrustStore
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.progress import Cancelled, Progress
from inspector_app.services import hq_import
from inspector_app.services.installation import open_workspace
from inspector_app.sync import BundleError
from inspector_app.sync.archive import Bundle, Limits, read_bundle, write_bundle
from inspector_app.sync.manifest import BASE_FORMAT, FORMAT, canonical_json
from inspector_app.sync.signature import sign_manifest

PASS = "laptop-secret"
CA_PASS = "hq-ca-secret"
PHOTO = b"\xff\xd8\xff\xe0 a photo of an APC " * 50
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()
REPORT = b"%PDF-1.7 signed report"
RECORDS: dict[str, list[dict[str, Any]]] = {
    "inspection": [{"id": "6f1c", "status": "signed", "unit": "FPU 1", "remark": "Route d'Abéché\u2028ok"}],
    "answer": [{"id": f"a{i}", "item": "me.count/1", "value": {"found": i, "serviceable": i - 1}} for i in range(5)],
    "finding": [],
}


@dataclass(frozen=True)
class World:
    """HQ's CA and trust store, a laptop identity it issued, a self-signed stranger and a revoked inspector."""

    folder: Path
    hq: TrustStore
    inspector: Identity
    stranger: Identity
    revoked: Identity
    hq_with_crl: TrustStore


def _identity(root: Path, name: str, folder: Path | None) -> Identity:
    data = DataDir(root / name.replace(" ", "-"))
    keys.create_identity(data, name, "inspector", PASS)
    if folder is not None:
        keys.import_certificate(data, ca.issue(folder, keys.csr_for(data), CA_PASS) + (folder / ca.CA_PEM).read_bytes(),
                                PASS)
    return keys.load_identity(data, PASS)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("world")
    hq_data, folder = DataDir(root / "hq"), root / "hq" / "ca"
    trust.add_ca(hq_data, ca.init_ca(folder, "UN Police Division CA", CA_PASS))
    inspector = _identity(root, "Awa Diop", folder)
    revoked = _identity(root, "Rogue Agent", folder)
    stranger = _identity(root, "Stranger", None)
    hq = trust.load(hq_data)
    ca.revoke(folder, revoked.certificate, CA_PASS)
    crl = ca.current_crl(folder)
    assert crl is not None
    trust.add_crl(hq_data, crl)
    return World(folder, hq, inspector, stranger, revoked, trust.load(hq_data))


def _write(path: Path, identity: Identity, **kwargs: Any) -> Path:
    write_bundle(path, "field-report", kwargs.get("records", RECORDS),
                 kwargs.get("files", {f"media/{PHOTO_SHA}": PHOTO, "reports/coe-fpu1.pdf": REPORT}),
                 identity, "Awa Diop", "device-1")
    return path


@pytest.fixture(scope="module")
def valid(world: World, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _write(tmp_path_factory.mktemp("valid") / "b.inspector-bundle", world.inspector).read_bytes()


def _members(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: list[tuple[str, bytes]] | dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name": that is the point of one test
        for name, data in items:
            archive.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


def _resigned(valid: bytes, identity: Identity, change: Callable[[dict[str, Any], dict[str, bytes]], None]) -> bytes:
    """The valid bundle with its manifest (and members) changed, then signed again: a well-signed hostile bundle."""
    members = _members(valid)
    manifest = json.loads(members["manifest.json"])
    change(manifest, members)
    members["manifest.json"] = canonical_json(manifest)
    members["manifest.sig"] = sign_manifest(members["manifest.json"], identity)
    return _zip(members)


def _same(bundle: Bundle, other: Bundle) -> bool:
    return (bundle.manifest == other.manifest and bundle.records == other.records
            and all(bundle.read(p) == other.read(p) for p in bundle.paths))


# --- round trip and interoperability -------------------------------------------------------------------


def test_round_trip(world: World, tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    path = tmp_path / "out" / "fpu1.inspector-bundle"
    manifest = write_bundle(path, "field-report", RECORDS, {f"media/{PHOTO_SHA}": PHOTO, "reports/coe.pdf": REPORT},
                            world.inspector, "Awa Diop", "device-1", Progress(lambda d, t: reports.append((d, t))))
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    assert reports[-1] == (7, 7)  # manifest, signature, 3 record files, photo, report
    bundle = read_bundle(path, world.hq)
    assert bundle.manifest == manifest and manifest.format == BASE_FORMAT and manifest.kind == "field-report"
    assert manifest.record_counts == {"answer": 5, "finding": 0, "inspection": 1}
    assert manifest.sender.name == "Awa Diop" and manifest.sender.certificate_sha256 == world.inspector.fingerprint
    assert bundle.records == RECORDS
    assert bundle.media(PHOTO_SHA) == PHOTO and bundle.read("reports/coe.pdf") == REPORT
    assert bundle.signer.trusted and bundle.signer.trust == "trusted" and bundle.signer.name == "Awa Diop"
    members = _members(path.read_bytes())
    assert json.loads(members["manifest.json"])["files"][0] == {
        "path": "records/answer.jsonl", "size": len(members["records/answer.jsonl"]),
        "sha256": hashlib.sha256(members["records/answer.jsonl"]).hexdigest()}
    assert members["records/inspection.jsonl"].endswith(b"\n") and members["records/finding.jsonl"] == b""
    assert read_bundle(path.read_bytes(), world.hq).manifest == manifest  # bytes work as well as paths
    with pytest.raises(BundleError, match="not in the bundle"):
        bundle.read("media/" + "0" * 64)


def test_cancelled_write_leaves_the_old_file_alone(world: World, tmp_path: Path) -> None:
    path = _write(tmp_path / "b.inspector-bundle", world.inspector)
    before = path.read_bytes()
    progress = Progress(lambda done, total: progress.cancel() if done == 2 else None)
    with pytest.raises(Cancelled):
        write_bundle(path, "peer-merge", {}, {"reports/x.pdf": REPORT}, world.inspector, "A", "d", progress)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [path.name]
    with pytest.raises(Cancelled):
        write_bundle(path, "peer-merge", {}, {}, world.inspector, "A", "d", progress)  # already cancelled


def test_writer_refuses_bad_input(world: World, tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    with pytest.raises(BundleError, match="not named by the SHA-256"):
        write_bundle(path, "field-report", {}, {"media/" + "0" * 64: PHOTO}, world.inspector, "A", "d")
    with pytest.raises(BundleError, match="not a media/, reports/ or trust/ file name"):
        write_bundle(path, "field-report", {}, {"../evil.pdf": REPORT}, world.inspector, "A", "d")
    with pytest.raises(BundleError, match="unknown bundle kind"):
        write_bundle(path, "backup", {}, {}, world.inspector, "A", "d")  # type: ignore[arg-type]
    with pytest.raises(BundleError, match="not JSON"):
        write_bundle(path, "peer-merge", {"answer": [{"x": object()}]}, {}, world.inspector, "A", "d")
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_openssl_verifies_the_manifest_signature(world: World, valid: bytes, tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    members = _members(valid)
    (tmp_path / "manifest.sig").write_bytes(members["manifest.sig"])
    (tmp_path / "hq-ca.pem").write_bytes((world.folder / ca.CA_PEM).read_bytes())

    def verify(content: bytes) -> int:
        (tmp_path / "manifest.json").write_bytes(content)
        command = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.sig",
                   "-content", "manifest.json", "-CAfile", "hq-ca.pem", "-purpose", "any", "-out", "verified.json"]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, check=False).returncode

    assert verify(members["manifest.json"]) == 0
    assert verify(members["manifest.json"].replace(b'"field-report"', b'"reference"')) != 0


def test_peer_bundle_from_a_self_signed_laptop(world: World, tmp_path: Path) -> None:
    path = _write(tmp_path / "peer.zip", world.stranger)
    with pytest.raises(BundleError, match=r"signed by Stranger \(not yet trusted by HQ\)"):
        read_bundle(path, world.hq)
    bundle = read_bundle(path, world.hq, allow_untrusted=True)
    assert not bundle.signer.trusted and bundle.signer.self_signed and bundle.signer.trust == NOT_YET_TRUSTED
    assert bundle.records == RECORDS


def test_unknown_manifest_fields_are_ignored(world: World, valid: bytes) -> None:
    blob = _resigned(valid, world.inspector, lambda m, _: m.update(comment="added by a later minor version"))
    assert read_bundle(blob, world.hq).records == RECORDS


# --- refusals ----------------------------------------------------------------------------------------------


def _tamper_manifest(valid: bytes, world: World) -> bytes:
    members = _members(valid)
    members["manifest.json"] = members["manifest.json"].replace(b'"device-1"', b'"device-2"')
    return _zip(members)


def _wrong_signer(valid: bytes, world: World) -> bytes:
    members = _members(valid)
    members["manifest.sig"] = sign_manifest(members["manifest.json"], world.stranger)
    return _zip(members)


def _altered_photo(valid: bytes, world: World) -> bytes:
    members = _members(valid)
    members[f"media/{PHOTO_SHA}"] = PHOTO.replace(b"APC", b"BMP")
    return _zip(members)


def _without(name: str) -> Callable[[bytes, World], bytes]:
    return lambda valid, world: _zip({k: v for k, v in _members(valid).items() if k != name})


def _plus(name: str, data: bytes = b"x") -> Callable[[bytes, World], bytes]:
    return lambda valid, world: _zip([*_members(valid).items(), (name, data)])


def _signed(change: Callable[[dict[str, Any], dict[str, bytes]], None]) -> Callable[[bytes, World], bytes]:
    return lambda valid, world: _resigned(valid, world.inspector, change)


def _missing_listed(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
    del members["reports/coe-fpu1.pdf"]


def _bad_record(line: bytes) -> Callable[[dict[str, Any], dict[str, bytes]], None]:
    def change(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
        members["records/finding.jsonl"] = line + b"\n"
        manifest["record_counts"]["finding"] = 1
        entry = next(f for f in manifest["files"] if f["path"] == "records/finding.jsonl")
        entry.update(size=len(line) + 1, sha256=hashlib.sha256(line + b"\n").hexdigest())
    return change


HOSTILE: dict[str, tuple[Callable[[bytes, World], bytes], str]] = {
    "garbage": (lambda valid, world: b"\x00garbage, not a zip" * 100, "not a ZIP archive, or truncated"),
    "truncated": (lambda valid, world: valid[: len(valid) // 2], "not a ZIP archive, or truncated"),
    "empty": (lambda valid, world: b"", "not a ZIP archive"),
    "no manifest": (_without("manifest.json"), "it has no manifest.json"),
    "no signature": (_without("manifest.sig"), "it has no manifest.sig"),
    "tampered manifest": (_tamper_manifest, "does not match it: the bundle was altered after Awa Diop signed it"),
    "wrong signer": (_wrong_signer, r"signed by Stranger \(not yet trusted by HQ\)"),
    "altered photo": (_altered_photo, f"media/{PHOTO_SHA} does not match its size and SHA-256"),
    "unlisted file": (_plus("media/extra"), "media/extra is in the archive but not listed in its manifest"),
    "listed but missing": (_signed(_missing_listed), "reports/coe-fpu1.pdf is listed in its manifest but missing"),
    "duplicate member": (_plus(f"media/{PHOTO_SHA}", PHOTO), f"media/{PHOTO_SHA} appears twice"),
    "dot-dot": (_plus("media/../../evil.exe"), "has a '..' component"),
    "absolute": (_plus("/etc/cron.d/evil"), "has an absolute path"),
    "backslash": (_plus("..\\..\\evil.bat"), "has a backslash"),
    "drive letter": (_plus("C:/Windows/evil.dll"), "has a drive letter"),
    "newer format": (_signed(lambda m, _: m.update(format=FORMAT + 1, files="changed too")),
                     f"written by a newer Inspector \\(format {FORMAT + 1}\\)"),
    "record is a list": (_signed(_bad_record(b"[1, 2]")), "records/finding.jsonl line 1 is not a JSON object"),
    "record is not json": (_signed(_bad_record(b"{oops")), "records/finding.jsonl line 1 is not valid JSON"),
    "record too deep": (_signed(_bad_record(b"[" * 100_000)), "line 1 is not valid JSON \\(nested too deeply\\)"),
    "wrong count": (_signed(lambda m, _: m["record_counts"].update(answer=4)), "has 5 records, its manifest says 4"),
    "media misnamed": (_signed(lambda m, _: m["files"][3].update(sha256="0" * 64)), "is not named by its SHA-256"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_bundles_are_refused_with_one_clear_message(world: World, valid: bytes, case: str) -> None:
    make, message = HOSTILE[case]
    with pytest.raises(BundleError, match=message):
        read_bundle(make(valid, world), world.hq)


def test_a_signer_other_than_the_sender_is_refused_even_between_peers(world: World, valid: bytes) -> None:
    with pytest.raises(BundleError, match="names another certificate than the one of Stranger"):
        read_bundle(_wrong_signer(valid, world), world.hq, allow_untrusted=True)


def test_revoked_signer_is_refused_even_between_peers(world: World, tmp_path: Path) -> None:
    path = _write(tmp_path / "rogue.zip", world.revoked)
    assert read_bundle(path, world.hq).signer.trusted  # before HQ's CRL arrives
    for allow in (False, True):
        with pytest.raises(BundleError, match="the certificate of Rogue Agent, who signed the bundle, was revoked"):
            read_bundle(path, world.hq_with_crl, allow_untrusted=allow)
    assert read_bundle(_write(tmp_path / "ok.zip", world.inspector), world.hq_with_crl).signer.trusted


def test_missing_file_is_one_clear_error(world: World, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="does not exist"):
        read_bundle(tmp_path / "nowhere.inspector-bundle", world.hq)
    assert issubclass(BundleError, ValidationError)


def test_zip_bomb_is_refused_from_the_central_directory(world: World, valid: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _members(valid).items():
            archive.writestr(name, data)
        with archive.open("media/" + "0" * 64, "w") as member:
            chunk = bytes(1 << 20)
            for _ in range(200):  # 200 MB of zeros, about 200 KB compressed
                member.write(chunk)
    assert path.stat().st_size < 1 << 20
    with pytest.raises(BundleError, match="expands 1\\d{3} times when uncompressed .* zip bomb"):
        read_bundle(path, world.hq)


def test_a_lying_size_header_does_not_get_through(world: World, valid: bytes) -> None:
    members = _members(valid)
    name = f"media/{PHOTO_SHA}"
    blob = bytearray(_zip({**members, name: bytes(4 << 20)}))  # 4 MB of zeros, headers then say 1000 bytes
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = blob.find(signature + b"", 0)
        while start != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if blob[name_at:name_at + len(name)] == name.encode():
                blob[start + offset:start + offset + 4] = struct.pack("<I", 1000)
            start = blob.find(signature, start + 4)
    with pytest.raises(BundleError, match="damaged|more data than its header|does not match its size"):
        read_bundle(bytes(blob), world.hq)


@pytest.mark.parametrize(
    ("limits", "message"),
    [(Limits(max_files=3), "the bundle has 7 files, more than the 3 allowed"),
     (Limits(max_member_bytes=500), r"manifest.json is \d+ bytes uncompressed, more than the 500 bytes allowed"),
     (Limits(max_total_bytes=1000), "its files total more than the 1000 bytes allowed"),
     (Limits(max_ratio=2, ratio_floor=100), "times when uncompressed \\(at most 2\\)")],
)
def test_limits_are_enforced(world: World, valid: bytes, limits: Limits, message: str) -> None:
    with pytest.raises(BundleError, match=message):
        read_bundle(valid, world.hq, limits=limits)


def test_what_the_writer_writes_the_reader_accepts(world: World, tmp_path: Path) -> None:
    """Long, highly compressible remarks in the audit log once made HQ refuse the bundle as a zip bomb."""
    events = [{"seq": n, "new_json": json.dumps({"remark": "tyres worn " * 360})} for n in range(1, 400)]
    path = tmp_path / "remarks.inspector-bundle"
    write_bundle(path, "field-report", {"audit_event": events}, {}, world.inspector, "Awa Diop", "device-1")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("records/audit_event.jsonl")
    assert info.file_size > Limits().ratio_floor and info.compress_type == zipfile.ZIP_STORED
    assert read_bundle(path, world.hq).records["audit_event"] == events
    small = {"answer": [{"remark": "tyres worn " * 360}]}  # small files still deflate, however well
    write_bundle(path, "field-report", small, {}, world.inspector, "Awa Diop", "device-1")
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("records/answer.jsonl").compress_type == zipfile.ZIP_DEFLATED


@pytest.mark.parametrize(
    ("limits", "message"),
    [(Limits(max_files=3), "7 files, more than the 3 allowed"),
     (Limits(max_member_bytes=500), r"manifest.json is \d+ bytes uncompressed, more than the 500 bytes allowed"),
     (Limits(max_total_bytes=1000), "its files total more than the 1000 bytes allowed"),
     (Limits(max_manifest_bytes=100), "manifest.json is more than")],
)
def test_the_writer_refuses_what_a_reader_would(world: World, tmp_path: Path, limits: Limits, message: str) -> None:
    path = tmp_path / "big.inspector-bundle"
    media = bytes(600)
    with pytest.raises(BundleError, match=f"cannot write the bundle: HQ would refuse it \\(.*{message}"):
        write_bundle(path, "field-report", {"a": [], "b": [], "c": [], "d": []},
                     {f"media/{hashlib.sha256(media).hexdigest()}": media}, world.inspector, "Awa Diop", "device-1",
                     limits=limits)
    assert not path.exists() and list(tmp_path.iterdir()) == []


# --- fuzzing -------------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)), max_size=4),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_mutated_bundles_are_read_identically_or_refused(
    world: World, valid: bytes, flips: list[tuple[int, int]], cut: int | None
) -> None:
    blob = bytearray(valid)
    for position, xor in flips:
        blob[position % len(blob)] ^= xor
    if cut is not None:
        blob = blob[: cut % len(blob)]
    original = read_bundle(valid, world.hq)
    try:
        bundle = read_bundle(bytes(blob), world.hq)
    except BundleError:
        return
    assert _same(bundle, original)


def test_hq_import_quarantines_every_hostile_bundle_and_changes_nothing(world: World, valid: bytes, tmp_path: Path,
                                                                        hq_url: str) -> None:
    files = []
    for number, (make, _message) in enumerate(HOSTILE.values()):
        files.append(tmp_path / f"hostile-{number:02}.inspector-bundle")
        files[-1].write_bytes(make(valid, world))
    files.append(_write(tmp_path / "revoked.inspector-bundle", world.revoked))
    files.append(tmp_path / "not-inspector-records.inspector-bundle")  # signed and whole, but not our tables
    files[-1].write_bytes(valid)
    with open_workspace(world.folder.parent, actor="HQ", db_url=hq_url) as ws:
        with ws.db.read() as session:
            before = {t.name: session.exec(select(func.count()).select_from(t)).one()
                      for t in SQLModel.metadata.sorted_tables}
        batch = hq_import.import_files(ws, files, tmp_path / "quarantine")
        with ws.db.read() as session:
            after = {t.name: session.exec(select(func.count()).select_from(t)).one()
                     for t in SQLModel.metadata.sorted_tables}
    assert not batch.imported and not batch.duplicates and before == after
    assert [r.path for r in batch.refused] == files
    assert all(r.reason and r.copied_to is not None and r.copied_to.read_bytes() == r.path.read_bytes()
               for r in batch.refused)
    assert "revoked" in batch.refused[-2].reason and "unknown column" in batch.refused[-1].reason
    assert len(list((tmp_path / "quarantine").glob("*.reason.txt"))) == len(files)
