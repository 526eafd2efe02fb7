"""Many rows at once: queries over many ids in chunks that stay below every backend's bound-parameter limit,
and bulk inserts (PostgreSQL's COPY through psycopg 3, else one executemany)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ARRAY, Table, any_, bindparam, insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session, col, select

CHUNK = 500


def select_in(session: Session, model: Any, column: Any, values: Iterable[Any]) -> list[Any]:
    """Every ``model`` row whose ``column`` is one of ``values``: on PostgreSQL in one query (``= ANY`` of an
    array), elsewhere in chunks of ``CHUNK``."""
    wanted = sorted(set(values))
    if not wanted:
        return []
    if session.get_bind().dialect.name == "postgresql":
        array = bindparam("wanted", wanted, type_=ARRAY(column.type))
        return list(session.exec(select(model).where(col(column) == any_(array))))
    rows: list[Any] = []
    for start in range(0, len(wanted), CHUNK):
        rows.extend(session.exec(select(model).where(col(column).in_(wanted[start:start + CHUNK]))))
    return rows


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (every column of ``table`` by name; times aware) in the session's transaction, after what
    it holds pending. A key taken or a reference that leads nowhere raises SQLAlchemy's ``IntegrityError``, a
    value the column refuses its ``DataError``, as a flush would."""
    if not rows:
        return
    session.flush()
    connection = session.connection()
    if connection.dialect.name != "postgresql" or connection.dialect.driver != "psycopg":
        connection.execute(insert(table), list(rows))
        return
    import psycopg  # the driver of this connection: loaded already

    names = [c.name for c in table.columns]
    quote = connection.dialect.identifier_preparer
    statement = f"COPY {quote.format_table(table)} ({', '.join(map(quote.quote, names))}) FROM STDIN"
    try:
        driver: Any = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(statement, None, exc) from exc
    except psycopg.errors.DataError as exc:
        raise DataError(statement, None, exc) from exc
