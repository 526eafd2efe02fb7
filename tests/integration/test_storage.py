"""The SQLite store: durability settings, migrations with backups, refusal of bad databases."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

from inspector_app.errors import StorageError
from inspector_app.paths import DataDir
from inspector_app.resources_access import migrations_dir
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import migrations
from inspector_app.storage.database import open_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sqlite_durability_settings(ws: Workspace) -> None:
    with ws.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_models_and_migrations_agree(ws: Workspace) -> None:
    with ws.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_device_id_is_stable_across_openings(data_dir: Path) -> None:
    first = open_database(DataDir(data_dir))
    first.close()
    second = open_database(DataDir(data_dir))
    second.close()
    assert first.device_id == second.device_id and len(first.device_id) == 36


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 200, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["garbage", "damaged-header"],
)
def test_corrupt_database_is_refused_clearly_and_left_alone(data_dir: Path, content: bytes) -> None:
    data_dir.mkdir()
    db_file = DataDir(data_dir).database
    db_file.write_bytes(content)
    with pytest.raises(StorageError, match=r"cannot open the database .*inspector\.sqlite.*restore a copy"):
        open_workspace(data_dir)
    assert db_file.read_bytes() == content


def test_database_of_a_newer_version_is_refused(data_dir: Path) -> None:
    open_workspace(data_dir).close()
    db_file = DataDir(data_dir).database
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = _digest(db_file)
    with pytest.raises(StorageError, match="newer version of Inspector.*9999_future"):
        open_workspace(data_dir)
    assert _digest(db_file) == before


def test_foreign_database_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    with sqlite3.connect(DataDir(data_dir).database) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(StorageError, match="not an Inspector database"):
        open_workspace(data_dir)


def test_migration_takes_a_backup_first(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later schema version (a test migration) upgrades the database after an online backup."""
    ws = open_workspace(data_dir)
    ws.close()
    head = migrations.head_revision()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_test_column.py").write_text(
        '"""test"""\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
        'revision = "9001"\ndown_revision = "' + migrations.head_revision() + '"\n'
        'branch_labels = None\ndepends_on = None\n\n\n'
        "def upgrade():\n    op.add_column('mission', sa.Column('motto', sa.String(), nullable=True))\n\n\n"
        "def downgrade():\n    op.drop_column('mission', 'motto')\n"
    )
    monkeypatch.setattr(migrations, "migrations_dir", lambda: scripts)
    db = open_database(DataDir(data_dir))
    with db.engine.connect() as conn:
        assert migrations.current_revision(conn) == "9001"
        assert "motto" in [row[1] for row in conn.execute(text("PRAGMA table_info(mission)"))]
    db.close()
    backups = list(DataDir(data_dir).backups.glob("inspector-*-before-9001.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert conn.execute("SELECT count(*) FROM template").fetchone()[0] >= 4
    conn.close()


def test_unwritable_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot create the data folder"):
        open_workspace(blocker / "data")


def test_a_migration_that_would_leave_dangling_rows_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    """SQLite migrates with foreign keys off (batch mode rebuilds tables): every reference is checked before the
    commit, and a row that references nothing refuses the migration, leaving the database at its revision."""
    from sqlalchemy import text as sql

    from inspector_app.errors import StorageError
    from inspector_app.storage import migrations
    from inspector_app.storage.engine import make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "old.sqlite"))
    migrations.migrate(engine, "0005")
    with engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        conn.connection.driver_connection.execute(  # type: ignore[union-attr]
            "INSERT INTO mouline (id, created_at, updated_at, device_id, mou_id, line_no, category, item, quantity, "
            "lease) VALUES ('l', '2026-01-01', '2026-01-01', 'd', 'no-such-mou', 1, 'C', 'APC', 1, 'wet')")
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="would leave rows of mouline that reference nothing in mou"):
        migrations.migrate(engine, "0006")
    with engine.connect() as conn:
        assert migrations.current_revision(conn) == "0005"
        assert conn.execute(sql("SELECT count(*) FROM mouline")).scalar() == 1
        assert "version" not in {c[1] for c in conn.execute(sql("PRAGMA table_info(mou)"))}
    engine.dispose()


def test_the_head_read_from_the_scripts_is_alembic_s_head() -> None:
    assert migrations.head_revision() == ScriptDirectory.from_config(migrations.alembic_config()).get_current_head()


def test_opening_a_database_at_the_head_loads_no_alembic(data_dir: Path) -> None:
    open_workspace(data_dir).close()  # created and migrated: Alembic ran
    code = ("import sys; from inspector_app.paths import DataDir; from inspector_app.storage.database import "
            f"open_database; from pathlib import Path; open_database(DataDir(Path({str(data_dir)!r}))).close(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
