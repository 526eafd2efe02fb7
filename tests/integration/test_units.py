"""Units and templates as services: each call its own unit of work; reads take no write lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from inspector_app.domain.checklist import MouLineRef, PersonRef
from inspector_app.errors import ValidationError
from inspector_app.services import templates, units
from inspector_app.services.workspace import Workspace

LINE = MouLineRef(1, "Vehicles", "APC", 4, "wet")
PERSON = PersonRef("A-1", "Officer One", "Constable", "female", "")


@contextmanager
def _write_locked(ws: Workspace) -> Iterator[None]:
    """Another connection (another copy of Inspector) in the middle of a save."""
    writer = sqlite3.connect(ws.data.database, isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        yield
    finally:
        writer.rollback()
        writer.close()


def test_a_unit_comes_with_its_mou_and_roster(ws: Workspace) -> None:
    mission = units.create_mission(ws, "Mission", "M")
    unit = units.create_unit(ws, mission.id, name="FPU", contributing_country="Senegal", mou=[LINE],
                             ss_categories=["catering"], persons=[PERSON])
    scope = units.scope(ws, unit.id)
    assert (scope.mou_lines, scope.ss_categories, scope.persons) == ((LINE,), ("catering",), (PERSON,))


def test_a_refused_mou_leaves_no_unit(ws: Workspace) -> None:
    mission = units.create_mission(ws, "Mission", "M")
    with pytest.raises(ValidationError, match="line numbers must be unique"):
        units.create_unit(ws, mission.id, name="FPU", contributing_country="Senegal", mou=[LINE, LINE])
    assert units.list_units(ws) == []


def test_lists_read_while_another_connection_holds_the_write_lock(ws: Workspace, unit_name: str) -> None:
    with _write_locked(ws):
        assert [row.unit.name for row in units.list_units(ws)] == [unit_name]
        assert units.scope(ws, unit_name).mou_lines
        assert "coe-major-equipment" in [c.template_id for c in templates.choices(ws)]
        assert templates.installed(ws)
