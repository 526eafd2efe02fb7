"""``inspector hq demo [--scale N] [--db URL]``: fill HQ's database with a realistic demo (``services.hq_demo``)."""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.context import add_db, add_json, open_hq
from inspector_app.cli.output import emit_json
from inspector_app.cli.parser import hq_actions
from inspector_app.i18n import _
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
    held = _("{missions} missions, {units} units, {inspections} inspections, {answers} answers, {persons} persons, "
             "{actions} improvement actions").format(**counts.to_dict())
    if counts.created:
        print(_("added the HQ demo at scale {scale}: {held}").format(scale=f"{counts.scale:g}", held=held))
    else:
        print(_("the database already holds the HQ demo (scale {scale}: {held}); nothing changed").format(
            scale=f"{counts.scale:g}", held=held))
    return 0
