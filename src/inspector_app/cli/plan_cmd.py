"""``inspector inspections plan new|list|move|cancel|start`` on this laptop, ``inspector hq plan new|list|move|cancel``
on HQ's database (``--db``, default DATA_DIR/hq.sqlite), whose reference packages carry the plans to the laptops."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from inspector_app.cli.context import add_db, add_json, iso_date, open_hq, open_workspace, records_person
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import actions_of, hq_actions
from inspector_app.domain.planning import TEAM_SEPARATOR, PlanStatus, sections_of, split_team, team_of
from inspector_app.domain.workflow import InspectionType
from inspector_app.i18n import _
from inspector_app.services import planning
from inspector_app.services.workspace import Workspace

Opener = Callable[[argparse.Namespace], Workspace]


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    if "inspections" in commands.choices:  # registered first when the inspections command runs; not for hq
        inspections = actions_of(commands, "inspections", "action")
        _register(inspections.add_parser("plan", help="planned inspections: plan, list, move, cancel, start"),
                  common, laptop=True)
    _register(hq_actions(commands).add_parser("plan", help="plan inspections for the teams (reference packages "
                                                           "carry them)"), common, laptop=False)


def _register(parent: argparse.ArgumentParser, common: argparse.ArgumentParser, *, laptop: bool) -> None:
    group = parent.add_subparsers(dest="plan_action", metavar="ACTION")
    opener: Opener = open_workspace if laptop else open_hq
    db = argparse.ArgumentParser(add_help=False)
    if not laptop:
        add_db(db)

    p = group.add_parser("new", parents=[common, db], help="plan an inspection; prints the plan's id")
    p.add_argument("--unit", required=True, help="unit id, id prefix or name")
    p.add_argument("--template", required=True, help="template id, e.g. coe-major-equipment")
    p.add_argument("--type", required=True, choices=[t.value for t in InspectionType], metavar="TYPE",
                   help=", ".join(t.value for t in InspectionType))
    p.add_argument("--date", required=True, type=iso_date, help="planned date, YYYY-MM-DD")
    p.add_argument("--team", required=True, type=split_team,
                   help=f"the members' names as on their profiles, separated by '{TEAM_SEPARATOR}'")
    p.add_argument("--sections", default="", metavar="CODE[,CODE]",
                   help="a spot check's sections (see 'inspections items'); default: the whole template")
    _handler(p, opener, _new)
    records_person(p)

    p = group.add_parser("list", parents=[common, db], help="planned inspections by date")
    if laptop:
        p.add_argument("--mine", action="store_true", help="only the plans whose team holds this laptop's inspector")
    p.add_argument("--unit", default=None, help="only this unit")
    p.add_argument("--from", dest="date_from", type=iso_date, default=None, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=iso_date, default=None, metavar="DATE")
    p.add_argument("--status", choices=[s.value for s in PlanStatus], default=None)
    add_json(p)
    _handler(p, opener, _list)

    p = group.add_parser("move", parents=[common, db], help="another date or team for a plan still to start")
    p.add_argument("id", help="plan id or unique prefix")
    p.add_argument("--date", type=iso_date, default=None, help="the new date, YYYY-MM-DD")
    p.add_argument("--team", type=split_team, default=None, help=f"the new team, separated by '{TEAM_SEPARATOR}'")
    _handler(p, opener, _move)
    records_person(p)

    p = group.add_parser("cancel", parents=[common, db], help="cancel a plan still to start")
    p.add_argument("id", help="plan id or unique prefix")
    _handler(p, opener, _cancel)
    records_person(p)

    if laptop:
        p = group.add_parser("start", parents=[common],
                             help="start the planned inspection; prints the new inspection's id")
        p.add_argument("id", help="plan id or unique prefix")
        p.add_argument("--date", type=iso_date, default=None, help="start date (default: today)")
        _handler(p, opener, _start)
        records_person(p)


def _handler(p: argparse.ArgumentParser, opener: Opener, run: Callable[[Workspace, argparse.Namespace], int]) -> None:
    def handle(args: argparse.Namespace) -> int:
        with opener(args) as ws:
            return run(ws, args)
    p.set_defaults(handler=handle)


def _new(ws: Workspace, args: argparse.Namespace) -> int:
    row = planning.plan(ws, args.unit, args.template, args.type, args.date, args.team, args.sections.split(","))
    print(row.id)
    return 0


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    rows = planning.list_plans(ws, unit_ref=args.unit, date_from=args.date_from, date_to=args.date_to,
                               status=args.status, mine=getattr(args, "mine", False))
    if args.json:
        emit_json([{"id": r.plan.id, "mission": r.mission.code, "unit": r.unit.name, "unit_id": r.unit.id,
                    "type": r.plan.type, "template": r.plan.template_id, "planned_date": r.plan.planned_date,
                    "team": r.team, "sections": sections_of(r.plan.sections_json),
                    "status": r.plan.status, "inspection_id": r.plan.inspection_id,
                    "mine": r.mine, "overdue": r.overdue} for r in rows])
        return 0
    print(table([_("ID"), _("DATE"), _("UNIT"), _("TYPE"), _("TEMPLATE"), _("TEAM"), _("STATUS")],
                [(r.plan.id[:8], r.plan.planned_date, r.unit.name, InspectionType(r.plan.type).label,
                  r.plan.template_id, "; ".join(r.team), _status_text(r)) for r in rows]))
    return 0


def _status_text(row: planning.PlanRow) -> str:
    if row.overdue:
        return _("OVERDUE (planned)")
    if row.plan.inspection_id:
        return _("started: inspection {id}").format(id=row.plan.inspection_id[:8])
    return row.status.label


def _move(ws: Workspace, args: argparse.Namespace) -> int:
    row = planning.reschedule(ws, args.id, args.date, args.team)
    print(_("{id} planned for {date}: {team}").format(id=row.id[:8], date=row.planned_date,
                                                     team="; ".join(team_of(row.team_json))))
    return 0


def _cancel(ws: Workspace, args: argparse.Namespace) -> int:
    row = planning.cancel(ws, args.id)
    print(_("{id} is {status}").format(id=row.id[:8], status=PlanStatus(row.status).label))
    return 0


def _start(ws: Workspace, args: argparse.Namespace) -> int:
    inspection = planning.start(ws, args.id, args.date)
    print(inspection.id)
    return 0
