"""The AMS candidate registry: every officer an assessment for mission service assessed, with the latest result.

A candidate is an officer of an AMS inspection's frozen roster (name, national id number, rank, gender), of the
unit that put them forward (its country). Only settled assessments count (ready for review, signed, exported).
**Cleared**: the candidate passed every test of their latest assessment (``domain.results``: certified). A
clearance is **valid until** the assessment's date plus the template's ``rules.clearance_months`` (default 24:
"a pass is valid 24 months"); a candidate not cleared has no validity, and names the first test failed.
**Eligibility** on a day (``domain.ams``): cleared and valid, pass expired (eligible for reassessment), or not
cleared and waiting for, or past, the template's retake period. Later assessments replace earlier ones. The same
code reads a laptop's database and HQ's, which holds candidates of every mission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from inspector_app.domain import ams
from inspector_app.domain.template_model import Localized, TemplateKind
from inspector_app.services import hq_views

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


@dataclass(frozen=True)
class Candidate:
    """One candidate and their latest assessment."""

    id_number: str
    name: str
    rank: str
    gender: str
    country: str
    mission: str
    unit: str
    inspection_id: str
    assessed_on: date | None
    cleared: bool
    valid_until: date | None
    failed_test: str | None  # the code of the first test failed
    failed_label: Localized | None
    clearance_months: int  # the template's rules
    retake_after_months: int | None  # None: no retake

    def valid_on(self, day: date) -> bool:
        """Cleared, and the clearance has not run out on ``day``."""
        return self.valid_until is not None and day <= self.valid_until

    def eligibility(self, day: date) -> ams.Eligibility | None:
        """What the assessment allows on ``day``; None when it has no date."""
        if self.assessed_on is None:
            return None
        return ams.eligibility(self.assessed_on, self.cleared, self.clearance_months, self.retake_after_months, day)

    def to_dict(self, today: date) -> dict[str, Any]:
        found = self.eligibility(today)
        return {"id_number": self.id_number, "name": self.name, "rank": self.rank, "gender": self.gender,
                "country": self.country, "mission": self.mission, "unit": self.unit,
                "inspection_id": self.inspection_id, "assessed_on": _iso(self.assessed_on), "cleared": self.cleared,
                "failed_test": self.failed_test, "valid_until": _iso(self.valid_until),
                "valid_now": self.valid_on(today), "expiring_soon": ams.expiring_soon(self.valid_until, today),
                "eligibility": found.status.value if found else None,
                "eligible": found.eligible if found else None,
                "eligible_from": _iso(found.since) if found else None}


def registry(ws: Workspace) -> list[Candidate]:
    """Every assessed candidate, by name; each with their latest settled assessment."""
    latest: dict[str, Candidate] = {}
    found = hq_views.scored_inspections(ws, TemplateKind.AMS, settled_only=True)
    checklists = hq_views.checklists(ws, found)
    for scored in sorted(found, key=lambda s: s.inspection.start_date or date.min):
        when = scored.inspection.start_date or scored.inspection.end_date
        ranks = {p.id_number: p.rank for p in checklists[scored.inspection.id].scope.persons}
        template = scored.template
        labels = {item.code: item.label for _section, item in template.items()}
        for person in scored.results.persons:
            if not person.assessed:
                continue
            cleared = person.certified is True  # None: still pending
            until = ams.valid_until(when, cleared, template.rules.clearance_months) if when is not None else None
            latest[person.id_number] = Candidate(
                person.id_number, person.name, ranks.get(person.id_number, ""), person.gender,
                scored.unit.contributing_country, scored.mission.code, scored.unit.name, scored.inspection.id, when,
                cleared, until, person.failed, labels.get(person.failed or ""),
                template.rules.clearance_months, template.rules.retake_after_months)
    return sorted(latest.values(), key=lambda c: (c.name.casefold(), c.id_number))


def search(found: list[Candidate], text: str | None = None, valid_on: date | None = None,
           expiring_before: date | None = None) -> list[Candidate]:
    """The candidates whose name, id number, rank, unit, mission or country holds ``text``; with ``valid_on``, only
    those cleared and still valid that day; with ``expiring_before``, only clearances that run out before that day
    (expired ones included: both need a reassessment by then), soonest first."""
    needle = (text or "").casefold()
    chosen = [c for c in found
              if needle in f"{c.name} {c.id_number} {c.rank} {c.unit} {c.mission} {c.country}".casefold()
              and (valid_on is None or c.valid_on(valid_on))
              and (expiring_before is None or (c.valid_until is not None and c.valid_until < expiring_before))]
    return chosen if expiring_before is None else sorted(chosen, key=lambda c: c.valid_until or date.min)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
