"""``inspector bundle export [--inspection ID ...] [--since YYYY-MM-DD] -o FILE [--encrypt-to CERT]``: field → HQ
report bundle, optionally encrypted for HQ's transport certificate."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from inspector_app.cli import bundle_merge_cmd, passphrase
from inspector_app.cli.context import open_workspace, records_person
from inspector_app.cli.parser import command
from inspector_app.services import bundle_export, identity


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    bundle = command(commands, "bundle", parents=[common])
    actions = bundle.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("export", parents=[common],
                           help="a signed field-report bundle of inspections, for HQ")
    p.add_argument("--inspection", action="append", default=[], metavar="ID",
                   help="inspection id or unique prefix (repeatable; default: every inspection)")
    p.add_argument("--since", type=_day, default=None, metavar="YYYY-MM-DD",
                   help="only inspections changed on or after this day (UTC)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.add_argument("--full-history", action="store_true",
                   help="every audit log from its first event (when HQ missed an earlier bundle)")
    p.add_argument("--encrypt-to", type=Path, default=None, metavar="CERT",
                   help="encrypt the bundle for HQ's transport certificate (PEM or DER; RSA, issued by HQ's CA)")
    passphrase.add_option(p)
    p.set_defaults(handler=_export)
    records_person(p)
    bundle_merge_cmd.register_actions(actions, common)


def _day(text: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(text.strip()), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _export(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        # refused before the passphrase is asked (export_bundle checks it again)
        recipient = None if args.encrypt_to is None else identity.recipient(ws.data, args.encrypt_to)
        secret = passphrase.read(args, "identity.p12")
        manifest = bundle_export.export_bundle(
            ws, args.output, secret, args.inspection or None, args.since,
            encrypt_to=None if recipient is None else recipient.certificate, full_history=args.full_history)
    counts = ", ".join(f"{table} {n}" for table, n in manifest.record_counts.items())
    sealed = "" if recipient is None else f", encrypted for {recipient.name}"
    print(f"wrote {args.output}: bundle {manifest.bundle_id}{sealed}")
    print(f"records: {counts}")
    return 0
