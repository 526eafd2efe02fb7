"""The inspection workflow: draft → in progress → ready for review → signed (locked) → exported."""

from __future__ import annotations

from enum import StrEnum

from inspector_app.errors import ValidationError


class Status(StrEnum):
    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    READY_FOR_REVIEW = "ready_for_review"
    SIGNED = "signed"
    EXPORTED = "exported"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class InspectionType(StrEnum):
    ARRIVAL = "arrival"
    PERIODIC = "periodic"
    OPERATIONAL_READINESS = "operational_readiness"
    REPATRIATION = "repatriation"
    SPOT_CHECK = "spot_check"
    AOC_PRE_DEPLOYMENT = "aoc_pre_deployment"
    AOC_IN_MISSION = "aoc_in_mission"
    AMS = "ams"


TRANSITIONS: dict[Status, set[Status]] = {
    Status.DRAFT: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: {Status.READY_FOR_REVIEW},
    Status.READY_FOR_REVIEW: {Status.IN_PROGRESS, Status.SIGNED},
    Status.SIGNED: {Status.EXPORTED},
    Status.EXPORTED: set(),
}

LOCKED = frozenset({Status.SIGNED, Status.EXPORTED})
EDITABLE = frozenset({Status.DRAFT, Status.IN_PROGRESS})


def check_transition(current: Status, target: Status) -> None:
    if target not in TRANSITIONS[current]:
        raise ValidationError(f"an inspection that is {current.label} cannot become {target.label}")


def check_unlocked(current: Status) -> None:
    """Signed work is immutable: findings and follow-ups change until signing."""
    if current in LOCKED:
        raise ValidationError(
            f"the inspection is {current.label} and locked; correct it with an amendment"
        )


def check_editable(current: Status) -> None:
    """Answers and photos change only while the inspection is being filled in."""
    check_unlocked(current)
    if current not in EDITABLE:
        raise ValidationError(
            f"the inspection is {current.label}; reopen it for editing first"
        )


def status_after_edit(current: Status) -> Status:
    """The first answer moves a draft into progress."""
    check_editable(current)
    return Status.IN_PROGRESS if current is Status.DRAFT else current
