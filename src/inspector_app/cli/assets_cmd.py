"""``inspector inspections assets ID`` and ``inspector inspections asset ID LINE SERIAL``: registered items."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli.context import add_json, open_workspace, records_person
from inspector_app.cli.output import emit_json, table
from inspector_app.domain.assets import CONDITIONS
from inspector_app.i18n import _, set_language
from inspector_app.services import assets


def register(group: Any, common: argparse.ArgumentParser) -> None:
    p = group.add_parser("assets", parents=[common],
                         help="the registered items per MOU line, duplicate serials, repatriation reconciliation")
    p.add_argument("id", help="inspection id or unique prefix")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    add_json(p)
    p.set_defaults(handler=_assets)

    p = group.add_parser("asset", parents=[common],
                         help="add or change one registered item of an MOU line (or --remove it)")
    p.add_argument("id", help="inspection id or unique prefix")
    p.add_argument("line", type=int, help="MOU line number (a line of registered items)")
    p.add_argument("serial", help="registration or serial number")
    p.add_argument("--condition", default=None, choices=CONDITIONS, metavar="C",
                   help=", ".join(CONDITIONS) + " (a new asset: serviceable)")
    p.add_argument("--remark", default=None)
    p.add_argument("--photo", type=Path, default=None, help="attach a photo of the asset")
    p.add_argument("--remove", action="store_true", help="remove the asset")
    add_json(p)
    p.set_defaults(handler=_asset)
    records_person(p)


def _assets(args: argparse.Namespace) -> int:
    set_language(args.lang)
    with open_workspace(args) as ws:
        data = assets.summary_of(ws, args.id)
    if args.json:
        emit_json(data)
        return 0
    print(assets_text(data) or _("This inspection has no MOU line of registered items."))
    return 0


def _asset(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        if args.remove:
            row = assets.remove_serial(ws, args.id, args.line, args.serial)
            print(_("removed {serial} from line {line}").format(serial=row.serial, line=row.line_no))
            return 0
        row = assets.put(ws, args.id, args.line, args.serial, args.condition, args.remark)
        photo = assets.attach_photo(ws, row.id, args.photo) if args.photo is not None else None
    if args.json:
        emit_json({"id": row.id, "line": row.line_no, "serial": row.serial, "condition": row.condition,
                   "remark": row.remark, "photo": photo.id if photo else None})
    else:
        print(f"{row.serial} (line {row.line_no}): {row.condition}" + (f" — {row.remark}" if row.remark else ""))
    return 0


def assets_text(data: dict[str, Any]) -> str:
    """The text of ``inspections assets`` and of the assets part of ``inspections show``."""
    parts: list[str] = []
    for line in data["assets"]:
        rows = [(a["serial"], a["condition"], a["remark"], a["photos"] or "") for a in line["assets"]]
        parts.append(_("Line {line} — {item}: registered items").format(line=line["line"], item=line["item"]) + "\n"
                     + (table([_("SERIAL"), _("CONDITION"), _("REMARK"), _("PHOTOS")], rows) if rows
                        else _("  none recorded")))
    if data["duplicate_serials"]:
        parts.append(_("Serials seen more than once:") + "\n" + "\n".join(
            "  " + d["serial"] + ": " + ", ".join(
                _("{unit} line {line}").format(unit=s["unit"], line=s["line"]) for s in d["seen"])
            for d in data["duplicate_serials"]))
    rec = data.get("reconciliation")
    if rec is not None:
        if not rec["has_baseline"]:
            parts.append(_("Repatriation reconciliation: the unit has no counted arrival inspection (no baseline)."))
        else:
            rows = [(a["serial"], a["line"], a["status"], a["last"] or "—", a["now"] or "—") for a in rec["assets"]]
            rows += [(a["serial"], a["line"], _("not in the baseline"), "—", a["condition"])
                     for a in rec["not_in_baseline"]]
            parts.append(_("Repatriation reconciliation") + "\n" + table(
                [_("SERIAL"), _("LINE"), _("STATUS"), _("LAST"), _("NOW")], rows, right=(1,)))
        qty = [(q["line"], q["item"], q["mou"], _dash(q["baseline"]), _dash(q["last"]), _dash(q["now"]))
               for q in rec["lines"]]
        parts.append(table([_("LINE"), _("ITEM"), _("MOU"), _("ARRIVAL"), _("LAST"), _("NOW")], qty,
                           right=(0, 2, 3, 4, 5)))
    return "\n\n".join(parts)


def _dash(value: object) -> object:
    return "—" if value is None else value
