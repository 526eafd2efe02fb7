"""The demo's AMS: two batches of Senegalese candidates for individual police service, assessed on the AMS
template's newest version 26 months ago and a month ago (dates count back from today). The registry shows
candidates cleared (one on the driving retry), not cleared (one eliminated, one waiting to retake, one free to
retake) and a pass that has expired."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from inspector_app.domain.checklist import PersonRef
from inspector_app.domain.template_model import AnswerType, Item, Template
from inspector_app.services import inspections, templates, units

if TYPE_CHECKING:
    from sqlmodel import Session

    from inspector_app.services.workspace import Workspace

TEAM = "UN Selection Assistance and Assessment Team"
ELIMINATED = "not tested (eliminated)"
PASSING: dict[str, Any] = {
    "ams.language.reading": "pass", "ams.language.listening": "pass", "ams.language.writing": "pass",
    "ams.language.speaking": "pass", "ams.computer.basic": "pass", "ams.driving.eyesight": "pass",
    "ams.driving.handling": "pass", "ams.driving.road": "pass", "ams.weapons.safety": "pass",
    "ams.weapons.assembly": 72, "ams.weapons.hits_5m": 9, "ams.weapons.hits_10m": 8, "ams.weapons.hits_15m": 7}
# Batch (unit) name, days ago, and each candidate with the answers that differ from a pass.
BATCHES: list[tuple[str, int, list[tuple[PersonRef, dict[str, Any]]]]] = [
    ("UNPOL candidates Senegal 2024", 800, [
        (PersonRef("SEN-IPO-101", "Awa Ndiaye", "Police Captain", "female"), {}),  # cleared: expired since
        (PersonRef("SEN-IPO-102", "Ousmane Diallo", "Police Lieutenant", "male"), {"ams.weapons.assembly": 104}),
    ]),
    ("UNPOL candidates Senegal 2026", 30, [
        (PersonRef("SEN-IPO-103", "Fatou Sow", "Police Sergeant", "female"), {}),
        (PersonRef("SEN-IPO-104", "Ibrahima Sarr", "Police Captain", "male"), {"ams.driving.handling": "retry_pass"}),
        (PersonRef("SEN-IPO-105", "Cheikh Fall", "Police Sergeant", "male"), {"ams.weapons.hits_15m": 4}),
        (PersonRef("SEN-IPO-106", "Mariama Ba", "Police Lieutenant", "female"), {"ams.language.speaking": "fail"}),
    ]),
]


def add_units(ws: Workspace, session: Session, mission_id: str) -> None:
    """The batches of candidates, in the caller's transaction."""
    for name, _days_ago, batch in BATCHES:
        unit = units.add_unit(ws, session, mission_id, name=name, contributing_country="Senegal", kind=units.CANDIDATES,
                              location="École nationale de police, Dakar")
        units.add_persons(ws, session, unit, [person for person, _changed in batch])


def assess(ws: Workspace) -> None:
    """Each batch's assessment, answered in one transaction and submitted for review (on the AMS template version 3
    or later: an installation of an older release has none, and its candidates stay unassessed)."""
    with ws.db.read() as session:
        if templates.latest(session, "ams").version < 3:
            return
    for name, days_ago, batch in BATCHES:
        inspection = inspections.start(ws, name, "ams", "ams", team=TEAM,
                                       start_date=date.today() - timedelta(days=days_ago))
        with ws.db.session() as session:
            row = inspections.find(session, inspection.id)
            template = inspections.checklist_of(ws, session, row).template
            worst = {item.code: _worst(template, item) for _section, item in template.items()}
            for person, changed in batch:
                for key, value, remark in _answers(person.id_number, changed, worst):
                    checked = inspections.checked_value(ws, session, row, key, None, value)
                    inspections.store_answer(ws, session, row, key, checked, remark)
        inspections.submit(ws, inspection.id)


def _worst(template: Template, item: Item) -> Any:
    """The answer of a test not taken: its first failing choice, no hits, the longest time."""
    if item.type is AnswerType.CHOICE:
        return next((o.code for o in template.options(item) if o.passes is False), None)
    return item.max if item.pass_max is not None else item.min


Answered = tuple[str, Any, str | None]  # key, value, remark


def _answers(id_number: str, changed: dict[str, Any], worst: dict[str, Any]) -> list[Answered]:
    """A candidate's answers in the tests' order: a failed choice eliminates, so the tests after it are recorded
    as failed, or at their ``worst`` value (no hits, the longest time), with a remark."""
    out: list[Answered] = []
    eliminated = False
    for code, passing in PASSING.items():
        key = f"{code}/{id_number}"
        if eliminated:
            out.append((key, worst[code], ELIMINATED))
            continue
        value = changed.get(code, passing)
        out.append((key, value, None))
        eliminated = value == "fail"
    return out
