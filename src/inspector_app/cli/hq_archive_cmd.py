"""``inspector hq archive FILE.pdf -o OUT.pdf | --pending``, ``inspector hq renew [FILE.pdf -o OUT.pdf]
[--before DAYS]``: PAdES B-LTA with HQ's timestamp authority (``services.archive``); ``inspector hq archived
[ID [--lang L] -o OUT.pdf]``: the archived reports of HQ's database, or one of them written out.

The authority's key is in the CA folder under the CA's passphrase; it is asked (or read) only once the
command's other arguments are checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_db, add_json, open_hq
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import hq_actions
from inspector_app.errors import ValidationError
from inspector_app.i18n import _
from inspector_app.paths import DataDir
from inspector_app.services import archive, ca
from inspector_app.services.ca import DEFAULT_CA_DIR


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    actions = hq_actions(commands)
    p = actions.add_parser(
        "archive", parents=[common], help="add validation data and HQ's timestamp to signed reports (PAdES B-LTA)",
        description="Check every signature of a signed report, then add the certificates and CRLs that check it "
                    "and a document timestamp from HQ's timestamp authority (PAdES B-LTA), in incremental updates "
                    "that leave the signed bytes as they are. A file with no signature, a signature that does not "
                    "check, or a file archived already is refused and OUT is not written.")
    p.add_argument("file", type=Path, nargs="?", metavar="FILE.pdf", help="a signed report")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.pdf", help="the archived copy")
    p.add_argument("--pending", action="store_true",
                   help="archive, in HQ's database, every imported signed report not archived yet")
    _authority_options(p)
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_archive)

    p = actions.add_parser(
        "renew", parents=[common], help="add a fresh timestamp to archived reports before it runs out",
        description="A document timestamp proves the report's time only while its certificate is valid; a newer "
                    "timestamp over it, added before then, carries the proof on. Without FILE: every archived "
                    "report of HQ's database whose latest timestamp certificate runs out within DAYS.")
    p.add_argument("file", type=Path, nargs="?", metavar="FILE.pdf", help="an archived report")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.pdf", help="the renewed copy")
    p.add_argument("--before", type=int, default=archive.RENEW_DAYS, metavar="DAYS",
                   help=f"renew the timestamps that run out within DAYS days (default {archive.RENEW_DAYS})")
    _authority_options(p)
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_renew)

    p = actions.add_parser(
        "archived", parents=[common], help="list HQ's archived reports, or write one out",
        description="Without ID: every archived report of HQ's database, the soonest due for renewal first. "
                    "With ID and -o: the archived copy (PAdES B-LTA) of that inspection's report, or of the "
                    "verification report of that document id.")
    p.add_argument("inspection", nargs="?", metavar="ID",
                   help="an inspection id (or a unique prefix), or a verification report's document id")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="the rendition (default en)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.pdf", help="where to write the archived copy")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_archived)


def _authority_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ca-dir", type=Path, default=None, metavar="DIR",
                        help=f"the CA folder that holds the timestamp authority (default: DATA_DIR/{DEFAULT_CA_DIR})")
    passphrase.add_option(parser)  # the CA's passphrase


def authority(args: argparse.Namespace, passphrase_file: Path | None) -> archive.Authority:
    """HQ's timestamp authority of ``--ca-dir``, opened with the CA's passphrase (from ``passphrase_file``, else
    $INSPECTOR_PASSPHRASE, else asked)."""
    data = DataDir.resolve(getattr(args, "data_dir", None))
    folder = ca.folder_of(data, args.ca_dir)
    secret = passphrase.read(argparse.Namespace(passphrase_file=passphrase_file), f"{folder / ca.CA_P12}")
    return archive.open_authority(data, folder, secret)


def _one_file(args: argparse.Namespace, command: str) -> bool:
    """Whether the command is about one file (FILE -o OUT); refuses a half-given one."""
    if args.file is None and args.output is None:
        return False
    if args.file is None or args.output is None:
        raise ValidationError(_("give both FILE.pdf and -o OUT.pdf (inspector hq {command} FILE.pdf -o OUT.pdf)")
                              .format(command=command))
    if not args.file.is_file():
        raise ValidationError(_("there is no file {path}").format(path=args.file))
    if args.output.resolve() == args.file.resolve():
        raise ValidationError(_("-o must name a new file: the signed file stays as it is"))
    return True


def _archive(args: argparse.Namespace) -> int:
    if _one_file(args, "archive"):
        if args.pending:
            raise ValidationError(_("give FILE.pdf -o OUT.pdf or --pending, not both"))
        expires = archive.archive_file(args.file, args.output, authority(args, args.passphrase_file))
        _said(args, {"archived": str(args.output), "timestamp_expires": expires.isoformat()},
              _("archived {file} as {output} (PAdES B-LTA); renew its timestamp before {day}").format(
                  file=args.file, output=args.output, day=f"{expires:%Y-%m-%d}"))
        return 0
    if not args.pending:
        raise ValidationError(_("give FILE.pdf -o OUT.pdf, or --pending for the reports in HQ's database"))
    key = authority(args, args.passphrase_file)
    with open_hq(args) as ws:
        run = archive.archive_pending(ws, key)
    return _report(args, run, _("archived {n} signed report(s) with HQ's timestamp"),
                   _("inspector: not archived: {report}: {reason}"))


def _renew(args: argparse.Namespace) -> int:
    if _one_file(args, "renew"):
        expires = archive.renew_file(args.file, args.output, authority(args, args.passphrase_file))
        _said(args, {"renewed": str(args.output), "timestamp_expires": expires.isoformat()},
              _("renewed the timestamp of {file} in {output}; renew it again before {day}").format(
                  file=args.file, output=args.output, day=f"{expires:%Y-%m-%d}"))
        return 0
    if args.before < 0:
        raise ValidationError(_("--before must be 0 days or more"))
    key = authority(args, args.passphrase_file)
    with open_hq(args) as ws:
        run = archive.renew_due(ws, key, args.before)
    return _report(args, run, _("renewed the timestamp of {n} archived report(s)"),
                   _("inspector: not renewed: {report}: {reason}"))


def _archived(args: argparse.Namespace) -> int:
    if args.inspection is None:
        with open_hq(args) as ws:
            rows = archive.archived(ws)
        if args.json:
            emit_json(rows)
        else:
            print(table([_("report"), _("lang"), _("archived"), _("timestamp runs out"), _("renewals")],
                        [[r["document"] or str(r["inspection"])[:8], r["lang"], f"{r['archived_at']:%Y-%m-%d}",
                          f"{r['timestamp_expires']:%Y-%m-%d}", r["renewals"]] for r in rows], right=[4]))
        return 0
    if args.output is None:
        raise ValidationError(_("give -o OUT.pdf: where to write the archived copy"))
    with open_hq(args) as ws:
        report = archive.find(ws, args.inspection, args.lang)
        data = archive.archived_copy(ws, report)
    if data is None:
        raise ValidationError(_("{report} is not archived (inspector hq archive --pending)").format(
            report=report.named()))
    archive.write_copy(args.output, data)
    _said(args, {"written": str(args.output)}, _("wrote the archived report to {output}").format(output=args.output))
    return 0


def _said(args: argparse.Namespace, data: dict[str, object], text: str) -> None:
    if args.json:
        emit_json(data)
    else:
        print(text)


def _report(args: argparse.Namespace, run: archive.Run, done: str, refused: str) -> int:
    if args.json:
        emit_json({"done": [r.summary() for r in run.done], "refused": [r.summary() for r in run.refused]})
    else:
        print(done.format(n=len(run.done)))
        for report in run.refused:
            print(refused.format(report=report.named(), reason=report.reason), file=sys.stderr)
    return 1 if run.refused else 0

