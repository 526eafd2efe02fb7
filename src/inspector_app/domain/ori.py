"""When a unit's next operational readiness inspection (ORI) is due (docs/coe-rules.md).

The rule, pure date arithmetic (no storage): the last *counted* arrival, periodic or operational readiness
inspection of the unit plus the interval (an installation setting, six months by default). An inspection counts
once it has been submitted for review (ready for review, signed or exported): drafts and inspections still in
progress do not. A unit with no counted arrival inspection has no due date (the arrival inspection comes first);
a unit whose repatriation inspection counts is not due any more. Spot checks do not reset the clock.

Looking back, each counted periodic or operational readiness inspection was due on the date the one before it
set; one held after that date was late (``held_late``): the unit was overdue until it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from inspector_app.domain.workflow import InspectionType, Status

COUNTED_STATUSES = frozenset({Status.READY_FOR_REVIEW, Status.SIGNED, Status.EXPORTED})
RESETS_CLOCK = frozenset({InspectionType.ARRIVAL, InspectionType.PERIODIC,
                          InspectionType.OPERATIONAL_READINESS})


@dataclass(frozen=True)
class Visit:
    """One inspection of the unit as the rule sees it: its type, status and date (None when not recorded)."""

    type: str
    status: str
    on: date | None


@dataclass(frozen=True)
class OriDue:
    due: date | None
    overdue: bool


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months; a day past the target month's end becomes its last day
    (31 August + 6 months = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _counted(visit: Visit) -> bool:
    return visit.on is not None and visit.status in COUNTED_STATUSES


def next_ori(visits: Iterable[Visit], interval_months: int, today: date) -> OriDue:
    """The unit's next ORI due date and whether it has passed (due strictly before ``today``)."""
    if interval_months < 1:
        raise ValueError("the ORI interval is at least one month")
    counted = [v for v in visits if _counted(v)]
    if not any(v.type == InspectionType.ARRIVAL for v in counted):
        return OriDue(None, False)
    if any(v.type == InspectionType.REPATRIATION for v in counted):
        return OriDue(None, False)
    last = max(v.on for v in counted if v.type in RESETS_CLOCK and v.on is not None)
    due = add_months(last, interval_months)
    return OriDue(due, due < today)


@dataclass(frozen=True)
class Held:
    """A counted periodic or operational readiness inspection against the due date the one before it set."""

    on: date
    due: date

    @property
    def days_late(self) -> int:
        """Days after the due date it was held (0 when on time)."""
        return max((self.on - self.due).days, 0)


def held_late(visits: Sequence[Visit], interval_months: int) -> dict[int, Held]:
    """By position in ``visits``: each counted periodic or ORI visit after the unit's first counted arrival, with
    the due date the previous counted arrival, periodic or ORI visit set (the same rule as ``next_ori``)."""
    if interval_months < 1:
        raise ValueError("the ORI interval is at least one month")
    order = sorted((v.on, i) for i, v in enumerate(visits) if _counted(v) and v.type in RESETS_CLOCK
                   and v.on is not None)
    out: dict[int, Held] = {}
    last: date | None = None
    for on, i in order:
        if last is not None and visits[i].type != InspectionType.ARRIVAL:
            out[i] = Held(on, add_months(last, interval_months))
        if last is not None or visits[i].type == InspectionType.ARRIVAL:
            last = on
    return out
