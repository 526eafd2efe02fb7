"""Rows as an older schema wrote them, for the migration tests (no models: they are at head)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

STAMP = "2026-01-02 03:04:05.000000"


def insert_row(conn: Connection, table: str, **values: Any) -> None:
    """One row of ``table``, written by device dev-a unless said otherwise."""
    values = {"created_at": STAMP, "updated_at": STAMP, "device_id": "dev-a", **values}
    columns = ", ".join(values)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(':' + c for c in values)})"), values)


def unit_of_mission(conn: Connection) -> None:
    """Mission "m" and its unit "u", as every migration test needs them."""
    insert_row(conn, "mission", id="m", name="Mission", code="M")
    insert_row(conn, "unit", id="u", mission_id="m", name="FPU", kind="fpu", contributing_country="X", location="",
               commander="", readiness_level="")
