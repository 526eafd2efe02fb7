"""The AMS candidate registry: every officer an assessment for mission service assessed, with the latest result.

A candidate is an officer of an AMS inspection's frozen roster (name, national id number, rank, gender), of the
unit that put them forward (its country). Only settled assessments count (ready for review, signed, exported).
**Cleared**: the candidate passed every test of their latest assessment (``domain.results``: certified). A
clearance is **valid until** the assessment's date plus the template's ``rules.clearance_months`` (default 24:
"a pass is valid 24 months"); a candidate not cleared has no validity. Later assessments replace earlier ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from inspector_app.domain.ori import add_months
from inspector_app.domain.template_model import TemplateKind
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
    unit: str
    inspection_id: str
    assessed_on: date | None
    cleared: bool
    valid_until: date | None

    def valid_on(self, day: date) -> bool:
        """Cleared, and the clearance has not run out on ``day``."""
        return self.valid_until is not None and day <= self.valid_until

    def to_dict(self, today: date) -> dict[str, Any]:
        return {"id_number": self.id_number, "name": self.name, "rank": self.rank, "gender": self.gender,
                "country": self.country, "unit": self.unit, "inspection_id": self.inspection_id,
                "assessed_on": _iso(self.assessed_on), "cleared": self.cleared,
                "valid_until": _iso(self.valid_until), "valid_now": self.valid_on(today)}


def registry(ws: Workspace) -> list[Candidate]:
    """Every assessed candidate, by name; each with their latest settled assessment."""
    latest: dict[str, Candidate] = {}
    for scored in sorted(hq_views.scored_inspections(ws, TemplateKind.AMS, settled_only=True),
                         key=lambda s: s.inspection.start_date or date.min):
        when = scored.inspection.start_date or scored.inspection.end_date
        ranks = {p.id_number: p.rank for p in scored.checklist.scope.persons}
        months = scored.checklist.template.rules.clearance_months
        for person in scored.results.persons:
            if not person.assessed:
                continue
            cleared = person.certified is True  # None: still pending
            until = add_months(when, months) if cleared and when is not None else None
            latest[person.id_number] = Candidate(
                person.id_number, person.name, ranks.get(person.id_number, ""), person.gender,
                scored.unit.contributing_country, scored.unit.name, scored.inspection.id, when, cleared, until)
    return sorted(latest.values(), key=lambda c: (c.name.casefold(), c.id_number))


def search(found: list[Candidate], text: str | None = None, valid_on: date | None = None) -> list[Candidate]:
    """The candidates whose name, id number, unit or country holds ``text``; with ``valid_on``, only those cleared
    and still valid that day."""
    needle = (text or "").casefold()
    return [c for c in found
            if needle in f"{c.name} {c.id_number} {c.unit} {c.country}".casefold()
            and (valid_on is None or c.valid_on(valid_on))]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
