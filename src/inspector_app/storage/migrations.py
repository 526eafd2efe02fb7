"""Bring a database to the schema of this version, after a backup; refuse newer ones.

Opening a database that is up to date compares two words, the revision stamped in it and the newest of
``db/versions`` (read from the scripts' ``revision``/``down_revision`` lines), and loads no Alembic: Alembic is
imported only to migrate.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect

from inspector_app.errors import StorageError
from inspector_app.resources_access import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
_REVISION = re.compile(r"^(down_revision|revision) = ['\"]([^'\"]+)['\"]", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config  # noqa: PLC0415  (Alembic only to migrate)

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    """The newest revision of ``db/versions``: the one no other revision follows (the chain has one head)."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for script in (migrations_dir() / "versions").glob("*.py"):
        for field, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            (revisions if field == "revision" else followed).add(value)
    heads = revisions - followed
    assert len(heads) == 1, f"the migrations folder has {len(heads)} heads: {sorted(heads)}"
    return heads.pop()


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the database, None when it has none."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    version: str | None = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return version


def upgrade(engine: Engine, backups: Path | None) -> Path | None:
    """Migrate ``engine``'s database to head; returns the backup taken first (SQLite only), if any.

    A database with tables but no Inspector schema, or with a revision this version
    does not know (written by a newer Inspector), is refused and left untouched.
    """
    head = head_revision()
    with engine.connect() as conn:
        current = current_revision(conn)
        if current == head:
            return None
        tables = set(inspect(conn).get_table_names())
    from alembic.script import ScriptDirectory  # noqa: PLC0415  (Alembic only to migrate)

    scripts = ScriptDirectory.from_config(alembic_config())
    if current is None and tables:
        raise StorageError(
            f"{_name(engine)} is not an Inspector database (it holds other tables); "
            f"choose another {'data folder' if engine.dialect.name == 'sqlite' else 'database'}"
        )
    if current is not None and _unknown(scripts, current):
        raise StorageError(
            f"{_name(engine)} was written by a newer version of Inspector "
            f"(schema {current}; this version knows up to {head}). Update Inspector to open it."
        )
    backup = None
    if current is not None and backups is not None and engine.dialect.name == "sqlite" and engine.url.database:
        backup = backup_sqlite(Path(engine.url.database), backups, f"before-{head}")
    migrate(engine, "head")
    log.info("database migrated from %s to %s", current, head)
    return backup


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    """Upgrade (or, ``down``, downgrade) ``engine``'s database to ``revision`` in one transaction.

    Alembic's batch mode rebuilds a SQLite table (copy, drop, rename), which SQLite's foreign keys forbid for a
    table other rows reference: they are off meanwhile, and every reference is checked before the commit.
    """
    from alembic import command  # noqa: PLC0415  (Alembic only to migrate)

    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:  # outside any transaction: SQLite ignores this pragma inside one
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                (command.downgrade if down else command.upgrade)(config, revision)
                dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").first() if sqlite else None
                if dangling:
                    raise StorageError(f"the migration to {revision} would leave rows of {dangling[0]} "
                                       f"that reference nothing in {dangling[2]}; the database was not changed")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def backup_sqlite(source: Path, folder: Path, label: str) -> Path:
    """A consistent copy of a live SQLite database through SQLite's online backup API."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"inspector-{stamp}-{label}.sqlite"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def _unknown(scripts: ScriptDirectory, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is None
    except Exception:  # alembic raises several types for an unknown revision
        return True


def _name(engine: Engine) -> str:
    return engine.url.database or engine.url.render_as_string(hide_password=True)
