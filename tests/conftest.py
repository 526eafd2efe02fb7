"""Fixtures: every test gets its own data folder and database, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app.domain.checklist import MouLineRef, PersonRef
from inspector_app.paths import DATA_DIR_ENV
from inspector_app.services import units
from inspector_app.services.workspace import Workspace


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "default-data"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(data_dir, actor="tester")
    yield workspace
    workspace.close()


LINES = [
    MouLineRef(1, "Armoured personnel carriers", "APC wheeled", 10, "wet"),
    MouLineRef(2, "Armoured personnel carriers", "APC recovery", 1, "wet"),
    MouLineRef(3, "Support vehicles", "Jeep 4x4", 8, "dry"),
]
PERSONS = [
    PersonRef("T-0001", "Awa Diop", "Police Captain", "female", "Commander"),
    PersonRef("T-0002", "Moussa Fall", "Police Sergeant", "male", "Driver"),
    PersonRef("T-0003", "Khady Sow", "Police Constable", "female", "Medic"),
]


@pytest.fixture
def unit_name(ws: Workspace) -> str:
    """A small FPU: three MOU lines, three officers, two self-sustainment categories."""
    with ws.db.session() as session:
        mission = units.create_mission(ws, session, "Test Mission", "TEST")
        unit = units.create_unit(ws, session, mission, name="TST FPU", contributing_country="Testland")
        units.set_mou(ws, session, unit, LINES, ["catering", "medical"])
        units.add_persons(ws, session, unit, PERSONS)
    return "TST FPU"
