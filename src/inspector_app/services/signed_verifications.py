"""The signed verification reports an installation holds (HQ: those the field's bundles brought), per unit and period.

A verification report is signed in the field and recorded as ``report.sign`` audit events on entity
``verification_report`` (``services.verification_signing``); its latest signed PDF sits in the media folder under
its SHA-256. Bundles carry both, so HQ sees them here. Each rendition (its document id) is listed once, with who
signed it as what role; it is **countersigned** once the last of its roles (``domain.verification``) has signed,
else provisional. Its roles are those of the verification report of its unit and period as this database gathers
it (``services.verification_report``), the default roles when the unit is not held here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from inspector_app.domain import verification
from inspector_app.i18n import N_
from inspector_app.reports import verification_data
from inspector_app.services import lookup, signature_log, units, verification_report, verification_signing
from inspector_app.storage.models import Mission, Unit

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

COUNTERSIGNED, PROVISIONAL = "countersigned", "provisional"
STATUS_LABELS = {COUNTERSIGNED: N_("countersigned"), PROVISIONAL: N_("provisional")}


@dataclass(frozen=True)
class Signed:
    """One signature of a report: who, as what role, when (the signer's clock)."""

    signer: str
    role: str
    at: datetime


@dataclass(frozen=True)
class SignedReport:
    """A signed verification report (one rendition); ``document_sha256`` is its latest signed file."""

    document_id: str
    mission_code: str  # "" when the unit is not held here
    unit_id: str
    unit_name: str  # the unit's name, or the one the document id names when the unit is not held here
    period: str
    lang: str
    roles: tuple[str, ...]  # the report's signature roles; the last countersigns
    signatures: tuple[Signed, ...]  # oldest first
    document_sha256: str

    @property
    def countersigned(self) -> bool:
        return not verification.provisional(self.roles, (s.role for s in self.signatures))

    @property
    def status(self) -> str:
        """``COUNTERSIGNED`` or ``PROVISIONAL`` (``STATUS_LABELS`` in words)."""
        return COUNTERSIGNED if self.countersigned else PROVISIONAL

    def signed_by(self) -> str:
        """Who signed as what role, oldest first: "Awa Diop (coe_inspector), …"."""
        return ", ".join(f"{s.signer} ({s.role})" for s in self.signatures)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: what ``inspector hq verifications --json`` prints."""
        return {"document_id": self.document_id, "mission": self.mission_code, "unit_id": self.unit_id,
                "unit": self.unit_name, "period": self.period, "lang": self.lang,
                "status": self.status, "roles": list(self.roles),
                "signatures": [{"signer": s.signer, "role": s.role, "at": s.at.isoformat()} for s in self.signatures],
                "document_sha256": self.document_sha256}


def signed_reports(ws: Workspace, unit: str | None = None, period: str | None = None) -> list[SignedReport]:
    """Every signed verification report held here, or those of ``unit`` (name, id or unique prefix) and
    ``period`` ("2026Q4", "2026-11"), by mission code, unit name, period and document id."""
    code = verification.parse_period(period).code if period else None
    by_document: dict[str, list[signature_log.Record]] = {}
    named: dict[str, dict[str, object]] = {}  # document id → its first event's details (unit id, period)
    with ws.db.read() as session:
        unit_id = units.find_unit(session, unit).id if unit else None
        for event in signature_log.events(session, verification_signing.ENTITY):
            by_document.setdefault(event.entity_id, []).append(signature_log.record_of(event))
            named.setdefault(event.entity_id, signature_log.details(event.new_json))
        held = {u.id: (u, m) for u, m in session.exec(
            select(Unit, Mission).join(Mission, col(Mission.id) == Unit.mission_id)
            .where(col(Unit.id).in_({str(d.get("unit_id", "")) for d in named.values()})))}
    found = []
    for document_id, records in by_document.items():
        details = named[document_id]
        of_unit, of_period = str(details.get("unit_id", "")), str(details.get("period", ""))
        if (unit_id is not None and of_unit != unit_id) or (code is not None and of_period != code):
            continue
        here = held.get(of_unit)
        parsed = verification_data.parse(document_id)
        found.append(SignedReport(
            document_id, here[1].code if here else "", of_unit,
            here[0].name if here else (parsed.unit if parsed else ""), of_period, records[-1].lang,
            (), tuple(Signed(r.signer, r.role, r.at) for r in records), records[-1].document_sha256))
    roles = _roles(ws, {(r.unit_id, r.period) for r in found if r.unit_id in held})
    default = verification.roles(None)
    return sorted((replace(r, roles=roles.get((r.unit_id, r.period), default)) for r in found),
                  key=lambda r: (r.mission_code, r.unit_name, r.period, r.document_id))


def countersigned(ws: Workspace) -> set[tuple[str, str]]:
    """(unit id, period code) of every unit and period with a countersigned verification report held here."""
    return {(r.unit_id, r.period) for r in signed_reports(ws) if r.countersigned}


def document_ids(ws: Workspace) -> list[str]:
    """The document ids of every signed verification report held here, sorted."""
    with ws.db.read() as session:
        return sorted({e.entity_id for e in signature_log.events(session, verification_signing.ENTITY)})


def signed_file(ws: Workspace, document_id: str) -> bytes:
    """The latest signed PDF of the verification report ``document_id`` (or a unique prefix of it)."""
    chosen = lookup.unique_prefix(document_ids(ws), document_id, "signed verification report")
    data = verification_signing.signed_file(ws, chosen)
    assert data is not None  # it has records
    return data


def _roles(ws: Workspace, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
    """The signature roles of the verification report of each (unit id, period)."""
    return {(unit_id, code): verification_report.gather(ws, unit_id, code).roles for unit_id, code in pairs}
