"""``inspector actions list|add|close|extend``: improvement actions (``services.actions``, ``services.followups``)."""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.context import add_json, iso_date, open_workspace, records_person
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import command
from inspector_app.domain.labels import status_label
from inspector_app.i18n import _
from inspector_app.services import actions, followups


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parent = command(commands, "actions")
    group = parent.add_subparsers(dest="actions_action", metavar="ACTION")

    p = group.add_parser("list", parents=[common], help="every improvement action, soonest due first")
    p.add_argument("--unit", default=None, help="only this unit (id, id prefix or name)")
    p.add_argument("--overdue", action="store_true", help="only the open actions past their due date")
    add_json(p)
    p.set_defaults(handler=_list)

    p = group.add_parser("add", parents=[common], help="record a finding and its action; prints the action's id")
    p.add_argument("inspection", help="inspection id or unique prefix (not signed)")
    p.add_argument("--finding", required=True, metavar="TEXT", help="what was found")
    p.add_argument("--owner", required=True, metavar="TEXT", help="who must act, e.g. 'Contingent commander'")
    p.add_argument("--due", required=True, type=iso_date, metavar="YYYY-MM-DD", help="when it must be done")
    p.add_argument("--action", default="", metavar="TEXT", help="what must be done (default: the finding)")
    p.set_defaults(handler=_add)
    records_person(p)

    p = group.add_parser("close", parents=[common], help="close an open action, with a remark")
    _settling(p)
    p.set_defaults(handler=_close)

    p = group.add_parser("extend", parents=[common], help="give an open action a later due date, with a remark")
    _settling(p)
    p.add_argument("--due", required=True, type=iso_date, metavar="YYYY-MM-DD", help="the new due date")
    p.set_defaults(handler=_extend)


def _settling(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="action id or unique prefix")
    p.add_argument("--remark", required=True, metavar="TEXT", help="what was done, or why more time is needed")
    p.add_argument("--inspection", default=None, metavar="ID",
                   help="the inspection that follows it up (default: the latest unsigned one that does, if any)")
    records_person(p)


def _list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        rows = actions.register(ws, args.unit, args.overdue)
    if args.json:
        emit_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print(_("no overdue improvement action") if args.overdue else _("no improvement action"))
        return 0
    print(table([_("ID"), _("UNIT"), _("ACTION"), _("OWNER"), _("DUE"), _("STATUS"), _("LAST REMARK")],
                [(r.id[:8], r.unit, r.description, r.owner, r.due.isoformat(),
                  _("OVERDUE") if r.overdue else status_label(r.status), r.remark or "—") for r in rows]))
    return 0


def _add(args: argparse.Namespace) -> int:
    plan = followups.ActionPlan(args.action.strip() or args.finding, args.owner, args.due)
    with open_workspace(args) as ws:
        row = followups.add_finding(ws, args.inspection, args.finding, action=plan)
    assert row.action is not None
    print(row.action.id)
    return 0


def _close(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        action = followups.close(ws, args.id, args.remark, args.inspection)
    print(_("{id} closed").format(id=action.id[:8]))
    return 0


def _extend(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        action = followups.extend(ws, args.id, args.due, args.remark, args.inspection)
    print(_("{id} now due {date}").format(id=action.id[:8], date=action.due_date.isoformat()))
    return 0
