"""The inspection workflow: draft → in progress → ready for review → signed (locked) → exported."""

from __future__ import annotations

from enum import StrEnum

from inspector_app.domain.template_model import TemplateKind
from inspector_app.errors import ValidationError
from inspector_app.i18n import N_, _


class Status(StrEnum):
    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    READY_FOR_REVIEW = "ready_for_review"
    SIGNED = "signed"
    EXPORTED = "exported"

    @property
    def label(self) -> str:
        return _(_STATUS_LABELS[self])


class InspectionType(StrEnum):
    ARRIVAL = "arrival"
    PERIODIC = "periodic"
    OPERATIONAL_READINESS = "operational_readiness"
    REPATRIATION = "repatriation"
    SPOT_CHECK = "spot_check"
    AOC_PRE_DEPLOYMENT = "aoc_pre_deployment"
    AOC_IN_MISSION = "aoc_in_mission"
    AMS = "ams"
    PERFORMANCE_ASSESSMENT = "performance_assessment"

    @property
    def label(self) -> str:
        return _(_TYPE_LABELS[self])


_STATUS_LABELS = {
    Status.DRAFT: N_("draft"),
    Status.IN_PROGRESS: N_("in progress"),
    Status.READY_FOR_REVIEW: N_("ready for review"),
    Status.SIGNED: N_("signed"),
    Status.EXPORTED: N_("exported"),
}
_TYPE_LABELS = {
    InspectionType.ARRIVAL: N_("arrival"),
    InspectionType.PERIODIC: N_("periodic"),
    InspectionType.OPERATIONAL_READINESS: N_("operational readiness"),
    InspectionType.REPATRIATION: N_("repatriation"),
    InspectionType.SPOT_CHECK: N_("spot check"),
    InspectionType.AOC_PRE_DEPLOYMENT: N_("AOC pre-deployment"),
    InspectionType.AOC_IN_MISSION: N_("AOC in mission"),
    InspectionType.AMS: N_("AMS"),
    InspectionType.PERFORMANCE_ASSESSMENT: N_("performance assessment"),
}


_COE = frozenset({TemplateKind.COE_MAJOR_EQUIPMENT, TemplateKind.COE_SELF_SUSTAINMENT})
TEMPLATE_KINDS: dict[InspectionType, frozenset[TemplateKind]] = {
    InspectionType.ARRIVAL: _COE,
    InspectionType.PERIODIC: _COE,
    InspectionType.OPERATIONAL_READINESS: _COE,
    InspectionType.REPATRIATION: _COE,
    InspectionType.SPOT_CHECK: _COE,
    InspectionType.AOC_PRE_DEPLOYMENT: frozenset({TemplateKind.AOC}),
    InspectionType.AOC_IN_MISSION: frozenset({TemplateKind.AOC}),
    InspectionType.AMS: frozenset({TemplateKind.AMS}),
    InspectionType.PERFORMANCE_ASSESSMENT: frozenset({TemplateKind.PERFORMANCE}),
}


def check_template_fits(kind: InspectionType, template: TemplateKind) -> None:
    """A COE checklist serves COE inspections, an AOC checklist AOCs, an AMS checklist AMS."""
    if template not in TEMPLATE_KINDS[kind]:
        fits = ", ".join(t.value for t, kinds in TEMPLATE_KINDS.items() if template in kinds)
        raise ValidationError(f"the {template.value.replace('_', '-')} checklist does not fit a {kind.label} "
                              f"inspection; it serves these types: {fits}")


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
