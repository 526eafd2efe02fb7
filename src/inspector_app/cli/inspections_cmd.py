"""``inspector inspections list|new|items|answer|attach|show|submit|amend|assets|asset``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli import answer_cmd, assets_cmd, inspection_items_cmd
from inspector_app.cli.context import add_json, iso_date, open_workspace, records_person
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import inspections_actions
from inspector_app.domain import labels, performance
from inspector_app.domain.mou import MouVersionRef
from inspector_app.domain.self_sustainment import provider_label, verdict_label
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.i18n import _, set_language
from inspector_app.locale_format import format_percent
from inspector_app.services import amendments, attachments, inspections
from inspector_app.services.followups import status_label
from inspector_app.services.summary import NOT_INSPECTED, inspection_summary


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = inspections_actions(commands)
    p = group.add_parser("list", parents=[common], help="every inspection with its status and completion")
    add_json(p)
    p.set_defaults(handler=_list)

    p = group.add_parser("new", parents=[common], help="start an inspection; prints its id")
    p.add_argument("--unit", required=True, help="unit id, id prefix or name")
    p.add_argument("--template", required=True, help="template id, e.g. coe-major-equipment")
    p.add_argument("--type", required=True, choices=[t.value for t in InspectionType], metavar="TYPE",
                   help=", ".join(t.value for t in InspectionType))
    p.add_argument("--team", default="", help="team members")
    p.add_argument("--date", type=iso_date, default=None, help="start date, YYYY-MM-DD")
    p.add_argument("--sections", default="", metavar="CODE[,CODE]",
                   help="a spot check's sections (see 'inspections items'); default: the whole template")
    p.add_argument("--period", default=None, metavar="YYYYQN",
                   help="the quarter a performance assessment covers, e.g. 2026Q3 (that type only)")
    p.set_defaults(handler=_new)
    records_person(p)

    answer_cmd.register(commands, common)

    p = group.add_parser("attach", parents=[common], help="attach a photo or document to an item")
    p.add_argument("id")
    p.add_argument("item", help="item key, or '-' for the inspection as a whole")
    p.add_argument("file", type=Path)
    p.add_argument("--caption", default="")
    p.set_defaults(handler=_attach)
    records_person(p)

    p = group.add_parser("show", parents=[common], help="results: serviceability, shortfalls/surpluses, outcomes")
    p.add_argument("id")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    add_json(p)
    p.set_defaults(handler=_show)

    inspection_items_cmd.register(group, common)
    assets_cmd.register(group, common)

    p = group.add_parser("submit", parents=[common], help="in progress -> ready for review")
    p.add_argument("id")
    p.set_defaults(handler=_submit)
    records_person(p)

    p = group.add_parser("amend", parents=[common],
                         help="correct a signed inspection: start an amendment from its answers; prints its id")
    p.add_argument("id")
    p.set_defaults(handler=_amend)
    records_person(p)


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
                      InspectionType(s.inspection.type).label, Status(s.inspection.status).label,
                      s.inspection.start_date,
                      format_percent(r.percent_complete / 100, 0)) for s, r in rows], right=(6,)))
    return 0


def _new(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        inspection = inspections.start(ws, args.unit, args.template, args.type, args.team, args.date,
                                       sections=args.sections.split(","), period=args.period)
    print(inspection.id)
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


def _amend(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        amendment = amendments.amend(ws, args.id)
    print(amendment.id)
    return 0


def _show(args: argparse.Namespace) -> int:
    set_language(args.lang)
    with open_workspace(args) as ws:
        data = inspection_summary(ws, args.id, args.lang)
    if args.json:
        emit_json(data)
        return 0
    print(f"{data['unit']} ({data['country']}) — {data['template']['title']}")
    print(_("id {id}  type {type}  status {status}  started {started}  complete {done:.0f} %").format(
        id=data["id"], type=InspectionType(data["type"]).label, status=Status(data["status"]).label,
        started=data["start_date"], done=data["completion"]))
    if data.get("mou_version"):
        print(_("MOU: {version}").format(version=labels.mou_version(MouVersionRef.from_dict(data["mou_version"]))))
    if data["ori_due"] and data["ori_due"]["days_late"]:
        print(_("Held {days} days after the ORI was due ({due}): the unit was overdue until then").format(
            days=data["ori_due"]["days_late"], due=data["ori_due"]["due"]))
    elif data["ori_due"]:
        print(_("Held on time: the ORI was due by {due}").format(due=data["ori_due"]["due"]))
    if data["spot_check"]:
        print(_("Spot check: {n} of {m} sections ({names})").format(
            n=len(data["spot_check"]["sections"]), m=data["spot_check"]["of"],
            names=", ".join(data["spot_check"]["titles"])))
    for part in (_performance_text(data), _serviceability_text(data), assets_cmd.assets_text(data),
                 _self_sustainment_text(data), _outcomes_text(data), _followup_text(data)):
        if part:
            print("\n" + part)
    if data["missing"]:
        shown = ", ".join(data["missing"][:12])
        more = _(" … and {n} more").format(n=len(data["missing"]) - 12) if len(data["missing"]) > 12 else ""
        print("\n" + _("Required items still open ({n}): {items}").format(n=len(data["missing"]), items=shown + more))
    return 0


def _performance_text(data: dict[str, Any]) -> str:
    """A performance assessment's quarter, overall rating, the rating of each group and its evidence."""
    found = data["performance"]
    if found is None:
        return ""
    overall = found["overall"]["label"] or _("not rated yet")
    out = [_("Quarter assessed: {quarter}").format(quarter=labels.quarter(found["period"])),
           _("Overall rating: {rating}").format(rating=overall)]
    rows = [(s["title"], s["label"] or "—", s["rated"]) for s in found["sections"]]
    out += ["", table([_("CRITERIA GROUP"), _("RATING"), _("RATED")], rows, right=(2,))]
    kinds = sorted({k for s in found["sections"] for k in s["evidence"]})
    out += ["", *performance.evidence_lines(kinds, found["evidence"])]
    return "\n".join(out)


def _serviceability_text(data: dict[str, Any]) -> str:
    """Major equipment per category and per MOU line; the pooled figure only as a labelled indicator."""
    service = data["serviceability"]
    if service is None:
        return ""
    standards = {"ok": _("ok"), "below": _("BELOW"), NOT_INSPECTED: _("not inspected")}
    rows = [(c["name"], *(_figures(c) if c["status"] != NOT_INSPECTED else (None,) * 9), standards[c["status"]])
            for c in service["categories"]]
    headers = [_("CATEGORY"), *_figure_headers(), _("STANDARD")]
    threshold = format_percent(service["threshold"])
    out = [_("Major equipment per category (serviceability standard {threshold} per category)").format(
        threshold=threshold), table(headers, rows, right=tuple(range(1, 10)))]
    counted = [line for line in service["lines"] if line["status"] != NOT_INSPECTED]
    if counted:
        out += ["", _("Per MOU line"),
                table([_("LINE"), _("ITEM"), *_figure_headers()],
                      [(g["line"], g["item"], *_figures(g)) for g in counted], right=(0, *range(2, 11)))]
    indicator = service["indicator"]
    if indicator["status"] != NOT_INSPECTED:
        out += ["", _("Indicator, all categories pooled (not a COE result): availability {availability}, "
                      "serviceability {serviceability}").format(
                          availability=format_percent(indicator["availability"]),
                          serviceability=format_percent(indicator["serviceability"]))]
    out.append(_("Availability = deployed up to the MOU ÷ MOU; serviceability = serviceable ÷ deployed up to the "
                 "MOU (— when nothing is deployed); surplus is never reimbursed."))
    if indicator["uncounted"]:
        out.append(_("({n} MOU lines not yet counted)").format(n=indicator["uncounted"]))
    return "\n".join(out)


def _figure_headers() -> list[str]:
    return [_("MOU"), _("DEPLOYED"), _("SERVICEABLE"), _("UNSERVICEABLE"), _("SHORTFALL"), _("SURPLUS"),
            _("AVAILABILITY"), _("SERVICEABILITY"), _("REIMBURSABLE")]


def _figures(c: dict[str, Any]) -> tuple[object, ...]:
    return (c["mou"], c["deployed"], c["serviceable"], c["unserviceable"], c["shortfall"], c["surplus"],
            format_percent(c["availability"]), format_percent(c["serviceability"]), c["reimbursable"])


def _self_sustainment_text(data: dict[str, Any]) -> str:
    """Per Annex C category: provider, verdict, score, whether the reimbursement is affected; and the strength."""
    ss = data["self_sustainment"]
    if not ss:
        return ""
    rows = [(c["title"], provider_label(c["provider"]),
             verdict_label(c["verdict"], c["provider"]), format_percent(c["score"]),
             _("AFFECTED") if c["reimbursement_affected"] else "-") for c in ss["categories"]]
    strength = data["strength"] if data["strength"] is not None else _("not recorded")
    return (_("Self-sustainment (Annex C); personnel strength {strength}").format(strength=strength) + "\n"
            + table([_("CATEGORY"), _("PROVIDER"), _("VERDICT"), _("SCORE"), _("REIMBURSEMENT")], rows, right=(3,)))


def _outcomes_text(data: dict[str, Any]) -> str:
    if not data["outcomes"]:
        return ""
    verdict = {True: _("PASS"), False: _("FAIL"), None: _("open")}
    rows = [(o["title"], verdict[o["passed"]]) for o in data["outcomes"]]
    out = [_("Outcome: {verdict}").format(verdict=verdict[data["passed"]]), table([_("COMPONENT"), _("RESULT")], rows)]
    persons = data["persons"]
    if data["assessed"] is not None:
        out.append(_aoc_officers_text(data))
    elif persons["results"]:
        out.append(_("Officers: {assessed} assessed, {certified} certified or cleared (strength {strength}, "
                     "women {women})").format(
                         **{k: persons[k] for k in ("assessed", "certified", "strength", "women")}))
    return "\n".join(out)


def _aoc_officers_text(data: dict[str, Any]) -> str:
    """An AOC's officers assessed and certified, and the women among them (domain/aoc.py)."""
    return "\n".join([
        _("Officers: {assessed} assessed, {certified} certified ({share} of those assessed); roster strength "
          "{strength}, women {women}").format(
              assessed=data["assessed"], certified=data["certified"], share=format_percent(data["certified_share"]),
              strength=data["persons"]["strength"], women=data["persons"]["women"]),
        _("Women: {assessed} assessed ({assessed_share} of those assessed), {certified} certified ({certified_share} "
          "of those certified)").format(
              assessed=data["women_assessed"], assessed_share=format_percent(data["women_assessed_share"]),
              certified=data["women_certified"], certified_share=format_percent(data["women_certified_share"])),
        *([_("{n} officers assessed still have tests to answer").format(n=data["open"])] if data["open"] else []),
    ])


def _followup_text(data: dict[str, Any]) -> str:
    lines = []
    for f in data["findings"]:
        recommendation = ""
        if f["recommendation"]:
            recommendation = " " + _("Recommendation: {text}").format(text=f["recommendation"])
        lines.append(f"- {f['text']}{recommendation}")
        if f["action"]:
            lines.append("  " + _("action: {description} — {owner}, due {due} ({status})").format(
                description=f["action"]["description"], owner=f["action"]["owner"], due=f["action"]["due_date"],
                status=status_label(f["action"]["status"])))
    for u in data["follow_ups"]:
        lines.append("- " + _("follow-up of earlier action: {description} — {owner}, due {due}: {status}").format(
            description=u["description"], owner=u["owner"], due=u["due_date"], status=status_label(u["status"])))
    return _("Findings and actions") + "\n" + "\n".join(lines) if lines else ""
