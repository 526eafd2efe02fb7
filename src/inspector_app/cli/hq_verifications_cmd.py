"""``inspector hq verifications [--unit U] [--period P] [--json] [--db URL]``: the signed verification reports of
HQ's database (``services.signed_verifications``); ``inspector hq verifications DOCUMENT_ID -o OUT.pdf``: one of
them, its latest signed file, written out (to check with ``inspector verify``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli.context import add_db, add_json, open_hq
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import hq_actions
from inspector_app.errors import ValidationError
from inspector_app.files import write_file
from inspector_app.i18n import _
from inspector_app.services import signed_verifications
from inspector_app.services.signed_verifications import STATUS_LABELS


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = hq_actions(commands).add_parser(
        "verifications", parents=[common], help="the signed verification reports the field sent, per unit and period",
        description="Every verification report signed in the field and brought by its bundles: document id, unit, "
                    "period, language, who signed as what role, and whether the countersigning role (the last of "
                    "the report's roles) has signed. With DOCUMENT_ID and -o: its latest signed PDF.")
    p.add_argument("document", nargs="?", metavar="DOCUMENT_ID", help="a report's document id (or a unique prefix)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.pdf", help="where to write the signed PDF")
    p.add_argument("--unit", default=None, help="this unit only: its name, or its id or a unique prefix of it")
    p.add_argument("--period", default=None, metavar="2026Q4|2026-11", help="this quarter or month only")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_verifications)


def _verifications(args: argparse.Namespace) -> int:
    if args.document is not None or args.output is not None:
        if args.document is None or args.output is None:
            raise ValidationError(_("give both DOCUMENT_ID and -o OUT.pdf (inspector hq verifications DOCUMENT_ID "
                                    "-o OUT.pdf)"))
        with open_hq(args) as ws:
            data = signed_verifications.signed_file(ws, args.document)
        write_file(args.output, data)
        if args.json:
            emit_json({"written": str(args.output)})
        else:
            print(_("wrote the signed verification report to {output}").format(output=args.output))
        return 0
    with open_hq(args) as ws:
        reports = signed_verifications.signed_reports(ws, args.unit, args.period)
    if args.json:
        emit_json([r.to_dict() for r in reports])
    elif not reports:
        print(_("no signed verification report in this database yet (the field's bundles bring them)"))
    else:
        print(table([_("document id"), _("unit"), _("period"), _("lang"), _("status"), _("signed by")],
                    [[r.document_id, r.unit_name, r.period, r.lang, _(STATUS_LABELS[r.status]), r.signed_by()]
                     for r in reports]))
    return 0

