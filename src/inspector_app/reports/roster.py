"""Results per person: one row per officer or candidate, one column per individual test, and the verdict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from inspector_app.domain import labels
from inspector_app.domain.answers import NA
from inspector_app.domain.checklist import Slot
from inspector_app.domain.results import is_scored, slot_passes
from inspector_app.domain.template_model import Item
from inspector_app.i18n import _
from inspector_app.reports.data import ReportData
from inspector_app.reports.styles import FRAME_WIDTH, coloured, grid_table, styles, text

FIXED = [7 * mm, 17 * mm, 30 * mm, 21 * mm, 11 * mm]  # no., id, name, rank, gender
VERDICT_WIDTH = 20 * mm


def person_items(data: ReportData) -> list[Item]:
    """The scored per-person items of the inspection, in checklist order."""
    seen: dict[str, Item] = {}
    for slot in data.checklist.slots:
        if slot.person is not None and slot.item.code not in seen and is_scored(data.checklist, slot):
            seen[slot.item.code] = slot.item
    return list(seen.values())


Mark = Callable[[Slot, Any], str]  # a short form of a slot's answer, for many narrow columns


def results_table(data: ReportData, verdicts: tuple[str, str, str], mark: Mark | None = None) -> list[Flowable]:
    """The per-person matrix; ``verdicts`` are the words for passed, failed and still open (a fail with
    unanswered items is "provisional"); ``mark`` writes answers shorter than their labels.

    Test columns are numbered, with a legend above the table: test names are too long for narrow columns.
    """
    s = styles()
    items = person_items(data)
    if not items:
        return []
    tests = tuple(range(len(FIXED), len(FIXED) + len(items)))
    legend = "; ".join(f"<b>{n}</b> = {text(item.label.get(data.lang))}" for n, item in enumerate(items, 1))
    room = (FRAME_WIDTH - sum(FIXED) - VERDICT_WIDTH) / len(items)
    outcomes = {p["id_number"]: p for p in data.summary["persons"]["results"]}
    pending = data.pending_persons
    slots = {(slot.item.code, slot.person.id_number): slot
             for slot in data.checklist.slots if slot.person is not None}
    rows: list[list[object]] = [[
        _("No."), _("Id number"), _("Name"), _("Rank"), _("Gender"), *[str(n) for n in range(1, len(items) + 1)],
        _("Result"),
    ]]
    for n, person in enumerate(data.checklist.scope.persons, 1):
        outcome = outcomes.get(person.id_number)
        if outcome is None:
            continue
        cells = [_cell(data, slots.get((item.code, person.id_number)), mark) for item in items]
        certified = outcome["certified"]
        verdict: object = {True: verdicts[0], None: verdicts[2]}.get(certified, "")
        if certified is False and person.id_number in pending:
            verdict = labels.verdict(False, provisional=True)
        elif certified is False:
            verdict = coloured(verdicts[1], "below", strong=True)
        rows.append([n, person.id_number, person.name, person.rank, labels.gender(person.gender), *cells, verdict])
    return [
        Paragraph(text(_("Tests: {legend}.")).format(legend=legend), s.small),
        grid_table(rows, [*FIXED, *[room] * len(items), VERDICT_WIDTH], right=(0,), centre=tests,
                   plain=(0, *(c for c, item in zip(tests, items, strict=True)
                               if mark is not None or _short(data, item, room)))),
    ]


def _short(data: ReportData, item: Item, room: float) -> bool:
    """Whether every answer of ``item`` fits its column on one line (then it needs no wrapping paragraph)."""
    cell = styles().cell
    words = [o.label.get(data.lang) for o in data.template.options(item)] + ["888", labels.answer(
        data.template, None, NA, data.lang)]
    return all(stringWidth(w, cell.fontName, cell.fontSize) < room - 2 * mm for w in words)


def _cell(data: ReportData, slot: Slot | None, mark: Mark | None) -> object:
    if slot is None:
        return ""
    value = data.values.get(slot.key)
    shown = mark(slot, value) if mark is not None and value is not None and value != NA else \
        labels.answer(data.template, slot, value, data.lang)
    if value is not None and value != NA and slot_passes(data.checklist, slot, value) is False:
        return coloured(shown, "below", styles().cell_centre, strong=True)
    return shown
