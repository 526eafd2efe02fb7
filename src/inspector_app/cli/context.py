"""What every command needs: the workspace of ``--data-dir`` (or of HQ's ``--db``), and a ``--json`` switch."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from inspector_app.paths import DataDir
from inspector_app.services import hq_database, installation, profile
from inspector_app.services.workspace import Workspace


def open_workspace(args: argparse.Namespace, *, shipped_templates: bool = True) -> Workspace:
    """The data folder's workspace; a read-only folder opens read-only, and stderr says so.

    Without ``shipped_templates``, for work on started inspections only (``installation.open_workspace``)."""
    workspace = installation.open_workspace(getattr(args, "data_dir", None), shipped_templates=shipped_templates)
    if workspace.read_only:
        print(f"inspector: note: the data folder {workspace.data.root} is read-only: opened read-only "
              "(browse, show, report; nothing can be saved)", file=sys.stderr)
    return _warn_if_nobody(args, workspace)


def records_person(parser: argparse.ArgumentParser) -> None:
    """Mark a command that puts the inspector's name on what it writes: without a profile, it warns (on stderr
    once it succeeds; a refusal stays one line)."""
    parser.set_defaults(records_person=True)


def _warn_if_nobody(args: argparse.Namespace, workspace: Workspace) -> Workspace:
    if getattr(args, "records_person", False) and workspace.actor == profile.UNKNOWN:
        args.warnings = [*getattr(args, "warnings", []), f"no profile: recorded as '{profile.UNKNOWN}'; "
                         "set one with 'inspector profile set --name NAME --role ROLE'"]
    return workspace


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="HQ's database: any SQLAlchemy URL, e.g. postgresql+psycopg://user@host/inspector "
                             "(default: the SQLite file DATA_DIR/hq.sqlite)")


def hq_url(args: argparse.Namespace) -> str:
    """The ``--db`` URL (or file), or HQ's SQLite file in the data folder: read as the HQ window reads it."""
    return hq_database.database_url(DataDir.resolve(getattr(args, "data_dir", None)), args.db)


def open_hq(args: argparse.Namespace) -> Workspace:
    """The workspace of HQ's consolidation database (``--db``), with the data folder's media and trust."""
    return _warn_if_nobody(args, installation.open_workspace(getattr(args, "data_dir", None), db_url=hq_url(args)))


def iso_date(text: str) -> date:
    """An argument's date, YYYY-MM-DD; argparse says what is wrong otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
