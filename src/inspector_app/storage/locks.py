"""Named locks held until a transaction ends: writers to one thing take turns on a database server.

On SQLite every writer already holds the database's write lock (``BEGIN IMMEDIATE``), so nothing is needed.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select


def hold(session: Session, name: str) -> None:
    """Wait for, then hold until commit or rollback, the lock called ``name`` (PostgreSQL advisory lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(func.pg_advisory_xact_lock(func.hashtext(name)))).all()
