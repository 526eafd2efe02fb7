"""The answer path's SQL: an answer, its inspection's status and the audit event of the change, read and written
with prepared statements on SQLite's own cursor, in the caller's transaction (``Database.cursor``).

It writes the rows the ORM writes (``services.inspections.store_answer``, ``storage.audit.append``), column for
column, times in SQLAlchemy's SQLite format, without loading the table classes: the window's autosave and
``inspector inspections answer`` stay within a small factor of a bare SQLite commit.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from inspector_app.storage.chain_hash import GENESIS, EventRow, event_hash, to_json

SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite: UTC, without the offset


@dataclass(slots=True)
class AnswerRow:
    """An answer's columns as the answer path reads and writes them (``models.Answer``'s, without the ORM)."""

    id: str
    inspection_id: str
    key: str
    created_at: datetime
    updated_at: datetime
    device_id: str
    value_json: str | None
    remark: str
    revision: int
    base_revision: int
    answered_by: str
    clock: str


def now() -> datetime:
    return datetime.now(UTC)


def stored(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(SQLITE_TIME)


def parsed(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def inspection(cursor: sqlite3.Cursor, ref: str) -> tuple[str, str] | None:
    """The id and status of the inspection whose id is ``ref``, or the only one whose id starts with it; None
    when there is no such inspection or several (``services.lookup`` then says which)."""
    row = cursor.execute("SELECT id, status FROM inspection WHERE id = ?", (ref,)).fetchone()
    if row is None and ref:
        rows = cursor.execute("SELECT id, status FROM inspection WHERE substr(id, 1, ?) = ? LIMIT 2",
                              (len(ref), ref)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return None if row is None else (row[0], row[1])


def template_and_scope(cursor: sqlite3.Cursor, inspection_id: str) -> tuple[str, str, str]:
    """The SHA-256 and source of the inspection's template, and its frozen scope (JSON)."""
    row = cursor.execute("SELECT t.sha256, t.source, i.scope_json FROM inspection i JOIN template t "
                         "ON t.id = i.template_pk WHERE i.id = ?", (inspection_id,)).fetchone()
    return row[0], row[1], row[2]


def answer(cursor: sqlite3.Cursor, inspection_id: str, key: str) -> AnswerRow | None:
    row = cursor.execute("SELECT id, created_at, updated_at, device_id, value_json, remark, revision, "
                         "base_revision, answered_by, clock FROM answer WHERE inspection_id = ? AND key = ?",
                         (inspection_id, key)).fetchone()
    if row is None:
        return None
    id_, created, updated, device, value_json, remark, revision, base, by, clock = row
    return AnswerRow(id_, inspection_id, key, parsed(created), parsed(updated), device, value_json, remark,
                     revision, base, by, clock)


def value_json(cursor: sqlite3.Cursor, inspection_id: str, key: str) -> str | None:
    row = cursor.execute("SELECT value_json FROM answer WHERE inspection_id = ? AND key = ?",
                         (inspection_id, key)).fetchone()
    return None if row is None else row[0]


def has_assets(cursor: sqlite3.Cursor, inspection_id: str, line_no: int) -> bool:
    """Whether the inspection records registered items (assets) on MOU line ``line_no``."""
    return cursor.execute("SELECT 1 FROM asset WHERE inspection_id = ? AND line_no = ? LIMIT 1",
                          (inspection_id, line_no)).fetchone() is not None


def new_answer(inspection_id: str, key: str, at: datetime) -> AnswerRow:
    """An answer not yet written: revision 0, nothing recorded."""
    return AnswerRow(str(uuid.uuid4()), inspection_id, key, at, at, "", None, "", 0, 0, "", "{}")


def write_answer(cursor: sqlite3.Cursor, row: AnswerRow, *, new: bool) -> None:
    """Insert (``new``) or update ``row``."""
    if new:
        cursor.execute("INSERT INTO answer (id, created_at, updated_at, device_id, inspection_id, key, value_json, "
                       "remark, revision, base_revision, answered_by, clock) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?)", (row.id, stored(row.created_at), stored(row.updated_at), row.device_id,
                                 row.inspection_id, row.key, row.value_json, row.remark, row.revision,
                                 row.base_revision, row.answered_by, row.clock))
    else:
        cursor.execute("UPDATE answer SET updated_at = ?, device_id = ?, value_json = ?, remark = ?, revision = ?, "
                       "base_revision = ?, answered_by = ?, clock = ? WHERE id = ?",
                       (stored(row.updated_at), row.device_id, row.value_json, row.remark, row.revision,
                        row.base_revision, row.answered_by, row.clock, row.id))


def set_status(cursor: sqlite3.Cursor, inspection_id: str, status: str, device_id: str, at: datetime) -> None:
    cursor.execute("UPDATE inspection SET status = ?, updated_at = ?, device_id = ? WHERE id = ?",
                   (status, stored(at), device_id, inspection_id))


def append_event(cursor: sqlite3.Cursor, *, device_id: str, actor: str, action: str, entity: str, entity_id: str,
                 old: Any = None, new: Any = None) -> EventRow:
    """Add one event to ``device_id``'s chain, linked to the last one written by anyone (this process, another
    window, the command line): read in this transaction, which holds SQLite's write lock."""
    last = cursor.execute("SELECT seq, hash FROM audit_event WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
                          (device_id,)).fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    event = EventRow(str(uuid.uuid4()), device_id, seq, now(), actor, action, entity, entity_id, to_json(old),
                     to_json(new), prev)
    event.hash = event_hash(event)
    cursor.execute("INSERT INTO audit_event (id, device_id, seq, at, actor, action, entity, entity_id, old_json, "
                   "new_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (event.id, device_id, seq, stored(event.at), actor, action, entity, entity_id, event.old_json,
                    event.new_json, prev, event.hash))
    return event
