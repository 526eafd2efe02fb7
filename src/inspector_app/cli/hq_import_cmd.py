"""``inspector hq import FILE... [--db URL] [--quarantine DIR] [--json]``: field reports into HQ's database.

An encrypted bundle is opened with HQ's identity: its passphrase is asked (or read) only then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_db, add_json, open_hq
from inspector_app.cli.hq_cmd import hq_actions
from inspector_app.cli.output import emit_json
from inspector_app.services import hq_import
from inspector_app.services.bundle_import import ImportResult


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = hq_actions(commands).add_parser("import", parents=[common],
                                        help="import field-report bundles into HQ's database")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_db(p)
    p.add_argument("--quarantine", type=Path, default=None, metavar="DIR",
                   help="where refused bundles are moved, with the reason (default: DATA_DIR/quarantine)")
    add_json(p)
    passphrase.add_option(p)
    p.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    def show(number: int, total: int, path: Path) -> None:
        if total > 1 and not args.json:
            print(f"[{number}/{total}] {path.name}", file=sys.stderr, flush=True)

    with open_hq(args) as ws:
        batch = hq_import.import_files(ws, args.files, args.quarantine, on_file=show,
                                       passphrase=lambda: passphrase.read(args, "HQ's identity.p12"))
    if args.json:
        emit_json({"imported": [r.summary() for r in batch.imported],
                   "already_imported": [r.summary() for r in batch.duplicates],
                   "refused": [{"file": str(r.path), "reason": r.reason,
                                "moved_to": str(r.moved_to) if r.moved_to else None} for r in batch.refused]})
    else:
        for result in batch.imported:
            print(f"imported bundle {result.bundle_id} from {result.sender}: {_counts(result)}")
        for result in batch.duplicates:
            print(f"bundle {result.bundle_id} from {result.sender} was imported on "
                  f"{result.already_imported:%Y-%m-%d %H:%M} UTC already: nothing changed")
        for refusal in batch.refused:
            where = f"; moved to {refusal.moved_to}" if refusal.moved_to else "; it could not be moved aside"
            print(f"inspector: refused {refusal.path.name}: {refusal.reason}{where}", file=sys.stderr)
    return 1 if batch.refused else 0


def _counts(result: ImportResult) -> str:
    parts = []
    for table in ("inspection", "answer", "attachment", "signature"):
        counts = result.counts.get(table, {})
        if counts:
            parts.append(f"{table}s " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items())))
    if result.conflicts:
        parts.append(f"{result.conflicts} conflict(s) to resolve")
    parts.extend(result.notes[:3])
    return "; ".join(parts) or "no records"
