"""Findings, improvement actions, and their follow-up at the unit's next inspection."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.errors import ValidationError
from inspector_app.services import followups, inspections
from inspector_app.services.workspace import Workspace

PLAN = followups.ActionPlan("Mark the APCs in UN colours", "Contingent commander", date(2027, 1, 15))


def _follow_ups(ws: Workspace, inspection_id: str) -> list[tuple[str, str]]:
    return [(f.action.description, f.status) for f in followups.follow_ups(ws, inspection_id)]


def test_open_actions_are_carried_into_the_next_inspection(ws: Workspace, unit_name: str) -> None:
    first = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    followups.add_finding(ws, first.id, "APCs lack UN markings", "Repaint", key="me.markings/1", action=PLAN)
    followups.add_finding(ws, first.id, "Logbooks incomplete")  # no action: nothing to follow up

    second = inspections.start(ws, unit_name, "coe-major-equipment", "periodic")
    assert _follow_ups(ws, second.id) == [("Mark the APCs in UN colours", "pending")]
    action_id = followups.follow_ups(ws, second.id)[0].action.id
    followups.follow_up(ws, second.id, action_id[:8], "not_done", "paint not yet delivered")

    third = inspections.start(ws, unit_name, "coe-major-equipment", "spot_check")
    assert _follow_ups(ws, third.id) == [("Mark the APCs in UN colours", "pending")]
    followups.follow_up(ws, third.id, action_id, "done")

    fourth = inspections.start(ws, unit_name, "coe-major-equipment", "periodic")
    assert _follow_ups(ws, fourth.id) == []


def test_findings_are_listed_with_their_actions(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    followups.add_finding(ws, inspection.id, "APCs lack UN markings", "Repaint", action=PLAN)
    [finding] = followups.findings(ws, inspection.id)
    action = finding.action
    assert finding.recommendation == "Repaint"
    assert action is not None and (action.owner, action.due_date, action.status) == (
        "Contingent commander", date(2027, 1, 15), "open")


@pytest.mark.parametrize(
    ("text", "plan", "message"),
    [
        ("  ", None, "needs a text"),
        ("Finding", followups.ActionPlan("Fix", " ", date(2027, 1, 1)), "description and an owner"),
    ],
)
def test_incomplete_findings_are_refused(
    ws: Workspace, unit_name: str, text: str, plan: followups.ActionPlan | None, message: str
) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    with pytest.raises(ValidationError, match=message):
        followups.add_finding(ws, inspection.id, text, action=plan)
    assert followups.findings(ws, inspection.id) == []


def test_bad_follow_up_status(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    with pytest.raises(ValidationError, match="one of pending, done, not_done"):
        followups.follow_up(ws, inspection.id, "x", "maybe")
