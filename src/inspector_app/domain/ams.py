"""AMS eligibility: what a candidate's latest assessment allows on a given day (docs/templates.md, "AMS").

A cleared candidate is eligible for mission service until the clearance runs out (assessment date plus the
template's ``clearance_months``); after that the pass has expired and the candidate is eligible for reassessment.
A candidate not cleared may retake the assessment ``retake_after_months`` after it, when the template sets that
rule (our assumption, template data); without it the candidate is not eligible again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from inspector_app.domain.ori import add_months
from inspector_app.i18n import N_, _

SOON_DAYS = 90  # a clearance that runs out within this many days is "expiring soon"


class Status(StrEnum):
    CLEARED = "cleared"  # a valid pass: eligible for mission service
    EXPIRED = "expired"  # the pass ran out: eligible for reassessment
    RETAKE = "retake"  # not cleared, the waiting period is over: may retake
    WAITING = "waiting"  # not cleared: may retake from a later date
    NOT_ELIGIBLE = "not_eligible"  # not cleared, and the template allows no retake

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    Status.CLEARED: N_("eligible for mission service"),
    Status.EXPIRED: N_("pass expired: eligible for reassessment"),
    Status.RETAKE: N_("not cleared: may retake"),
    Status.WAITING: N_("not cleared: may retake from {day}"),
    Status.NOT_ELIGIBLE: N_("not cleared: not eligible to retake"),
}


@dataclass(frozen=True)
class Eligibility:
    status: Status
    since: date | None  # from when the candidate may be assessed again (None: cleared, or never)

    @property
    def eligible(self) -> bool:
        """Eligible now: for mission service, or to be assessed again."""
        return self.status in (Status.CLEARED, Status.EXPIRED, Status.RETAKE)

    def text(self) -> str:
        return self.status.label.format(day=self.since.isoformat() if self.since else "")


def valid_until(assessed_on: date, cleared: bool, clearance_months: int) -> date | None:
    """The last day a clearance is valid; None for a candidate not cleared."""
    return add_months(assessed_on, clearance_months) if cleared else None


def eligibility(assessed_on: date, cleared: bool, clearance_months: int, retake_after_months: int | None,
                day: date) -> Eligibility:
    """What the assessment of ``assessed_on`` allows on ``day``."""
    if cleared:
        until = add_months(assessed_on, clearance_months)
        return Eligibility(Status.CLEARED, None) if day <= until else \
            Eligibility(Status.EXPIRED, until + timedelta(days=1))
    if retake_after_months is None:
        return Eligibility(Status.NOT_ELIGIBLE, None)
    retake = add_months(assessed_on, retake_after_months)
    return Eligibility(Status.RETAKE if day >= retake else Status.WAITING, retake)


def expiring_soon(until: date | None, day: date, days: int = SOON_DAYS) -> bool:
    """A valid clearance that runs out within ``days`` of ``day``."""
    return until is not None and day <= until <= day + timedelta(days=days)
