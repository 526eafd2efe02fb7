"""What every command needs: the workspace of ``--data-dir``, and a ``--json`` switch."""

from __future__ import annotations

import argparse

from inspector_app.services.workspace import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    return Workspace.open(getattr(args, "data_dir", None))


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
