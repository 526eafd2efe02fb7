"""``inspector bundle export [--inspection ID ...] [--since YYYY-MM-DD] -o FILE``: field → HQ report bundle."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import open_workspace
from inspector_app.services import bundle_export


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    bundle = commands.add_parser("bundle", parents=[common], help="sync bundles between laptops and HQ")
    actions = bundle.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("export", parents=[common],
                           help="a signed field-report bundle of inspections, for HQ")
    p.add_argument("--inspection", action="append", default=[], metavar="ID",
                   help="inspection id or unique prefix (repeatable; default: every inspection)")
    p.add_argument("--since", type=_day, default=None, metavar="YYYY-MM-DD",
                   help="only inspections changed on or after this day (UTC)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    passphrase.add_option(p)
    p.set_defaults(handler=_export)


def _day(text: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(text.strip()), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _export(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        secret = passphrase.read(args, "identity.p12")
        manifest = bundle_export.export_bundle(ws, args.output, secret, args.inspection or None, args.since)
    counts = ", ".join(f"{table} {n}" for table, n in manifest.record_counts.items())
    print(f"wrote {args.output}: bundle {manifest.bundle_id}")
    print(f"records: {counts}")
    return 0
