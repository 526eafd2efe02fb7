"""``inspector units list`` and ``inspector templates list|validate``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli.context import add_json, open_workspace
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import command
from inspector_app.services import templates, units


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = command(commands, "units").add_subparsers(dest="action", metavar="ACTION")
    p = group.add_parser("list", parents=[common], help="units with their mission, MOU lines and strength")
    add_json(p)
    p.set_defaults(handler=_units_list)

    group = command(commands, "templates").add_subparsers(dest="action", metavar="ACTION")
    p = group.add_parser("list", parents=[common], help="installed template versions")
    add_json(p)
    p.set_defaults(handler=_templates_list)
    p = group.add_parser("validate", parents=[common], help="check a template file")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=_templates_validate)


def _units_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        rows = units.list_units(ws)
    if args.json:
        emit_json([{"id": r.unit.id, "name": r.unit.name, "mission": r.mission.code,
                    "country": r.unit.contributing_country, "location": r.unit.location,
                    "commander": r.unit.commander, "mou_lines": r.mou_lines, "strength": r.persons,
                    "next_ori_due": r.next_ori_due.isoformat() if r.next_ori_due else None,
                    "ori_overdue": r.ori_overdue} for r in rows])
    else:
        print(table(["ID", "MISSION", "UNIT", "COUNTRY", "LOCATION", "MOU LINES", "STRENGTH", "NEXT ORI"],
                    [(r.unit.id[:8], r.mission.code, r.unit.name, r.unit.contributing_country,
                      r.unit.location, r.mou_lines, r.persons, _ori_cell(r)) for r in rows], right=(5, 6)))
    return 0


def _ori_cell(row: units.UnitRow) -> str:
    if row.next_ori_due is None:
        return "-"
    return f"{row.next_ori_due.isoformat()} OVERDUE" if row.ori_overdue else row.next_ori_due.isoformat()


def _templates_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        records = templates.installed(ws)
    if args.json:
        emit_json([{"id": r.template_id, "version": r.version, "kind": r.kind, "title": r.title_en,
                    "title_fr": r.title_fr, "sha256": r.sha256} for r in records])
    else:
        print(table(["TEMPLATE", "VERSION", "KIND", "TITLE"],
                    [(r.template_id, r.version, r.kind, r.title_en) for r in records], right=(1,)))
    return 0


def _templates_validate(args: argparse.Namespace) -> int:
    template = templates.validate_file(args.file)
    items = sum(len(s.items) for s in template.sections)
    print(f"{args.file}: valid: {template.id} version {template.version} ({template.kind.value}), "
          f"{len(template.sections)} sections, {items} items")
    return 0
