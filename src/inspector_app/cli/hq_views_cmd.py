"""``inspector hq summary | export | report``: HQ's consolidated views of its database (``--db``).

The figures come from ``services.hq_views`` (its docstring says which inspections count); the export from
``services.hq_export``; the quarterly report from ``services.report``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_db, add_json, open_hq, records_person
from inspector_app.cli.output import emit_json, table
from inspector_app.cli.parser import hq_actions
from inspector_app.domain.quarter_status import InspectionRef
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.errors import ValidationError
from inspector_app.locale_format import format_percent
from inspector_app.services import hq_export, hq_views, performance_status, report, settings
from inspector_app.services.hq_views import MissionSummary, UnitSummary

REPORT_FORMATS = (".pdf", ".xlsx")
REPORT_KINDS = ("coe", "performance")  # a kind's producer is chosen in _report


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = hq_actions(commands)
    p = group.add_parser("summary", parents=[common], help="per mission and unit: last inspection, serviceability "
                                                           "trend, shortfalls, AOC outcome, actions, women's share")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_summary)

    p = group.add_parser("parity", parents=[common],
                         help="the women's share aimed at per unit type and year (gender parity targets)")
    p.add_argument("--set", nargs=3, metavar=("TYPE", "YEAR", "SHARE"), default=None,
                   help="aim at SHARE (0.18 for 18 %%) of women in units of TYPE (fpu) from YEAR on")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=_parity)

    p = group.add_parser("export", parents=[common],
                         help="every COE major-equipment inspection × MOU line, for reimbursement (CSV or XLSX)")
    p.add_argument("--format", choices=hq_export.FORMATS, default=None,
                   help="csv or xlsx (default: as the suffix of FILE says)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--per-line", action="store_true",
                   help="the verification reports' figures instead: one row per unit × period × MOU line")
    p.add_argument("--period", default=None, metavar="2026Q4|2026-11",
                   help="with --per-line: this quarter or month only (default: every quarter with an inspection)")
    p.add_argument("--by", choices=["quarter", "month"], default="quarter",
                   help="with --per-line and no --period: one report per quarter (default) or per month")
    add_db(p)
    p.set_defaults(handler=_export)

    p = group.add_parser("report", parents=[common],
                         help="quarterly COE status or performance report of a mission, or of every mission "
                              "(PDF or XLSX)")
    p.add_argument("--kind", choices=REPORT_KINDS, default="coe",
                   help="coe: the COE status (default); performance: ratings, improvement actions, AOC and gender")
    p.add_argument("--mission", default=None, metavar="CODE",
                   help="the mission's code, e.g. MINUDEM (default: every mission, HQ's global report)")
    p.add_argument("--quarter", required=True, metavar="YYYYQN", help="e.g. 2026Q4")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf|FILE.xlsx")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    p.add_argument("--sign", action="store_true",
                   help="sign the PDF with this installation's identity (the first signature certifies it)")
    p.add_argument("--role", default=None, help="the signer's role (default: the role in the certificate); "
                                                "the report has fields for chief_coe_officer and hq_reviewer")
    p.add_argument("--location", default=None, help="where it is signed, e.g. 'New York'")
    passphrase.add_option(p)
    add_db(p)
    p.set_defaults(handler=_report)
    records_person(p)


def _parity(args: argparse.Namespace) -> int:
    with open_hq(args) as ws:
        if args.set is not None:
            kind, year, value = args.set
            try:
                settings.set_parity_target(ws, kind, int(year), float(value))
            except ValueError:
                raise ValidationError(f"--set takes a unit type, a year and a share, e.g. fpu 2027 0.19; not "
                                      f"{' '.join(args.set)}") from None
        targets = settings.parity_targets(ws)
    rows = sorted((kind, year, value) for kind, years in targets.items() for year, value in years.items())
    if args.json:
        emit_json({"parity_targets": [{"unit_type": k, "from_year": y, "share": v} for k, y, v in rows]})
    else:
        print(table(["UNIT TYPE", "FROM", "TARGET"], [(k, y, format_percent(v)) for k, y, v in rows], right=(2,)))
    return 0


def _summary(args: argparse.Namespace) -> int:
    with open_hq(args) as ws:
        missions = hq_views.mission_summary(ws)
    if args.json:
        emit_json({"missions": [m.to_dict() for m in missions]})
        return 0
    if not missions:
        print("no missions in this database yet (see 'inspector hq import')")
    for n, mission in enumerate(missions):
        if n:
            print()
        print(render_mission(mission))
    return 0


def _women(unit: UnitSummary) -> str:
    """The women's share, in command positions, and the target: "16.4% (command 25.0%, target 18.0%)"."""
    shown = format_percent(unit.women_share)
    extra = [f"command {format_percent(unit.women_in_command_share)}"] if unit.in_command else []
    extra += [f"target {format_percent(unit.parity_target)}"] if unit.parity_target is not None else []
    return f"{shown} ({', '.join(extra)})" if extra else shown


def _aoc(u: UnitSummary) -> str:
    """The latest AOC's outcome, and once settled the share of officers certified and of women among them."""
    if u.aoc is None:
        return "—"
    if u.certified_share is None:
        return u.aoc.outcome.value
    return (f"{u.aoc.outcome.value} ({format_percent(u.certified_share)} certified, "
            f"women {format_percent(u.women_certified_share)})")


def render_mission(mission: MissionSummary) -> str:
    """A mission's units as text: one line a unit, then the open shortfalls of each."""
    out = [f"{mission.code} — {mission.name}", ""]
    if not mission.units:
        return "\n".join([*out, "no units"])
    out.append("Serviceability and trend: an indicator, every category pooled, not a COE result.")
    out.append(table(
        ["UNIT", "COUNTRY", "LAST INSPECTION", "SERVICEABILITY (INDICATOR)", "TREND", "AOC", "SHORT LINES", "ACTIONS",
         "WOMEN", "NEXT ORI"],
        [(u.name, u.country, _inspection(u.last_inspection), format_percent(u.serviceability), _trend(u),
          _aoc(u), len(u.shortfalls) if u.latest_coe else "—", _actions(u),
          _women(u), _next_ori(u)) for u in mission.units],
        right=(3, 6, 8),
    ))
    short = [(u.name, s.line_no, s.category, s.item, s.mou_quantity, s.found, s.serviceable, s.shortfall)
             for u in mission.units for s in u.shortfalls]
    if short:
        out += ["", "Open shortfalls (latest settled COE inspection of each unit):",
                table(["UNIT", "LINE", "CATEGORY", "ITEM", "MOU", "FOUND", "SERVICEABLE", "SHORTFALL"], short,
                      right=(1, 4, 5, 6, 7))]
    return "\n".join(out)


def _next_ori(unit: UnitSummary) -> str:
    if unit.next_ori_due is None:
        return "—"
    return f"{unit.next_ori_due.isoformat()} OVERDUE" if unit.ori_overdue else unit.next_ori_due.isoformat()


def _inspection(ref: InspectionRef | None) -> str:
    if ref is None:
        return "—"
    try:
        kind = InspectionType(ref.type).label
    except ValueError:
        kind = ref.type
    try:
        state = Status(ref.status).label
    except ValueError:
        state = ref.status
    return f"{kind} {ref.date.isoformat() if ref.date else '—'} ({state})"


def _trend(unit: UnitSummary) -> str:
    """The last four trend points, oldest first, in percent: '88.2 → 91.0 → 93.5'."""
    if not unit.trend:
        return "—"
    points = [f"{100 * p.serviceability:.1f}" for p in unit.trend[-4:]]
    return ("… " if len(unit.trend) > 4 else "") + " → ".join(points)


def _actions(unit: UnitSummary) -> str:
    if not unit.open_actions:
        return "—"
    shown = f"{unit.open_actions} (due {unit.oldest_action_due.isoformat()})" if unit.oldest_action_due else str(
        unit.open_actions)
    return f"{shown}, {unit.overdue_actions} overdue" if unit.overdue_actions else shown


def _export(args: argparse.Namespace) -> int:
    if args.per_line:
        with open_hq(args) as ws:
            done = hq_export.export_per_line(ws, args.output, args.format, args.period, args.by)
        print(f"wrote {args.output}: {done.rows} MOU line(s) of {done.inspections} unit-period(s)")
        return 0
    if args.period is not None:
        raise ValidationError("--period goes with --per-line")
    with open_hq(args) as ws:
        done = hq_export.export(ws, args.output, args.format)
    print(f"wrote {args.output}: {done.rows} MOU line(s) of {done.inspections} COE inspection(s)")
    return 0


def _report(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise ValidationError(f"the report is written as PDF or XLSX: name the file FILE.pdf or FILE.xlsx, "
                              f"not {args.output.name}")
    if args.sign and suffix != ".pdf":
        raise ValidationError("only the PDF report is signed: name the file FILE.pdf")
    if args.kind == "performance":
        return _performance_report(args, suffix == ".xlsx")
    with open_hq(args) as ws:
        signer = report.Signer(passphrase.read(args, "identity.p12"), args.role, args.location) if args.sign \
            else None
        produced = report.quarterly_coe(ws, args.mission, args.quarter, args.lang, xlsx=suffix == ".xlsx",
                                        sign=signer)
    hq_export.write(args.output, produced.data)
    inspected = f"{produced.inspected} of {produced.units} unit(s) inspected"
    if args.mission is None:
        inspected += " in every mission"
    if produced.document_id is None:
        print(f"wrote {args.output}: {inspected}")
        return 0
    what = "the signed report" if produced.pages is None else f"{produced.pages} page(s)"
    what += f", document {produced.document_id}"
    if produced.signed_by is not None:
        what += f", signed by {produced.signed_by} as {produced.role}"
    print(f"wrote {args.output}: {what}, {inspected}")
    return 0


def _performance_report(args: argparse.Namespace, xlsx: bool) -> int:
    if args.sign:
        raise ValidationError("the quarterly performance report is not signed: leave out --sign")
    with open_hq(args) as ws:
        produced = performance_status.report(ws, args.quarter, args.mission, args.lang, xlsx=xlsx)
    hq_export.write(args.output, produced.data)
    assessed = f"{produced.assessed} of {produced.units} unit(s) assessed"
    if args.mission is None:
        assessed += " in every mission"
    what = "" if produced.document_id is None else f"{produced.pages} page(s), document {produced.document_id}, "
    print(f"wrote {args.output}: {what}{assessed}")
    return 0
