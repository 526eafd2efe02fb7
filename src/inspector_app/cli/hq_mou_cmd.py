"""``inspector hq mou import FILE.xlsx|csv --unit UNIT [--effective DATE [--reference TEXT]] [--sheet NAME]
[--dry-run] [--db URL]``, ``inspector hq mou list --unit UNIT [--json]`` and
``inspector hq mou ss CATEGORY --unit UNIT [--provider contingent|un|other] [--standard TEXT] [--db URL]``.

Reads one unit's Annex B (major equipment) from a spreadsheet and brings the unit's MOU in HQ's database in
line with it; the accepted columns are in docs/mou-spreadsheet.md. Without ``--effective`` the latest MOU
version is edited in place; with it the file is an amendment, a new version in force from DATE. Inspections
freeze their scope (and the MOU version in force on their date) when they start, so importing while one is in
progress is safe: it keeps the lines it started with.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli.context import add_db, add_json, iso_date, open_hq, records_person
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import hq_actions
from inspector_app.domain.checklist import MouLineRef, SsTerms
from inspector_app.domain.self_sustainment import PROVIDERS
from inspector_app.services import mou_import, units
from inspector_app.services.mou_import import MouDiff, SheetProblems


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = hq_actions(commands).add_parser("mou", help="units' MOUs in HQ's database").add_subparsers(
        dest="action", metavar="ACTION")
    p = group.add_parser("import", parents=[common],
                         help="import a unit's Annex B (major equipment) from an .xlsx or .csv file")
    p.add_argument("file", type=Path, metavar="FILE", help="an .xlsx workbook or a .csv file (docs/mou-spreadsheet.md)")
    p.add_argument("--unit", required=True, help="the unit: its name, or its id or a unique prefix of it")
    p.add_argument("--sheet", metavar="NAME", default=None, help="the workbook's sheet (default: the first)")
    p.add_argument("--effective", metavar="DATE", type=iso_date, default=None,
                   help="an amendment: a new MOU version in force from DATE (YYYY-MM-DD), after the latest "
                        "version's; without it the latest version is edited in place")
    p.add_argument("--reference", metavar="TEXT", default="",
                   help="the amendment's reference (default: the amended version's)")
    p.add_argument("--dry-run", action="store_true", help="show what would change, and change nothing")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_import)
    records_person(p)
    p = group.add_parser("ss", parents=[common], help="who provides a self-sustainment (Annex C) category, and its "
                         "standard")
    p.add_argument("category", help="the category, as the template names it (e.g. catering, fire_detection)")
    p.add_argument("--unit", required=True, help="the unit: its name, or its id or a unique prefix of it")
    p.add_argument("--provider", choices=PROVIDERS, default="contingent", help="who provides it (default: contingent)")
    p.add_argument("--standard", default="", metavar="TEXT", help="the standard the MOU sets, as written there")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_ss)
    records_person(p)
    p = group.add_parser("list", parents=[common], help="the versions of a unit's MOU (original and amendments)")
    p.add_argument("--unit", required=True, help="the unit: its name, or its id or a unique prefix of it")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_list)



def _list(args: argparse.Namespace) -> int:
    with open_hq(args) as ws:
        unit, rows = units.mou_history(ws, args.unit)
    if args.json:
        emit_json({"unit": {"id": unit.id, "name": unit.name}, "versions": [
            row.ref.to_dict() | {"amendment": row.ref.amendment, "lines": row.lines, "quantity": row.quantity,
                                 "ss_categories": row.ss_categories, "in_force": row.in_force}
            for row in rows]})
        return 0
    if not rows:
        print(f"{unit.name}: no MOU")
        return 0
    print(table(["version", "reference", "in force from", "lines", "items", "self-sustainment", ""],
                [[row.ref.version, row.ref.reference, row.ref.effective_from or "the start", row.lines,
                  row.quantity, row.ss_categories, "in force today" if row.in_force else ""] for row in rows]))
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        sheet = mou_import.read_mou(args.file, args.sheet)  # a bad file is refused before HQ's database is opened
    except SheetProblems as exc:
        if args.json:
            emit_json({"source": exc.source, "total": exc.total, "problems": [p.to_dict() for p in exc.problems]})
        raise
    with open_hq(args) as ws:
        diff = mou_import.import_mou(ws, args.unit, sheet, dry_run=args.dry_run, effective_from=args.effective,
                                     reference=args.reference)
    if args.json:
        emit_json(diff.to_dict())
    else:
        _print(diff, len(sheet.lines), args.dry_run)
    return 0


def _ss(args: argparse.Namespace) -> int:
    with open_hq(args) as ws:
        old, new = units.set_ss_terms(ws, args.unit, SsTerms(args.category, args.provider, args.standard))
    if args.json:
        emit_json({"unit": args.unit, "before": None if old is None else vars(old), "after": vars(new)})
    else:
        before = "not listed" if old is None else f"{old.provider}, standard {old.standard or '-'}"
        print(f"{new.category}: {before} -> {new.provider}, standard {new.standard or '-'}")
    return 0


def _print(diff: MouDiff, lines: int, dry_run: bool) -> None:
    name = diff.unit.name
    if diff.effective_from is not None and not diff.new_mou:
        _print_amendment(diff, dry_run)
        return
    if diff.empty and not diff.new_mou:
        print(f"{name}: the MOU already matches {diff.source}, {lines} lines; nothing to change")
        return
    counts = (f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed, "
              f"{diff.unchanged} unchanged")
    if dry_run:
        print(f"{name}: importing {diff.source} would change the MOU lines: {counts} (dry run: nothing was changed)")
    else:
        print(f"{name}: imported {diff.source}{' (a new MOU)' if diff.new_mou else ''}: {counts}")
    _print_lines(diff)


def _print_amendment(diff: MouDiff, dry_run: bool) -> None:
    assert diff.amends is not None and diff.effective_from is not None  # noqa: S101 - an amendment of an MOU
    when = diff.effective_from.isoformat()
    amended = f"version {diff.amends.version}"
    if diff.empty:
        counts = "the same lines"
    else:
        counts = (f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed, "
                  f"{diff.unchanged} unchanged")
    verb = "would add" if dry_run else "added"
    print(f"{diff.unit.name}: {diff.source} {verb} MOU version {diff.version} in force from {when}, amending "
          f"{amended}: {counts}{' (dry run: nothing was changed)' if dry_run else ''}")
    _print_lines(diff)


def _print_lines(diff: MouDiff) -> None:
    for line in diff.added:
        print(f"  + line {line.line_no}: {_describe(line)}")
    for line in diff.removed:
        print(f"  - line {line.line_no}: {_describe(line)}")
    for change in diff.changed:
        fields = "; ".join(f"{k} {_value(old)} -> {_value(new)}" for k, (old, new) in change.fields.items())
        print(f"  ~ line {change.new.line_no}: {change.new.item}: {fields}")


def _describe(line: MouLineRef) -> str:
    return f"{line.category} / {line.item}, {line.quantity} {line.lease} lease"


def _value(value: object) -> str:
    """Texts quoted (their spaces and case show), numbers and lease types as they are."""
    return repr(value) if isinstance(value, str) and value not in ("wet", "dry") else str(value)
