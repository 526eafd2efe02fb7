"""Open an installation's database: create, check, back up and migrate, then hand out sessions."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from inspector_app.errors import StorageError, ValidationError
from inspector_app.paths import DataDir
from inspector_app.storage import migrations
from inspector_app.storage.engine import database_place, make_engine, read_only_url, sqlite_url

if TYPE_CHECKING:
    from sqlmodel import Session

DEVICE_ID = "device_id"  # the setting that names this installation's device (every record carries it)


@dataclass
class Database:
    engine: Engine
    device_id: str
    reader: Engine | None = None
    read_only: bool = False  # a read-only data folder: reads work, every write is refused by SQLite itself

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent read that never holds the write lock (reports, lists, exports); changes nothing."""
        from sqlmodel import Session  # noqa: PLC0415  (the ORM loads with its first session: not on the answer path)

        with Session(self.reader or self.engine, expire_on_commit=False) as session:
            yield session  # closing ends the transaction without a commit, and keeps loaded records usable

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        from sqlmodel import Session  # noqa: PLC0415  (as in read)

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise StorageError(_write_failure(exc.orig)) from exc
            except IntegrityError as exc:
                session.rollback()
                raise _conflict(exc.orig) from exc
            except BaseException:
                session.rollback()
                raise

    @property
    def prepared_writes(self) -> bool:
        """Whether ``cursor`` works here: SQLite's own driver (a server takes ``session``)."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def cursor(self) -> Iterator[sqlite3.Cursor]:
        """A short SQLite write transaction on the driver's cursor, for prepared statements without the ORM
        (the answer path, ``storage.answer_rows``): committed when the block ends, rolled back if it raises,
        with the messages of ``session``."""
        conn = self.engine.raw_connection()  # pooled, with the engine's pragmas
        try:
            cursor = cast("sqlite3.Cursor", conn.cursor())
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
                cursor.execute("COMMIT")
            except BaseException:
                conn.rollback()
                raise
        except sqlite3.OperationalError as exc:
            raise StorageError(_write_failure(exc)) from exc
        except sqlite3.IntegrityError as exc:
            raise _conflict(exc) from exc
        finally:
            conn.close()

    def setting(self, key: str) -> str | None:
        """The value of the setting ``key`` (``services.settings``), read without the ORM."""
        with (self.reader or self.engine).connect() as conn:
            return _setting(conn, key)

    def integrity_problems(self) -> list[str]:
        """What SQLite's own checks find wrong (damaged pages, dangling foreign keys); a server checks itself."""
        problems: list[str] = []
        if self.engine.dialect.name != "sqlite":
            return problems
        with self.engine.connect() as conn:
            problems += [f"database integrity: {row}" for (row,) in conn.exec_driver_sql("PRAGMA integrity_check")
                         if row != "ok"]
            problems += [f"table {row[0]} row {row[1]} points to a missing {row[2]}"
                         for row in conn.exec_driver_sql("PRAGMA foreign_key_check")]
        return problems

    def close(self) -> None:
        self.engine.dispose()
        if self.reader is not None:
            self.reader.dispose()


def open_database(data: DataDir) -> Database:
    """The installation's SQLite database in ``data``, created or migrated as needed."""
    return open_url(sqlite_url(data.database), data)


def open_url(url: str, data: DataDir | None = None) -> Database:
    """A database at any SQLAlchemy URL (HQ: SQLite or PostgreSQL), migrated to this version."""
    if data is not None:
        try:
            data.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the data folder {data.root}: {exc.strerror}") from exc
    engine = make_engine(url)
    with _opening(engine, url, data):
        migrations.upgrade(engine, data.backups if data else None)
        with engine.begin() as conn:
            device_id = _setting(conn, DEVICE_ID)
            if device_id is None:
                device_id = str(uuid.uuid4())
                conn.execute(text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
                             {"key": DEVICE_ID, "value": device_id})
        reader = make_engine(url, immediate=False) if url.startswith("sqlite") else None
        return Database(engine, device_id, reader)


def open_read_only(data: DataDir) -> Database:
    """The SQLite database of a data folder this process may not write to: browse, show and report only.

    Nothing is created or migrated. Answers still in the ``-wal`` file (the app was not closed) are read
    through SQLite's shared memory file, which must then be there too.
    """
    if not data.database.exists():
        raise StorageError(f"the data folder {data.root} is read-only and holds no Inspector database")
    wal = data.database.with_name(f"{data.database.name}-wal")
    immutable = not (wal.exists() and wal.stat().st_size > 0)
    url = read_only_url(data.database, immutable=immutable)
    engine = make_engine(url, read_only=True)
    with _opening(engine, str(data.database), data):
        with engine.connect() as conn:
            current = migrations.current_revision(conn)
        if current != migrations.head_revision():
            raise StorageError(
                f"the data folder {data.root} is read-only and its database is of another version of Inspector "
                f"(schema {current}): copy the folder to one you can write to, or open it with that version"
            )
        with engine.connect() as conn:
            device_id = _setting(conn, DEVICE_ID)
        if device_id is None:
            raise StorageError(f"the database in the read-only data folder {data.root} has no device id")
        return Database(engine, device_id, read_only=True)


@contextmanager
def _opening(engine: Engine, url: str, data: DataDir | None) -> Iterator[None]:
    """Dispose of ``engine`` if opening fails, and say in one line what is wrong with the database."""
    try:
        yield
    except StorageError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        sqlite = engine.dialect.name == "sqlite"
        where = database_place(url)
        reason = " ".join(str(getattr(exc, "orig", exc)).split())  # a server's message may span lines
        hint = f"; restore a copy from {data.backups}" if data and sqlite else ""
        if data is not None and data.read_only:
            hint = f"; the data folder {data.root} is read-only: copy it to a folder you can write to"
        raise StorageError(f"cannot open the database {where}: {reason}{hint}") from exc


def _setting(conn: Connection, key: str) -> str | None:
    value: str | None = conn.execute(text("SELECT value FROM setting WHERE key = :key"), {"key": key}).scalar()
    return value


def _conflict(reason: BaseException | None) -> ValidationError:
    return ValidationError(f"the change conflicts with a record that exists already ({reason}); nothing was saved")


def _write_failure(reason: BaseException | None) -> str:
    """What a person should know when SQLite refuses work (the driver's ``reason``); it was rolled back."""
    text = str(reason).lower()
    if "locked" in text or "busy" in text:
        return "the database is busy: another copy of Inspector is using this data folder; nothing was saved"
    if "full" in text:
        return "the disk is full: free some space, then try again; nothing was saved"
    if "readonly" in text or "read-only" in text:
        return ("the data folder is read-only: Inspector cannot save there (browse, show and report still work); "
                "nothing was saved")
    return f"the database refused the change ({reason}); nothing was saved"
