"""``inspector verify FILE.pdf [--trust CA.pem] [--crl CRL.pem] [--json]``: every signature of a PDF."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inspector_app.cli.context import add_json
from inspector_app.cli.output import emit_json
from inspector_app.files import read_file
from inspector_app.paths import DataDir
from inspector_app.services.verification import SignatureCheck, document_id, verify_pdf_file


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("verify", parents=[common], help="every signature: signer, trust, intact or altered")
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--trust", type=Path, action="append", default=[], metavar="CA.pem",
                   help="also trust this CA certificate (repeatable)")
    p.add_argument("--crl", type=Path, action="append", default=[], metavar="CRL.pem",
                   help="also honour this revocation list (repeatable)")
    add_json(p)
    p.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace) -> int:
    data = DataDir.resolve(getattr(args, "data_dir", None))
    checks = verify_pdf_file(args.file, args.trust, args.crl, data)
    ok = all(c.ok and c.record_ok for c in checks)
    if args.json:
        emit_json({"file": str(args.file), "document_id": document_id(read_file(args.file, "the PDF")), "ok": ok,
                   "signatures": [c.to_dict() for c in checks]})
    else:
        for n, check in enumerate(checks):
            print(line(check, checks[n + 1:]))
        for update in update_lines(checks):
            print(update)
    return 0 if ok else 1


def update_lines(checks: Sequence[SignatureCheck]) -> list[str]:
    """One line per update after the first signature that is not a signature: its revision, what it changed and
    whether the signed document allows it ("REFUSED" when not)."""
    refused = {u for c in checks for u in c.refused_updates}
    updates = dict.fromkeys(u for c in checks for u in c.updates)
    return [("REFUSED " if u in refused else "") + "update " + u for u in updates]


def line(check: SignatureCheck, later: Sequence[SignatureCheck] = ()) -> str:
    """One line per signature: field, signer, time, integrity, trust, and what changed after it (and who
    signed after it)."""
    who = f"{check.signer} ({check.role})" if check.role else check.signer
    when = f"{check.signed_at:%Y-%m-%d %H:%M} UTC" if check.signed_at else "no signing time"
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
