"""Open an installation: its database, who is acting (the profile), and the shipped templates it must hold."""

from __future__ import annotations

import os

from inspector_app.paths import DataDir
from inspector_app.services import profile
from inspector_app.services.workspace import Workspace
from inspector_app.storage.database import open_database, open_read_only, open_url


def open_workspace(
    data_dir: str | os.PathLike[str] | None = None, actor: str | None = None, db_url: str | None = None, *,
    shipped_templates: bool = True,
) -> Workspace:
    """The installation in ``data_dir``; ``db_url`` puts its records in another database (HQ's).

    A data folder this process may not write to opens read-only (see ``Workspace.read_only``). Without
    ``shipped_templates`` the templates shipped with this version are not installed (nor their module loaded):
    for work on inspections started already, such as answering.
    """
    data = DataDir.resolve(data_dir)
    if db_url:
        db = open_url(db_url, data)
    else:
        db = open_read_only(data) if data.read_only else open_database(data)
    workspace = Workspace(data, db, actor or "")
    workspace.actor = actor or profile.current(workspace).actor
    if shipped_templates and not db.read_only:
        from inspector_app.services import templates  # noqa: PLC0415  (the ORM's tables, only to install)

        templates.install_shipped(workspace)
    return workspace
