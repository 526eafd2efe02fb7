"""``inspector candidates list``: the AMS candidate registry (``services.candidates``)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from inspector_app.cli.context import add_json, iso_date, open_workspace
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import command
from inspector_app.services import candidates


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parent = command(commands, "candidates")
    group = parent.add_subparsers(dest="candidates_action", metavar="ACTION")
    p = group.add_parser("list", parents=[common], help="every assessed candidate with the latest result")
    p.add_argument("--search", default=None, metavar="TEXT", help="name, id number, unit or country holding TEXT")
    p.add_argument("--valid-on", type=iso_date, default=None, metavar="YYYY-MM-DD",
                   help="only candidates cleared and still valid on that day")
    add_json(p)
    p.set_defaults(handler=_list)


def _list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        found = candidates.search(candidates.registry(ws), args.search, args.valid_on)
    today = date.today()
    if args.json:
        emit_json({"candidates": [c.to_dict(today) for c in found]})
        return 0
    rows = [(c.name, c.id_number, c.rank, c.country, c.assessed_on or "—", "cleared" if c.cleared else "not cleared",
             (c.valid_until.isoformat() + ("" if c.valid_on(today) else " (expired)")) if c.valid_until else "—")
            for c in found]
    print(table(["NAME", "ID NUMBER", "RANK", "COUNTRY", "ASSESSED", "RESULT", "VALID UNTIL"], rows) if rows
          else "no candidate assessed yet (an AMS inspection ready for review, signed or exported)")
    return 0
