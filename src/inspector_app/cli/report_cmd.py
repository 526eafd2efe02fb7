"""``inspector report ID -o FILE.pdf [--lang en|fr] [--sign]``."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

from inspector_app import files
from inspector_app.cli import passphrase
from inspector_app.cli.context import open_workspace, records_person
from inspector_app.errors import InspectorError
from inspector_app.services import identity, settings, signing
from inspector_app.services.workspace import Workspace


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


def _report(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        secret = None
        if args.sign:
            signing.check_can_sign(ws, args.id)
            secret = passphrase.read(args, "identity.p12")
            signer = identity.unlock(ws.data, secret)  # a wrong passphrase is told before the rendering
            signing.check_signer(ws, args.id, signer, args.lang)
        # a signed rendition is its signed file, never redone; each language is a rendition of its own
        pdf = signing.signed_report(ws, args.id, args.lang)
        what = "the signed report"
        if pdf is None:
            pdf, what = _render(ws, args.id, args.lang, final=secret is not None)
        if secret is not None:
            pdf = signing.sign_report(ws, args.id, pdf, secret, role=args.role, lang=args.lang,
                                      location=args.location)
            row = signing.signatures(ws, args.id, signing.DIGITAL)[-1]
            what += f", signed by {row.signer_name} as {row.role}"
    try:
        files.write_atomic(args.output, pdf)
    except OSError as exc:
        raise InspectorError(f"cannot write {args.output}: {exc.strerror}") from exc
    print(f"wrote {args.output}: {what}")
    return 0


def _render(ws: Workspace, ref: str, lang: str, *, final: bool) -> tuple[bytes, str]:
    try:
        render = importlib.import_module("inspector_app.reports.render")
    except ModuleNotFoundError as exc:
        if exc.name not in ("inspector_app.reports.render", "inspector_app.reports"):
            raise
        raise InspectorError("PDF reports are not available in this installation (no report renderer)") from None
    report = render.render_report(ws, ref, lang, final=final)
    pages = getattr(report, "pages", None)
    return report.pdf, f"{pages} page(s), document {report.document_id}"
