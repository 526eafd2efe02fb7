"""Stored values in words of the active language, as reports and screens print them: answers, verdicts, action
and follow-up statuses, lease types, gender."""

from __future__ import annotations

from typing import Any

from inspector_app.domain.answers import NA
from inspector_app.domain.checklist import Slot
from inspector_app.domain.mou import MouVersionRef
from inspector_app.domain.template_model import AnswerType, Template
from inspector_app.i18n import N_, _, ngettext
from inspector_app.locale_format import format_date, format_number

FOLLOW_UP_STATUSES = ("pending", "done", "not_done", "extended")  # extended: a new due date, the action stays open

_STATUS_LABELS = {"pending": N_("pending"), "done": N_("done"), "not_done": N_("not done"), "open": N_("open"),
                  "extended": N_("extended")}


def status_label(status: str) -> str:
    """A follow-up's or an action's status, in the active language."""
    return _(_STATUS_LABELS.get(status, status))


def lease(value: str) -> str:
    return {"wet": _("wet"), "dry": _("dry")}.get(value, value)


def asset_condition(value: str) -> str:
    """An asset's condition, or its status in a repatriation reconciliation (domain/assets, reconciliation)."""
    return {"serviceable": _("serviceable"), "unserviceable": _("unserviceable"), "missing": _("missing"),
            "written_off": _("written off"), "present": _("present"), "damaged": _("damaged")}.get(value, value)


def gender(value: str) -> str:
    return {"female": _("female"), "male": _("male")}.get(value, value)


def verdict(passed: bool | None, provisional: bool = False) -> str:
    """PASS, FAIL or open; a fail computed while some of its items are unanswered is only "provisional"."""
    if passed is False and provisional:
        return _("provisional")
    return {True: _("PASS"), False: _("FAIL"), None: _("open")}[passed]


def answer(template: Template, slot: Slot | None, value: Any, lang: str) -> str:
    """The stored ``value`` of ``slot`` as words: option labels, yes/no, counts, numbers."""
    if value is None:
        return "—"
    if value == NA:
        return _("n/a")
    if slot is None:
        return str(value)
    item = slot.item
    match item.type:
        case AnswerType.YES_NO:
            return {"yes": _("yes"), "no": _("no")}.get(value, str(value))
        case AnswerType.CHOICE:
            option = next((o for o in template.options(item) if o.code == value), None)
            return option.label.get(lang) if option else str(value)
        case AnswerType.MOU_COUNT:
            return _("found {found}, serviceable {serviceable}").format(**value)
        case AnswerType.PHOTO:
            return ngettext("{n} photo", "{n} photos", len(value)).format(n=len(value))
        case AnswerType.SIGNATURE:
            return _("signed by {name}").format(name=value.get("signer", ""))
        case AnswerType.NUMBER | AnswerType.SCORE:
            return format_number(value)
    return str(value)


def subject(slot: Slot) -> str:
    """What a repeated item was answered for: an MOU line or a person; "" for a single item."""
    if slot.mou_line is not None:
        return _("line {no}: {item}").format(no=slot.mou_line.line_no, item=slot.mou_line.item)
    if slot.person is not None:
        return f"{slot.person.name} ({slot.person.id_number})"
    return ""


def mou_version(ref: MouVersionRef) -> str:
    """Which MOU version an inspection was judged against: "MOU/X/1, amendment 2 in force from 1 March 2026"."""
    reference = ref.reference or _("MOU without a reference")
    when = format_date(ref.effective_from) if ref.effective_from else ""
    if ref.amendment == 0:
        if when:
            return _("{reference}, original MOU in force from {date}").format(reference=reference, date=when)
        return _("{reference}, original MOU").format(reference=reference)
    return _("{reference}, amendment {number} in force from {date}").format(
        reference=reference, number=ref.amendment, date=when or "—")


def quarter(code: str) -> str:
    """A quarter written "2026Q3" in words: "Q3 2026"."""
    return _("Q{quarter} {year}").format(quarter=code[-1], year=code[:4])
