"""``inspector profile set --name NAME --role ROLE | show``: who this installation records as the inspector."""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.context import add_json, open_workspace
from inspector_app.cli.output import emit_json
from inspector_app.cli.parser import command
from inspector_app.services import profile, settings


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = command(commands, "profile").add_subparsers(
        dest="action", metavar="ACTION")
    p = group.add_parser("set", parents=[common], help="your name and role, recorded on answers, reports, bundles")
    p.add_argument("--name", required=True, help="your full name, e.g. 'Awa Diop'")
    p.add_argument("--role", required=True, choices=settings.ROLES, metavar="ROLE", help=", ".join(settings.ROLES))
    p.set_defaults(handler=_set)

    p = group.add_parser("show", parents=[common], help="the name and role on the record, and where they come from")
    add_json(p)
    p.set_defaults(handler=_show)


def _set(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        saved = profile.save(ws, args.name, args.role)
    print(f"profile: {args.name.strip()} ({args.role})")
    if saved.source == profile.CERTIFICATE:
        print(f"note: your certificate names {saved.name} ({saved.role}); its name is the one on the record")
    return 0


def _show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        current = profile.current(ws)
    if args.json:
        emit_json({"name": current.name or None, "role": current.role, "source": current.source,
                   "recorded_as": current.actor})
    elif current.source == profile.NONE:
        print(f"no profile: recorded as '{profile.UNKNOWN}'; set one with "
              "'inspector profile set --name NAME --role ROLE'")
    else:
        origin = "from your certificate" if current.source == profile.CERTIFICATE else "from the profile"
        print(f"{current.name} ({current.role}), {origin}")
    return 0
