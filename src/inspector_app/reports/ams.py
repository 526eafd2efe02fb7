"""The AMS results sheet: every candidate against every test, cleared or not cleared for mission service."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector_app.domain.checklist import Checklist, Slot
from inspector_app.domain.results import slot_passes
from inspector_app.domain.template_model import AnswerType
from inspector_app.i18n import _
from inspector_app.locale_format import format_percent
from inspector_app.reports import roster
from inspector_app.reports.data import ReportData
from inspector_app.reports.sections import single_items
from inspector_app.reports.styles import grid_table, key_value_table, para, styles

PASS, FAIL, RETRY = "✓", "✗", "²"  # DejaVu Sans, the reports' font, has all three


def body(data: ReportData) -> list[Flowable]:
    """The AMS sheet's own sections: summary, results per candidate and the checklist's single items."""
    return summary(data) + results(data) + single_items(data, _("Checklist answers"))


def summary(data: ReportData) -> list[Flowable]:
    s = styles()
    persons = data.summary["persons"]
    results = persons["results"]
    cleared = sum(1 for p in results if p["certified"] is True)
    not_cleared = sum(1 for p in results if p["certified"] is False)
    women = persons["women"]
    return [
        para(_("Summary"), s.h1),
        key_value_table([
            (_("Candidates"), persons["strength"]),
            (_("Candidates assessed"), persons["assessed"]),
            (_("Cleared"), cleared),
            (_("Not cleared"), not_cleared),
            (_("Women"), _("{women} ({share} of the roster)").format(
                women=women, share=format_percent(women / persons["strength"]) if persons["strength"] else "—")),
        ], 45 * mm),
    ]


def results(data: ReportData) -> list[Flowable]:
    """The matrix of candidates and tests, then each candidate not cleared with the first test failed."""
    s = styles()
    table = roster.results_table(data, (_("cleared"), _("not cleared"), _("open")),
                                 lambda slot, value: mark(data.checklist, slot, value))
    if not table:
        return []
    return [
        para(_("Results per candidate"), s.h1),
        para(_("A candidate is cleared for mission service when he or she passes every test. "
               "{passed} pass, {failed} fail, {retry} on the retry; numbers are hits or seconds.").format(
                   passed=PASS, failed=FAIL, retry=RETRY), s.body),
        *table,
        *failed_tests(data),
    ]


def mark(checklist: Checklist, slot: Slot, value: Any) -> str:
    """A pass/fail choice as a tick or a cross (a retry's with ², an option code ``retry_…``); numbers as they are."""
    if slot.item.type is not AnswerType.CHOICE:
        return str(value)
    verdict = slot_passes(checklist, slot, value)
    if verdict is None:
        return str(value)
    return (PASS if verdict else FAIL) + (RETRY if str(value).startswith("retry_") else "")


def failed_tests(data: ReportData) -> list[Flowable]:
    """Each candidate not cleared and the test that eliminated them (the first failed, in the tests' order)."""
    s = styles()
    labels = {item.code: item.label.get(data.lang) for _section, item in data.template.items()}
    rows: list[list[object]] = [[_("Id number"), _("Name"), _("Test failed")]]
    rows += [[p["id_number"], p["name"], labels.get(p["failed"], p["failed"])]
             for p in data.summary["persons"]["results"] if p["certified"] is False and p.get("failed")]
    if len(rows) == 1:
        return []
    return [para(_("Candidates not cleared"), s.h2), grid_table(rows, [25 * mm, 60 * mm, 85 * mm])]
