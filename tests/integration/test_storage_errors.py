"""A full disk, a read-only folder, a database locked by another copy: a clear error, nothing half-written."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event

from inspector_app.errors import StorageError
from inspector_app.services import inspections
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import engine as engine_module


def _on_connect(ws: Workspace, pragma: Callable[[sqlite3.Connection], None]) -> None:
    """Apply ``pragma`` to every connection from now on (the pool is emptied first)."""
    ws.db.close()  # no pooled connection (writer or reader) keeps the old settings
    event.listen(ws.db.engine, "connect", lambda conn, _rec: pragma(conn))


def _before(ws: Workspace, inspection_id: str) -> tuple[dict[str, object], int]:
    with sqlite3.connect(ws.data.database) as conn:
        events = conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    conn.close()
    return inspections.load(ws, inspection_id).values(), events


def test_full_disk(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    before = _before(ws, inspection.id)
    # SQLite reports SQLITE_FULL, as on a full disk, when the file may not grow any more.
    _on_connect(ws, lambda c: (c.execute("PRAGMA journal_mode = DELETE"), c.execute("PRAGMA max_page_count = 1")))
    with pytest.raises(StorageError, match="the disk is full.*nothing was saved"):
        inspections.answer(ws, inspection.id, "me.count/1", "found=9 serviceable=8",
                           remark="long remark " * 333)  # within the 4000 characters a remark may hold
    assert _before(open_workspace(ws.data.root), inspection.id) == before


def test_read_only_folder(ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    before = _before(ws, inspection.id)
    _on_connect(ws, lambda c: c.execute("PRAGMA query_only = 1"))  # as a read-only medium answers
    with pytest.raises(StorageError, match="read-only.*nothing was saved"):
        inspections.answer(ws, inspection.id, "me.general.records", "yes")
    assert _before(open_workspace(ws.data.root), inspection.id) == before


def test_database_locked_by_another_copy(data_dir: Path, unit_name: str, ws: Workspace,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    impatient = open_workspace(data_dir)
    other = sqlite3.connect(ws.data.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another copy of the app is writing
    try:
        with pytest.raises(StorageError, match="busy: another copy of Inspector"):
            inspections.answer(impatient, inspection.id, "me.general.records", "yes")
        assert inspections.load(impatient, inspection.id).answers == {}  # reading never waits for a writer
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "me.general.records" not in inspections.load(impatient, inspection.id).values()
    impatient.close()
