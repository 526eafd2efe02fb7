"""Amendments: a signed inspection is corrected by a new inspection that references it and starts from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.domain.workflow import Status
from inspector_app.errors import ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import amendments, attachments, bundle_export, hq_import, inspections
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Answer, AuditEvent, Inspection
from tests.integration.field import DEMO_INSPECTIONS, PASS, Field, make_field
from tests.integration.field import inspections as all_inspections


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo laptop with its COE signed (answers, remarks and photos) and HQ's CA."""
    return make_field(tmp_path_factory.mktemp("amend")).root


def _signed(ws: Workspace) -> Inspection:
    return next(i for i in all_inspections(ws) if i.status == Status.SIGNED.value)


def _entries(ws: Workspace, inspection_id: str) -> dict[str, tuple[str | None, str]]:
    with ws.db.read() as session:
        rows = session.exec(select(Answer).where(Answer.inspection_id == inspection_id))
        return {a.key: (a.value_json, a.remark) for a in rows}


def test_an_amendment_starts_from_the_signed_answers_remarks_and_photos(field: Field) -> None:
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        signed = _signed(ws)
        before = _entries(ws, signed.id)
        amendment = amendments.amend(ws, signed.id[:8])
        assert amendment.amends_id == signed.id and amendment.id != signed.id
        state = inspections.load(ws, amendment.id)
        assert state.status is Status.IN_PROGRESS and state.template.id == signed.template_pk
        old_photos = attachments.list_for(ws, signed.id, None)
        new_photos = attachments.list_for(ws, amendment.id, None)
        assert old_photos and sorted(p.sha256 for p in new_photos) == sorted(p.sha256 for p in old_photos)
        assert not {p.id for p in new_photos} & {p.id for p in old_photos}
        copied = _entries(ws, amendment.id)
        photo_keys = {p.key for p in old_photos if p.key and p.key in before and before[p.key][0]}
        assert {k: v for k, v in copied.items() if k not in photo_keys} == {
            k: v for k, v in before.items() if k not in photo_keys}
        for key in photo_keys:  # a photo answer lists the amendment's own copies
            listed = inspections.value_of(state.answers[key])
            assert listed and set(listed) <= {p.id for p in new_photos}
        # The amendment can be corrected; the signed inspection stays exactly as signed.
        inspections.answer(ws, amendment.id, "me.count/1", "found=1 serviceable=1")
        with pytest.raises(ValidationError, match="amendment"):
            inspections.answer(ws, signed.id, "me.count/1", "found=1 serviceable=1")
        assert _entries(ws, signed.id) == before
        with ws.db.read() as session:
            event = session.exec(select(AuditEvent).where(AuditEvent.action == "inspection.amend")).one()
        assert event.entity_id == amendment.id and signed.id in (event.new_json or "")


def test_only_a_signed_inspection_is_amended_and_once_at_a_time(field: Field) -> None:
    with open_workspace(field.laptop) as ws:
        draft = next(i for i in all_inspections(ws) if i.status != Status.SIGNED.value)
        with pytest.raises(ValidationError, match="not signed: correct it directly"):
            amendments.amend(ws, draft.id)
        first = amendments.amend(ws, _signed(ws).id)
        with pytest.raises(ValidationError, match=f"already open: {first.id[:8]}"):
            amendments.amend(ws, _signed(ws).id)
        assert len(all_inspections(ws)) == DEMO_INSPECTIONS + 1  # the demo's and the one amendment


def test_cli_amend_prints_the_new_id_and_refuses_in_one_line(field: Field, capsys: pytest.CaptureFixture[str]) -> None:
    with open_workspace(field.laptop) as ws:
        signed, draft = _signed(ws), next(i for i in all_inspections(ws) if i.status != Status.SIGNED.value)
    assert main(["--data-dir", str(field.laptop), "inspections", "amend", signed.id[:8]]) == 0
    new_id = capsys.readouterr().out.strip()
    with open_workspace(field.laptop) as ws:
        assert inspections.load(ws, new_id).inspection.amends_id == signed.id
    assert main(["--data-dir", str(field.laptop), "inspections", "amend", draft.id[:8]]) != 0
    err = capsys.readouterr().err.strip()
    assert "not signed" in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_an_amendment_travels_to_hq_in_a_bundle(field: Field) -> None:
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        signed = _signed(ws)
        amendment = amendments.amend(ws, signed.id)
        inspections.answer(ws, amendment.id, "me.count/1", "found=1 serviceable=1")
        expected = _entries(ws, amendment.id)
        out = field.root / "amended.bundle"
        bundle_export.export_bundle(ws, out, PASS, [amendment.id])
    with open_workspace(field.hq, actor="HQ registry") as hq:
        batch = hq_import.import_files(hq, [out])
        assert not batch.refused and len(batch.imported) == 1
        state = inspections.load(hq, amendment.id)
        assert state.inspection.amends_id == signed.id
        assert inspections.load(hq, signed.id).status is Status.SIGNED
        assert _entries(hq, amendment.id) == expected


def test_amend_on_a_read_only_folder_is_refused_and_changes_nothing(
    field: Field, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_workspace(field.laptop) as ws:
        signed = _signed(ws)
    before = (field.laptop / "inspector.sqlite").read_bytes()
    monkeypatch.setattr(DataDir, "read_only", property(lambda self: self.root == field.laptop))
    assert main(["--data-dir", str(field.laptop), "inspections", "amend", signed.id[:8]]) != 0
    err = capsys.readouterr().err
    assert f"the data folder {field.laptop} is read-only" in err and "Traceback" not in err
    assert (field.laptop / "inspector.sqlite").read_bytes() == before
