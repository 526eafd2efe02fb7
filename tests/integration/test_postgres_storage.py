"""HQ storage over any SQLAlchemy URL: every test runs on SQLite and on a real PostgreSQL server (``hq_url``)."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, make_url, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from inspector_app.errors import StorageError
from inspector_app.paths import DataDir
from inspector_app.services import demo, inspections
from inspector_app.services.installation import open_workspace
from inspector_app.storage import audit, migrations
from inspector_app.storage.database import open_url
from inspector_app.storage.engine import make_engine
from inspector_app.storage.models import ImportedBundle, Mission
from tests.integration.old_rows import insert_row, unit_of_mission

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _backend(url: str) -> str:
    return make_url(url).get_backend_name()


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return migrations.current_revision(conn)
    finally:
        engine.dispose()


def _run(url: str, *statements: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_open_url_migrates_an_empty_database_to_head(hq_url: str) -> None:
    db = open_url(hq_url)
    try:
        with db.engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision()
            assert {"answer", "audit_event", "conflict", "imported_bundle"} <= set(inspect(conn).get_table_names())
            assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
        assert len(db.device_id) == 36
    finally:
        db.close()


def test_reopening_does_not_migrate_again(hq_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = DataDir(tmp_path / "data")
    first = open_url(hq_url, data)
    first.close()

    def no_migration(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("migrated a database that is at head already")

    monkeypatch.setattr(migrations, "migrate", no_migration)
    second = open_url(hq_url, data)
    second.close()
    assert second.device_id == first.device_id
    assert not data.backups.exists() or not any(data.backups.iterdir())


@pytest.fixture(scope="module")
def laptop_demo(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    """The demo as a laptop's own SQLite database holds it."""
    with open_workspace(tmp_path_factory.mktemp("laptop"), actor="tester") as laptop:
        demo.seed(laptop)
        return [_summary(s) for s in inspections.list_states(laptop)]


def test_demo_on_hq_matches_the_laptop(hq_url: str, tmp_path: Path, laptop_demo: list[tuple[Any, ...]]) -> None:
    """The demo seeded over the URL reads back as on the laptop's own SQLite file, audit chain intact."""
    with open_workspace(tmp_path / "hq-data", actor="hq", db_url=hq_url) as hq:
        assert demo.seed(hq) is True
        assert demo.seed(hq) is False  # safe to run twice
        states = inspections.list_states(hq)
        with hq.db.read() as session:
            events, problems = audit.verify_chains(session)
    assert events > 0 and problems == []
    assert [_summary(s) for s in states] == laptop_demo
    assert {s.status.value for s in states} == {"ready_for_review", "in_progress"}


def _summary(state: inspections.InspectionState) -> tuple[Any, ...]:
    # attachment ids are new UUIDs on every seeding
    answers = {key: (UUID.sub("<id>", a.value_json or ""), a.remark, a.revision) for key, a in state.answers.items()}
    return (state.unit.name, state.template.template_id, state.inspection.type, state.status,
            state.inspection.start_date, answers)


def test_writers_take_turns_on_an_audit_chain(hq_url: str) -> None:
    """A second writer to the same chain waits for the first to commit, then links after its event."""
    db = open_url(hq_url)
    errors: list[BaseException] = []

    def add_event(session: Session) -> None:
        audit.append(session, device_id="dev", actor="A", action="answer", entity="answer", entity_id="x")

    def second_writer() -> None:
        try:
            with db.session() as session:
                add_event(session)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    second = threading.Thread(target=second_writer)
    try:
        with Session(db.engine) as first:
            add_event(first)
            first.flush()
            second.start()
            second.join(timeout=0.5)
            waited = second.is_alive()
            first.commit()
        second.join(timeout=30)
        assert waited, "the second writer did not wait for the first"
        assert not second.is_alive() and errors == []
        with db.read() as session:
            assert audit.verify_chains(session) == (2, [])
    finally:
        db.close()


def test_datetimes_come_back_aware_in_utc(hq_url: str) -> None:
    """Stored times read back as the same instant in UTC, and SQL sees them in UTC, whatever the server's zone."""
    if _backend(hq_url) == "postgresql":
        name = make_url(hq_url).database
        _run(hq_url, f"ALTER DATABASE \"{name}\" SET TimeZone = 'America/New_York'")
    late = datetime(2026, 3, 5, 2, 30, 15, 123456, tzinfo=UTC)  # still 4 March in New York
    db = open_url(hq_url)
    try:
        with db.session() as session:
            session.add(Mission(id="m1", name="Mission", code="M1", created_at=late,
                                updated_at=late.astimezone(timezone(timedelta(hours=2)))))
            session.add(ImportedBundle(id="b1", kind="field", sender="Awa", certificate_sha256="ab" * 32,
                                       source_device="d1", created_at=late, file_sha256="cd" * 32))
        with db.read() as session:
            mission = session.exec(select(Mission)).one()
            bundle = session.exec(select(ImportedBundle)).one()
            day = session.exec(select(func.date(Mission.created_at))).one()
        for value in (mission.created_at, mission.updated_at, bundle.created_at):
            assert value == late and value.utcoffset() == timedelta(0)
        assert str(day) == "2026-03-05"
    finally:
        db.close()


def test_migration_0003_builds_answer_clocks(hq_url: str, tmp_path: Path) -> None:
    """Answers written before 0003 get the vector {device: revision}; a database at 0002 upgrades on opening."""
    engine = make_engine(hq_url)
    config = migrations.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        unit_of_mission(conn)
        insert_row(conn, "template", id="t", template_id="coe", version=1, kind="coe", title_en="T", title_fr="T",
                source="", sha256="0" * 64)
        insert_row(conn, "inspection", id="i", unit_id="u", template_pk="t", type="periodic", status="in_progress",
                team="", scope_json="{}")
        answer = {"inspection_id": "i", "value_json": "true", "remark": "", "base_revision": 0, "answered_by": "A"}
        insert_row(conn, "answer", id="a1", key="k1", revision=3, **answer)
        insert_row(conn, "answer", id="a2", key="k2", revision=0, **answer)
        insert_row(conn, "answer", id="a3", key="k3", revision=2, **{**answer, "device_id": ""})
    engine.dispose()
    assert _revision(hq_url) == "0002"

    data = DataDir(tmp_path / "data")
    open_url(hq_url, data).close()

    assert _revision(hq_url) == migrations.head_revision()
    engine = make_engine(hq_url)
    with engine.connect() as conn:
        clocks = dict(conn.execute(text("SELECT id, clock FROM answer")).all())
    engine.dispose()
    assert {key: json.loads(clock) for key, clock in clocks.items()} == {"a1": {"dev-a": 3}, "a2": {}, "a3": {}}
    backups = list(data.backups.glob("*.sqlite")) if data.backups.exists() else []
    assert len(backups) == (1 if _backend(hq_url) == "sqlite" else 0)  # a server keeps its own backups


def test_migration_0006_makes_each_mou_version_1_and_downgrades_to_the_latest(hq_url: str) -> None:
    """MOUs before 0006 become version 1 in force from the start; a unit may then hold amendments, and going
    back to 0005 keeps each unit's latest version only (one MOU per unit, as 0005 requires)."""
    engine = make_engine(hq_url)
    migrations.migrate(engine, "0005")
    with engine.begin() as conn:
        unit_of_mission(conn)
        insert_row(conn, "mou", id="v1", unit_id="u", reference="MOU/1")
        insert_row(conn, "mouline", id="l1", mou_id="v1", line_no=1, category="C", item="APC", quantity=4, lease="wet")
        insert_row(conn, "mouselfsustainment", id="s1", mou_id="v1", category="catering")
    migrations.migrate(engine, "0006")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT version, effective_from FROM mou")).one() == (1, None)
        assert conn.execute(text("SELECT registered FROM mouline")).scalar() in (False, 0)
        assert conn.execute(text("SELECT provider, standard FROM mouselfsustainment")).one() == ("contingent", "")
        insert_row(conn, "mou", id="v2", unit_id="u", reference="MOU/1 amendment 1", version=2,
                effective_from=date(2026, 7, 1))
        insert_row(conn, "mouline", id="l2", mou_id="v2", line_no=1, category="C", item="APC", quantity=6, lease="wet",
                registered=True)
        with pytest.raises(IntegrityError), conn.begin_nested():  # one version number per unit
            insert_row(conn, "mou", id="v3", unit_id="u", reference="again", version=2)
    migrations.migrate(engine, "0005", down=True)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM mou")).scalars().all() == ["v2"]
        assert conn.execute(text("SELECT id, quantity FROM mouline")).all() == [("l2", 6)]
        assert conn.execute(text("SELECT count(*) FROM mouselfsustainment")).scalar() == 0
    engine.dispose()


def test_foreign_database_is_refused(hq_url: str) -> None:
    _run(hq_url, "CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    with pytest.raises(StorageError, match="not an Inspector database"):
        open_url(hq_url)
    engine = make_engine(hq_url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["photos"]
    engine.dispose()


def test_database_of_a_newer_version_is_refused(hq_url: str) -> None:
    open_url(hq_url).close()
    _run(hq_url, "UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StorageError, match="newer version of Inspector.*9999_future"):
        open_url(hq_url)
    assert _revision(hq_url) == "9999_future"


def test_unreachable_server_is_one_clear_line_without_the_password() -> None:
    with pytest.raises(StorageError) as failure:
        open_url("postgresql+psycopg://hq:s3cret@127.0.0.1:1/inspector")
    message = str(failure.value)
    assert message.startswith("cannot open the database 127.0.0.1:1/inspector: ")  # where, never a URL
    assert "s3cret" not in message and "\n" not in message and "restore a copy" not in message
