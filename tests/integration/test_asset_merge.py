"""Registered items across a team's laptops: assets merge, the line's count follows them, removals travel."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from inspector_app.crypto import keys
from inspector_app.paths import DataDir
from inspector_app.services import assets, conflicts, demo, inspections, team_merge
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent
from inspector_app.sync import merge
from inspector_app.sync.merge import Action, Reason
from tests.integration.field import PASS, Field, make_field

APCS, GENERATORS = 1, 15  # TGO FPU 3's registered lines
COUNT = "me.count/{}"
Team = tuple[Field, Workspace, Workspace, str]  # the files' root, the leader's and the colleague's laptops, the ORI


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The leader's laptop with the demo; a colleague's, with a self-signed identity and nothing else yet."""
    root = make_field(tmp_path_factory.mktemp("assets"), sign=False).root
    keys.create_identity(DataDir(root / "colleague"), "Jean Kabila", "inspector", PASS)
    return root


@pytest.fixture
def team(seeded: Path, tmp_path: Path) -> Iterator[Team]:
    """A new ORI of TGO FPU 3 on the leader's laptop, shared with the colleague; both workspaces open."""
    field = Field(Path(shutil.copytree(seeded, tmp_path / "team")))
    leader = open_workspace(field.laptop, actor="Awa Diop")
    colleague = open_workspace(field.root / "colleague", actor="Jean Kabila")
    ori = inspections.start(leader, demo.TOGO.name, demo.ME, "operational_readiness").id
    _send(field, leader, colleague, ori, "share")
    yield field, leader, colleague, ori
    leader.close()
    colleague.close()


def _send(field: Field, sender: Workspace, receiver: Workspace, ori: str, name: str) -> ImportResult:
    path = field.root / f"{name}.bundle"
    team_merge.export_peer(sender, path, PASS, [ori])
    result = team_merge.import_file(receiver, path)
    assert isinstance(result, ImportResult)
    return result


def _assets(ws: Workspace, ori: str) -> dict[tuple[int, str], str]:
    """(line, serial) → condition; a serial held twice on a line would show as fewer entries than rows."""
    rows = assets.list_assets(ws, ori)
    held = {(a.line_no, a.serial): a.condition for a in rows}
    assert len(held) == len(rows), "the same serial twice on one line"
    return held


def _count(ws: Workspace, ori: str, line: int) -> object:
    return inspections.load(ws, ori).values().get(COUNT.format(line))


@pytest.mark.parametrize("first", ["leader", "colleague"])
def test_assets_added_on_two_laptops_merge_and_the_count_follows_them(
        team: Team, first: str) -> None:
    field, leader, colleague, ori = team
    for serial in ("TG-APC-001", "TG-APC-002", "TG-APC-003"):
        assets.add(leader, ori, APCS, serial)
    assets.add(colleague, ori, APCS, "TG-APC-004")
    assets.add(colleague, ori, APCS, "TG-APC-005", "unserviceable")
    assets.add(colleague, ori, GENERATORS, "TG-GEN-01", "missing")
    assert _count(leader, ori, APCS) == {"found": 3, "serviceable": 3}
    assert _count(colleague, ori, APCS) == {"found": 2, "serviceable": 1}
    sender, receiver = (leader, colleague) if first == "leader" else (colleague, leader)

    first_import = _send(field, sender, receiver, ori, "first")
    assert first_import.conflicts == 0 and conflicts.list_open(receiver) == []
    assert first_import.counts["asset"]["added"] == 3
    assert _count(receiver, ori, APCS) == {"found": 5, "serviceable": 4}  # recomputed from the 5 merged assets
    assert _count(receiver, ori, GENERATORS) == {"found": 0, "serviceable": 0}
    result = _send(field, receiver, sender, ori, "second")
    assert result.conflicts == 0 and conflicts.list_open(sender) == []

    merged = {(APCS, f"TG-APC-00{n}"): "serviceable" for n in (1, 2, 3, 4)} | {
        (APCS, "TG-APC-005"): "unserviceable", (GENERATORS, "TG-GEN-01"): "missing"}
    for ws in (leader, colleague):
        assert _assets(ws, ori) == merged
        assert _count(ws, ori, APCS) == {"found": 5, "serviceable": 4}
    assert inspections.load(leader, ori).values() == inspections.load(colleague, ori).values()

    # The count was rewritten in the import, audited as a merge of that bundle; once converged, nothing moves.
    with receiver.db.read() as session:
        rewrites = [json.loads(e.new_json or "{}") for e in session.exec(select(AuditEvent).where(
            AuditEvent.action == "answer.merge", AuditEvent.device_id == receiver.db.device_id))]
    assert ('{"found": 5, "serviceable": 4}', first_import.bundle_id) in [
        (r["value_json"], r["bundle"]) for r in rewrites]
    again = _send(field, sender, receiver, ori, "third")
    assert "updated" not in again.counts.get("answer", {}) and again.conflicts == 0


def test_the_same_serial_on_two_laptops_is_one_asset(team: Team) -> None:
    field, leader, colleague, ori = team
    assets.add(leader, ori, APCS, "TG-APC-001")
    assets.add(leader, ori, APCS, "TG-APC-002")
    assets.add(colleague, ori, APCS, "tg-apc-001")  # the same vehicle, seen by both
    assets.add(colleague, ori, APCS, "TG-APC-002", "unserviceable", "gearbox")  # judged otherwise
    result = _send(field, colleague, leader, ori, "back")
    assert result.conflicts == 0 and result.counts["asset"] == {"unchanged": 1, "kept": 1}
    assert any("TG-APC-002" in note and "unserviceable" in note for note in result.notes)
    assert _assets(leader, ori) == {(APCS, "TG-APC-001"): "serviceable", (APCS, "TG-APC-002"): "serviceable"}
    assert _count(leader, ori, APCS) == {"found": 2, "serviceable": 2}

    _send(field, leader, colleague, ori, "again")  # each laptop keeps its own judgement of TG-APC-002
    assert _assets(colleague, ori) == {(APCS, "TG-APC-001"): "serviceable", (APCS, "TG-APC-002"): "unserviceable"}
    assert _count(colleague, ori, APCS) == {"found": 2, "serviceable": 1}
    assert conflicts.list_open(colleague) == []


def test_an_asset_removed_on_one_laptop_stays_removed(team: Team) -> None:
    field, leader, colleague, ori = team
    for serial in ("TG-APC-001", "TG-APC-002", "TG-APC-003"):
        assets.add(leader, ori, APCS, serial)
    _send(field, leader, colleague, ori, "assets")
    assets.remove_serial(leader, ori, APCS, "TG-APC-002")  # entered by mistake
    assets.add(colleague, ori, APCS, "TG-APC-004")  # the colleague still holds TG-APC-002

    result = _send(field, colleague, leader, ori, "back")
    assert result.counts["asset"] == {"added": 1, "kept": 1, "unchanged": 2}
    assert any("removed here" in note for note in result.notes)
    assert set(_assets(leader, ori)) == {(APCS, "TG-APC-001"), (APCS, "TG-APC-003"), (APCS, "TG-APC-004")}
    assert _count(leader, ori, APCS) == {"found": 3, "serviceable": 3}

    result = _send(field, leader, colleague, ori, "removal")  # the removal travels
    assert result.counts["asset"]["removed"] == 1 and result.conflicts == 0
    assert _assets(colleague, ori) == _assets(leader, ori)
    assert _count(colleague, ori, APCS) == {"found": 3, "serviceable": 3}
    with colleague.db.read() as session:
        (event,) = session.exec(select(AuditEvent).where(AuditEvent.action == "asset.delete",
                                                         AuditEvent.device_id == colleague.db.device_id))
    assert json.loads(event.old_json or "{}")["serial"] == "TG-APC-002"


def test_removing_a_lines_last_asset_withdraws_its_count_on_both(team: Team) -> None:
    field, leader, colleague, ori = team
    assets.add(leader, ori, GENERATORS, "TG-GEN-01")
    _send(field, leader, colleague, ori, "asset")
    assets.remove_serial(colleague, ori, GENERATORS, "TG-GEN-01")
    assert _send(field, colleague, leader, ori, "back").counts["asset"] == {"removed": 1}
    assert _assets(leader, ori) == {} and _count(leader, ori, GENERATORS) is None


def test_hand_counts_of_a_line_without_assets_still_conflict(team: Team) -> None:
    field, leader, colleague, ori = team
    inspections.answer(leader, ori, COUNT.format(GENERATORS), "found=0 serviceable=0")
    inspections.answer(colleague, ori, COUNT.format(GENERATORS), "found=1 serviceable=0")
    assert _send(field, colleague, leader, ori, "back").conflicts == 1


def test_the_rules() -> None:
    mine, theirs = merge.Version('{"found": 2}', None, {"a": 1}), merge.Version('{"found": 1}', None, {"b": 1})
    assert merge.answer(mine, theirs, merge.Standing.OPEN).action is Action.CONFLICT
    assert merge.answer(mine, theirs, merge.Standing.OPEN, derived=True) == merge.Decision(
        Action.IGNORE, Reason.DERIVED, {"a": 1, "b": 1})
    asset = {"id": "x", "serial": "S", "condition": "serviceable", "remark": ""}
    assert merge.same_serial(asset, {**asset, "id": "y"}).reason is Reason.SAME
    assert merge.same_serial(asset, {**asset, "id": "y", "condition": "missing"}).reason is Reason.LOCAL
    assert merge.removed([("asset.delete", "x"), ("attachment.remove", "p"), ("attachment.restore", "p")]) == {"x"}
