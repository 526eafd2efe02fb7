"""SQLAlchemy engines with the durability settings of design.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def read_only_url(path: Path, *, immutable: bool) -> str:
    """SQLite's read-only open of ``path``; ``immutable`` also skips locking, for a folder nobody can write to."""
    return f"sqlite:///file:{path.as_posix()}?mode=ro{'&immutable=1' if immutable else ''}&uri=true"


def make_engine(url: str, *, immediate: bool = True, read_only: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=FULL, foreign keys and (for writers) IMMEDIATE.

    PostgreSQL sessions run in UTC, as SQLite stores times: SQL on dates and times gives the same answers.

    A reader (``immediate=False``) begins deferred: under WAL it never waits for, nor blocks, a writer.
    A ``read_only`` SQLite engine (a read-only data folder) changes nothing, not even the journal mode.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, connect_args=_server_settings(url))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # Writers take the write lock up front: two writers never deadlock on a lock upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate and not read_only else "BEGIN")

    return engine


def _server_settings(url: str) -> dict[str, Any]:
    """Connection options for a server: PostgreSQL's TimeZone, unless the URL sets its own ``options``."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or "options" in parsed.query:
        return {}
    return {"options": "-c TimeZone=UTC"}


def database_place(url: str) -> str:
    """Where the database at ``url`` is, for people: a SQLite file's path, else host/database (no password)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return (parsed.database or url).removeprefix("file:")  # a read-only open names a URI
    host = parsed.host or "localhost"
    if parsed.port:
        host = f"{host}:{parsed.port}"
    return f"{host}/{parsed.database}" if parsed.database else host
