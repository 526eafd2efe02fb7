"""HQ's consolidation database: which one a person means, and opening it.

``database_url(data, given)`` turns what a person gives (nothing, a file, a URL: the HQ window's fields or
``inspector --hq [URL]``) into an SQLAlchemy URL, as ``inspector hq … --db URL`` takes it; ``default_url`` is the
data folder's own file, used when nothing is given (window and commands alike). ``open_hq`` opens it (migrating
it, as the commands do) or raises an ``InspectorError`` whose message is one line. A server may take long to
answer, or never answer: a PostgreSQL URL gets a connect timeout of ``CONNECT_TIMEOUT`` seconds unless it sets
its own.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from inspector_app.errors import InspectorError, NotFound, StorageError, ValidationError
from inspector_app.i18n import _
from inspector_app.paths import DataDir
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import database_place as database_place  # for the HQ window
from inspector_app.storage.engine import sqlite_url

CONNECT_TIMEOUT = 10  # seconds


def default_url(data: DataDir) -> str:
    """HQ's SQLite file in the data folder."""
    return sqlite_url(data.hq_database)


def database_url(data: DataDir, given: str | None) -> str:
    """HQ's SQLite file of ``data`` for nothing; a file path as an SQLite URL; a URL checked and completed."""
    text = (given or "").strip()
    if not text:
        return default_url(data)
    if "://" not in text:
        return sqlite_url(Path(text).expanduser().resolve())
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise ValidationError(_("{url} is not a database URL; write it like "
                                "postgresql+psycopg://user:password@host/database").format(url=text)) from exc
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.drivername == "postgresql":  # SQLAlchemy's default driver is not installed; psycopg 3 is
            url = url.set(drivername="postgresql+psycopg")
        if "connect_timeout" not in url.query:
            url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT)})
    elif backend != "sqlite":
        raise ValidationError(_("HQ's database is an SQLite file or a PostgreSQL server, not {kind}.").format(
            kind=backend))
    return url.render_as_string(hide_password=False)


def open_hq(data: DataDir, url: str, actor: str | None = None) -> Workspace:
    """HQ's database at ``url`` with the data folder's media and trust; only this folder's own file is created."""
    if url.startswith("sqlite") and url != default_url(data):
        path = make_url(url).database
        if not path or not Path(path).is_file():
            raise NotFound(_("There is no SQLite file {path}.").format(path=path or url))
    try:
        return open_workspace(data.root, actor=actor, db_url=url)
    except InspectorError:
        raise
    except (SQLAlchemyError, OSError, ImportError) as exc:  # a driver's refusal that storage does not word
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise StorageError(_("cannot open the database {url}: {reason}").format(
            url=database_place(url), reason=reason)) from exc
