"""``inspector verify FILE.pdf [--trust CA.pem] [--crl CRL.pem] [--at WHEN] [--json]``: every signature and
document timestamp of a PDF, each signature judged at the time its earliest trusted timestamp proves."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inspector_app.cli.context import add_json
from inspector_app.cli.output import emit_json
from inspector_app.cli.parser import command
from inspector_app.files import read_file
from inspector_app.paths import DataDir
from inspector_app.services.verification import (
    MarkCheck,
    SignatureCheck,
    TimestampCheck,
    document_id,
    verify_pdf_file,
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = command(commands, "verify", parents=[common])
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--trust", type=Path, action="append", default=[], metavar="CA.pem",
                   help="also trust this CA certificate (repeatable)")
    p.add_argument("--crl", type=Path, action="append", default=[], metavar="CRL.pem",
                   help="also honour this revocation list (repeatable)")
    p.add_argument("--at", type=_moment, default=None, metavar="WHEN",
                   help="judge signatures that carry no trusted timestamp as of this date (YYYY-MM-DD or "
                        "YYYY-MM-DDTHH:MM, UTC) instead of now; timestamped ones are judged at their proven time")
    add_json(p)
    p.set_defaults(handler=_verify)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _verify(args: argparse.Namespace) -> int:
    data = DataDir.resolve(getattr(args, "data_dir", None))
    verdict = verify_pdf_file(args.file, args.trust, args.crl, data, at=args.at)
    checks = verdict.signatures
    if args.json:
        emit_json({"file": str(args.file), "document_id": document_id(read_file(args.file, "the PDF")),
                   "ok": verdict.ok, "at": args.at, "signatures": [c.to_dict() for c in checks],
                   "timestamps": [t.to_dict() for t in verdict.timestamps], "provisional": verdict.marks.to_dict()})
    else:
        for n, check in enumerate(checks):
            print(line(check, checks[n + 1:]))
            for warning in check.warnings:
                print(f"  warning: {warning}")
        for stamp in verdict.timestamps:
            print(timestamp_line(stamp))
        for update in update_lines(checks):
            print(update)
        if verdict.marks.until:
            print(marks_line(verdict.marks))
    return 0 if verdict.ok else 1


def timestamp_line(stamp: TimestampCheck) -> str:
    """One line per document timestamp: field, authority, the time it proves, integrity, trust."""
    when = f"proves {stamp.time:%Y-%m-%d %H:%M} UTC" if stamp.time else "no readable time"
    integrity = "intact" if stamp.intact else "ALTERED"
    problem = f"  {stamp.problem}" if stamp.problem else ""
    return f"document timestamp {stamp.field}  by {stamp.tsa}  {when}  {integrity}  {stamp.trust}{problem}"


def marks_line(marks: MarkCheck) -> str:
    """The state a provisional report's marks show, and whether only its countersignature changed them."""
    if not marks.ok:
        return f"provisional marks ALTERED: {marks.problem}"
    if marks.settled:
        return f"provisional marks settled by the countersignature in {marks.until}: the report reads countersigned"
    return f"provisional: the report reads provisional until {marks.until} is signed"


def update_lines(checks: Sequence[SignatureCheck]) -> list[str]:
    """One line per update after the first signature that is not a signature: its revision, what it changed and
    whether the signed document allows it ("REFUSED" when not)."""
    refused = {u for c in checks for u in c.refused_updates}
    updates = dict.fromkeys(u for c in checks for u in c.updates)
    return [("REFUSED " if u in refused else "") + "update " + u for u in updates]


def line(check: SignatureCheck, later: Sequence[SignatureCheck] = ()) -> str:
    """One line per signature: field, signer, claimed time, PAdES level, proven time, integrity, trust, and what
    changed after it (and who signed after it)."""
    who = f"{check.signer} ({check.role})" if check.role else check.signer
    when = f"{check.signed_at:%Y-%m-%d %H:%M} UTC" if check.signed_at else "no signing time"
    proven = f"proven {check.proven_time:%Y-%m-%d %H:%M} UTC" if check.proven_time else \
        f"no timestamp, judged as of {check.judged_at:%Y-%m-%d %H:%M} UTC" if check.judged_at else "no timestamp"
    when = f"{when}  {check.level}  {proven}"
    if check.problem:
        return f"{check.field}  {who}  {when}  {check.integrity}  {check.trust}  {check.problem}"
    if not check.changed_after:
        after = "covers the whole file"
    else:
        verdict = "allowed" if check.changes_allowed else "NOT ALLOWED by the signed document"
        after = f"changed after signing: {check.changes} ({verdict})"
        if later:
            after += "; signed after it: " + ", ".join(f"{c.field} by {c.signer}" for c in later)
    record = f"; {check.recorded}" if check.recorded else ""
    return f"{check.field}  {who}  {when}  {check.integrity}  {check.trust}  {after}{record}"
