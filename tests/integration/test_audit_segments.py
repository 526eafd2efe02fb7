"""Field-report bundles carry each audit chain since the last bundle, anchored on an event HQ holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import func, select

from inspector_app.crypto import keys, trust
from inspector_app.paths import DataDir
from inspector_app.services import bundle_export, hq_import, inspections, settings
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import audit
from inspector_app.storage.models import AuditEvent
from inspector_app.sync.archive import read_bundle, write_bundle
from inspector_app.sync.manifest import BASE_FORMAT, FORMAT
from inspector_app.sync.records import dump
from tests.integration.field import PASS, Field, make_field
from tests.integration.field import inspections as all_inspections


@pytest.fixture(scope="module")
def field(tmp_path_factory: pytest.TempPathFactory) -> Field:
    """A laptop that exported first.bundle, answered once more and exported second.bundle."""
    field = make_field(tmp_path_factory.mktemp("segments"), sign=False)
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        bundle_export.export_bundle(ws, field.root / "first.bundle", PASS)
        aoc = next(i for i in all_inspections(ws) if i.status == "in_progress")
        key = next(k for k, a in inspections.load(ws, aoc.id).answers.items() if a.value_json is not None)
        inspections.set_remark(ws, aoc.id, key, "checked again on the range")
        bundle_export.export_bundle(ws, field.root / "second.bundle", PASS)
    return field


def _chain(field: Field, name: str) -> tuple[int, list[int]]:
    bundle = read_bundle(field.root / name, trust.load(DataDir(field.hq)))
    return bundle.manifest.format, [e["seq"] for e in bundle.records["audit_event"]
                                    if e["device_id"] == bundle.manifest.source_device]


def _events(ws: Workspace, device: str) -> int:
    with ws.db.read() as session:
        return session.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.device_id == device)).one()


def test_a_later_bundle_carries_the_chain_from_the_last_event_sent(field: Field) -> None:
    first_format, first = _chain(field, "first.bundle")
    second_format, second = _chain(field, "second.bundle")
    assert (first_format, first[0]) == (BASE_FORMAT, 1)  # the first bundle ever: every chain whole
    assert second_format == FORMAT and second[0] == first[-1]  # repeated: the head HQ holds, then what is new
    assert len(second) < 10 < len(first)
    with open_workspace(field.laptop) as ws:
        heads = json.loads(settings.get(ws, bundle_export.AUDIT_EXPORTED) or "{}")
        assert heads == {ws.db.device_id: second[-1]}


def test_hq_takes_the_bundles_in_order_and_refuses_one_that_skips_ahead(field: Field, tmp_path: Path) -> None:
    second = _chain(field, "second.bundle")[1]
    with open_workspace(field.hq, actor="HQ registry") as hq, open_workspace(field.laptop) as laptop:
        device = laptop.db.device_id
        batch = hq_import.import_files(hq, [field.root / "second.bundle"], quarantine=tmp_path)
        assert not batch.imported and _events(hq, device) == 0
        assert (f"continues the audit log of device {device[:8]} from event {second[0]}, but none of its events is "
                "held here: import the bundles made before it first, or ask for a bundle exported with "
                "--full-history") in batch.refused[0].reason
        batch = hq_import.import_files(hq, [field.root / "first.bundle", batch.refused[0].path])
        assert not batch.refused and len(batch.imported) == 2
        assert _events(hq, device) == second[-1]
        with hq.db.read() as session:
            assert audit.verify_chains(session)[1] == []
        assert batch.imported[1].counts["answer"]["updated"] == 1


def test_full_history_and_peer_bundles_carry_every_chain_whole(field: Field, tmp_path: Path) -> None:
    with open_workspace(field.laptop) as ws:
        before = settings.get(ws, bundle_export.AUDIT_EXPORTED)
        bundle_export.export_bundle(ws, tmp_path / "peer.bundle", PASS, kind="peer-merge")
        assert settings.get(ws, bundle_export.AUDIT_EXPORTED) == before  # a colleague is not HQ
        bundle_export.export_bundle(ws, tmp_path / "full.bundle", PASS, full_history=True)
    for name in ("peer.bundle", "full.bundle"):
        bundle = read_bundle(tmp_path / name, trust.load(DataDir(field.hq)), allow_untrusted=True)
        seqs = [e["seq"] for e in bundle.records["audit_event"]]
        assert bundle.manifest.format == BASE_FORMAT and seqs[0] == 1 and seqs == list(range(1, len(seqs) + 1))


def _colleague_chain(first: int, last: int) -> list[dict[str, object]]:
    """Events ``first``..``last`` of a colleague's chain, linked and hashed as the app writes them."""
    prev, rows = "1" * 64, []
    for seq in range(first, last + 1):
        event = AuditEvent(device_id="colleague-device", seq=seq, actor="Jean Martin", action="answer.set",
                           entity="answer", entity_id=f"a{seq}", prev_hash=prev, hash="")
        event.hash = prev = audit.event_hash(event)
        rows.append(dump(event))
    return rows


def test_a_colleague_chain_that_starts_after_events_hq_lacks_is_left_out(field: Field, tmp_path: Path) -> None:
    source = read_bundle(field.root / "first.bundle", trust.load(DataDir(field.hq)))
    records = {table: [dict(r) for r in rows] for table, rows in source.records.items()}
    records["audit_event"] += _colleague_chain(3, 4)
    out = tmp_path / "relayed.bundle"
    write_bundle(out, "field-report", records, {p: source.read(p) for p in source.paths if p.startswith("media/")},
                 keys.load_identity(DataDir(field.laptop), PASS), "Awa Diop", source.manifest.source_device)
    with open_workspace(tmp_path / "hq", actor="HQ registry") as hq:
        trust.add_ca(hq.data, trust.load(DataDir(field.hq)).roots[0])
        batch = hq_import.import_files(hq, [out], quarantine=tmp_path / "q")
        assert not batch.refused, batch.refused[0].reason
        assert ("the audit log of device colleagu in the bundle starts at event 3, after events not held here: "
                "it was left out") in batch.imported[0].notes
        assert _events(hq, "colleague-device") == 0
