"""Fixtures: every test gets its own data folder and database, never the user's."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from inspector_app.domain.checklist import MouLineRef, PersonRef
from inspector_app.paths import DATA_DIR_ENV
from inspector_app.services import units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Inspection


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "default-data"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Workspace]:
    workspace = open_workspace(data_dir, actor="tester")
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


def add_test_unit(ws: Workspace) -> str:
    """A small FPU: three MOU lines, three officers, two self-sustainment categories; its name."""
    mission = units.create_mission(ws, "Test Mission", "TEST")
    units.create_unit(ws, mission.id, name="TST FPU", contributing_country="Testland",
                      mou=LINES, ss_categories=["catering", "medical"], persons=PERSONS)
    return "TST FPU"


def mark_ready_for_review(ws: Workspace, inspection_id: str) -> None:
    """Set the inspection ready for review directly (answering every item is not what such tests are about)."""
    with ws.db.session() as session:
        row = session.get(Inspection, inspection_id)
        assert row is not None
        row.status = "ready_for_review"


@pytest.fixture
def unit_name(ws: Workspace) -> str:
    return add_test_unit(ws)


# --- HQ databases: SQLite, and a real PostgreSQL server when one is reachable -----------------------------

POSTGRES_URL_ENV = "INSPECTOR_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://inspector:inspector@127.0.0.1/inspector_test"
NOT_TESTED = "PostgreSQL NOT TESTED"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | str]:
    """An AUTOCOMMIT engine on the server named by INSPECTOR_TEST_POSTGRES_URL, or why there is none."""
    url = make_url(os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL))
    engine = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure to reach the server is a reason to skip, reported loudly
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        yield f"cannot connect to {url.render_as_string(hide_password=True)} ({reason}; see scripts/test-postgres.sh)"
        return
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_admin: Engine | str) -> Iterator[str]:
    """A fresh PostgreSQL database, dropped after the test; skipped (loudly) when there is no server."""
    if isinstance(postgres_admin, str):
        pytest.skip(f"{NOT_TESTED}: {postgres_admin}")
    name = f"inspector_test_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(postgres_admin, name)


def _drop(admin: Engine, name: str) -> None:
    """Drop a test database; a few tries, since an autovacuum worker may hold it for a moment."""
    for attempt in range(5):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt == 4:
                raise
            time.sleep(0.5)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hq_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty HQ database: a SQLite file, or a fresh PostgreSQL database dropped after the test."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hq.sqlite'}"
    return str(request.getfixturevalue("postgres_url"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly when the PostgreSQL variants were skipped for want of a server."""
    reasons = [str(report.longrepr[2]) for report in terminalreporter.stats.get("skipped", [])
               if isinstance(report.longrepr, tuple) and NOT_TESTED in str(report.longrepr[2])]
    if reasons:
        reason = reasons[0].split(f"{NOT_TESTED}: ", 1)[1]
        skipped = f"{len(reasons)} test{'s' if len(reasons) > 1 else ''} skipped"
        terminalreporter.write_sep("!", f"{NOT_TESTED}: {reason}; {skipped}", red=True, bold=True)
