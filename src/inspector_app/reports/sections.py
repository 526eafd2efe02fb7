"""Sections every report shares: title and header block, findings and actions, follow-up of earlier
actions, and the checklist's single items (answers with remarks)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from inspector_app.domain import labels
from inspector_app.domain.labels import status_label
from inspector_app.domain.template_model import AnswerType
from inspector_app.domain.workflow import InspectionType
from inspector_app.i18n import _
from inspector_app.locale_format import format_date
from inspector_app.reports.data import ReportData
from inspector_app.reports.styles import FRAME_WIDTH, grid_table, key_value_table, para, styles, text


def title_block(data: ReportData, title: str) -> list[Flowable]:
    s = styles()
    return [para(title, s.title), para(data.summary["template"]["title"], s.subtitle)]


def header_block(data: ReportData) -> list[Flowable]:
    """Mission, unit, country, type, dates, team and the references a reader needs to find the records."""
    summary = data.summary
    start = format_date(summary["start_date"])
    dates = f"{start} – {format_date(data.end_date)}" if data.end_date else start
    template = summary["template"]
    try:
        kind = InspectionType(summary["type"]).label
    except ValueError:
        kind = summary["type"]
    pairs: list[tuple[str, object]] = [
        (_("Mission"), summary["mission"]),
        (_("Unit"), summary["unit"]),
        (_("Contributing country"), summary["country"]),
    ]
    if data.location:
        pairs.append((_("Location"), data.location))
    pairs.append((_("Inspection type"), kind))
    if summary.get("spot_check"):
        covered = summary["spot_check"]
        pairs.append((_("Coverage"), _("Spot check: {n} of {m} sections ({names})").format(
            n=len(covered["sections"]), m=covered["of"], names=", ".join(covered["titles"]))))
    pairs += [
        (_("Dates"), dates),
        (_("Team"), summary["team"] or "—"),
    ]
    if data.mou_version:
        pairs.append((_("MOU"), labels.mou_version(data.mou_version)))
    elif data.mou_reference:
        pairs.append((_("MOU reference"), data.mou_reference))
    pairs += [
        (_("Checklist"), f"{template['id']} v{template['version']}"),
        (_("Document id"), data.document_id),
        (_("Generated on"), format_date(data.generated_on)),
    ]
    return [key_value_table(pairs, 38 * mm), Spacer(1, 4 * mm)]


def findings(data: ReportData) -> list[Flowable]:
    """Findings with their recommendations and improvement actions (owner, due date, status)."""
    s = styles()
    out: list[Flowable] = [para(_("Findings, recommendations and improvement actions"), s.h1)]
    rows = data.summary["findings"]
    if not rows:
        return [*out, para(_("No findings were recorded."), s.body)]
    table: list[list[object]] = [[
        _("No."), _("Finding"), _("Recommendation"), _("Improvement action"), _("Owner"), _("Due date"),
        _("Status"),
    ]]
    for n, f in enumerate(rows, 1):
        action = f["action"] or {}
        finding = f["text"]
        slot = data.slot(f["key"]) if f["key"] else None
        if slot is not None:
            finding = f"{finding}\n({item_label(data, slot.key)})"
        table.append([
            n, finding, f["recommendation"] or "—", action.get("description", "—"), action.get("owner", ""),
            format_date(action.get("due_date")) if action else "", status_label(action["status"]) if action else "",
        ])
    return [*out, grid_table(table, [8 * mm, 46 * mm, 38 * mm, 36 * mm, 22 * mm, 17 * mm, 13 * mm], right=(0,),
                             plain=(0,))]


def follow_ups(data: ReportData) -> list[Flowable]:
    """The previous inspections' open actions and what became of them."""
    s = styles()
    rows = data.summary["follow_ups"]
    out: list[Flowable] = [para(_("Follow-up of the previous inspection's actions"), s.h1)]
    if not rows:
        return [*out, para(_("No action from an earlier inspection was open."), s.body)]
    table: list[list[object]] = [[_("Improvement action"), _("Owner"), _("Due date"), _("Status"), _("Remark")]]
    for u in rows:
        table.append([u["description"], u["owner"], format_date(u["due_date"]), status_label(u["status"]),
                      u["remark"] or ""])
    return [*out, grid_table(table, [64 * mm, 30 * mm, 18 * mm, 20 * mm, 48 * mm])]


def single_items(data: ReportData, heading: str) -> list[Flowable]:
    """Every item asked once (not per MOU line or person), by section: answer and remark."""
    s = styles()
    lang = data.lang
    template = data.template
    out: list[Flowable] = []
    for section in template.sections:
        slots = [sl for sl in data.checklist.slots
                 if sl.section is section and sl.item.per is None and sl.item.type is not AnswerType.PHOTO]
        if not slots:
            continue
        rows: list[list[object]] = [[_("Item"), _("Answer"), _("Remark")]]
        for slot in slots:
            value = data.values.get(slot.key)
            rows.append([slot.item.label.get(lang), labels.answer(template, slot, value, lang), data.remark(slot.key)])
        out += [para(section.title.get(lang), s.h2), grid_table(rows, [78 * mm, 42 * mm, FRAME_WIDTH - 120 * mm])]
    return [para(heading, s.h1), *out] if out else []


def note(message: str) -> Paragraph:
    return Paragraph(text(message), styles().small)


def item_label(data: ReportData, key: str) -> str:
    slot = data.slot(key)
    if slot is None:
        return key
    where = labels.subject(slot)
    label = slot.item.label.get(data.lang)
    return f"{label} — {where}" if where else label
