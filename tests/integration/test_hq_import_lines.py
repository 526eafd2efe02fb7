"""HQ import of record lines as they are in the file: a key written twice is refused through the import's parse, and
the batch goes on; times with any offset are stored in UTC; a refused bundle leaves nothing, whichever check finds
it, and the next bundle imports as it would alone."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from inspector_app.crypto import keys
from inspector_app.paths import DataDir
from inspector_app.services import hq_import
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Answer, AuditEvent, ImportedBundle, Inspection
from inspector_app.sync.manifest import canonical_json
from inspector_app.sync.signature import sign_manifest
from tests.integration.field import PASS, Field, export, make_field
from tests.integration.field import inspections as all_inspections

ANSWERS = "records/answer.jsonl"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_field(tmp_path_factory.mktemp("lines")).root


def _edited(field: Field, source: Path, name: str, edit: Callable[[list[bytes]], list[bytes]]) -> Path:
    """``source`` with the lines of its answer file edited as bytes, listed and signed again by the laptop: a
    bundle that passes every check of the archive and its signature."""
    with zipfile.ZipFile(source) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    data = b"".join(line + b"\n" for line in edit(members[ANSWERS].split(b"\n")[:-1]))
    manifest = json.loads(members["manifest.json"])
    entry = next(f for f in manifest["files"] if f["path"] == ANSWERS)
    entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    members[ANSWERS], members["manifest.json"] = data, canonical_json(manifest)
    members["manifest.sig"] = sign_manifest(members["manifest.json"], keys.load_identity(DataDir(field.laptop), PASS))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    path = field.root / name
    path.write_bytes(out.getvalue())
    return path


def _held(ws: Workspace) -> tuple[int, int, int, int]:
    with ws.db.read() as session:
        return tuple(session.exec(select(func.count()).select_from(model)).one()  # type: ignore[return-value]
                     for model in (Inspection, Answer, AuditEvent, ImportedBundle))


@pytest.mark.parametrize(("edit", "key"), [
    (lambda line: line.replace(b'{"answered_by":', b'{"remark":"twice","answered_by":', 1), "remark"),
    (lambda line: line.replace(b'"id":', b'"id" : "first", "id":', 1), "id"),
])
def test_a_key_twice_in_an_answer_line_refuses_the_bundle_and_the_next_imports(
        field: Field, hq: Workspace, edit: Callable[[bytes], bytes], key: str) -> None:
    with open_workspace(field.laptop) as ws:
        first, *others = [i.id for i in all_inspections(ws)]
    before = _held(hq)
    honest = export(field, "all.bundle")
    forged = _edited(field, honest, "twice.bundle", lambda lines: [*lines[:-1], edit(lines[-1])])
    batch = hq_import.import_files(hq, [forged, export(field, "first.bundle", [first])])
    assert [r.path for r in batch.refused] == [forged], batch.refused
    assert f"{ANSWERS} line" in batch.refused[0].reason and f"duplicate key '{key}'" in batch.refused[0].reason
    with hq.db.read() as session:
        assert set(session.exec(select(Inspection.id))) == {first}
    assert _held(hq)[3] == before[3] + 1
    assert hq_import.import_files(hq, [honest]).imported  # the same records, each key once: imported


def test_times_with_any_offset_are_stored_in_utc(field: Field, hq: Workspace) -> None:
    def shift(lines: list[bytes]) -> list[bytes]:
        rows = [json.loads(line) for line in lines]
        rows[0]["updated_at"] = "2026-03-01T12:30:00.250000+02:00"
        rows[1]["updated_at"] = "2026-03-01T10:30:00.250000"  # no offset: taken as UTC
        return [canonical_json(row) for row in rows]

    with zipfile.ZipFile(export(field, "all.bundle")) as archive:
        ids = [json.loads(line)["id"] for line in archive.read(ANSWERS).splitlines()]
    batch = hq_import.import_files(hq, [_edited(field, field.root / "all.bundle", "shifted.bundle", shift)])
    assert not batch.refused, batch.refused
    with hq.db.read() as session:
        stored = [session.get(Answer, i).updated_at for i in ids[:2]]  # type: ignore[union-attr]
    assert [t.replace(tzinfo=UTC) if t.tzinfo is None else t for t in stored] == \
        [datetime(2026, 3, 1, 10, 30, 0, 250000, tzinfo=UTC)] * 2


def test_an_answer_with_the_value_of_another_item_is_refused_though_that_value_was_accepted(
        field: Field, hq: Workspace) -> None:
    def borrow(lines: list[bytes]) -> list[bytes]:
        rows = [json.loads(line) for line in lines]
        count = next(r for r in rows if r["key"].startswith("me.count/") and r["value_json"])
        other = next(r for r in rows if r["inspection_id"] == count["inspection_id"] and r["value_json"]
                     and not r["key"].startswith("me.count/") and "found" not in r["value_json"])
        other["value_json"] = count["value_json"]
        rows.remove(other)
        return [canonical_json(row) for row in [*rows, other]]  # after the count answers that hold the value

    before = _held(hq)
    batch = hq_import.import_files(hq, [_edited(field, export(field, "all.bundle"), "borrowed.bundle", borrow)])
    assert len(batch.refused) == 1 and "is not valid" in batch.refused[0].reason, batch.refused
    assert _held(hq) == before
