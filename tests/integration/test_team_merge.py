"""The team merge: two laptops answer one inspection, the leader merges; concurrent edits become conflicts."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.crypto import ca, keys, trust
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import attachments, bundle_export, conflicts, inspections, team_merge
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.installation import open_workspace
from inspector_app.services.report import render
from inspector_app.services.workspace import Workspace
from inspector_app.storage import audit
from inspector_app.storage.models import AuditEvent, Conflict
from inspector_app.sync import BundleError
from tests.integration.field import CA_PASS, PASS, Field, make_field, png
from tests.integration.field import inspections as all_inspections

DRIVING = "aoc.driving.test/BGD-00{}"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The leader's laptop (demo AOC in progress); a colleague's laptop with a self-signed identity."""
    field = make_field(tmp_path_factory.mktemp("team"), sign=False)
    keys.create_identity(DataDir(field.root / "colleague"), "Jean Kabila", "inspector", PASS)
    return field.root


@pytest.fixture
def field(seeded: Path, tmp_path: Path) -> Field:
    return Field(Path(shutil.copytree(seeded, tmp_path / "team")))


def _aoc(ws: Workspace) -> str:
    return next(i.id for i in all_inspections(ws) if i.status == "in_progress")


def _shared(field: Field) -> tuple[Workspace, Workspace, str]:
    """The leader shares the AOC; the colleague imports it. Both workspaces are returned open."""
    leader = open_workspace(field.laptop, actor="Awa Diop")
    colleague = open_workspace(field.root / "colleague", actor="Jean Kabila")
    aoc = _aoc(leader)
    assert _send(field, leader, colleague, aoc, "share.bundle").counts["inspection"] == {"added": 1}
    return leader, colleague, aoc


def _send(field: Field, sender: Workspace, receiver: Workspace, aoc: str, name: str) -> ImportResult:
    """The sender shares the inspection; the receiver imports it."""
    team_merge.export_peer(sender, field.root / name, PASS, [aoc])
    result = team_merge.import_file(receiver, field.root / name)
    assert isinstance(result, ImportResult)
    return result


def _values(ws: Workspace, aoc: str) -> dict[str, object]:
    return inspections.load(ws, aoc).values()


def test_answers_merge_per_item_and_concurrent_edits_become_conflicts(field: Field) -> None:
    leader, colleague, aoc = _shared(field)
    with leader, colleague:
        assert _values(colleague, aoc) == _values(leader, aoc)
        # The colleague answers new items, changes one answer, and agrees with the leader on another.
        for n in (69, 70, 71):
            inspections.answer(colleague, aoc, DRIVING.format(n), "pass")
        inspections.answer(colleague, aoc, "aoc.c2.planning", "55")
        inspections.answer(colleague, aoc, "aoc.c2.reporting", "90")
        # Meanwhile the leader edits the same item differently, one identically, and answers another.
        inspections.answer(leader, aoc, "aoc.c2.planning", "60")
        inspections.answer(leader, aoc, "aoc.c2.reporting", "90")
        inspections.answer(leader, aoc, DRIVING.format(72), "fail")
        result = _send(field, colleague, leader, aoc, "back.bundle")
        assert result.counts["answer"]["added"] == 3 and result.conflicts == 1
        merged = _values(leader, aoc)
        assert all(merged[DRIVING.format(n)] == "pass" for n in (69, 70, 71))
        assert merged[DRIVING.format(72)] == "fail" and merged["aoc.c2.reporting"] == 90
        assert merged["aoc.c2.planning"] == 60  # mine stands until the conflict is resolved
        # Nothing dropped: every answer of the colleague is in the leader's copy or in a conflict.
        open_ = conflicts.list_open(leader, aoc)
        assert [(c.key, c.mine, c.theirs, c.theirs_by) for c in open_] == [
            ("aoc.c2.planning", 60, 55, "Jean Kabila")]
        for key, value in _values(colleague, aoc).items():
            assert merged[key] == value or any(c.key == key and c.theirs == value for c in open_)

        # The same bundle again changes nothing and opens no second conflict.
        again = team_merge.import_file(leader, field.root / "back.bundle")
        assert again.already_imported is not None and len(conflicts.list_open(leader)) == 1


def test_resolving_is_audited_and_settles_the_item_for_good(field: Field) -> None:
    leader, colleague, aoc = _shared(field)
    with leader, colleague:
        inspections.answer(colleague, aoc, "aoc.c2.planning", "55")
        inspections.answer(leader, aoc, "aoc.c2.planning", "60")
        _send(field, colleague, leader, aoc, "back.bundle")
        (conflict,) = conflicts.list_open(leader, aoc)
        with pytest.raises(ValidationError, match="1 merge conflict still to resolve"):
            inspections.submit(leader, aoc)
        answer = conflicts.resolve(leader, conflict.id[:8], "theirs")
        assert inspections.value_of(answer) == 55 and not conflicts.list_open(leader)
        with pytest.raises(ValidationError, match="resolved already"):
            conflicts.resolve(leader, conflict.id, "mine")
        with leader.db.read() as session:
            event = session.exec(select(AuditEvent).where(AuditEvent.action == "conflict.resolve")).one()
            assert json.loads(event.new_json or "{}")["resolution"] == "theirs"
            assert audit.verify_chains(session)[1] == []

        # The colleague receives the resolution; their next bundle brings no conflict back.
        result = _send(field, leader, colleague, aoc, "resolved.bundle")
        assert result.conflicts == 0
        assert _values(colleague, aoc)["aoc.c2.planning"] == 55
        inspections.answer(colleague, aoc, DRIVING.format(69), "pass")
        result = _send(field, colleague, leader, aoc, "next.bundle")
        assert result.conflicts == 0
        assert result.counts["answer"]["added"] == 1
        assert _values(leader, aoc) == _values(colleague, aoc)


def test_edit_resolution_checks_the_value(field: Field) -> None:
    leader, colleague, aoc = _shared(field)
    with leader, colleague:
        inspections.answer(colleague, aoc, DRIVING.format(69), "pass")
        inspections.answer(leader, aoc, DRIVING.format(69), "fail")
        _send(field, colleague, leader, aoc, "back.bundle")
        (conflict,) = conflicts.list_open(leader, aoc)
        with pytest.raises(ValidationError):
            conflicts.resolve(leader, conflict.id, "edit", "maybe")
        assert conflicts.list_open(leader)  # a refused value settles nothing
        conflicts.resolve(leader, conflict.id, "edit", "pass")
        assert _values(leader, aoc)[DRIVING.format(69)] == "pass"


def test_laptops_refuse_field_reports_and_revoked_colleagues(field: Field) -> None:
    with open_workspace(field.laptop) as leader:
        bundle_export.export_bundle(leader, field.root / "field.bundle", PASS)
        with pytest.raises(BundleError, match="it is a field-report bundle, for HQ"):
            team_merge.import_file(leader, field.root / "field.bundle")
    # A colleague certified by HQ, then revoked: the leader's laptop knows the revocation.
    other = DataDir(field.root / "revoked")
    keys.create_identity(other, "Revoked Officer", "inspector", PASS)
    keys.import_certificate(other, ca.issue(field.ca_dir, keys.csr_for(other), CA_PASS)
                            + (field.ca_dir / ca.CA_PEM).read_bytes(), PASS)
    with open_workspace(other.root) as ws:
        bundle_export.export_bundle(ws, field.root / "revoked.bundle", PASS, kind="peer-merge")
    ca.revoke(field.ca_dir, keys.read_certificate(other), CA_PASS)
    crl = ca.current_crl(field.ca_dir)
    assert crl is not None
    trust.add_ca(DataDir(field.laptop), ca.ca_certificate(field.ca_dir))
    trust.add_crl(DataDir(field.laptop), crl)
    with open_workspace(field.laptop) as leader, pytest.raises(BundleError, match="revoked"):
        team_merge.import_file(leader, field.root / "revoked.bundle")


def test_cli_share_import_conflicts_resolve(field: Field, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    lead, mate = ["--data-dir", str(field.laptop)], ["--data-dir", str(field.root / "colleague")]
    with open_workspace(field.laptop) as ws:
        aoc = _aoc(ws)
    share, back = str(field.root / "s.bundle"), str(field.root / "b.bundle")
    assert main([*lead, "bundle", "share", aoc[:8], "-o", share]) == 0
    assert main([*mate, "bundle", "import", share]) == 0
    assert "merged from" in capsys.readouterr().out
    assert main([*mate, "inspections", "answer", aoc[:8], "aoc.c2.planning", "55"]) == 0
    assert main([*lead, "inspections", "answer", aoc[:8], "aoc.c2.planning", "60"]) == 0
    assert main([*mate, "bundle", "share", aoc[:8], "-o", back]) == 0
    capsys.readouterr()
    assert main([*lead, "bundle", "import", back]) == 0
    assert "1 conflict(s) to resolve" in capsys.readouterr().out
    assert main([*lead, "bundle", "conflicts", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["key"], row["mine"], row["theirs"]) == ("aoc.c2.planning", 60, 55)
    assert main([*lead, "bundle", "resolve", row["id"][:8], "--value", "58"]) == 0
    assert main([*lead, "bundle", "conflicts"]) == 0
    assert "no conflicts to resolve" in capsys.readouterr().out
    with open_workspace(field.laptop) as ws:
        bundle_export.export_bundle(ws, field.root / "field.bundle", PASS)
    capsys.readouterr()
    assert main([*mate, "bundle", "import", share, str(field.root / "field.bundle")]) == 1  # the first, then no
    captured = capsys.readouterr()
    assert "s.bundle: bundle" in captured.out and "imported before" in captured.out
    assert captured.err.strip() == ("inspector: error: field.bundle: it is a field-report bundle, for HQ: import it "
                                    "there with 'inspector hq import'")
    with open_workspace(field.laptop) as ws, ws.db.read() as session:
        assert session.exec(select(Conflict)).one().resolution == "edit"
        assert _values(ws, aoc)["aoc.c2.planning"] == 58


def test_photos_edited_or_removed_on_either_side_merge_as_people_expect(field: Field) -> None:
    leader, colleague, aoc = _shared(field)
    with leader, colleague:
        one = attachments.attach_media(leader, aoc, "", attachments.check_media(png(), "a.png"), "a.png", "mine")
        two = attachments.attach_media(leader, aoc, "", attachments.check_media(_other_png(), "b.png"), "b.png", "")
        _send(field, leader, colleague, aoc, "photos.bundle")
        attachments.set_caption(colleague, one.id, "corrected by the colleague")  # made knowing the leader's
        attachments.remove(leader, two.id)
        assert _send(field, colleague, leader, aoc, "back.bundle").counts["attachment"]["updated"] == 1
        captions = {a.id: a.caption for a in attachments.list_for(leader, aoc, None)}
        assert captions == {one.id: "corrected by the colleague"}  # the removed photo stays removed
        _send(field, leader, colleague, aoc, "again.bundle")
        assert {a.id for a in attachments.list_for(colleague, aoc, None)} == {one.id}  # and its removal travels


def test_a_conflict_settled_by_a_later_edit_that_knew_both_closes_itself(field: Field) -> None:
    leader, colleague, aoc = _shared(field)
    with leader, colleague:
        inspections.answer(leader, aoc, "aoc.c2.planning", "60")
        inspections.answer(colleague, aoc, "aoc.c2.planning", "55")
        _send(field, colleague, leader, aoc, "b1.bundle")
        _send(field, leader, colleague, aoc, "s2.bundle")
        (theirs,) = conflicts.list_open(colleague, aoc)
        conflicts.resolve(colleague, theirs.id, "edit", "58")  # the colleague settles it, knowing both
        _send(field, colleague, leader, aoc, "b2.bundle")
        assert conflicts.list_open(leader, aoc) == [] and _values(leader, aoc)["aoc.c2.planning"] == 58
        with leader.db.read() as session:
            closed = session.exec(select(Conflict)).one()
        assert (closed.status, closed.resolution) == ("resolved", "superseded")


@pytest.mark.parametrize("first", ["leader", "colleague"])
def test_two_laptops_converge_whichever_sends_first(field: Field, first: str) -> None:
    """Both edit, then each imports the other's bundle: the same answers and photos on both laptops, in either
    order; the one item both changed is a conflict on both, each holding the other's version."""
    leader, colleague, aoc = _shared(field)
    with leader, colleague:
        inspections.answer(leader, aoc, DRIVING.format(69), "pass")
        inspections.answer(colleague, aoc, DRIVING.format(70), "fail")
        inspections.answer(leader, aoc, "aoc.c2.planning", "60")
        inspections.answer(colleague, aoc, "aoc.c2.planning", "55")
        photo = attachments.attach_media(colleague, aoc, "", attachments.check_media(png(), "a.png"), "a.png", "")
        sender, receiver = (leader, colleague) if first == "leader" else (colleague, leader)
        _send(field, sender, receiver, aoc, "first.bundle")
        _send(field, receiver, sender, aoc, "second.bundle")
        mine, theirs = _values(leader, aoc), _values(colleague, aoc)
        assert mine.pop("aoc.c2.planning") == 60 and theirs.pop("aoc.c2.planning") == 55
        assert mine == theirs and mine[DRIVING.format(69)] == "pass" and mine[DRIVING.format(70)] == "fail"
        assert [(c.mine, c.theirs) for c in conflicts.list_open(leader, aoc)] == [(60, 55)]
        assert [(c.mine, c.theirs) for c in conflicts.list_open(colleague, aoc)] == [(55, 60)]
        assert {a.id for a in attachments.list_for(leader, aoc, None)} == {photo.id}
        assert {a.id for a in attachments.list_for(colleague, aoc, None)} == {photo.id}


def _other_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (33, 21), (200, 20, 10)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_photo_from_a_colleague_gets_its_print_copy_with_the_first_report(field: Field) -> None:
    """Print copies do not travel in bundles: the receiver's first report makes the photo's, the same bytes."""
    leader, colleague, aoc = _shared(field)
    with leader, colleague:
        photo = attachments.attach_media(colleague, aoc, "", attachments.check_media(png(), "a.png"), "a.png", "")
        _send(field, colleague, leader, aoc, "photo.bundle")
        [arrived] = [a for a in attachments.list_for(leader, aoc, None) if a.id == photo.id]
        copy = attachments.print_copy_path(leader, arrived)
        assert not copy.exists()
        render(leader, aoc)
        assert copy.read_bytes() == attachments.print_copy_path(colleague, photo).read_bytes()
