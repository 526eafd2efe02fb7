"""``inspector inspections list|new|answer|attach|show|submit``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from inspector_app.cli.context import add_json, open_workspace
from inspector_app.cli.output import emit_json, percent, table
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.services import attachments, inspections
from inspector_app.services.summary import inspection_summary


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser("inspections", help="inspections and their answers").add_subparsers(
        dest="action", metavar="ACTION"
    )
    p = group.add_parser("list", parents=[common], help="every inspection with its status and completion")
    add_json(p)
    p.set_defaults(handler=_list)

    p = group.add_parser("new", parents=[common], help="start an inspection; prints its id")
    p.add_argument("--unit", required=True, help="unit id, id prefix or name")
    p.add_argument("--template", required=True, help="template id, e.g. coe-major-equipment")
    p.add_argument("--type", required=True, choices=[t.value for t in InspectionType], metavar="TYPE",
                   help=", ".join(t.value for t in InspectionType))
    p.add_argument("--team", default="", help="team members")
    p.add_argument("--date", type=date.fromisoformat, default=None, help="start date, YYYY-MM-DD")
    p.set_defaults(handler=_new)

    p = group.add_parser("answer", parents=[common], help="answer one item (see docs/templates.md)")
    p.add_argument("id", help="inspection id or unique prefix")
    p.add_argument("item", help="item key: CODE, CODE/LINE or CODE/IDNUMBER")
    p.add_argument("value", help="e.g. yes, n/a, 12, 'found=8 serviceable=7', met")
    p.add_argument("--remark", default=None)
    p.set_defaults(handler=_answer)

    p = group.add_parser("attach", parents=[common], help="attach a photo or document to an item")
    p.add_argument("id")
    p.add_argument("item", help="item key, or '-' for the inspection as a whole")
    p.add_argument("file", type=Path)
    p.add_argument("--caption", default="")
    p.set_defaults(handler=_attach)

    p = group.add_parser("show", parents=[common], help="results: serviceability, shortfalls/surpluses, outcomes")
    p.add_argument("id")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    add_json(p)
    p.set_defaults(handler=_show)

    p = group.add_parser("submit", parents=[common], help="in progress -> ready for review")
    p.add_argument("id")
    p.set_defaults(handler=_submit)


def _list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        states = inspections.list_states(ws)
        rows = [(s, s.results()) for s in states]
    if args.json:
        emit_json([{"id": s.inspection.id, "unit": s.unit.name, "template": s.template.template_id,
                    "template_version": s.template.version, "type": s.inspection.type,
                    "status": s.inspection.status, "start_date": s.inspection.start_date,
                    "completion": round(r.percent_complete, 1)} for s, r in rows])
    else:
        print(table(["ID", "UNIT", "TEMPLATE", "TYPE", "STATUS", "STARTED", "DONE"],
                    [(s.inspection.id[:8], s.unit.name, f"{s.template.template_id} v{s.template.version}",
                      s.inspection.type, Status(s.inspection.status).label, s.inspection.start_date,
                      f"{r.percent_complete:.0f} %") for s, r in rows], right=(6,)))
    return 0


def _new(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        inspection = inspections.start(ws, args.unit, args.template, args.type, args.team, args.date)
    print(inspection.id)
    return 0


def _answer(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        row = inspections.answer(ws, args.id, args.item, args.value, remark=args.remark)
    print(f"{args.item} = {inspections.value_of(row)} (revision {row.revision})")
    return 0


def _attach(args: argparse.Namespace) -> int:
    key = "" if args.item == "-" else args.item
    with open_workspace(args) as ws:
        row = attachments.attach(ws, args.id, key, args.file, args.caption)
    print(f"attached {row.filename} ({row.sha256[:12]}…) as {row.id[:8]}")
    return 0


def _submit(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        inspection = inspections.submit(ws, args.id)
    print(f"{inspection.id[:8]} is {Status(inspection.status).label}")
    return 0


def _show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        data = inspection_summary(ws, args.id, args.lang)
    if args.json:
        emit_json(data)
        return 0
    print(f"{data['unit']} ({data['country']}) — {data['template']['title']}")
    print(f"id {data['id']}  type {data['type']}  status {data['status'].replace('_', ' ')}  "
          f"started {data['start_date']}  complete {data['completion']:.0f} %")
    for part in (_serviceability_text(data), _compliance_text(data), _outcomes_text(data), _followup_text(data)):
        if part:
            print("\n" + part)
    if data["missing"]:
        shown = ", ".join(data["missing"][:12])
        more = f" … and {len(data['missing']) - 12} more" if len(data["missing"]) > 12 else ""
        print(f"\nRequired items still open ({len(data['missing'])}): {shown}{more}")
    return 0


def _serviceability_text(data: dict[str, Any]) -> str:
    service = data["serviceability"]
    if service is None:
        return ""
    rows = [(c["name"], c["mou"], c["found"], c["serviceable"], percent(c["serviceability"]),
             c["shortfall"], c["surplus"], "BELOW" if c["below_threshold"] else "ok")
            for c in [*service["categories"], service["overall"]]]
    out = [f"Serviceability (standard {percent(service['threshold'])} per category)",
           table(["CATEGORY", "MOU", "FOUND", "SERVICEABLE", "SERVICEABILITY", "SHORTFALL", "SURPLUS", "STANDARD"],
                 rows, right=(1, 2, 3, 4, 5, 6))]
    gaps = [l for l in service["lines"] if l["shortfall"] or l["surplus"]]
    if gaps:
        out += ["", "Shortfalls and surpluses against the MOU",
                table(["LINE", "ITEM", "MOU", "FOUND", "SHORTFALL", "SURPLUS"],
                      [(l["line"], l["item"], l["mou"], l["found"], l["shortfall"], l["surplus"]) for l in gaps],
                      right=(0, 2, 3, 4, 5))]
    uncounted = service["overall"]["uncounted"]
    if uncounted:
        out.append(f"({uncounted} MOU lines not yet counted)")
    return "\n".join(out)


def _compliance_text(data: dict[str, Any]) -> str:
    if not data["compliance"]:
        return ""
    rows = [(c["title"], c["status"].replace("_", " "), percent(c["score"])) for c in data["compliance"]]
    return "Self-sustainment compliance\n" + table(["CATEGORY", "STATUS", "SCORE"], rows, right=(2,))


def _outcomes_text(data: dict[str, Any]) -> str:
    if not data["outcomes"]:
        return ""
    verdict = {True: "PASS", False: "FAIL", None: "open"}
    rows = [(o["title"], verdict[o["passed"]]) for o in data["outcomes"]]
    out = ["Outcome: " + verdict[data["passed"]], table(["COMPONENT", "RESULT"], rows)]
    persons = data["persons"]
    if persons["results"]:
        out.append(f"Officers: {persons['assessed']} assessed, {persons['certified']} certified or cleared "
                   f"(strength {persons['strength']}, women {persons['women']})")
    return "\n".join(out)


def _followup_text(data: dict[str, Any]) -> str:
    lines = []
    for f in data["findings"]:
        lines.append(f"- {f['text']}" + (f" Recommendation: {f['recommendation']}" if f["recommendation"] else ""))
        if f["action"]:
            a = f["action"]
            lines.append(f"  action: {a['description']} — {a['owner']}, due {a['due_date']} ({a['status']})")
    for u in data["follow_ups"]:
        lines.append(f"- follow-up of earlier action: {u['description']} — {u['owner']}, due {u['due_date']}: "
                     f"{u['status'].replace('_', ' ')}")
    return "Findings and actions\n" + "\n".join(lines) if lines else ""
