"""Queries over many ids at once, in chunks that stay below every backend's bound-parameter limit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

CHUNK = 500


def select_in(session: Session, model: Any, column: Any, values: Iterable[Any]) -> list[Any]:
    """Every ``model`` row whose ``column`` is one of ``values``."""
    wanted = sorted(set(values))
    rows: list[Any] = []
    for start in range(0, len(wanted), CHUNK):
        rows.extend(session.exec(select(model).where(col(column).in_(wanted[start:start + CHUNK]))))
    return rows
