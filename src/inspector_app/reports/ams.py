"""The AMS results sheet: every candidate against every test, cleared or not cleared for mission service."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector_app.i18n import _
from inspector_app.locale_format import format_percent
from inspector_app.reports import roster
from inspector_app.reports.data import ReportData
from inspector_app.reports.sections import single_items
from inspector_app.reports.styles import key_value_table, para, styles


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
    s = styles()
    table = roster.results_table(data, (_("cleared"), _("not cleared"), _("open")))
    if not table:
        return []
    return [
        para(_("Results per candidate"), s.h1),
        para(_("A candidate is cleared for mission service when he or she passes every test."), s.body),
        *table,
    ]
