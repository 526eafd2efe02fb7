"""``inspector demo`` and ``inspector db check``."""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.context import open_workspace
from inspector_app.cli.parser import command
from inspector_app.errors import InspectorError
from inspector_app.services import demo, maintenance


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = command(commands, "demo", parents=[common])
    p.set_defaults(handler=_demo)
    db = command(commands, "db").add_subparsers(dest="action", metavar="ACTION")
    p = db.add_parser("check", parents=[common], help="integrity and audit-chain check")
    p.set_defaults(handler=_check)


def _demo(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        added = demo.seed(ws)
    print("demo mission added" if added else f"demo mission {demo.MISSION_CODE} is already present; nothing changed")
    return 0


def _check(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        report = maintenance.check(ws)
    if not report.ok:
        raise InspectorError(f"{len(report.problems)} problem(s) found: " + "; ".join(report.problems))
    print(f"ok: database intact, {report.audit_events} audit events chained, {report.media_files} media files verified")
    return 0
