"""``inspector hq demo [--scale N] [--db URL]``: fill HQ's database with a realistic demo (``services.hq_demo``)."""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.context import add_db, add_json, open_hq
from inspector_app.cli.hq_cmd import hq_actions
from inspector_app.cli.output import emit_json
from inspector_app.services import hq_demo


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = hq_actions(commands).add_parser(
        "demo", parents=[common],
        help=f"fill HQ's database with a realistic demo: {len(hq_demo.MISSIONS)} missions × "
             f"{hq_demo.UNITS_PER_MISSION} units × {hq_demo.QUARTERS} quarters (safe to run twice)")
    p.add_argument("--scale", type=float, default=1.0, metavar="N",
                   help=f"N × {hq_demo.UNITS_PER_MISSION} units per mission (default 1; fractions allowed, "
                        "e.g. 0.1 for 3 units per mission)")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    with open_hq(args) as ws:
        counts = hq_demo.build(ws, args.scale)
    if args.json:
        emit_json(counts.to_dict())
        return 0
    held = (f"{counts.missions} missions, {counts.units} units, {counts.inspections} inspections, "
            f"{counts.answers} answers, {counts.persons} persons, {counts.actions} improvement actions")
    if counts.created:
        print(f"added the HQ demo at scale {counts.scale:g}: {held}")
    else:
        print(f"the database already holds the HQ demo (scale {counts.scale:g}: {held}); nothing changed")
    return 0
