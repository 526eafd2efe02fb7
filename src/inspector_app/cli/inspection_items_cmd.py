"""``inspector inspections items ID``: what can be answered, how, and what is answered so far."""

from __future__ import annotations

import argparse
from itertools import groupby
from typing import Any

from inspector_app.cli.context import add_json, open_workspace
from inspector_app.cli.output import emit_json
from inspector_app.i18n import _, set_language
from inspector_app.services.inspection_items import list_items


def register(group: Any, common: argparse.ArgumentParser) -> None:
    p = group.add_parser("items", parents=[common],
                         help="every item key: label, answer type, accepted values, current value, MOU line")
    p.add_argument("id", help="inspection id or unique prefix")
    p.add_argument("--open", action="store_true", help="only the relevant items not answered yet")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    add_json(p)
    p.set_defaults(handler=_items)


def _items(args: argparse.Namespace) -> int:
    set_language(args.lang)
    with open_workspace(args) as ws:
        rows = list_items(ws, args.id, args.lang, open_only=args.open)
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(_("Nothing left to answer.") if args.open else _("This inspection has no items."))
    for (_code, title), section in groupby(rows, key=lambda r: (r["section"], r["section_title"])):
        print(title)
        for _item, slots in groupby(section, key=lambda r: r["code"]):
            print("\n".join(_item_lines(list(slots))))
    return 0


def _item_lines(slots: list[dict[str, Any]]) -> list[str]:
    """An item's heading, what it accepts, then its current value (one line per MOU line or person)."""
    first = slots[0]
    flags = [first["type"], _("required") if first["required"] else _("optional")]
    accepted = first["accepts"] if not first["choices"] else _("choose one of: {choices}").format(
        choices=", ".join(f"{c['code']} ({c['label']})" for c in first["choices"]))
    lines = [f"  {first['code']}  {first['label']} [{', '.join(flags)}]", f"    {accepted}"]
    if len(slots) == 1 and first["key"] == first["code"]:
        return [*lines, f"    = {_shown_value(first)}"]
    width = max(len(s["key"]) for s in slots)
    return [*lines, *(f"    {s['key'].ljust(width)}  {_subject(s)}  = {_shown_value(s)}" for s in slots)]


def _subject(slot: dict[str, Any]) -> str:
    if slot["mou_line"]:
        line = slot["mou_line"]
        return _("{item} ({category}), MOU {mou}, {lease}").format(**line)
    if slot["person"]:
        return f"{slot['person']['name']}, {slot['person']['rank']}".rstrip(", ")
    return ""


def _shown_value(slot: dict[str, Any]) -> str:
    if not slot["relevant"]:
        return _("not relevant")
    return slot["text"] or "—"
