"""The COE verification report: major equipment per category (availability and serviceability apart, the
reimbursable quantity, the standard), shortfalls and surpluses, self-sustainment compliance, and a detailed
table of every MOU line. A figure pooled over every category shows only as a labelled indicator."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector_app.domain import labels
from inspector_app.domain.answers import NA
from inspector_app.domain.self_sustainment import provider_label, verdict_label
from inspector_app.domain.template_model import AnswerType
from inspector_app.i18n import _
from inspector_app.locale_format import format_number, format_percent
from inspector_app.reports.data import ReportData
from inspector_app.reports.sections import note, single_items
from inspector_app.reports.styles import COLOURS, FRAME_WIDTH, coloured, grid_table, para, styles

# line, category, item, lease, MOU qty, deployed, serviceable, availability, serviceability, reimbursable,
# shortfall/surplus; remarks take the rest
DETAIL_WIDTHS = [9 * mm, 22.5 * mm, 23.5 * mm, 12.5 * mm, 10 * mm, 14 * mm, 16.5 * mm, 12 * mm, 12 * mm, 11 * mm,
                 13.5 * mm]
# category, MOU qty, deployed, serviceable, unserviceable, shortfall, surplus, availability, serviceability,
# reimbursable; the standard takes the rest
SUMMARY_WIDTHS = [35 * mm, 11 * mm, 14 * mm, 17 * mm, 14 * mm, 13.5 * mm, 13.5 * mm, 13 * mm, 13 * mm, 13 * mm]


def body(data: ReportData) -> list[Flowable]:
    """The COE report's own sections: summary, detail per MOU line, and the checklist's single items."""
    return (summary(data) + detail(data) + registered_items(data) + reconciliation(data)
            + single_items(data, _("Checklist answers")))


def summary(data: ReportData) -> list[Flowable]:
    """Serviceability, shortfalls and surpluses, and self-sustainment compliance."""
    out: list[Flowable] = []
    service = data.summary["serviceability"]
    if service is not None:
        out += serviceability(service) + gaps(service)
    if data.summary.get("self_sustainment"):
        out += self_sustainment(data)
    return out


def serviceability(service: dict[str, Any]) -> list[Flowable]:
    s = styles()
    threshold = format_percent(service["threshold"])
    rows: list[list[object]] = [[
        _("Category"), _("MOU qty"), _("Deployed"), _("Serviceable"), _("Unserv."), _("Shortfall"),
        _("Surplus"), _("Avail."), _("Serv."), _("Reimb."), _("Standard"),
    ]]
    extra: list[tuple[object, ...]] = []
    for r, c in enumerate(service["categories"], 1):
        rows.append([c["name"], c["mou"], c["deployed"], c["serviceable"], c["unserviceable"], c["shortfall"],
                     c["surplus"], format_percent(c["availability"]), format_percent(c["serviceability"]),
                     c["reimbursable"], _standard(c)])
        if c["below_threshold"] and not c["uncounted"]:
            extra += [("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"])]
    below = [c["name"] for c in service["categories"] if c["below_threshold"]]
    widths = [*SUMMARY_WIDTHS, FRAME_WIDTH - sum(SUMMARY_WIDTHS)]
    out: list[Flowable] = [
        para(_("Major equipment"), s.h1),
        para(_("Standard: {threshold} serviceability per category; a category below it is flagged for reduced "
               "reimbursement. The reimbursable quantity is the serviceable quantity up to the MOU quantity, "
               "unless the template's rules say otherwise; surplus is never reimbursed.").format(
            threshold=threshold), s.body),
        grid_table(rows, widths, right=tuple(range(1, 10)), plain=tuple(range(1, 10)), extra=extra),
        note(_("Avail. = availability: deployed up to the MOU quantity ÷ MOU quantity; Serv. = serviceability: "
               "serviceable ÷ deployed up to the MOU quantity (— nothing deployed); Unserv. = unserviceable; "
               "Reimb. = reimbursable quantity.")),
    ]
    if below:
        out.append(para(_("Below the {threshold} standard: {categories}.").format(
            threshold=threshold, categories="; ".join(below)), s.body))
    else:
        out.append(para(_("Every category meets the {threshold} standard.").format(threshold=threshold), s.body))
    indicator = service["indicator"]
    if indicator["status"] != "not_inspected":
        out.append(note(_("Indicator only, not a COE result — every category pooled: availability {availability}, "
                          "serviceability {serviceability}, reimbursable {reimbursable} of {mou} (MOU).").format(
            availability=format_percent(indicator["availability"]),
            serviceability=format_percent(indicator["serviceability"]),
            reimbursable=indicator["reimbursable"], mou=indicator["mou"])))
    uncounted = indicator["uncounted"]
    if uncounted:
        out.append(note(_("{n} MOU lines are not counted yet and are left out of these figures.").format(n=uncounted)))
    return out


def _standard(group: dict[str, Any]) -> object:
    """BELOW or ok against the standard; "provisional" for a group below it with lines still uncounted."""
    if not group["below_threshold"]:
        return _("ok")
    return _("provisional") if group["uncounted"] else coloured(_("BELOW"), "below", strong=True)


def gaps(service: dict[str, Any]) -> list[Flowable]:
    s = styles()
    lines = [line for line in service["lines"] if line["shortfall"] or line["surplus"]]
    out: list[Flowable] = [para(_("Shortfalls and surpluses against the MOU"), s.h2)]
    if not lines:
        return [*out, para(_("Every counted MOU line was found in the MOU quantity."), s.body)]
    rows: list[list[object]] = [[_("Line"), _("Category"), _("Item"), _("MOU qty"), _("Found"), _("Shortfall"),
                                 _("Surplus")]]
    rows += [[g["line"], g["category"], g["item"], g["mou"], g["found"], g["shortfall"] or "", g["surplus"] or ""]
             for g in lines]
    out.append(grid_table(rows, [11 * mm, 45 * mm, 62 * mm, 16 * mm, 16 * mm, 15 * mm, 15 * mm],
                          right=(0, 3, 4, 5, 6), plain=(0, 3, 4, 5, 6)))
    out.append(note(_("Surplus above the MOU quantity is recorded but not reimbursed.")))
    return out


def self_sustainment(data: ReportData) -> list[Flowable]:
    """Per category the MOU lists: provider, standard, verdict, score and whether the reimbursement is affected;
    with the personnel strength it is paid on."""
    s = styles()
    rows: list[list[object]] = [[_("Category"), _("Provided by"), _("Standard"), _("Verdict"), _("Score"),
                                 _("Reimbursement affected")]]
    extra: list[tuple[object, ...]] = []
    for r, c in enumerate(data.summary["self_sustainment"]["categories"], 1):
        affected = coloured(_("yes"), "below", s.cell, strong=True) if c["reimbursement_affected"] else _("no")
        rows.append([c["title"], provider_label(c["provider"]), c["standard"] or "—",
                     verdict_label(c["verdict"], c["provider"]),
                     format_percent(c["score"]), affected])
        if c["reimbursement_affected"]:
            extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
    strength = data.summary.get("strength")
    return [
        para(_("Self-sustainment (Annex C)"), s.h1),
        para(_("Personnel strength on the inspection date: {strength}. Self-sustainment is reimbursed per person "
               "at this strength.").format(strength=_("not recorded") if strength is None
                                           else format_number(strength, 0)),
             s.body),
        para(_("Each category the contingent provides is judged against its standard: met, partially met, not met "
               "or not applicable; the score is the mean of its sub-categories (met 100 %, partially met 50 %, not "
               "met 0 %). The last column says whether the verdict affects the category's reimbursement (by "
               "default: partially met or not met); a category the UN or another party provides is not verified "
               "here."), s.body),
        grid_table(rows, [48 * mm, 22 * mm, FRAME_WIDTH - 48 * mm - 22 * mm - 27 * mm - 15 * mm - 24 * mm,
                          27 * mm, 15 * mm, 24 * mm], right=(4,), extra=extra),
    ]


def detail(data: ReportData) -> list[Flowable]:
    """Every MOU line, counted or not, with the checks it failed and its remarks; the header repeats."""
    s = styles()
    service = data.summary["serviceability"]
    if service is None:
        return []
    threshold = service["threshold"]
    rows: list[list[object]] = [[
        _("Line"), _("Category"), _("Item"), _("Lease"), _("MOU qty"), _("Deployed"), _("Serviceable"),
        _("Avail."), _("Serv."), _("Reimb."), _("Shortfall / surplus"), _("Remarks"),
    ]]
    notes = _line_notes(data)
    for line in service["lines"]:
        counted = line["status"] != "not_inspected"
        gap = f"−{line['shortfall']}" if line["shortfall"] else (f"+{line['surplus']}" if line["surplus"] else "")
        rows.append([
            line["line"], line["category"], line["item"], labels.lease(line["lease"]), line["mou"],
            line["deployed"] if counted else "—", line["serviceable"] if counted else "—",
            format_percent(line["availability"]), _share(line["serviceability"], threshold),
            line["reimbursable"] if counted else "—", gap, "\n".join(notes.get(line["line"], [])),
        ])
    numbers = (0, 4, 5, 6, 7, 8, 9, 10)
    return [
        para(_("Detailed results per MOU line"), s.h1),
        grid_table(rows, [*DETAIL_WIDTHS, FRAME_WIDTH - sum(DETAIL_WIDTHS)], right=numbers, plain=numbers),
        note(_("Avail. = availability: deployed (up to the MOU quantity) ÷ MOU quantity; Serv. = serviceability: "
               "serviceable ÷ deployed up to the MOU quantity; Reimb. = reimbursable: the quantity the template's "
               "rule pays, never above the MOU quantity; − shortfall, + surplus; — not counted, or nothing "
               "deployed.")),
    ]


def _share(share: float | None, threshold: float) -> object:
    """A line's serviceability, in the warning colour when below the standard."""
    if share is not None and share < threshold:
        return coloured(format_percent(share), "below", styles().cell_right)
    return format_percent(share)


def _line_notes(data: ReportData) -> dict[int, list[str]]:
    """Per MOU line: the yes/no checks answered "no", then the remarks, in checklist order."""
    out: dict[int, list[str]] = {}
    answered = data.values
    for slot in data.checklist.slots:
        if slot.mou_line is None:
            continue
        value = answered.get(slot.key)
        notes = out.setdefault(slot.mou_line.line_no, [])
        if slot.item.type is AnswerType.YES_NO and value not in (None, NA) and value != (slot.item.expected or "yes"):
            notes.append(_("{check}: {answer}").format(
                check=slot.item.label.get(data.lang), answer=labels.answer(data.template, slot, value, data.lang)))
        remark = data.remark(slot.key)
        if remark:
            notes.append(remark)
    return out


# line, serial, condition; the remark takes the rest
ASSET_WIDTHS = [12 * mm, 45 * mm, 30 * mm]
# serial, line, status, last inspection, now; the remark takes the rest
RECONCILIATION_WIDTHS = [40 * mm, 12 * mm, 28 * mm, 28 * mm, 28 * mm]
# line, item, MOU, arrival, last, now, change
QUANTITY_WIDTHS = [12 * mm, 70 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm]


def registered_items(data: ReportData) -> list[Flowable]:
    """The assets of each MOU line of registered items, and the serials seen more than once."""
    s = styles()
    lines = [line for line in data.summary.get("assets", []) if line["assets"]]
    if not lines:
        return []
    rows: list[list[object]] = [[_("Line"), _("Registration / serial"), _("Condition"), _("Remark")]]
    for line in lines:
        for asset in line["assets"]:
            rows.append([line["line"], asset["serial"], labels.asset_condition(asset["condition"]), asset["remark"]])
    out: list[Flowable] = [
        para(_("Registered items per MOU line"), s.h1),
        para(_("On a line of registered items the deployed and serviceable quantities are counted from these "
               "items: deployed = serviceable and unserviceable; missing and written-off items are not deployed."),
             s.body),
        grid_table(rows, [*ASSET_WIDTHS, FRAME_WIDTH - sum(ASSET_WIDTHS)], right=(0,), plain=(0,)),
    ]
    duplicates = data.summary.get("duplicate_serials", [])
    if duplicates:
        out.append(note(_("Serials recorded more than once (to be checked): {list}").format(list="; ".join(
            d["serial"] + " (" + ", ".join(_("{unit} line {line}").format(unit=p["unit"], line=p["line"])
                                           for p in d["seen"]) + ")" for d in duplicates))))
    return out


def reconciliation(data: ReportData) -> list[Flowable]:
    """A repatriation inspection against the arrival baseline and the last inspection."""
    s = styles()
    rec = data.summary.get("reconciliation")
    if rec is None:
        return []
    out: list[Flowable] = [para(_("Repatriation reconciliation"), s.h1)]
    if not rec["has_baseline"]:
        out.append(para(_("The unit has no counted arrival inspection: there is no baseline to reconcile "
                          "against."), s.body))
    else:
        totals = rec["totals"]
        out.append(para(_("Against the arrival baseline: {present} present, {damaged} damaged, {missing} missing, "
                          "{written_off} written off; {extra} found that the baseline does not hold.").format(
            extra=len(rec["not_in_baseline"]), **totals), s.body))
        rows: list[list[object]] = [[_("Registration / serial"), _("Line"), _("Status"), _("Last inspection"),
                                     _("Now"), _("Remark")]]
        for a in rec["assets"]:
            rows.append([a["serial"], a["line"], labels.asset_condition(a["status"]),
                         labels.asset_condition(a["last"]) if a["last"] else "—",
                         labels.asset_condition(a["now"]) if a["now"] else _("not recorded"), a["remark"]])
        for a in rec["not_in_baseline"]:
            rows.append([a["serial"], a["line"], _("not in the baseline"), "—", labels.asset_condition(a["condition"]),
                         ""])
        if len(rows) > 1:
            out.append(grid_table(rows, [*RECONCILIATION_WIDTHS, FRAME_WIDTH - sum(RECONCILIATION_WIDTHS)],
                                  right=(1,), plain=(1,)))
    qty: list[list[object]] = [[_("Line"), _("Item"), _("MOU qty"), _("Arrival"), _("Last inspection"), _("Now"),
                                _("Change")]]
    for q in rec["lines"]:
        change = "" if q["change"] is None else (f"+{q['change']}" if q["change"] > 0 else str(q["change"]))
        qty.append([q["line"], q["item"], q["mou"], _dash(q["baseline"]), _dash(q["last"]), _dash(q["now"]), change])
    out += [
        para(_("Quantities deployed per MOU line"), s.h2),
        grid_table(qty, [*QUANTITY_WIDTHS, FRAME_WIDTH - sum(QUANTITY_WIDTHS)], right=(0, 2, 3, 4, 5, 6),
                   plain=(0, 2, 3, 4, 5, 6)),
        note(_("Arrival = the unit's latest counted arrival inspection (the baseline); last inspection = its latest "
               "counted inspection before this one; — not counted.")),
    ]
    return out


def _dash(value: object) -> object:
    return "—" if value is None else value
