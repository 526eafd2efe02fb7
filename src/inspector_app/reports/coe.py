"""The COE verification report: serviceability per category and overall against the standard, shortfalls
and surpluses, self-sustainment compliance, and a detailed table of every MOU line."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector_app.domain import labels
from inspector_app.domain.answers import NA
from inspector_app.domain.results import Compliance
from inspector_app.domain.template_model import AnswerType
from inspector_app.i18n import _
from inspector_app.locale_format import format_percent
from inspector_app.reports.data import ReportData
from inspector_app.reports.sections import note, single_items
from inspector_app.reports.styles import COLOURS, FRAME_WIDTH, coloured, grid_table, para, styles

# line, category, item, lease, MOU qty, found, serviceable, %, shortfall/surplus
DETAIL_WIDTHS = [9.5 * mm, 23 * mm, 31 * mm, 13 * mm, 13 * mm, 13.5 * mm, 17 * mm, 13 * mm, 14.5 * mm]
DETAIL_WIDTHS.append(FRAME_WIDTH - sum(DETAIL_WIDTHS))  # remarks take the rest


def body(data: ReportData) -> list[Flowable]:
    """The COE report's own sections: summary, detail per MOU line, and the checklist's single items."""
    return summary(data) + detail(data) + single_items(data, _("Checklist answers"))


def summary(data: ReportData) -> list[Flowable]:
    """Serviceability, shortfalls and surpluses, and self-sustainment compliance."""
    out: list[Flowable] = []
    service = data.summary["serviceability"]
    if service is not None:
        out += serviceability(service) + gaps(service)
    if data.summary["compliance"]:
        out += compliance(data)
    return out


def serviceability(service: dict[str, Any]) -> list[Flowable]:
    s = styles()
    threshold = format_percent(service["threshold"])
    rows: list[list[object]] = [[
        _("Category"), _("MOU qty"), _("Found"), _("Serviceable"), _("Serviceability"), _("Shortfall"),
        _("Surplus"), _("Standard"),
    ]]
    extra: list[tuple[object, ...]] = []
    groups = [*service["categories"], service["overall"]]
    for r, c in enumerate(groups, 1):
        name = _("Overall") if c is service["overall"] else c["name"]
        flag = _standard(c)
        rows.append([name, c["mou"], c["found"], c["serviceable"], format_percent(c["serviceability"]),
                     c["shortfall"], c["surplus"], flag])
        if c["below_threshold"] and not c["uncounted"]:
            extra += [("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"])]
    below = [c["name"] for c in service["categories"] if c["below_threshold"]]
    out: list[Flowable] = [
        para(_("Serviceability"), s.h1),
        para(_("Standard: {threshold} serviceability per category. Serviceability is the serviceable quantity "
               "(capped at the MOU quantity) divided by the MOU quantity; a category below the standard is "
               "flagged for reduced reimbursement.").format(threshold=threshold), s.body),
        grid_table(rows, [52 * mm, 16 * mm, 16 * mm, 19 * mm, 21 * mm, 18 * mm, 18 * mm, 20 * mm],
                   right=(1, 2, 3, 4, 5, 6), total_row=True, extra=extra),
    ]
    if below:
        out.append(para(_("Below the {threshold} standard: {categories}.").format(
            threshold=threshold, categories="; ".join(below)), s.body))
    else:
        out.append(para(_("Every category meets the {threshold} standard.").format(threshold=threshold), s.body))
    uncounted = service["overall"]["uncounted"]
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
                          right=(0, 3, 4, 5, 6)))
    out.append(note(_("Surplus above the MOU quantity is recorded but not reimbursed.")))
    return out


def compliance(data: ReportData) -> list[Flowable]:
    s = styles()
    rows: list[list[object]] = [[_("Category"), _("Compliance"), _("Score")]]
    extra: list[tuple[object, ...]] = []
    for r, c in enumerate(data.summary["compliance"], 1):
        status = Compliance(c["status"])
        rows.append([c["title"], status.label, format_percent(c["score"])])
        if status in (Compliance.NOT_MET, Compliance.PARTIALLY_MET):
            extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
    return [
        para(_("Self-sustainment compliance"), s.h1),
        para(_("Each category is judged against its standard: met, partially met, not met or not applicable; the "
               "score is the mean of its sub-categories (met 100 %, partially met 50 %, not met 0 %)."), s.body),
        grid_table(rows, [100 * mm, 45 * mm, 25 * mm], right=(2,), extra=extra),
    ]


def detail(data: ReportData) -> list[Flowable]:
    """Every MOU line, counted or not, with the checks it failed and its remarks; the header repeats."""
    s = styles()
    service = data.summary["serviceability"]
    if service is None:
        return []
    threshold = service["threshold"]
    rows: list[list[object]] = [[
        _("Line"), _("Category"), _("Item"), _("Lease"), _("MOU qty"), _("Found"), _("Serviceable"), "%",
        _("Shortfall / surplus"), _("Remarks"),
    ]]
    notes = _line_notes(data)
    for line in service["lines"]:
        counted = line["found"] is not None
        gap = f"−{line['shortfall']}" if line["shortfall"] else (f"+{line['surplus']}" if line["surplus"] else "")
        rows.append([
            line["line"], line["category"], line["item"], labels.lease(line["lease"]), line["mou"],
            line["found"] if counted else "—", line["serviceable"] if counted else "—",
            _share(line["serviceability"], threshold), gap, "\n".join(notes.get(line["line"], [])),
        ])
    return [
        para(_("Detailed results per MOU line"), s.h1),
        grid_table(rows, DETAIL_WIDTHS, right=(0, 4, 5, 6, 7, 8), plain=(0, 4, 5, 6, 7, 8)),
        note(_("% = serviceable (capped at the MOU quantity) ÷ MOU quantity; − shortfall, + surplus; "
               "— not counted.")),
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
