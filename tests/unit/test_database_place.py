"""Where a database is, as people read it: a file path or host/database, never a SQLAlchemy URL."""

from __future__ import annotations

import pytest

from inspector_app.services.hq_database import database_place
from inspector_app.storage.engine import read_only_url, sqlite_url


@pytest.mark.parametrize(("url", "place"), [
    ("postgresql+psycopg://hq:secret@db.mission.un:5433/inspector", "db.mission.un:5433/inspector"),
    ("postgresql+psycopg://hq@127.0.0.1/inspector", "127.0.0.1/inspector"),
    ("postgresql+psycopg:///inspector", "localhost/inspector"),
])
def test_a_server_database_is_host_and_database(url: str, place: str) -> None:
    assert database_place(url) == place


def test_a_sqlite_database_is_its_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hq.sqlite3"
    assert database_place(sqlite_url(path)) == str(path)
    assert database_place(read_only_url(path, immutable=True)) == path.as_posix()
