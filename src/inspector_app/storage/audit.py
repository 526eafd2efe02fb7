"""The append-only audit log: each device's events form a SHA-256 hash chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from inspector_app.storage import locks
from inspector_app.storage.chain_hash import GENESIS, event_hash, to_json
from inspector_app.storage.models import AuditEvent

__all__ = ["GENESIS", "ChainProblem", "append", "broken_at", "event_hash", "to_json", "verify_chains"]


def append(
    session: Session,
    *,
    device_id: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    old: Any = None,
    new: Any = None,
) -> AuditEvent:
    """Add one event to ``device_id``'s chain in the caller's transaction."""
    locks.hold(session, f"audit:{device_id}")  # writers to one chain never read the same last event
    last = session.exec(  # a row of (seq, hash)
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.device_id == device_id)
        .order_by(AuditEvent.seq.desc())  # type: ignore[attr-defined]
        .limit(1)
    ).first()
    event = AuditEvent(
        device_id=device_id,
        seq=(last[0] + 1) if last else 1,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        old_json=to_json(old),
        new_json=to_json(new),
        prev_hash=last[1] if last else GENESIS,
        hash="",
    )
    event.hash = event_hash(event)
    session.add(event)
    return event


def broken_at(segment: list[AuditEvent], anchor: str) -> int | None:
    """The seq where ``segment`` (one device's events by seq) stops being whole, linked and unaltered, or None.

    ``anchor`` is the hash of the event before the segment (``GENESIS`` for a chain from event 1).
    """
    prev = anchor
    for expected, event in enumerate(segment, segment[0].seq if segment else 1):
        if event.seq != expected or event.prev_hash != prev or event_hash(event) != event.hash:
            return expected
        prev = event.hash
    return None


@dataclass(frozen=True)
class ChainProblem:
    device_id: str
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"audit log of device {self.device_id[:8]}, event {self.seq}: {self.problem}"


def verify_chains(session: Session) -> tuple[int, list[ChainProblem]]:
    """Check every device's chain: numbering without gaps, links and hashes. Returns (events, problems)."""
    problems: list[ChainProblem] = []
    count = session.exec(select(func.count()).select_from(AuditEvent)).one()
    devices = session.exec(select(AuditEvent.device_id).distinct()).all()
    for device in devices:
        prev, expected_seq = GENESIS, 1
        events = session.exec(
            select(AuditEvent).where(AuditEvent.device_id == device).order_by(AuditEvent.seq)  # type: ignore[arg-type]
        )
        for event in events:
            if event.seq != expected_seq:
                problems.append(ChainProblem(device, expected_seq, "missing (the log has a gap)"))
            if event.prev_hash != prev:
                problems.append(ChainProblem(device, event.seq, "does not link to the event before it"))
            if event_hash(event) != event.hash:
                problems.append(ChainProblem(device, event.seq, "was altered after it was written"))
            prev, expected_seq = event.hash, event.seq + 1
    return count, problems
