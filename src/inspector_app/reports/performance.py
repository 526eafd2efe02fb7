"""The Performance Assessment and Evaluation Report (PAER): the quarter, the overall rating, the rating of each
group of criteria, each criterion with its remark and the evidence that filled in (the quarter's COE and AOC
results). The findings and their improvement actions, and the follow-up of the previous quarter's, are the
Performance Improvement Plan that every report ends with (``reports.render``)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector_app.domain import labels, performance
from inspector_app.i18n import _
from inspector_app.reports.data import ReportData
from inspector_app.reports.sections import note
from inspector_app.reports.styles import COLOURS, FRAME_WIDTH, coloured, grid_table, key_value_table, para, styles

RATING_WIDTH = 48 * mm


def body(data: ReportData) -> list[Flowable]:
    """The PAER's own sections: the ratings, then each group's criteria with their evidence."""
    found = data.summary["performance"]
    return [*_ratings(found), *_criteria(data, found)]


def _ratings(found: dict[str, Any]) -> list[Flowable]:
    s = styles()
    overall = found["overall"]
    out: list[Flowable] = [
        para(_("Performance rating"), s.h1),
        key_value_table([(_("Quarter assessed"), labels.quarter(found["period"]) if found["period"] else "—"),
                         (_("Criteria rated"), overall["rated"])], 38 * mm),
        para(_("Overall rating: {rating}").format(rating=overall["label"] or _("not rated yet")), s.h2),
        note(_("A group of criteria, and the unit as a whole, is rated by the mean of its criteria's ratings, "
               "rounded down to the scale; a criterion answered n/a is left out.")),
    ]
    rows: list[list[object]] = [[_("Criteria group"), _("Rating"), _("Criteria rated")]]
    extra: list[tuple[object, ...]] = []
    for r, section in enumerate(found["sections"], 1):
        rows.append([section["title"], _rating(section), section["rated"]])
        if section["meets_standard"] is False:
            extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
    out.append(grid_table(rows, [FRAME_WIDTH - RATING_WIDTH - 24 * mm, RATING_WIDTH, 24 * mm], right=(2,),
                          extra=extra))
    return out


def _criteria(data: ReportData, found: dict[str, Any]) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Criteria and evidence"), s.h1)]
    rated = {r["code"]: r for r in found["sections"]}
    for section in data.template.sections:
        slots = [sl for sl in data.checklist.slots if sl.section is section]
        if not slots:
            continue
        out.append(para(section.title.get(data.lang), s.h2))
        heads: list[object] = [_("Criterion"), _("Rating"), _("Evidence and remarks")] if section.code in rated else \
            [_("Item"), _("Answer"), _("Remark")]
        rows: list[list[object]] = [heads]
        extra: list[tuple[object, ...]] = []
        for r, slot in enumerate(slots, 1):
            value = data.values.get(slot.key)
            answer = labels.answer(data.template, slot, value, data.lang)
            below = slot.key in found["below_standard"]
            rows.append([slot.item.label.get(data.lang), coloured(answer, "below", strong=True) if below else answer,
                         data.remark(slot.key)])
            if below:
                extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
        out.append(grid_table(rows, [70 * mm, 40 * mm, FRAME_WIDTH - 110 * mm], extra=extra))
        if section.code in rated:
            kinds = rated[section.code]["evidence"]
            out += [note(line) for line in performance.evidence_lines(kinds, found["evidence"])]
    return out


def _rating(rated: dict[str, Any]) -> object:
    label = rated["label"] or _("not rated yet")
    return coloured(label, "below", strong=True) if rated["meets_standard"] is False else label
