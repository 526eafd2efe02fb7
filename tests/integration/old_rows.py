"""Rows as an older schema wrote them, for the migration tests (no models: they are at head)."""

from __future__ import annotations

from datetime import date
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


def signed_inspection(conn: Connection) -> None:
    """Mission "m", unit "u", a COE template "t" and a signed inspection "i" of the unit."""
    unit_of_mission(conn)
    insert_row(conn, "template", id="t", template_id="coe", version=1, kind="coe_major_equipment", title_en="T",
               title_fr="T", source="", sha256="0" * 64)
    insert_row(conn, "inspection", id="i", unit_id="u", template_pk="t", type="arrival", status="signed", team="",
               scope_json="{}", start_date=date(2026, 6, 1))
