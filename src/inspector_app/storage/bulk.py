"""Many rows at once: queries over many ids with one bound parameter (an array on PostgreSQL, a JSON array on
SQLite; elsewhere in chunks below every backend's bound-parameter limit), and bulk inserts through the driver
(PostgreSQL's COPY through psycopg 3, SQLite's executemany)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ARRAY, Connection, Dialect, Table, any_, bindparam, func, insert
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

CHUNK = 500


def select_in(session: Session, model: Any, column: Any, values: Iterable[Any]) -> list[Any]:
    """Every ``model`` row whose text ``column`` is one of ``values`` (strings: ids), in one query whatever their
    number: an array on PostgreSQL (``= ANY``), a JSON array on SQLite (``IN json_each``, whose numbers would not
    match text), else lists of ``CHUNK``."""
    wanted = sorted(set(values))
    if not wanted:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        array = bindparam("wanted", wanted, type_=ARRAY(column.type))
        return list(session.exec(select(model).where(col(column) == any_(array))))
    if dialect == "sqlite":
        listed = func.json_each(json.dumps(wanted)).table_valued("value")
        return list(session.exec(select(model).where(col(column).in_(select(listed.c.value)))))
    rows: list[Any] = []
    for start in range(0, len(wanted), CHUNK):
        rows.extend(session.exec(select(model).where(col(column).in_(wanted[start:start + CHUNK]))))
    return rows


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (every column of ``table`` by name; times aware and in UTC, since SQLite keeps them as text
    without their offset) in the session's transaction, after what it holds pending: PostgreSQL's COPY through
    psycopg 3; on SQLite, the driver's executemany of each column's value as SQLAlchemy binds it (without building
    a parameter dict per row); elsewhere SQLAlchemy's executemany.
    A key taken or a reference that leads nowhere raises SQLAlchemy's ``IntegrityError``, a value the column
    refuses its ``DataError``, a database that cannot be written its ``OperationalError``, as a flush would."""
    if not rows:
        return
    session.flush()
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name == "sqlite" and dialect.driver == "pysqlite":
        import sqlite3  # noqa: PLC0415  (the driver of this connection: loaded already)

        _driver_insert(connection, table, rows, sqlite3.Error)
    elif dialect.name == "postgresql" and dialect.driver == "psycopg":
        import psycopg  # noqa: PLC0415  (as above)

        _driver_insert(connection, table, rows, psycopg.Error)
    else:
        connection.execute(insert(table), list(rows))


def _driver_insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]],
                   errors: type[Exception]) -> None:
    """``rows`` through the driver itself: COPY on PostgreSQL, executemany on SQLite; its errors as SQLAlchemy's."""
    names = [c.name for c in table.columns]
    quote = connection.dialect.identifier_preparer
    into = f"{quote.format_table(table)} ({', '.join(map(quote.quote, names))})"
    driver: Any = connection.connection.driver_connection
    statement = ""
    try:
        if connection.dialect.name == "postgresql":
            statement = f"COPY {into} FROM STDIN"
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row([row[name] for name in names])
        else:
            statement = f"INSERT INTO {into} VALUES ({', '.join('?' * len(names))})"
            driver.executemany(statement, _bound(connection.dialect, table, names, rows))
    except errors as exc:
        raise DBAPIError.instance(statement, None, exc, errors, dialect=connection.dialect) from exc


def _bound(dialect: Dialect, table: Table, names: list[str], rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """Each row's values in column order, each as the column's type binds it on ``dialect`` (a time as the text
    SQLite keeps, as the ORM writes it: the dialect's own type, not the generic one)."""
    processors = [(i, p) for i, c in enumerate(table.columns)
                  if (p := c.type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    values = []
    for row in rows:
        line = [row[name] for name in names]
        for i, process in processors:
            line[i] = process(line[i])
        values.append(line)
    return values
