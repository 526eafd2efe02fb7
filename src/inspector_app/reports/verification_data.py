"""What the verification report of a unit and period shows, as plain values (``services.verification_report``
gathers them; ``reports.verification`` renders them); its content hash and document id. No ReportLab here.

The **content hash** is the SHA-256 of the canonical JSON (``reports.data.content_hash``) of ``payload()``:
the figures and words the report states, in no language (codes, not labels), without the provisional state
(which the signatures decide). The **document id** names one rendition: ``VER-<unit>-<period>-<first 8 hex
digits of the hash>-<language>``, e.g. ``VER-SEN-FPU-1-2026Q4-0123abcd-EN`` (the unit's name, letters and
digits only, joined by hyphens). New figures make a new id, so a signed rendition is never rendered again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inspector_app.domain.serviceability import Aggregate, LineCount
from inspector_app.domain.verification import Period
from inspector_app.reports.data import content_hash

HASH_FORMAT = 1
ID_PREFIX = "VER"
_ID = re.compile(r"VER-(.+)-(\d{4}(?:-\d{2}|Q[1-4]))-([0-9a-f]{8})-([A-Z]{2})")


@dataclass(frozen=True)
class MouVersion:
    """The MOU the figures are judged against: its reference, and its version and effective date once known."""

    reference: str
    version: int | None = None
    effective_from: date | None = None


@dataclass(frozen=True)
class InspectionEntry:
    """A counted COE inspection of the period; ``used``: its figures are the report's."""

    id: str
    kind: str  # template kind code
    type: str  # inspection type code
    status: str
    start: date | None
    end: date | None
    team: str
    used: bool


@dataclass(frozen=True)
class SelfSustainmentRow:
    """One self-sustainment category of the MOU with its verdict (``domain.results.Compliance`` code).

    The table's columns are listed once in ``reports.verification.SS_COLUMNS``: a new figure is a field here
    and one column there."""

    category: str  # the MOU's category code
    label: str  # the category's title in the report's language
    verdict: str | None  # None: not judged (provided by the UN or another party, or not in the checklist)
    provider: str = "contingent"
    reimbursement_affected: bool = False


@dataclass(frozen=True)
class FindingEntry:
    inspection_id: str
    text: str
    recommendation: str


@dataclass(frozen=True)
class VerificationData:
    """The verification report of one unit for one period, in one language."""

    lang: str
    mission_code: str
    mission_name: str
    unit_id: str
    unit_name: str
    country: str
    location: str
    commander: str
    mou: MouVersion
    period: Period
    inspections: tuple[InspectionEntry, ...]
    strength: int | None  # personnel strength on the inspection date (Annex A); None: not recorded
    lines: tuple[LineCount, ...]  # the major-equipment inspection's MOU lines (none without one)
    categories: tuple[Aggregate, ...]
    threshold: float
    self_sustainment: tuple[SelfSustainmentRow, ...]
    findings: tuple[FindingEntry, ...]
    roles: tuple[str, ...]  # signature roles; the last countersigns
    signed_roles: tuple[str, ...] = ()  # roles that signed this rendition so far
    author: str = ""
    generated_on: date = field(default_factory=date.today)

    @property
    def countersigning_role(self) -> str:
        return self.roles[-1]

    @property
    def provisional(self) -> bool:
        """Until the countersigning role has signed."""
        return self.countersigning_role not in self.signed_roles

    @property
    def basis(self) -> str:
        """What the reimbursable quantity counts (the template rule): "serviceable" or "deployed"."""
        return self.lines[0].basis if self.lines else "serviceable"

    def payload(self) -> dict[str, Any]:
        """What the content hash covers: no language, no provisional state."""
        return {
            "format": HASH_FORMAT,
            "report": "coe-verification",
            "mission": self.mission_code,
            "unit": {"id": self.unit_id, "name": self.unit_name, "country": self.country,
                     "location": self.location, "commander": self.commander},
            "mou": {"reference": self.mou.reference, "version": self.mou.version,
                    "effective_from": _iso(self.mou.effective_from)},
            "period": self.period.code,
            "inspections": [{"id": i.id, "kind": i.kind, "type": i.type, "status": i.status,
                             "start": _iso(i.start), "end": _iso(i.end), "team": i.team, "used": i.used}
                            for i in self.inspections],
            "strength": self.strength,
            "threshold": self.threshold,
            "lines": [{"line": n.line_no, "category": n.category, "item": n.item, "mou": n.quantity,
                       "lease": n.lease, "found": n.found, "serviceable": n.serviceable, "basis": n.basis}
                      for n in self.lines],
            "self_sustainment": [{"category": r.category, "verdict": r.verdict, "provider": r.provider,
                                  "reimbursement_affected": r.reimbursement_affected}
                                 for r in self.self_sustainment],
            "findings": [{"inspection": f.inspection_id, "text": f.text, "recommendation": f.recommendation}
                         for f in self.findings],
            "roles": list(self.roles),
        }

    def content_sha256(self) -> str:
        return content_hash(self.payload())

    def document_id(self) -> str:
        return document_id(self.unit_name, self.period.code, self.content_sha256(), self.lang)


@dataclass(frozen=True)
class DocumentId:
    unit: str
    period: str
    lang: str


def document_id(unit_name: str, period_code: str, content_sha256: str, lang: str) -> str:
    slug = "-".join(re.findall(r"[A-Za-z0-9]+", unit_name)) or "unit"
    return f"{ID_PREFIX}-{slug}-{period_code}-{content_sha256[:8]}-{lang.upper()}"


def parse(document_id: str) -> DocumentId | None:
    """The unit, period and language a verification report's id names; None for another id."""
    match = _ID.fullmatch(document_id)
    return DocumentId(match[1], match[2], match[4].lower()) if match else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
