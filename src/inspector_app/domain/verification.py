"""The verification report's period and which inspections it takes (docs/coe-rules.md, "The verification report").

Pure: dates and plain values in, a choice out (no storage). A **period** is a calendar month (``2026-11``) or a
quarter (``2026Q4``). The report of a unit for a period takes the unit's *counted* COE inspections (submitted
for review, signed or exported: ``domain.ori.COUNTED_STATUSES``) dated in the period (their start date, else
their end date), major equipment and self-sustainment. When several of one kind fall in the period, the
figures are the **latest**'s (by date; the order given breaks a tie, so give them oldest first), a spot check's
only when nothing else of its kind falls in the period (it may cover part of the template); every counted
inspection of the period is still listed, with whether its figures are used.

The signature roles are template data (``rules.verification_roles`` in the COE major-equipment template);
``DEFAULT_ROLES`` when absent. The **last** role countersigns: until it has signed, the report is provisional.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from inspector_app.domain.ori import COUNTED_STATUSES
from inspector_app.domain.template_model import TemplateKind
from inspector_app.domain.workflow import InspectionType
from inspector_app.errors import ValidationError

MONTH, QUARTER = "month", "quarter"
DEFAULT_ROLES = ("coe_inspector", "contingent_commander", "chief_coe_officer")
KINDS = (TemplateKind.COE_MAJOR_EQUIPMENT.value, TemplateKind.COE_SELF_SUSTAINMENT.value)
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_QUARTER = re.compile(r"(\d{4})-?[Qq]([1-4])")


@dataclass(frozen=True)
class Period:
    """A calendar month or quarter; ``code`` is its canonical form ("2026-11", "2026Q4")."""

    code: str
    kind: str  # MONTH or QUARTER
    start: date
    end: date  # the last day, included

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """A period written ``2026-11`` (a month) or ``2026Q4`` (a quarter; ``2026-Q4`` and ``2026q4`` too)."""
    raw = text.strip()
    if match := _MONTH.fullmatch(raw):
        year, month = int(match[1]), int(match[2])
        last = calendar.monthrange(year, month)[1]
        return Period(f"{year:04d}-{month:02d}", MONTH, date(year, month, 1), date(year, month, last))
    if match := _QUARTER.fullmatch(raw):
        year, q = int(match[1]), int(match[2])
        end_month = 3 * q
        return Period(f"{year:04d}Q{q}", QUARTER, date(year, end_month - 2, 1),
                      date(year, end_month, calendar.monthrange(year, end_month)[1]))
    raise ValidationError(f"{text!r} is not a period; write a month like 2026-11 or a quarter like 2026Q4")


def period_of(day: date, kind: str = QUARTER) -> Period:
    """The month or quarter holding ``day``."""
    if kind == MONTH:
        return parse_period(f"{day.year:04d}-{day.month:02d}")
    return parse_period(f"{day.year:04d}Q{(day.month - 1) // 3 + 1}")


@dataclass(frozen=True)
class Candidate:
    """One inspection of the unit as the selection sees it."""

    id: str
    kind: str  # the template kind: "coe_major_equipment", "coe_self_sustainment", ...
    type: str  # arrival, periodic, ...
    status: str
    start: date | None
    end: date | None = None

    @property
    def on(self) -> date | None:
        return self.start or self.end


@dataclass(frozen=True)
class Selection:
    """The period's counted COE inspections (oldest first) and the ones whose figures the report uses."""

    period: Period
    inspections: tuple[Candidate, ...]
    major_equipment: Candidate | None
    self_sustainment: Candidate | None

    @property
    def used(self) -> tuple[str, ...]:
        return tuple(c.id for c in (self.major_equipment, self.self_sustainment) if c is not None)


def counted_in(candidate: Candidate, period: Period) -> bool:
    """A COE inspection submitted for review, signed or exported, dated in ``period``."""
    return candidate.kind in KINDS and candidate.status in COUNTED_STATUSES and candidate.on in period


def select(candidates: Iterable[Candidate], period: Period) -> Selection:
    """The inspections the report of ``period`` takes (see the module's docstring)."""
    counted = [c for c in candidates if counted_in(c, period)]
    ordered = sorted(enumerate(counted), key=lambda pair: (pair[1].on or date.min, pair[0]))
    chosen = [c for _n, c in ordered]

    def latest(kind: str) -> Candidate | None:
        """The latest inspection of ``kind`` that covered the whole checklist; a spot check only when the period
        has nothing else (it may cover part of the template)."""
        of_kind = [c for c in reversed(chosen) if c.kind == kind]
        whole = [c for c in of_kind if c.type != InspectionType.SPOT_CHECK]
        return next(iter(whole or of_kind), None)

    return Selection(period, tuple(chosen), latest(TemplateKind.COE_MAJOR_EQUIPMENT.value),
                     latest(TemplateKind.COE_SELF_SUSTAINMENT.value))


def roles(configured: Sequence[str] | None) -> tuple[str, ...]:
    """The report's signature roles: the template's (``rules.verification_roles``), else ``DEFAULT_ROLES``."""
    return tuple(configured) if configured else DEFAULT_ROLES


def countersigning_role(role_list: Sequence[str]) -> str:
    """The role whose signature ends the provisional state: the last one."""
    return role_list[-1]


def provisional(role_list: Sequence[str], signed_roles: Iterable[str]) -> bool:
    """Provisional until the countersigning role has signed."""
    return countersigning_role(role_list) not in set(signed_roles)
