"""The audit chain's links: the hash each event carries, over its fields and the hash of the event before it.

Apart from the ORM (``storage.audit``) so that the answer path (``storage.answer_rows``) links its events the same
way without loading the table classes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspector_app.storage.models import AuditEvent

GENESIS = "0" * 64  # what the first event of a chain links to


@dataclass(slots=True)
class EventRow:
    """An audit event's columns as the answer path writes them (``storage.answer_rows``), without the ORM."""

    id: str
    device_id: str
    seq: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    old_json: str | None
    new_json: str | None
    prev_hash: str
    hash: str = ""


def to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def event_hash(event: AuditEvent | EventRow) -> str:
    body = {
        "id": event.id,
        "device_id": event.device_id,
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "old": event.old_json,
        "new": event.new_json,
        "prev": event.prev_hash,
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
