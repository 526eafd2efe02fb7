"""Use cases of an inspection: start, answer (committed at once), results, workflow."""

from __future__ import annotations

import sqlite3

import pytest

from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import inspections, templates
from inspector_app.services.workspace import Workspace
from tests import shipped

COUNTS = {1: "found=9 serviceable=8", 2: "found=1 serviceable=1", 3: "found=9 serviceable=7"}


def _complete_coe(ws: Workspace, inspection_id: str) -> None:
    for line, value in COUNTS.items():
        inspections.answer(ws, inspection_id, f"me.count/{line}", value)
    for key in ("me.general.records", "me.general.self_reports", "me.general.spares"):
        inspections.answer(ws, inspection_id, key, "yes")


def test_start_freezes_template_version_and_scope(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival", team="A. Team")
    state = inspections.load(ws, inspection.id[:8])
    assert state.status is Status.DRAFT
    assert (state.template.template_id, state.template.version) == ("coe-major-equipment", 2)
    assert [s.key for s in state.checklist.slots if s.item.code == "me.count"] == [
        "me.count/1", "me.count/2", "me.count/3"]
    # A newer template version installed later does not change the started inspection.
    with ws.db.session() as session:
        assert templates.install(ws, session, shipped.next_version(state.template.source), "v3.yaml") is not None
    again = inspections.load(ws, inspection.id)
    assert again.template.version == 2
    with ws.db.session() as session:
        assert templates.latest(session, "coe-major-equipment").version == 3


def test_answer_is_committed_at_once(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    inspections.answer(ws, inspection.id, "me.count/1", "found=9 serviceable=8", remark="two in repair")
    # Another connection (as after a crash) sees it without any further step.
    with sqlite3.connect(ws.data.database) as conn:
        row = conn.execute("SELECT value_json, remark, revision FROM answer WHERE key = 'me.count/1'").fetchone()
    conn.close()
    assert row == ('{"found": 9, "serviceable": 8}', "two in repair", 1)
    assert inspections.load(ws, inspection.id).status is Status.IN_PROGRESS


def test_revisions_record_what_each_change_was_based_on(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    inspections.answer(ws, inspection.id, "me.general.records", "no")
    row = inspections.answer(ws, inspection.id, "me.general.records", "yes")
    assert (row.revision, row.base_revision) == (2, 1)


def test_results_follow_the_answers(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    _complete_coe(ws, inspection.id)
    results = inspections.load(ws, inspection.id).results()
    # APC: MOU 10+1, deployed 9+1 = 10 -> availability 10/11, serviceable 8+1 = 9 of 10 deployed -> 9/10;
    # jeeps: MOU 8, found 9 (surplus 1) -> 8 up to the MOU, availability 8/8, serviceable 7/8, reimbursable 7.
    by_name = {c.name: c for c in results.categories}
    apc, jeeps = by_name["Armoured personnel carriers"], by_name["Support vehicles"]
    assert (apc.availability, apc.serviceability) == (pytest.approx(10 / 11), pytest.approx(9 / 10))
    assert (jeeps.availability, jeeps.serviceability) == (1.0, pytest.approx(7 / 8))
    assert (apc.reimbursable, jeeps.reimbursable, jeeps.surplus) == (9, 7, 1)
    # the pooled indicator: serviceable 16 of 18 deployed up to the MOU
    assert results.overall is not None and results.overall.serviceability == pytest.approx(16 / 18)
    assert results.overall.shortfall == 1 and results.missing == []


def test_submit_is_refused_with_the_open_items_listed(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    inspections.answer(ws, inspection.id, "me.count/1", "found=9 serviceable=8")
    with pytest.raises(ValidationError, match=r"5 required items are still unanswered: .*me\.count/2"):
        inspections.submit(ws, inspection.id)
    assert inspections.load(ws, inspection.id).status is Status.IN_PROGRESS


def test_no_edits_once_submitted_until_reopened(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    _complete_coe(ws, inspection.id)
    inspections.submit(ws, inspection.id)
    with pytest.raises(ValidationError, match="ready for review; reopen it"):
        inspections.answer(ws, inspection.id, "me.count/1", "found=10 serviceable=10")
    inspections.reopen(ws, inspection.id)
    inspections.answer(ws, inspection.id, "me.count/1", "found=10 serviceable=10")


def test_signed_inspection_is_locked(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    _complete_coe(ws, inspection.id)
    inspections.submit(ws, inspection.id)
    with ws.db.session() as session:  # signing itself comes with the signing service
        inspections.find(session, inspection.id).status = Status.SIGNED.value
    with pytest.raises(ValidationError, match="locked; correct it with an amendment"):
        inspections.answer(ws, inspection.id, "me.count/1", "found=10 serviceable=10")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("me.count", "found=1 serviceable=1", r"answered per mou line: give e\.g\. me\.count/1"),
        ("me.count/99", "found=1 serviceable=1", "no such MOU line"),
        ("nope", "yes", "no item 'nope'"),
        ("me.maintenance/3", "yes", "depends on the MOU line's lease"),
        ("me.count/1", "found=2 serviceable=3", r"serviceable \(3\) cannot exceed found \(2\)"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    ws: Workspace, unit_name: str, key: str, value: str, message: str
) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    with pytest.raises((ValidationError, NotFound), match=message):
        inspections.answer(ws, inspection.id, key, value)
    state = inspections.load(ws, inspection.id)
    assert state.answers == {} and state.status is Status.DRAFT


@pytest.mark.parametrize(
    ("value", "remark", "message"),
    [
        ("yes", "oil\x00leak", r"me.general.records: the remark 'oil\\x00leak' holds the control character U\+0000"),
        ("yes", "r" * 4001, "is 4001 characters long, more than the 4000 accepted"),
        ("caf\udce9", None, r"me.general.remarks: 'caf\\udce9' is not valid text .*; write text of 1 to 2000"),
        ("esc\x1b[1m", None, r"control character U\+001B"),
    ],
)
def test_what_hq_would_refuse_is_refused_on_entry(
    ws: Workspace, unit_name: str, value: str, remark: str | None, message: str
) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    key = "me.general.remarks" if remark is None else "me.general.records"
    with pytest.raises(ValidationError, match=message):
        inspections.answer(ws, inspection.id, key, value, remark=remark)
    with pytest.raises(ValidationError, match="control character U\\+0007"):
        inspections.set_remark(ws, inspection.id, key, "bell\a")
    state = inspections.load(ws, inspection.id)
    assert state.answers == {} and state.status is Status.DRAFT
    row = inspections.answer(ws, inspection.id, key, "yes" if remark else "ok", remark="two\ttrucks\nin repair")
    assert row.remark == "two\ttrucks\nin repair"


def test_unknown_type_unit_and_template(ws: Workspace, unit_name: str) -> None:
    with pytest.raises(ValidationError, match="unknown inspection type 'yearly'"):
        inspections.start(ws, unit_name, "coe-major-equipment", "yearly")
    with pytest.raises(NotFound, match="no unit matches 'ghost'"):
        inspections.start(ws, "ghost", "coe-major-equipment", "arrival")
    with pytest.raises(NotFound, match="no template 'nope'"):
        inspections.start(ws, unit_name, "nope", "arrival")


def test_ambiguous_prefix_is_refused(ws: Workspace, unit_name: str) -> None:
    ids = [inspections.start(ws, unit_name, "coe-major-equipment", "arrival").id for _ in range(20)]
    prefix = next(a[0] for a in ids if sum(b[0] == a[0] for b in ids) > 1)
    with pytest.raises(ValidationError, match="matches several inspections"):
        inspections.load(ws, prefix)


def test_self_sustainment_sections_follow_the_mou(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-self-sustainment", "arrival")
    sections = {s.section.mou_category for s in inspections.load(ws, inspection.id).checklist.slots}
    assert {"catering", "medical"} <= sections
    assert "tentage" not in sections  # the test MOU does not list it
