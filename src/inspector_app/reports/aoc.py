"""The AOC report: component outcomes, officers assessed and certified, roster composition, and results
per officer."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector_app.domain import gender, labels
from inspector_app.i18n import _
from inspector_app.locale_format import format_percent
from inspector_app.reports import roster
from inspector_app.reports.data import ReportData
from inspector_app.reports.sections import single_items
from inspector_app.reports.styles import COLOURS, coloured, grid_table, key_value_table, para, styles


def body(data: ReportData) -> list[Flowable]:
    """The AOC report's own sections: outcome, unit-level assessment and results per officer."""
    return summary(data) + single_items(data, _("Unit-level assessment")) + per_officer(data)


def summary(data: ReportData) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Assessment outcome"), s.h1)]
    passed = data.summary["passed"]
    out.append(para(_("Overall outcome: {verdict}").format(verdict=labels.verdict(passed, data.provisional)), s.h2))
    out += components(data)
    out += officers(data)
    return out


def components(data: ReportData) -> list[Flowable]:
    item_labels = {item.code: item.label.get(data.lang) for _section, item in data.template.items()}
    rows: list[list[object]] = [[_("Component"), _("Result"), _("Criteria")]]
    extra: list[tuple[object, ...]] = []
    incomplete = data.incomplete_sections
    for r, outcome in enumerate(data.summary["outcomes"], 1):
        details = []
        for c in outcome["criteria"]:
            label = item_labels.get(c["code"], c["code"])
            if c["assessed"]:
                details.append(_("{test}: {passing} of {assessed} passed").format(
                    test=label, passing=c["passing"], assessed=c["assessed"]))
            else:
                details.append(_("{test}: {verdict}").format(test=label, verdict=labels.verdict(c["passed"])))
        failed = outcome["passed"] is False and outcome["code"] not in incomplete
        verdict = labels.verdict(outcome["passed"], provisional=outcome["code"] in incomplete)
        shown: object = coloured(verdict, "below", strong=True) if failed else verdict
        if failed:
            extra.append(("BACKGROUND", (0, r), (-1, r), COLOURS["below_bg"]))
        rows.append([outcome["title"], shown, "\n".join(details)])
    if len(rows) == 1:
        return []
    return [grid_table(rows, [52 * mm, 20 * mm, 108 * mm], extra=extra)]


def officers(data: ReportData) -> list[Flowable]:
    """Officers assessed and certified with the women among them (domain/aoc.py), and the roster's composition."""
    s = styles()
    d, persons = data.summary, data.summary["persons"]
    strength, women = persons["strength"], persons["women"]
    return [
        para(_("Officers and roster composition"), s.h2),
        key_value_table([
            (_("Officers assessed"), d["assessed"]),
            (_("Officers certified"), _("{n} ({share} of those assessed)").format(
                n=d["certified"], share=format_percent(d["certified_share"]))),
            *([(_("Officers with tests still open"), d["open"])] if d["open"] else []),
            (_("Women assessed"), _("{n} ({share} of those assessed)").format(
                n=d["women_assessed"], share=format_percent(d["women_assessed_share"]))),
            (_("Women certified"), _("{n} ({share} of those certified)").format(
                n=d["women_certified"], share=format_percent(d["women_certified_share"]))),
            (_("Roster strength"), strength),
            (_("Women"), _("{women} ({share} of the roster)").format(
                women=women, share=format_percent(gender.share(women, strength)))),
        ], 45 * mm),
    ]


def per_officer(data: ReportData) -> list[Flowable]:
    s = styles()
    table = roster.results_table(data, (_("certified"), _("not certified"), _("open")))
    if not table:
        return []
    return [
        para(_("Results per officer"), s.h1),
        para(_("An officer is certified when he or she passes every individual test that applies."), s.body),
        *table,
    ]
