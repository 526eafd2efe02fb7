"""``inspector hq import FILE... [--recursive] [--db URL] [--quarantine DIR] [--json]``: field reports into HQ.

An encrypted bundle is opened with HQ's identity: its passphrase is asked (or read) only then. The files given
are never moved or changed: a refused one is copied to the quarantine folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_db, add_json, open_hq, records_person
from inspector_app.cli.hq_archive_cmd import authority
from inspector_app.cli.output import emit_json
from inspector_app.cli.parser import hq_actions
from inspector_app.cli.passphrase import PASSPHRASE_ENV
from inspector_app.i18n import _
from inspector_app.services import hq_import
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.ca import DEFAULT_CA_DIR


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = hq_actions(commands).add_parser(
        "import", parents=[common], help="import field-report bundles into HQ's database",
        description="Import field-report bundles into HQ's database. The files given are never moved, renamed or "
                    "deleted: a refused bundle is copied to the quarantine folder with the reason beside it.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--recursive", "-r", action="store_true",
                   help=f"a FOLDER given imports every *{hq_import.SUFFIX} file in it and its subfolders "
                        "(without it, a folder is refused)")
    add_db(p)
    p.add_argument("--quarantine", type=Path, default=None, metavar="DIR",
                   help="where copies of refused bundles go, with the reason (default: DATA_DIR/quarantine)")
    add_json(p)
    passphrase.add_option(p)
    p.add_argument("--archive", action="store_true",
                   help="archive the signed reports with HQ's timestamp authority (PAdES B-LTA); without it they "
                        "wait for: inspector hq archive --pending")
    p.add_argument("--ca-dir", type=Path, default=None, metavar="DIR",
                   help=f"with --archive: the CA folder that holds the timestamp authority (default: "
                        f"DATA_DIR/{DEFAULT_CA_DIR})")
    p.add_argument("--ca-passphrase-file", type=Path, default=None, metavar="FILE",
                   help=f"with --archive: the CA's passphrase, from the first line of FILE (else ${PASSPHRASE_ENV}, "
                        "else it is asked on the terminal)")
    p.set_defaults(handler=_import)
    records_person(p)


def _import(args: argparse.Namespace) -> int:
    def show(number: int, total: int, path: Path) -> None:
        if total > 1 and not args.json:
            print(f"[{number}/{total}] {path.name}", file=sys.stderr, flush=True)

    files = hq_import.bundle_files(args.files, args.recursive)
    if not files:
        print(f"inspector: error: no *{hq_import.SUFFIX} file in {', '.join(map(str, args.files))}", file=sys.stderr)
        return 1
    key = authority(args, args.ca_passphrase_file) if args.archive else None  # before anything is imported
    with open_hq(args) as ws:
        batch = hq_import.import_files(ws, files, args.quarantine, on_file=show,
                                       passphrase=lambda: passphrase.read(args, "HQ's identity.p12"), authority=key)
    if args.json:
        emit_json({"imported": [r.summary() for r in batch.imported],
                   "already_imported": [r.summary() for r in batch.duplicates],
                   "refused": [{"file": str(r.path), "reason": r.reason,
                                "quarantine_copy": str(r.copied_to) if r.copied_to else None} for r in batch.refused],
                   "archived": [r.summary() for r in batch.archived.done] if batch.archived else [],
                   "not_archived": [r.summary() for r in batch.archived.refused] if batch.archived else [],
                   "waiting_for_archiving": batch.waiting})
    else:
        for result in batch.imported:
            print(f"imported bundle {result.bundle_id} from {result.sender}: {_counts(result)}")
        for result in batch.duplicates:
            print(f"bundle {result.bundle_id} from {result.sender} was imported on "
                  f"{result.already_imported:%Y-%m-%d %H:%M} UTC already: nothing changed")
        for refusal in batch.refused:
            where = f"; a copy is in {refusal.copied_to}" if refusal.copied_to else ""
            print(f"inspector: refused {refusal.path.name}: {refusal.reason}{where}", file=sys.stderr)
        _archiving(batch)
    return 1 if batch.refused else 0


def _archiving(batch: hq_import.BatchResult) -> None:
    """What became of the signed reports: archived, refused (the bundle stays imported), or waiting."""
    if batch.archived is not None:
        if batch.archived.done:
            print(_("archived {n} signed report(s) with HQ's timestamp (PAdES B-LTA)").format(
                n=len(batch.archived.done)))
        for report in batch.archived.refused:
            print(_("inspector: warning: {report} was not archived: {reason}").format(
                report=report.named(), reason=report.reason), file=sys.stderr)
    elif batch.waiting:
        print(_("{n} signed report(s) wait for archiving: inspector hq archive --pending").format(n=batch.waiting))


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
