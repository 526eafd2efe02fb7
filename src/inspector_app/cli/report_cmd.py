"""``inspector report ID -o FILE.pdf [--lang en|fr] [--sign]`` and ``inspector verify FILE.pdf``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inspector_app import files
from inspector_app.cli import passphrase
from inspector_app.cli.context import add_json, open_workspace, records_person
from inspector_app.cli.output import emit_json
from inspector_app.crypto import trust
from inspector_app.crypto._x509 import load_certificates, load_crls, read_file
from inspector_app.crypto.verify import SignatureCheck, verify_pdf
from inspector_app.errors import InspectorError
from inspector_app.paths import DataDir
from inspector_app.services import report, settings, signing


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("report", parents=[common], help="the PDF report of an inspection, optionally signed")
    p.add_argument("id", help="inspection id or unique prefix")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    p.add_argument("--sign", action="store_true",
                   help="sign it with this laptop's identity (the first signature locks the inspection)")
    p.add_argument("--role", choices=settings.ROLES, default=None,
                   help="the signer's role (default: the role in this laptop's certificate)")
    p.add_argument("--location", default=None, help="where it is signed, e.g. 'Camp Bravo'")
    passphrase.add_option(p)
    p.set_defaults(handler=_report)
    records_person(p)

    p = commands.add_parser("verify", parents=[common], help="every signature: signer, trust, intact or altered")
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--trust", type=Path, action="append", default=[], metavar="CA.pem",
                   help="also trust this CA certificate (repeatable)")
    p.add_argument("--crl", type=Path, action="append", default=[], metavar="CRL.pem",
                   help="also honour this revocation list (repeatable)")
    add_json(p)
    p.set_defaults(handler=_verify)


def _report(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        signer = None
        if args.sign:
            signing.check_can_sign(ws, args.id)  # before asking for the passphrase
            signer = report.Signer(passphrase.read(args, "identity.p12"), args.role, args.location)
        try:
            produced = report.produce(ws, args.id, args.lang, sign=signer)
        except ModuleNotFoundError as exc:
            if exc.name not in ("inspector_app.reports.render", "inspector_app.reports"):
                raise
            raise InspectorError("PDF reports are not available in this installation (no report renderer)") from None
    what = "the signed report" if produced.pages is None else \
        f"{produced.pages} page(s), document {produced.document_id}"
    if produced.signed_by is not None:
        what += f", signed by {produced.signed_by} as {produced.role}"
    try:
        files.write_atomic(args.output, produced.pdf)
    except OSError as exc:
        raise InspectorError(f"cannot write {args.output}: {exc.strerror}") from exc
    print(f"wrote {args.output}: {what}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    data = DataDir.resolve(getattr(args, "data_dir", None))
    roots = [c for path in args.trust for c in load_certificates(read_file(path, "the CA file"), str(path))]
    crls = [c for path in args.crl for c in load_crls(read_file(path, "the CRL file"), str(path))]
    checks = verify_pdf(read_file(args.file, "the PDF"), trust.load(data).plus(roots, crls))
    if not checks:
        raise InspectorError(f"{args.file} carries no signature")
    ok = all(c.ok for c in checks)
    if args.json:
        emit_json({"file": str(args.file), "ok": ok, "signatures": [c.to_dict() for c in checks]})
    else:
        for n, check in enumerate(checks):
            print(line(check, checks[n + 1:]))
    return 0 if ok else 1


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
    return f"{check.field}  {who}  {when}  {check.integrity}  {check.trust}  {after}"
