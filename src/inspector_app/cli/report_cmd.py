"""``inspector report ID -o FILE.pdf [--lang en|fr] [--sign [--signature-image FILE]]``: an inspection's report;
``inspector report --unit U --period 2026Q4|2026-11 -o FILE.pdf [--lang en|fr] [--sign [--role ROLE]]``: the
verification report of a unit for a month or quarter (issue 15, point 7)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app import files
from inspector_app.cli import passphrase
from inspector_app.cli.context import open_workspace, records_person
from inspector_app.cli.parser import command
from inspector_app.errors import InspectorError
from inspector_app.services import report, settings, signing, verification_report


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = command(commands, "report", parents=[common])
    p.add_argument("id", nargs="?", help="inspection id or unique prefix")
    p.add_argument("--unit", default=None, help="the verification report of this unit (name or id) ...")
    p.add_argument("--period", default=None, metavar="2026Q4|2026-11",
                   help="... for this quarter or month (with --unit)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    p.add_argument("--sign", action="store_true",
                   help="sign it with this laptop's identity (the first signature locks the inspection)")
    p.add_argument("--role", default=None,
                   help=f"the signer's role: {', '.join(settings.ROLES)} for an inspection's report, a role of the "
                        "verification report (default coe_inspector, contingent_commander, chief_coe_officer) with "
                        "--unit (default: the role in this laptop's certificate)")
    p.add_argument("--location", default=None, help="where it is signed, e.g. 'Camp Bravo'")
    p.add_argument("--signature-image", type=Path, default=None, metavar="FILE",
                   help="a handwritten signature (PNG or JPEG) shown in the digital signature (with --sign)")
    passphrase.add_option(p)
    p.set_defaults(handler=_report)
    records_person(p)


def _report(args: argparse.Namespace) -> int:
    if (args.unit is None) != (args.period is None):
        raise InspectorError("--unit and --period go together: the verification report of a unit for a period")
    if (args.id is None) == (args.unit is None):
        raise InspectorError("give an inspection ID, or --unit U --period P for a verification report, not both")
    if args.unit is not None:
        return _verification(args)
    if args.role is not None and args.role not in settings.ROLES:
        raise InspectorError(f"--role: choose one of {', '.join(settings.ROLES)} for an inspection's report")
    with open_workspace(args) as ws:
        signer = None
        if args.signature_image is not None and not args.sign:
            raise InspectorError("--signature-image goes with --sign: it is shown in the digital signature")
        if args.sign:
            signing.check_can_sign(ws, args.id)  # before asking for the passphrase
            image = None
            if args.signature_image is not None:  # checked before asking for the passphrase too
                image = files.read_file(args.signature_image, "the signature image")
                signing.check_signature_image(image)
            signer = report.Signer(passphrase.read(args, "identity.p12"), args.role, args.location, image)
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
    files.write_file(args.output, produced.pdf)
    print(f"wrote {args.output}: {what}")
    return 0


def _verification(args: argparse.Namespace) -> int:
    if args.signature_image is not None:
        raise InspectorError("--signature-image is for an inspection's report")
    with open_workspace(args) as ws:
        signer = None
        if args.sign:
            verification_report.check_period(args.period)  # before asking for the passphrase
            signer = report.Signer(passphrase.read(args, "identity.p12"), args.role, args.location)
        produced = verification_report.produce(ws, args.unit, args.period, args.lang, sign=signer)
    what = "the signed report" if produced.pages is None else f"{produced.pages} page(s)"
    what += f", document {produced.document_id}"
    if produced.signed_by is not None:
        what += f", signed by {produced.signed_by} as {produced.role}"
    what += ", provisional (not countersigned)" if produced.provisional else ", countersigned"
    files.write_file(args.output, produced.pdf)
    print(f"wrote {args.output}: {what}")
    return 0
